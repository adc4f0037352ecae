import Foundation
import RedressCore
import SQLKit

/// The council's self-assessment against the Complaint Handling Code, kept per year: each
/// provision's answer is its own setting with its own version, so two managers answering
/// different provisions never conflict, and one answering the same provision as another gets a
/// conflict, never a silent overwrite. The governing body's response is one more setting.
public struct CodeAssessmentStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    static func answerKey(_ year: Int, _ provision: String) -> String { "code-assessment-\(year)-\(provision)" }
    static func responseKey(_ year: Int) -> String { "code-governing-body-\(year)" }

    /// The year's answers and response, with the version of each answer by provision id.
    public func assessment(year: Int) async throws -> (assessment: CodeSelfAssessment, versions: [String: String]) {
        var assessment = CodeSelfAssessment(year: year)
        var versions: [String: String] = [:]
        let prefix = "code-assessment-\(year)-"
        let rows = try await database.read { sql in
            try await sql.raw(
                "SELECT key, value FROM setting WHERE key LIKE \(bind: prefix + "%") ORDER BY key"
            ).all().map {
                (try $0.decode(column: "key", as: String.self), try $0.decode(column: "value", as: String.self))
            }
        }
        for (key, text) in rows {
            let provision = String(key.dropFirst(prefix.count))
            guard ComplaintHandlingCode.provision(provision) != nil else { continue }
            do {
                assessment.answers[provision] = try JSONDecoder().decode(
                    CodeSelfAssessment.Answer.self, from: Data(text.utf8))
            } catch {
                throw DatabaseError.corruptRow(table: "setting", column: key, value: String(text.prefix(80)))
            }
            versions[provision] = SettingsStore.version(of: text)
        }
        assessment.governingBodyResponse = try await governingBodyResponse(year: year).text
        return (assessment, versions)
    }

    /// One provision's answer and its version (`SettingsStore.unsavedVersion` when not answered).
    public func answer(
        year: Int, provision: String
    ) async throws -> (answer: CodeSelfAssessment.Answer?, version: String) {
        let (answer, version) = try await SettingsStore(database: database).loadVersioned(
            Self.answerKey(year, provision), default: CodeSelfAssessment.Answer?.none)
        return (answer, version)
    }

    /// Saves an answer made from `expectedVersion`; `DatabaseError.conflict` if someone saved since.
    @discardableResult
    public func save(
        _ answer: CodeSelfAssessment.Answer, year: Int, provision: String, expectedVersion: String
    ) async throws -> String {
        try await SettingsStore(database: database).save(
            Self.answerKey(year, provision), answer, expectedVersion: expectedVersion)
    }

    public func governingBodyResponse(year: Int) async throws -> (text: String, version: String) {
        let (text, version) = try await SettingsStore(database: database).loadVersioned(
            Self.responseKey(year), default: "")
        return (text, version)
    }

    @discardableResult
    public func saveGoverningBodyResponse(_ text: String, year: Int, expectedVersion: String) async throws -> String {
        try await SettingsStore(database: database).save(Self.responseKey(year), text, expectedVersion: expectedVersion)
    }
}
