import Logging

/// Read-only connections to one SQLite file, lent out one unit of work at a time. In WAL mode
/// each sees the last committed state while the single writer works, so pages and reports do
/// not queue behind each other or behind a write. Every connection is closed by `closeAll`.
final actor SQLiteReaderPool {
    private let connections: [SQLiteReadConnection]
    private var idle: [SQLiteReadConnection]
    private var waiting: [CheckedContinuation<SQLiteReadConnection, Never>] = []

    private init(_ connections: [SQLiteReadConnection]) {
        self.connections = connections
        self.idle = connections
    }

    /// Opens `count` connections with `query_only` set, so a write through one fails loudly.
    static func open(path: String, count: Int, logger: Logger) async throws -> SQLiteReaderPool {
        var opened: [SQLiteReadConnection] = []
        for _ in 0..<count { opened.append(try SQLiteReadConnection(path: path)) }
        return SQLiteReaderPool(opened)
    }

    /// An idle connection, waiting first come, first served when all are lent.
    func lease() async -> SQLiteReadConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func giveBack(_ connection: SQLiteReadConnection) {
        if waiting.isEmpty { idle.append(connection) } else { waiting.removeFirst().resume(returning: connection) }
        if idle.count == connections.count, let drained {
            self.drained = nil
            drained.resume()
        }
    }

    /// Resumed when every connection is back, for `closeAll`.
    private var drained: CheckedContinuation<Void, Never>?

    /// Closes every connection once none is lent: SQLite's handle is freed when closed, so one
    /// closed under a read still running would be used after it was freed. A connection lent
    /// after this refuses every statement.
    func closeAll() async {
        while idle.count < connections.count { await withCheckedContinuation { drained = $0 } }
        for connection in connections { connection.close() }
    }
}
