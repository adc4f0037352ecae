import RedressCore
import SQLKit

/// Everything the case page shows beside the case itself, read in one snapshot and one unit of
/// work: its history, documents, contact log and letters, the letter templates and the staff. Read
/// one by one these were seven units (each a lease, `BEGIN`, the query and `COMMIT`) on a page
/// officers open all day. Callers decide first that the viewer may see the case (`CaseAccess`).
public struct CaseWorkspaceRead: Sendable {
    public var events: [CaseEvent] = []
    public var documents: [CaseDocument] = []
    public var contacts: [ContactEntry] = []
    public var letters: [Letter] = []
    public var templates: [LetterTemplate] = []
    public var users: [User] = []

    public init() {}

    /// Reads the case's records; its letters and the templates only when `withLetters`.
    public static func read(caseID: String, withLetters: Bool, in database: Database) async throws -> Self {
        try await database.read { sql in
            var read = Self()
            read.events = try await CaseEventLog.events(of: caseID, on: sql)
            read.documents = try await DocumentStore.documents(of: caseID, on: sql)
            read.contacts = try await ContactLogStore.entries(of: caseID, on: sql)
            if withLetters {
                read.letters = try await LetterStore.letters(of: caseID, on: sql)
                read.templates = try await LetterStore.templates(on: sql)
            }
            read.users = try await UserStore.all(on: sql)
            return read
        }
    }
}
