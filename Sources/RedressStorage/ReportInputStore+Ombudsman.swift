import Foundation
import RedressCore
import SQLKit

/// The Ombudsman letter inputs (population, similar authorities' figures), one setting per year,
/// each saved only from the version its form showed.
extension ReportInputStore {
    static func ombudsmanLetterKey(_ year: Int) -> String { "ombudsman-letter-\(year)" }

    /// A year's entries with their version (`SettingsStore.unsavedVersion` when none were saved).
    public func ombudsmanLetter(year: Int) async throws -> (letter: OmbudsmanLetter, version: String) {
        let (letter, version) = try await SettingsStore(database: database).loadVersioned(
            Self.ombudsmanLetterKey(year), default: OmbudsmanLetter(year: year))
        return (letter, version)
    }

    /// Saves a year's entries if nobody has saved them since `expectedVersion`; otherwise
    /// `DatabaseError.conflict` and nothing changes.
    @discardableResult
    public func saveOmbudsmanLetter(_ letter: OmbudsmanLetter, expectedVersion: String) async throws -> String {
        try await SettingsStore(database: database).save(
            Self.ombudsmanLetterKey(letter.year), letter, expectedVersion: expectedVersion)
    }

    /// Every year's entries, oldest first.
    public func ombudsmanLetters() async throws -> [OmbudsmanLetter] {
        try await database.read { sql in
            try await sql.raw("SELECT key, value FROM setting WHERE key LIKE 'ombudsman-letter-%' ORDER BY key")
                .all().map { row in
                    let text = try row.decode(column: "value", as: String.self)
                    do { return try JSONDecoder().decode(OmbudsmanLetter.self, from: Data(text.utf8)) } catch {
                        throw DatabaseError.corruptRow(
                            table: "setting", column: try row.decode(column: "key", as: String.self),
                            value: String(text.prefix(80)))
                    }
                }
        }
    }
}
