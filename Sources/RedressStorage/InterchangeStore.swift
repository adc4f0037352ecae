import Foundation
import RedressCore
import SQLKit

/// Export and import in the interchange format (JSON Lines, `docs/interchange.md`). Export
/// writes every representation, oldest first, with its history, equality answers and letters.
/// Import checks the whole file first and, on any problem, imports nothing; it is idempotent on
/// the reference (a representation already here is left as it is).
public struct InterchangeStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Now, as every stored time is written (UTC, ISO 8601, seconds).
    public static func now() -> String { Timestamp.now() }

    /// Every representation as interchange lines, in receipt order, then the trailer that seals
    /// the file (`InterchangeFile`); `write` is called with each line, newline included.
    /// Returns the number of representations.
    ///
    /// The whole file is one consistent snapshot, read a page of `pageSize` cases at a time in
    /// receipt order (keyset paging on `received_on, reference`): memory stays flat however many
    /// cases there are, and no case is decoded into the shared cache.
    public func export(pageSize: Int = 1000, _ write: @escaping (String) throws -> Void) async throws -> Int {
        let sink = Sink(InterchangeFile.Writer(write))
        return try await database.snapshot { sql in
            var after: (String, String)?
            while true {
                let page = try await RepresentationStore.page(after: after, limit: pageSize, on: sql)
                guard let last = page.last else { break }
                for record in try await Self.records(of: page, on: sql) { try sink.writer.append(record) }
                after = (last.receivedOn.iso, last.reference)
            }
            return try sink.writer.finish()
        }
    }

    /// The writer, used from the snapshot's body one page after another, never at once.
    private final class Sink: @unchecked Sendable {
        var writer: InterchangeFile.Writer
        init(_ writer: InterchangeFile.Writer) { self.writer = writer }
    }

    /// `representations` with their history, equality answers and letters, read on `sql`.
    static func records(
        of representations: [Representation], on sql: any SQLDatabase
    ) async throws
        -> [InterchangeRecord]
    {
        let ids: [any Encodable & Sendable] = representations.map(\.id)
        var events: [String: [InterchangeEvent]] = [:]
        for row in try await sql.raw(
            """
            SELECT representation_id, sequence, recorded_at, recorded_by, command, summary FROM case_event \
            WHERE representation_id IN (\(binds: ids)) ORDER BY representation_id, sequence
            """
        ).all() {
            let json = try row.decode(column: "command", as: String.self)
            guard let command = try? DocumentDecoder().decode(CaseCommand.self, from: json) else {
                throw DatabaseError.corruptRow(table: "case_event", column: "command", value: String(json.prefix(80)))
            }
            events[try row.decode(column: "representation_id", as: String.self), default: []].append(
                InterchangeEvent(
                    sequence: try row.decode(column: "sequence", as: Int.self),
                    recordedAt: try row.decode(column: "recorded_at", as: String.self),
                    recordedBy: try row.decode(column: "recorded_by", as: String.self), command: command,
                    summary: try row.decode(column: "summary", as: String.self)))
        }
        var letters: [String: [Letter]] = [:]
        for row in try await sql.raw(
            "SELECT * FROM letter WHERE representation_id IN (\(binds: ids)) ORDER BY created_on, id"
        ).all() {
            let letter = try LetterStore.decodeLetter(row)
            letters[letter.representationID, default: []].append(letter)
        }
        let equality = try await ReportInputStore.equality(on: sql, of: representations.map(\.id))
        return representations.map { r in
            InterchangeRecord(
                representation: r, history: events[r.id] ?? [], equality: equality[r.id], letters: letters[r.id] ?? [])
        }
    }

    /// Every representation as an interchange record, in receipt order (all in memory: for
    /// checks and tests; `export` streams).
    public func records() async throws -> [InterchangeRecord] {
        let representations = try await RepresentationStore(database: database).all()
        return try await database.read { sql in try await Self.records(of: representations, on: sql) }
    }

    /// What an import did.
    public struct ImportResult: Sendable, Hashable {
        public var imported: Int
        public var alreadyPresent: Int

        public init(imported: Int, alreadyPresent: Int) {
            self.imported = imported
            self.alreadyPresent = alreadyPresent
        }
    }

    /// Imports `records` (checked already) in one transaction; see `importBatches`.
    public func importRecords(
        _ records: [InterchangeRecord], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> Result<ImportResult, ImportProblemList> {
        let batches = RecordBatches(records.chunked(into: Self.batchSize).map(Array.init))
        return try await importBatches(total: records.count, progress: progress) { batches.next() }
    }

    /// How many records are written at a time.
    public static let batchSize = 500

    /// Imports records (checked already) a batch at a time from `next` (`nil` when there are no
    /// more), all in one transaction: a representation whose reference is here already with the
    /// same id is left as it is; one whose reference or id is here for another case is a problem,
    /// and then nothing is imported. Only one batch is held at a time, so a file of any size
    /// imports in flat memory. An error from `next` (a file changed since it was checked) rolls
    /// everything back too.
    public func importBatches(
        total: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
        _ next: @escaping @Sendable () throws -> [InterchangeRecord]?
    ) async throws -> Result<ImportResult, ImportProblemList> {
        do {
            return .success(
                try await database.transaction { sql in
                    var existing: [String: String] = [:]  // reference -> id
                    for row in try await sql.raw("SELECT id, reference FROM representation").all() {
                        existing[try row.decode(column: "reference", as: String.self)] = try row.decode(
                            column: "id", as: String.self)
                    }
                    let ids = Set(existing.values)
                    var problems: [ImportProblem] = [], skipped = 0, imported = 0, seen = 0
                    while let batch = try next() {
                        var fresh: [InterchangeRecord] = []
                        for record in batch {
                            seen += 1
                            if let id = existing[record.representation.reference] {
                                if id == record.representation.id {
                                    skipped += 1
                                } else {
                                    problems.append(
                                        ImportProblem(
                                            line: seen, field: "representation.reference",
                                            message:
                                                "\(record.representation.reference) is already here with another id"
                                        ))
                                }
                            } else if ids.contains(record.representation.id) {
                                problems.append(
                                    ImportProblem(
                                        line: seen, field: "representation.id",
                                        message: "is already used here by another reference"))
                            } else {
                                fresh.append(record)
                            }
                        }
                        // With a problem found, the rest is only checked: all of it is rolled back.
                        guard problems.isEmpty, !fresh.isEmpty else { continue }
                        try await Self.write(fresh, on: sql)
                        imported += fresh.count
                        progress?(imported, total)
                    }
                    guard problems.isEmpty else { throw ImportProblemList(problems: problems) }
                    return ImportResult(imported: imported, alreadyPresent: skipped)
                })
        } catch let problems as ImportProblemList {
            return .failure(problems)
        }
    }

    /// Writes one batch of new records: cases and stages, histories, equality answers, letters,
    /// and the reference counters moved past them.
    private static func write(_ fresh: [InterchangeRecord], on sql: any SQLDatabase) async throws {
        try await RepresentationStore.insert(fresh.map(\.representation), on: sql)
        try await CaseEventLog.insertEvents(
            Dictionary(uniqueKeysWithValues: fresh.map { ($0.representation.id, $0.history) }), on: sql)
        try await ReportInputStore.setEquality(
            Dictionary(uniqueKeysWithValues: fresh.compactMap { r in r.equality.map { (r.representation.id, $0) } }),
            on: sql)
        for letter in fresh.flatMap(\.letters) { try await LetterStore.insert(letter, on: sql) }
        try await RepresentationStore.advanceReferenceCounters(for: fresh.map(\.representation), on: sql)
    }

    /// Batches of an array handed out one at a time.
    private final class RecordBatches: @unchecked Sendable {
        private var batches: [[InterchangeRecord]]
        private var index = 0
        init(_ batches: [[InterchangeRecord]]) { self.batches = batches }
        func next() -> [InterchangeRecord]? {
            guard index < batches.count else { return nil }
            defer { index += 1 }
            return batches[index]
        }
    }
}

/// The problems that stopped an import.
public struct ImportProblemList: Error, Sendable, Hashable {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }
}
