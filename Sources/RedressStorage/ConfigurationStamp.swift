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
        try await database.readStatement { sql in
            try await sql.raw("SELECT value FROM setting WHERE key = \(bind: key)").first()?.decode(
                column: "value", as: String.self) ?? ""
        }
    }

    /// Marks a configuration change; called inside the transaction that makes it. One upsert, so
    /// two changes committed at once both stamp (a delete then insert let the second transaction,
    /// on PostgreSQL, insert a key the first had just inserted, and fail).
    static func bump(on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO setting (key, value, updated_at) VALUES (\(bind: key), \(bind: UUID().uuidString), \
            \(bind: Timestamp.now())) ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
            updated_at = excluded.updated_at
            """
        ).run()
    }
}
