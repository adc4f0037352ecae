import ArgumentParser
import Foundation
import RedressCore
import RedressStorage

/// `redress export` and `redress import`: the interchange format (`docs/interchange.md`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every representation, with its history, equality answers and letters, as JSON Lines.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "File to write; standard output if not given.") var out: String?

    func run() async throws {
        let path = out
        let (text, count) = try await storage.withDatabase { database in
            var text = ""
            let count = try await InterchangeStore(database: database).export { text += $0 + "\n" }
            return (text, count)
        }
        if let path {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch { throw Failure(description: "Cannot write \(path).") }
            print("Exported \(count) representation\(count == 1 ? "" : "s") to \(path).")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an interchange file. The whole file is checked first; on any problem nothing is imported. Representations already here (same reference) are left as they are.")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The JSON Lines file, as `redress export` writes it.") var file: String
    @Flag(help: "Check the file and report, without importing.") var dryRun = false
    @Flag(help: "No progress messages on standard error.") var quiet = false

    func run() async throws {
        let data = try readFile(file)
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let trimmed = lines.last?.isEmpty == true ? Array(lines.dropLast()) : lines
        let (quiet, dryRun, file) = (self.quiet, self.dryRun, self.file)
        @Sendable func say(_ line: String) { if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        say("import: checking \(trimmed.count) lines")
        let outcome = try await storage.withDatabase { database -> Result<InterchangeStore.ImportResult, ImportProblemList> in
            let validator = InterchangeValidator(reference: try await ReferenceStore(database: database).load(), procedures: try await ProcedureStore(database: database).load())
            let (records, problems) = validator.check(lines: trimmed)
            guard problems.isEmpty else { return .failure(ImportProblemList(problems: problems)) }
            if dryRun { return .success(.init(imported: 0, alreadyPresent: 0)) }
            say("import: \(records.count) records checked; writing")
            let result = try await InterchangeStore(database: database).importRecords(records) { done, total in say("import: \(done)/\(total) written") }
            if case .success(let r) = result {
                try await AuditLog(database: database).append(AuditEntry(userID: nil, username: operatorName(), action: .recordedCase, detail: "imported \(r.imported) from \(URL(fileURLWithPath: file).lastPathComponent)"))
            }
            return result
        }
        switch outcome {
        case .failure(let list):
            let shown = list.problems.prefix(100).map(\.description)
            let more = list.problems.count > 100 ? ["… and \(list.problems.count - 100) more"] : []
            throw Failure(description: (["Nothing was imported: \(list.problems.count) problem\(list.problems.count == 1 ? "" : "s") in \(file)"] + shown + more).joined(separator: "\n"))
        case .success(let result):
            print(dryRun ? "\(file) is ready to import: no problems found." : "Imported \(result.imported) representation\(result.imported == 1 ? "" : "s"); \(result.alreadyPresent) already here.")
        }
    }
}
