import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

/// `redress export` and `redress import`: the interchange format (`docs/interchange.md`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            """
            Write every representation, with its history, equality answers and letters, as JSON Lines; or a \
            one-row-per-case CSV summary without personal data (--format csv).
            """
    )
    @OptionGroup var storage: StorageOptions
    @Option(help: "File to write; standard output if not given.") var out: String?
    @Option(help: "jsonl (lossless, for import) or csv (the flat profile, for spreadsheets).") var format = "jsonl"

    func run() async throws {
        let (path, format) = (out, self.format)
        guard ["jsonl", "csv"].contains(format) else { throw Failure(description: "--format must be jsonl or csv.") }
        // Written as it is read, to a file beside the one asked for that takes its name only when
        // complete: an export that fails part way leaves no half file under the name.
        let partial = path.map { $0 + ".partial" }
        let output: StreamedOutput
        if let partial {
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                let handle = FileHandle(forWritingAtPath: partial)
            else { throw Failure(description: "Cannot write \(path ?? partial).") }
            output = StreamedOutput(handle)
        } else {
            output = StreamedOutput(.standardOutput, isFile: false)
        }
        let count: Int
        do {
            count = try await storage.withDatabase { database in
                if format == "csv" {
                    let all = try await RepresentationStore(database: database).all()
                    try output.write(FlatProfile.csv(all))
                    return all.count
                }
                return try await InterchangeStore(database: database).export { try output.write($0) }
            }
            try output.finish()
        } catch {
            if let partial { try? FileManager.default.removeItem(atPath: partial) }
            if error is StreamedOutput.CannotWrite {
                throw Failure(description: "Cannot write \(path ?? "the output").")
            }
            throw error
        }
        if let path, let partial {
            _ = try? FileManager.default.removeItem(atPath: path)
            do { try FileManager.default.moveItem(atPath: partial, toPath: path) } catch {
                throw Failure(description: "Cannot write \(path).")
            }
            print("Exported \(count) representation\(count == 1 ? "" : "s") to \(path).")
        }
    }
}

/// Text written out through a buffer of about a megabyte, so an export of a million cases never
/// holds more than a page of them. Used from one task at a time.
final class StreamedOutput: @unchecked Sendable {
    struct CannotWrite: Error {}
    private let handle: FileHandle
    private let isFile: Bool
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20

    init(_ handle: FileHandle, isFile: Bool = true) {
        self.handle = handle
        self.isFile = isFile
        buffer.reserveCapacity(Self.flushAt + 65_536)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushAt { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw CannotWrite() }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, closes it.
    func finish() throws {
        try flush()
        if isFile { try? handle.close() }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            """
            Import an interchange file. The whole file is checked first; on any problem nothing is imported. \
            Representations already here (same reference) are left as they are.
            """
    )
    @OptionGroup var storage: StorageOptions
    @Argument(
        help:
            """
            The JSON Lines file, as `redress export` writes it; or, with --mapping, a CSV exported from another \
            system.
            """
    ) var file: String
    @Option(
        help: "A legacy column-mapping file (JSON; see docs/interchange.md): FILE is then a CSV from another system.")
    var mapping: String?
    @Flag(help: "Check the file and report, without importing.") var dryRun = false
    @Flag(help: "No progress messages on standard error.") var quiet = false
    @Option(
        help:
            """
            Bank-holiday calendar the histories' clocks are checked on. Default: REDRESS_CALENDAR, else \
            england-and-wales.
            """
    )
    var calendar: Division?

    func run() async throws {
        let division = try statutoryDivision(calendar)
        // An interchange file is read as it is checked and again as it is written (`streamed`); only
        // a legacy CSV, mapped as a whole, is read into memory.
        let bytes = mapping == nil ? [] : [UInt8](try readFile(file))
        let size = try FileChunks.size(of: file)
        let (quiet, dryRun, file) = (self.quiet, self.dryRun, self.file)
        @Sendable func say(_ line: String) { if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        var legacy: (LegacyMapping, [CSV.Record])?
        if let mappingPath = mapping {
            let mapping: LegacyMapping
            do { mapping = try JSONDecoder().decode(LegacyMapping.self, from: try readFile(mappingPath)) } catch let
                error as DecodingError
            {
                throw Failure(
                    description:
                        """
                        Nothing was imported: the mapping file \(mappingPath) is not right: \
                        \(describe(decodingError: error))
                        """
                )
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let line = CSV.firstLineNotUTF8(bytes)
                throw Failure(
                    description:
                        """
                        Nothing was imported: line \(line) of \(file) is not UTF-8 text; save the file as UTF-8 \
                        (CSV UTF-8 in Excel) and try again
                        """
                )
            }
            do { legacy = (mapping, try CSV.records(text)) } catch {
                throw Failure(
                    description: "Nothing was imported: \(file) is not a readable CSV file: \(error.description)")
            }
            say("import: checking \(max(0, (legacy?.1.count ?? 1) - 1)) rows against the mapping")
        } else {
            say("import: checking \(size) bytes")
        }
        let outcome = try await storage.withDatabase {
            [legacy] database -> Result<InterchangeStore.ImportResult, ImportProblemList> in
            let reference = try await ReferenceStore(database: database).load(),
                procedures = try await ProcedureStore(database: database).load()
            let calendar = WorkingDayCalendar(
                division: division, feed: try await CalendarStore(database: database).effectiveFeed())
            let people = try await PeopleStore(database: database).load()
            let validator = InterchangeValidator(
                reference: reference, procedures: procedures, calendar: calendar, people: people,
                today: LondonClock.today())
            let result =
                if let legacy {
                    try await Self.mapped(
                        legacy, validator: validator, reference: reference, procedures: procedures,
                        database: database, dryRun: dryRun, say: say)
                } else {
                    try await Self.streamed(
                        file: file, validator: validator, database: database, dryRun: dryRun, say: say)
                }
            if !dryRun, case .success(let r) = result {
                try await AuditLog(database: database).append(
                    AuditEntry(
                        userID: nil, username: operatorName(), action: .recordedCase,
                        detail: "imported \(r.imported) from \(URL(fileURLWithPath: file).lastPathComponent)"))
            }
            return result
        }
        switch outcome {
        case .failure(let list):
            let shown = list.problems.prefix(100).map(\.description)
            let more = list.problems.count > 100 ? ["… and \(list.problems.count - 100) more"] : []
            throw Failure(
                description: ([
                    """
                    Nothing was imported: \(list.problems.count) problem\(list.problems.count == 1 ? "" : "s") in \
                    \(file)
                    """
                ] + shown + more).joined(separator: "\n"))
        case .success(let result):
            print(
                dryRun
                    ? "\(file) is ready to import: no problems found."
                    : """
                    Imported \(result.imported) representation\(result.imported == 1 ? "" : "s"); \
                    \(result.alreadyPresent) already here.
                    """
            )
        }
    }
}
