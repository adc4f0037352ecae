import Foundation
import SQLKit

/// A value that changes whenever the council's configuration changes: code lists, procedures,
/// the bank-holiday calendar, people and pools, and settings such as the access policy. Readers
/// that keep configuration in memory compare it on each use (one small read) instead of loading
/// everything again, and still see a change made by another process (the CLI) at once.
public enum ConfigurationStamp {
    static let key = "configuration-stamp"

    /// The current stamp (empty before the first change since the database was created).
    public static func current(in database: Database) async throws -> String {
        try await database.read { sql in
            try await sql.raw("SELECT value FROM setting WHERE key = \(bind: key)").first()?.decode(
                column: "value", as: String.self) ?? ""
        }
    }

    /// Marks a configuration change; called inside the transaction that makes it.
    static func bump(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM setting WHERE key = \(bind: key)").run()
        try await sql.insert(into: "setting").columns("key", "value", "updated_at")
            .values(SQLBind(key), SQLBind(UUID().uuidString), SQLBind(Timestamp.now())).run()
    }
}
