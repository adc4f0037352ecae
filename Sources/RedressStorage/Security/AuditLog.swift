import Foundation
import RedressCore
import SQLKit

/// What was done, for the audit trail.
public enum AuditAction: String, Sendable, Codable, CaseIterable, Hashable {
    case viewedCase = "viewed-case"
    case changedCase = "changed-case"
    case recordedCase = "recorded-case"
    case restrictedCase = "restricted-case"
    case refusedAccess = "refused-access"
    case signedIn = "signed-in"
    case signInFailed = "sign-in-failed"
    case signedOut = "signed-out"
    case signedOutEverywhere = "signed-out-everywhere"
    case subjectAccessSearch = "subject-access-search"
    case subjectAccessExport = "subject-access-export"
    case retentionReviewed = "retention-reviewed"
    case purgedCase = "purged-case"
    case userAdded = "user-added"
    case userChanged = "user-changed"
    case reportInputsChanged = "report-inputs-changed"
    case apiTokenCreated = "api-token-created"
    case apiTokenRevoked = "api-token-revoked"
    case viewedAccessGrants = "viewed-access-grants"
    case backupMade = "backup-made"
    case backupRestored = "backup-restored"
    case searchedCases = "searched-cases"
    case exportedCaseList = "exported-case-list"
    case downloadedDocument = "downloaded-document"

    public var displayName: String {
        switch self {
        case .downloadedDocument: "Downloaded a document"
        case .viewedCase: "Viewed case"
        case .changedCase: "Changed case"
        case .recordedCase: "Recorded case"
        case .restrictedCase: "Changed case restriction"
        case .refusedAccess: "Refused access"
        case .signedIn: "Signed in"
        case .signInFailed: "Sign-in failed"
        case .signedOut: "Signed out"
        case .signedOutEverywhere: "Signed out everywhere"
        case .subjectAccessSearch: "Subject access search"
        case .subjectAccessExport: "Subject access export"
        case .retentionReviewed: "Retention dry run"
        case .purgedCase: "Purged under retention schedule"
        case .userAdded: "Added user"
        case .userChanged: "Changed user"
        case .reportInputsChanged: "Changed report inputs"
        case .apiTokenCreated: "API token made"
        case .apiTokenRevoked: "API token revoked"
        case .viewedAccessGrants: "Viewed who can read cases"
        case .backupMade: "Backup made"
        case .backupRestored: "Backup restored"
        case .searchedCases: "Searched cases"
        case .exportedCaseList: "Exported a case list"
        }
    }
}

/// One row of the audit trail: who did what to which case, when and from where. `detail` never
/// holds personal data about complainants (a step name, a count, a role).
public struct AuditEntry: Sendable, Hashable {
    public var id: Int?
    public var at: String
    public var userID: String?
    public var username: String
    public var action: AuditAction
    public var representationID: String?
    public var reference: String?
    public var detail: String
    public var address: String?

    public init(
        userID: String?, username: String, action: AuditAction, representationID: String? = nil,
        reference: String? = nil, detail: String = "", address: String? = nil
    ) {
        self.at = Timestamp.now()
        self.userID = userID
        self.username = username
        self.action = action
        self.representationID = representationID
        self.reference = reference
        self.detail = detail
        self.address = address
    }
}

/// The append-only audit trail. Rows are only inserted: the database refuses UPDATE and DELETE
/// on `audit_entry` (a trigger on both engines), so not even Redress can rewrite history.
public struct AuditLog: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Writes `entry`, returning once it is committed. Entries appended at the same time by
    /// other requests share one statement and one commit (`AuditBatcher`), so a page's audit row
    /// no longer takes a write of its own.
    public func append(_ entry: AuditEntry) async throws {
        try await database.auditBatcher.append(entry, to: database)
    }

    static func append(_ entry: AuditEntry, on sql: any SQLDatabase) async throws {
        try await append([entry], on: sql)
    }

    /// Writes `entries` in one statement, in order.
    static func append(_ entries: [AuditEntry], on sql: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        var insert = sql.insert(into: "audit_entry").columns(
            "at", "user_id", "username", "action", "representation_id", "reference", "detail", "address"
        )
        for entry in entries {
            insert = insert.values(
                SQLBind(entry.at), SQLBind(entry.userID), SQLBind(entry.username), SQLBind(entry.action.rawValue),
                SQLBind(entry.representationID), SQLBind(entry.reference), SQLBind(entry.detail),
                SQLBind(entry.address))
        }
        try await insert.run()
    }

    /// Filters for the audit search screen; empty fields match everything.
    public struct Query: Sendable, Hashable {
        public var reference = ""
        public var username = ""
        public var action: AuditAction?
        /// Inclusive, by UTC date.
        public var from: CalendarDate?
        public var to: CalendarDate?
        public var limit = 200

        public init() {}
    }

    /// Matching entries, newest first.
    public func search(_ q: Query) async throws -> [AuditEntry] {
        try await database.read { sql in
            var condition = SQLQueryString("1 = 1")
            if !q.reference.isEmpty { condition = condition + " AND reference = \(bind: q.reference.uppercased())" }
            if !q.username.isEmpty { condition = condition + " AND username = \(bind: q.username.lowercased())" }
            if let action = q.action { condition = condition + " AND action = \(bind: action.rawValue)" }
            if let from = q.from { condition = condition + " AND at >= \(bind: from.iso)" }
            if let to = q.to { condition = condition + " AND at < \(bind: to.adding(days: 1).iso)" }
            let query =
                SQLQueryString(
                    "SELECT id, at, user_id, username, action, representation_id, reference, detail, address FROM audit_entry WHERE "
                )
                + condition + " ORDER BY id DESC LIMIT \(literal: max(1, min(q.limit, 1000)))"
            return try await sql.raw(query).all().map { row in
                let actionText = try row.decode(column: "action", as: String.self)
                guard let action = AuditAction(rawValue: actionText) else {
                    throw DatabaseError.corruptRow(table: "audit_entry", column: "action", value: actionText)
                }
                var entry = AuditEntry(
                    userID: try row.decode(column: "user_id", as: String?.self),
                    username: try row.decode(column: "username", as: String.self), action: action,
                    representationID: try row.decode(column: "representation_id", as: String?.self),
                    reference: try row.decode(column: "reference", as: String?.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    address: try row.decode(column: "address", as: String?.self))
                entry.id = try row.decode(column: "id", as: Int.self)
                entry.at = try row.decode(column: "at", as: String.self)
                return entry
            }
        }
    }
}

/// Council settings stored as JSON documents: the access policy, the retention schedule.
public struct SettingsStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public static let accessPolicyKey = "access-policy"
    public static let retentionScheduleKey = "retention-schedule"
    public static let reminderSettingsKey = "reminder-settings"
    public static let councilNameKey = "council-name"
    public static let caseworkSettingsKey = "casework-settings"
    public static let councilIdentityKey = "council-identity"
    /// The logo alone (see `CouncilIdentity.logo`); `null` once removed.
    public static let councilLogoKey = "council-logo"

    public func load<Value: Codable & Sendable>(_ key: String, default value: Value) async throws -> Value {
        try await database.read { sql in
            guard
                let text = try await sql.raw("SELECT value FROM setting WHERE key = \(bind: key)").first()?.decode(
                    column: "value", as: String.self)
            else { return value }
            do { return try JSONDecoder().decode(Value.self, from: Data(text.utf8)) } catch {
                throw DatabaseError.corruptRow(table: "setting", column: key, value: String(text.prefix(80)))
            }
        }
    }

    public func save<Value: Codable & Sendable>(_ key: String, _ value: Value) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM setting WHERE key = \(bind: key)").run()
            try await sql.insert(into: "setting").columns("key", "value", "updated_at").values(
                SQLBind(key), SQLBind(text), SQLBind(Timestamp.now())
            ).run()
            try await ConfigurationStamp.bump(on: sql)
        }
    }

    public func accessPolicy() async throws -> AccessPolicy { try await load(Self.accessPolicyKey, default: .standard) }
    public func retentionSchedule() async throws -> RetentionSchedule {
        try await load(Self.retentionScheduleKey, default: .standard)
    }
    /// The council as reports and letters name it. The name is kept under `councilNameKey` alone
    /// (letters sign with it), so the identity's own copy of the name is never read.
    public func councilIdentity() async throws -> CouncilIdentity {
        let name = try await load(Self.councilNameKey, default: CouncilIdentity.unnamed.name)
        var identity = try await load(Self.councilIdentityKey, default: CouncilIdentity(name: name))
        identity.name = name
        identity.logo = try await load(Self.councilLogoKey, default: CouncilLogo?.none)
        return identity
    }

    public func saveCouncilIdentity(_ identity: CouncilIdentity) async throws {
        try await save(Self.councilIdentityKey, identity)
        try await save(Self.councilNameKey, identity.name)
    }

    public func caseworkSettings() async throws -> CaseworkSettings {
        try await load(Self.caseworkSettingsKey, default: .standard)
    }
}
