import Foundation

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

    /// Runs the command and waits for it without holding a thread: the wait is the process's
    /// termination handler. A test that blocked in `waitUntilExit` held one of the cooperative
    /// threads (two, on two cores) for the whole subprocess, and two such tests starved every
    /// other test of the suite for as long — long enough for a test of concurrent work to exceed
    /// a minute. Output goes to files, not pipes: a child filling one pipe while the parent reads
    /// the other to its end would wait on each other for ever.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Command {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "REDRESS_DATABASE_URL")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        return try await withTemporaryFolder { folder in
            let (outFile, errFile) = (folder.appendingPathComponent("out"), folder.appendingPathComponent("err"))
            for file in [outFile, errFile] { FileManager.default.createFile(atPath: file.path, contents: nil) }
            let (out, err) = (try FileHandle(forWritingTo: outFile), try FileHandle(forWritingTo: errFile))
            defer { (try? out.close(), try? err.close()) }
            process.standardOutput = out
            process.standardError = err
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                process.terminationHandler = { _ in done.resume() }
                do { try process.run() } catch { done.resume(throwing: error) }
            }
            return Command(
                status: process.terminationStatus,
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
