import Foundation
import Logging
import SQLKit
import SQLiteKit

/// A copy of an SQLite database file made while it is in use (`VACUUM INTO` reads one
/// snapshot), then opened and checked with `PRAGMA integrity_check`.
public enum SQLiteFileBackup {
    /// Copies `database` to `path` and checks the copy; returns its number of cases.
    public static func copy(_ database: Database, to path: String) async throws -> Int {
        guard database.engine == .sqlite else { throw BackupError("Only an SQLite database can be copied as a file.") }
        // On the writing connection (VACUUM cannot run inside the read connections' transactions):
        // writes wait for the copy, which reads one consistent snapshot.
        try await database.withSQL { sql in try await sql.raw("VACUUM INTO \(bind: path)").run() }
        return try await Database.with(.sqlite(path: path), logger: database.logger) { copy in
            let result = try await copy.read { sql in
                try await sql.raw("PRAGMA integrity_check").all().map {
                    try $0.decode(column: "integrity_check", as: String.self)
                }
            }
            guard result == ["ok"] else {
                throw BackupError(
                    "The copy at \(path) failed its integrity check: \(result.prefix(3).joined(separator: "; ")).")
            }
            return try await RepresentationStore(database: copy).count()
        }
    }
}
