import Foundation
import RedressCore
import SQLKit

/// Settings that people edit on a page, read with the version they were read at and saved only
/// if nobody saved them in between: two managers editing the report template at once get a
/// conflict, never a silent overwrite. The version is a fingerprint of the stored text, so no
/// column is added and settings saved before this existed have one too.
extension SettingsStore {
    public static let reportTemplateKey = "report-template"
    /// The version of a setting never saved.
    public static let unsavedVersion = "unsaved"

    public func loadVersioned<Value: Codable & Sendable>(
        _ key: String, default value: Value
    ) async throws -> (value: Value, version: String) {
        let text = try await database.read { sql in try await Self.storedText(key, on: sql) }
        guard let text else { return (value, Self.unsavedVersion) }
        do { return (try JSONDecoder().decode(Value.self, from: Data(text.utf8)), Self.version(of: text)) } catch {
            throw DatabaseError.corruptRow(table: "setting", column: key, value: String(text.prefix(80)))
        }
    }

    /// Saves `value` if the setting is still at `expectedVersion`; otherwise throws
    /// `DatabaseError.conflict` and changes nothing. Returns the new version.
    @discardableResult
    public func save<Value: Codable & Sendable>(
        _ key: String, _ value: Value, expectedVersion: String
    ) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return try await database.transaction { sql in
            let current = try await Self.storedText(key, on: sql)
            guard (current.map(Self.version(of:)) ?? Self.unsavedVersion) == expectedVersion else {
                throw DatabaseError.conflict(reference: key)
            }
            // The statement itself checks again, so a save that raced past the read above (on
            // PostgreSQL's read committed) finds nothing to change and is refused.
            let written: SQLRow?
            if let current {
                written = try await sql.raw(
                    """
                    UPDATE setting SET value = \(bind: text), updated_at = \(bind: Timestamp.now())
                    WHERE key = \(bind: key) AND value = \(bind: current) RETURNING key
                    """
                ).first()
            } else {
                written = try await sql.raw(
                    """
                    INSERT INTO setting (key, value, updated_at) VALUES (\(bind: key), \(bind: text), \
                    \(bind: Timestamp.now())) ON CONFLICT (key) DO NOTHING RETURNING key
                    """
                ).first()
            }
            guard written != nil else { throw DatabaseError.conflict(reference: key) }
            try await ConfigurationStamp.bump(on: sql)
            return Self.version(of: text)
        }
    }

    public static let countingConventionsKey = "counting-conventions"

    /// How the council counts where councils differ (the standard until one is saved).
    public func countingConventions() async throws -> (conventions: CountingConventions, version: String) {
        let (conventions, version) = try await loadVersioned(
            Self.countingConventionsKey, default: CountingConventions.standard)
        return (conventions, version)
    }

    /// The council's saved chapter order, titles and choices, fitted to this version's chapters.
    public func reportTemplate() async throws -> (template: ReportTemplate, version: String) {
        let (template, version) = try await loadVersioned(Self.reportTemplateKey, default: ReportTemplate.standard)
        return (template.fitted, version)
    }

    private static func storedText(_ key: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT value FROM setting WHERE key = \(bind: key)").first()?.decode(
            column: "value", as: String.self)
    }

    static func version(of text: String) -> String {
        String(SHA256Digest.hex(text).prefix(16))
    }
}
