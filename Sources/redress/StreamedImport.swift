import Foundation
import RedressCore
import RedressStorage

/// A file read a megabyte at a time.
enum FileChunks {
    static let size = 1 << 20

    /// The file's size in bytes, or a clear failure when it cannot be read.
    static func size(of path: String) throws -> Int {
        guard FileManager.default.isReadableFile(atPath: path),
            let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        else { throw Failure(description: "Cannot read \(path): no such file or not readable.") }
        return size
    }

    /// Calls `body` with each chunk of the file in order.
    static func each(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(description: "Cannot read \(path): no such file or not readable.")
        }
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: size), !data.isEmpty { try body([UInt8](data)[...]) }
    }
}

/// The records of an interchange file, a batch at a time, read again after it was checked: the
/// second pass of `redress import`. It fails if the file is no longer the one checked (a line that
/// will not decode, or a trailer that no longer matches), which rolls the import back.
final class StreamedRecords: @unchecked Sendable {
    private let handle: FileHandle
    private var reader = InterchangeFile.RecordLineReader()
    private var waiting: [InterchangeFile.Line] = []
    private var ended = false

    struct Changed: Error, CustomStringConvertible {
        var description: String { "the file changed while it was being imported; nothing was imported" }
    }

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(description: "Cannot read \(path): no such file or not readable.")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next batch of records, or `nil` at the end of the file.
    func next() throws -> [InterchangeRecord]? {
        while waiting.count < InterchangeStore.batchSize && !ended {
            if let data = try handle.read(upToCount: FileChunks.size), !data.isEmpty {
                waiting += reader.feed([UInt8](data)[...])
            } else {
                waiting += reader.finish()
                ended = true
                guard reader.problems.isEmpty else { throw Changed() }
            }
        }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.prefix(InterchangeStore.batchSize)
        waiting.removeFirst(batch.count)
        do {
            // Decoded side by side on the machine's cores while this batch is in hand.
            return try Parallel.chunked(Array(batch), atLeast: 64) { lines in
                try lines.map { try DocumentDecoder().decode(InterchangeRecord.self, from: $0.text) }
            }
        } catch {
            throw Changed()
        }
    }
}

extension ImportCommand {
    /// Checks an interchange file line by line as it is read (nothing is held but the references
    /// and ids seen, for duplicates), then, with no problem found, reads it again and writes it a
    /// batch at a time in one transaction (`InterchangeStore.importBatches`).
    static func streamed(
        file: String, validator: InterchangeValidator, database: Database, dryRun: Bool,
        say: @escaping @Sendable (String) -> Void
    ) async throws -> Result<InterchangeStore.ImportResult, ImportProblemList> {
        var checker = InterchangeValidator.Checker(validator: validator)
        var reader = InterchangeFile.RecordLineReader()
        var count = 0
        try FileChunks.each(file) { chunk in count += checker.check(reader.feed(chunk)).count }
        count += checker.check(reader.finish()).count
        // A file that cannot be read as a whole (its trailer, its encoding) is reported alone, as
        // its lines may be anything.
        let problems = reader.problems.isEmpty ? checker.problems : reader.problems
        guard problems.isEmpty else { return .failure(ImportProblemList(problems: problems)) }
        if dryRun { return .success(.init(imported: 0, alreadyPresent: 0)) }
        say("import: \(count) records checked; writing")
        let records = try StreamedRecords(path: file)
        let result: Result<InterchangeStore.ImportResult, ImportProblemList>
        do {
            result = try await InterchangeStore(database: database).importBatches(
                total: count, progress: { done, total in say("import: \(done)/\(total) written") }
            ) { try records.next() }
        } catch let changed as StreamedRecords.Changed {
            throw Failure(description: "Nothing was imported: \(changed.description).")
        }
        return result
    }
}

extension ImportCommand {
    /// A legacy CSV, read whole and mapped as a whole, then checked like any import and written in
    /// one transaction.
    static func mapped(
        _ legacy: (LegacyMapping, [CSV.Record]), validator: InterchangeValidator, reference: ReferenceData,
        procedures: [ProcedureDefinition], database: Database, dryRun: Bool, say: @escaping @Sendable (String) -> Void
    ) async throws -> Result<InterchangeStore.ImportResult, ImportProblemList> {
        var (records, problems) = LegacyImport(
            mapping: legacy.0, reference: reference, procedures: procedures, importedAt: InterchangeStore.now()
        ).convert(legacy.1)
        // What the mapping made goes through the same history check as any import.
        for (i, record) in records.enumerated() {
            problems += validator.replay.problems(in: record, line: i + 2).map {
                ImportProblem(
                    line: $0.line, field: "\(record.representation.reference): \($0.field)", message: $0.message)
            }
        }
        guard problems.isEmpty else { return .failure(ImportProblemList(problems: problems)) }
        if dryRun { return .success(.init(imported: 0, alreadyPresent: 0)) }
        say("import: \(records.count) records checked; writing")
        return try await InterchangeStore(database: database).importRecords(records) { done, total in
            say("import: \(done)/\(total) written")
        }
    }
}
