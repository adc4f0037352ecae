import Foundation
import RedressCore
import SQLKit

/// Someone who signs in to Redress.
public struct User: Sendable, Hashable, Identifiable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Role
    /// Their entry in the people pool, when their role reaches cases by appointment.
    public var personID: String?
    public var isDisabled: Bool
    /// Signed in with a password someone else set (a new or reset account): the only thing
    /// this user may do is choose their own.
    public var mustChangePassword: Bool = false
    /// Where notices to them go (a case assigned to them); optional.
    public var email: String? = nil

    public func viewer(policy: AccessPolicy) -> Viewer {
        Viewer(userID: id, username: username, displayName: displayName, role: role, personID: personID, policy: policy)
    }
}

/// Sign-in throttling and session lifetimes (README: "Sign-in and sessions").
public struct SignInPolicy: Sendable, Hashable {
    /// Consecutive failures that lock an account…
    public var maxFailures = 5
    /// …for this many seconds.
    public var lockoutSeconds = 15 * 60
    /// Failed sign-ins from one address, whatever the usernames, in `addressWindowSeconds`.
    public var maxAddressFailures = 20
    public var addressWindowSeconds = 15 * 60
    /// A session unused this long ends.
    public var idleSeconds = 30 * 60
    /// A session ends this long after sign-in, however busy.
    public var absoluteSeconds = 10 * 60 * 60

    public init() {}

    /// Failed sign-ins with one username (existing or not), counted until one succeeds.
    public var account: AttemptLimit {
        AttemptLimit(limit: maxFailures, windowSeconds: 24 * 60 * 60, lockoutSeconds: lockoutSeconds)
    }
    /// Failed sign-ins from one address.
    public var address: AttemptLimit {
        AttemptLimit(
            limit: maxAddressFailures, windowSeconds: addressWindowSeconds, lockoutSeconds: addressWindowSeconds)
    }
}

/// A problem with a user's details, in words for the form or the command line.
public struct UserError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { message }
}

/// Users: created by administrators (the first with `redress user add --role administrator`),
/// never deleted (the audit trail names them), disabled instead.
public struct UserStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Rules for a new password (NCSC guidance: length, not composition rules).
    public static func passwordProblem(_ password: String, username: String) -> String? {
        if password.count < 12 { return "Password must be 12 characters or more" }
        if password.count > 256 { return "Password must be 256 characters or fewer" }
        if password.lowercased().contains(username.lowercased()) { return "Password must not contain the username" }
        return nil
    }

    /// Adds a user. With `mustChangePassword`, the password given is one-time: signing in with
    /// it only lets them choose their own (accounts made by an administrator).
    public func add(
        username rawUsername: String, displayName: String, role: Role, personID: String? = nil, password: String,
        hasher: PasswordHasher, work: PasswordWork? = nil, mustChangePassword: Bool = false
    ) async throws -> User {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        guard username.count >= 2, username.count <= 64,
            username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) })
        else {
            throw UserError(
                field: "username", message: "Username must be 2 to 64 letters, digits, dots, hyphens, underscores or @")
        }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw UserError(field: "display-name", message: "Enter a display name of 100 characters or fewer")
        }
        if let problem = Self.passwordProblem(password, username: username) {
            throw UserError(field: "password", message: problem)
        }
        let hash = try await Self.hash(password, hasher: hasher, work: work)
        let user = User(
            id: UUID().uuidString.lowercased(), username: username, displayName: name, role: role, personID: personID,
            isDisabled: false, mustChangePassword: mustChangePassword)
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM app_user WHERE username = \(bind: username)").first() == nil else {
                throw UserError(field: "username", message: "There is already a user called \(username)")
            }
            let now = Timestamp.now()
            try await sql.insert(into: "app_user")
                .columns(
                    "id", "username", "display_name", "role", "person_id", "password_hash", "failed_sign_ins",
                    "is_disabled",
                    "must_change_password", "created_at", "updated_at"
                )
                .values(
                    SQLBind(user.id), SQLBind(username), SQLBind(name), SQLBind(role.rawValue), SQLBind(personID),
                    SQLBind(hash),
                    SQLBind(0), SQLBind(false), SQLBind(mustChangePassword), SQLBind(now), SQLBind(now)
                )
                .run()
            try await AttemptCounter.clear(AttemptCounter.account(username), on: sql)
        }
        return user
    }

    public func all() async throws -> [User] {
        try await database.read { sql in try await Self.all(on: sql) }
    }

    static func all(on sql: any SQLDatabase) async throws -> [User] {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user ORDER BY username").all().map(Self.decode)
    }

    public func user(id: String) async throws -> User? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user WHERE id = \(bind: id)").first().map(
                Self.decode)
        }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { sql in
            try await sql.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM app_user WHERE username = \(bind: username.lowercased())"
            ).first().map(Self.decode)
        }
    }

    /// Sets (or, with `nil`, clears) where notices to the user go.
    public func setEmail(_ email: String?, userID: String) async throws {
        let trimmed = email?.trimmingCharacters(in: .whitespaces) ?? ""
        if !trimmed.isEmpty {
            guard trimmed.count <= 254, trimmed.contains("@"),
                !trimmed.contains(where: { $0.isWhitespace || $0.isNewline })
            else {
                throw UserError(field: "email", message: "Enter an email address like name@council.gov.uk")
            }
        }
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE app_user SET email = \(bind: trimmed.isEmpty ? nil : trimmed), updated_at = \
                \(bind: Timestamp.now()) WHERE id = \(bind: userID)
                """
            ).run()
        }
    }

    /// Disables or re-enables an account; disabling ends every session it has.
    public func setDisabled(_ disabled: Bool, userID: String) async throws {
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE app_user SET is_disabled = \(bind: disabled), updated_at = \(bind: Timestamp.now()) WHERE \
                id = \(bind: userID)
                """
            ).run()
            if disabled { try await sql.raw("DELETE FROM user_session WHERE user_id = \(bind: userID)").run() }
        }
    }

    /// Sets a new password, clears any lockout and ends every session. With
    /// `mustChangePassword` (an administrator's reset) it is one-time, as for a new account.
    public func setPassword(
        _ password: String, userID: String, hasher: PasswordHasher, work: PasswordWork? = nil,
        mustChangePassword: Bool = false
    ) async throws {
        guard let user = try await user(id: userID) else { throw DatabaseError.notFound }
        if let problem = Self.passwordProblem(password, username: user.username) {
            throw UserError(field: "password", message: problem)
        }
        let hash = try await Self.hash(password, hasher: hasher, work: work)
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE app_user SET password_hash = \(bind: hash), must_change_password = \(bind: mustChangePassword),
                updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: userID)
                """
            ).run()
            try await sql.raw("DELETE FROM user_session WHERE user_id = \(bind: userID)").run()
            try await AttemptCounter.clear(AttemptCounter.account(user.username), on: sql)
        }
    }

    /// The owner's own new password, replacing a one-time one: checked against the one-time
    /// password (which must not be reused) and stored; other sessions end.
    public func chooseOwnPassword(
        _ password: String, userID: String, keepingSession tokenHash: String?, hasher: PasswordHasher,
        work: PasswordWork? = nil
    ) async throws {
        guard let user = try await user(id: userID) else { throw DatabaseError.notFound }
        if let problem = Self.passwordProblem(password, username: user.username) {
            throw UserError(field: "password", message: problem)
        }
        let stored =
            try await database.read { sql in
                try await sql.raw("SELECT password_hash FROM app_user WHERE id = \(bind: userID)").first()?.decode(
                    column: "password_hash", as: String.self)
            } ?? ""
        let reused = try await Self.verify(password, against: stored, work: work)
        if reused {
            throw UserError(field: "password", message: "Choose a password different from the one you were given")
        }
        let hash = try await Self.hash(password, hasher: hasher, work: work)
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE app_user SET password_hash = \(bind: hash), must_change_password = \(bind: false),
                updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: userID)
                """
            ).run()
            try await sql.raw(
                "DELETE FROM user_session WHERE user_id = \(bind: userID) AND token_hash <> \(bind: tokenHash ?? "")"
            ).run()
        }
    }

    /// The outcome of checking a password. Unknown usernames and wrong passwords are not told
    /// apart; lockouts are counted by `AttemptCounter` before the check, for both alike.
    public enum SignInResult: Sendable, Hashable {
        case signedIn(User)
        case refused
    }

    /// Checks a password. A hash is computed even for an unknown username, so time does not
    /// tell which exist. With `work`, hashing runs on its threads (and may throw `Busy`).
    public func signIn(
        username: String, password: String, hasher: PasswordHasher, work: PasswordWork? = nil
    ) async throws -> SignInResult {
        let row = try await database.read { sql in
            try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns), password_hash FROM app_user
                WHERE username = \(bind: username.trimmingCharacters(in: .whitespaces).lowercased())
                """
            ).first()
        }
        guard let row else {
            _ = try await Self.hash(password, hasher: hasher, work: work)
            return .refused
        }
        let user = try Self.decode(row)
        let stored = try row.decode(column: "password_hash", as: String.self)
        guard try await Self.verify(password, against: stored, work: work), !user.isDisabled else { return .refused }
        if hasher.isWeaker(stored) {
            let rehash = try await Self.hash(password, hasher: hasher, work: work)
            try await database.withSQL { sql in
                try await sql.raw("UPDATE app_user SET password_hash = \(bind: rehash) WHERE id = \(bind: user.id)")
                    .run()
            }
        }
        return .signedIn(user)
    }

    static func hash(_ password: String, hasher: PasswordHasher, work: PasswordWork?) async throws -> String {
        guard let work else { return try hasher.hash(password) }
        return try await work.run { try hasher.hash(password) }
    }

    static func verify(_ password: String, against stored: String, work: PasswordWork?) async throws -> Bool {
        guard let work else { return PasswordHasher.verify(password, against: stored) }
        return try await work.run { PasswordHasher.verify(password, against: stored) }
    }

    static let columns = "id, username, display_name, role, person_id, is_disabled, must_change_password, email"

    /// `columns` qualified by a table alias, for queries that join `app_user` (sessions, API tokens).
    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: ", ")
    }

    static func decode(_ row: any SQLRow) throws -> User {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else {
            throw DatabaseError.corruptRow(table: "app_user", column: "role", value: roleText)
        }
        return User(
            id: try row.decode(column: "id", as: String.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self), role: role,
            personID: try row.decode(column: "person_id", as: String?.self),
            isDisabled: try row.decode(column: "is_disabled", as: Bool.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
            email: try row.decode(column: "email", as: String?.self))
    }
}
