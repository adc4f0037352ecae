import Foundation
import RedressDocuments
import Testing

/// Child processes are started with `posix_spawn` (`ChildProcess`); what a caller sees of them
/// must be what it saw through Foundation's `Process`.
@Suite("Child processes")
struct ChildProcessTests {
    @Test("output, errors and exit status come back; a signal reads as 128 plus it; nothing else is inherited")
    func statuses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (out, err) = (folder.appendingPathComponent("out").path, folder.appendingPathComponent("err").path)
        // A file this process holds open without close-on-exec: the child must not have it.
        let held = open("/etc/hostname", O_RDONLY)
        #expect(held > 2)
        defer { close(held) }
        let script =
            "echo \"out $GREETING\"; echo err >&2; "
            + "if [ -e /proc/$$/fd/\(held) ]; then echo inherited; else echo closed; fi; exit 3"
        let child = try ChildProcess.start(
            "/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin", "GREETING": "hello"], output: out,
            errors: err)
        #expect(await child.waitInBackground() == 3)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(lines == ["out hello", "closed"])
        #expect(try String(contentsOfFile: err, encoding: .utf8) == "err\n")
        let killed = try ChildProcess.start("/bin/sh", ["-c", "kill -9 $$"], environment: [:])
        #expect(killed.wait() == 137)
        #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.start("/nonexistent/program", [], environment: [:])
        }
    }
}
