import Foundation
import RedressDocuments

/// Runs the built `redress` executable, as a person or script would.
struct Command {
    var status: Int32
    var output: String
    var errors: String

    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "redress")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent(".build/debug/redress")
    }

    /// Runs the command and waits for it without holding a task's thread: the wait is on a
    /// thread of its own (`ChildProcess`, not Foundation's `Process`, whose `run()` can crash).
    /// A test that blocked in `waitUntilExit` held one of the cooperative threads (two, on two
    /// cores) for the whole subprocess, and two such tests starved every
    /// other test of the suite for as long — long enough for a test of concurrent work to exceed
    /// a minute. Output goes to files, not pipes: a child filling one pipe while the parent reads
    /// the other to its end would wait on each other for ever.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Command {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "REDRESS_DATABASE_URL")
        for (k, v) in environment { env[k] = v }
        return try await withTemporaryFolder { folder in
            let (outFile, errFile) = (folder.appendingPathComponent("out"), folder.appendingPathComponent("err"))
            let child = try ChildProcess.start(
                executable.path, arguments, environment: env, output: outFile.path, errors: errFile.path)
            let status = await child.waitInBackground()
            return Command(
                status: status,
                output: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
                errors: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
        }
    }
}

/// A temporary folder removed after the test.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}
