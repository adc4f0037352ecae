import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run as a child process with `posix_spawn`, rather than Foundation's `Process`. On
/// Linux, `Process.run()` in the Foundation shipped with Swift 6.3 copies each `/proc/self/fd`
/// entry's whole 256-byte name and can read past the end of glibc's buffer into an unmapped page,
/// crashing the whole program (swiftlang/swift-corelibs-foundation#5472). It crashed a CI run
/// here; the server runs Chromium this way to print PDFs and must not fall over with it.
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let id: pid_t

    /// Why a child could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `executable` with `arguments` and exactly `environment`, its standard input empty and
    /// its standard output and error written to the files at `output` and `errors` (created or
    /// emptied; discarded when `nil`). It inherits no other open file.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], output: String? = nil,
        errors: String? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let writing = O_WRONLY | O_CREAT | O_TRUNC
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", writing, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors ?? "/dev/null", writing, 0o600)
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var id: pid_t = 0
        let result = posix_spawn(&id, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw Failure(description: "\(executable) could not be started: \(String(cString: strerror(result)))")
        }
        return ChildProcess(id: id)
    }

    /// Waits for the child to end, holding the calling thread: its exit status, or 128 plus the
    /// number of the signal that ended it (as a shell reports it).
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(id, &status, 0) == -1 && errno == EINTR {}
        return Self.exitStatus(status)
    }

    /// The exit status if the child has ended (it is then reaped), `nil` while it runs.
    public func ended() -> Int32? {
        var status: Int32 = 0
        return waitpid(id, &status, WNOHANG) == id ? Self.exitStatus(status) : nil
    }

    /// Waits on a thread of its own, so no task's thread is held for the child's whole run.
    public func waitInBackground() async -> Int32 {
        await withCheckedContinuation { (ended: CheckedContinuation<Int32, Never>) in
            Thread { ended.resume(returning: self.wait()) }.start()
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Swift
    /// module for glibc does not declare: the child then closes every file above standard error
    /// rather than inheriting those not marked close-on-exec.
    private static let closeFrom:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? =
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np").map {
                unsafeBitCast(
                    $0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
            }

    static func exitStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
