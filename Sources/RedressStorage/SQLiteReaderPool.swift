import Logging
import SQLKit
import SQLiteKit

/// Read-only connections to one SQLite file, lent out one unit of work at a time. In WAL mode
/// each sees the last committed state while the single writer works, so pages and reports do
/// not queue behind each other or behind a write. Every connection is closed by `closeAll`.
final actor SQLiteReaderPool {
    private let connections: [SQLiteConnection]
    private var idle: [SQLiteConnection]
    private var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []

    private init(_ connections: [SQLiteConnection]) {
        self.connections = connections
        self.idle = connections
    }

    /// Opens `count` connections with `query_only` set, so a write through one fails loudly.
    static func open(path: String, count: Int, logger: Logger) async throws -> SQLiteReaderPool {
        var opened: [SQLiteConnection] = []
        do {
            for _ in 0..<count {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                opened.append(connection)
                let sql = connection.sql(queryLogLevel: nil)
                try await sql.raw("PRAGMA query_only = ON").run()
                try await sql.raw("PRAGMA busy_timeout = 5000").run()
                // Pages read through a memory map rather than a read() call each, and a larger
                // page cache: the work queue and the case list touch a thousand rows a page.
                try await sql.raw("PRAGMA mmap_size = 268435456").run()
                try await sql.raw("PRAGMA cache_size = -16384").run()
            }
        } catch {
            for connection in opened { try? await connection.close() }
            throw error
        }
        return SQLiteReaderPool(opened)
    }

    /// An idle connection, waiting first come, first served when all are lent.
    func lease() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func giveBack(_ connection: SQLiteConnection) {
        if waiting.isEmpty { idle.append(connection) } else { waiting.removeFirst().resume(returning: connection) }
    }

    func closeAll() async {
        for connection in connections { try? await connection.close() }
    }
}
