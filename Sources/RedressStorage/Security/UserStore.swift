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
    public var failedSignIns: Int
    /// Unix seconds until which sign-in is refused after repeated failures.
    public var lockedUntil: Int?

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
    /// A session unused this long ends.
    public var idleSeconds = 30 * 60
    /// A session ends this long after sign-in, however busy.
    public var absoluteSeconds = 10 * 60 * 60

    public init() {}
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

    public func add(username rawUsername: String, displayName: String, role: Role, personID: String? = nil, password: String, hasher: PasswordHasher) async throws -> User {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        guard username.count >= 2, username.count <= 64, username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) else {
            throw UserError(field: "username", message: "Username must be 2 to 64 letters, digits, dots, hyphens, underscores or @")
        }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw UserError(field: "display-name", message: "Enter a display name of 100 characters or fewer") }
        if let problem = Self.passwordProblem(password, username: username) { throw UserError(field: "password", message: problem) }
        let hash = try hasher.hash(password)
        let user = User(id: UUID().uuidString.lowercased(), username: username, displayName: name, role: role, personID: personID, isDisabled: false, failedSignIns: 0)
        try await database.transaction { sql in
            guard try await sql.raw("SELECT id FROM app_user WHERE username = \(bind: username)").first() == nil else {
                throw UserError(field: "username", message: "There is already a user called \(username)")
            }
            let now = Timestamp.now()
            try await sql.insert(into: "app_user")
                .columns("id", "username", "display_name", "role", "person_id", "password_hash", "failed_sign_ins", "is_disabled", "created_at", "updated_at")
                .values(SQLBind(user.id), SQLBind(username), SQLBind(name), SQLBind(role.rawValue), SQLBind(personID), SQLBind(hash), SQLBind(0), SQLBind(false), SQLBind(now), SQLBind(now))
                .run()
        }
        return user
    }

    public func all() async throws -> [User] {
        try await database.read { sql in try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user ORDER BY username").all().map(Self.decode) }
    }

    public func user(id: String) async throws -> User? {
        try await database.read { sql in try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user WHERE id = \(bind: id)").first().map(Self.decode) }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user WHERE username = \(bind: username.lowercased())").first().map(Self.decode)
        }
    }

    /// Disables or re-enables an account; disabling ends every session it has.
    public func setDisabled(_ disabled: Bool, userID: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("UPDATE app_user SET is_disabled = \(bind: disabled), updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: userID)").run()
            if disabled { try await sql.raw("DELETE FROM user_session WHERE user_id = \(bind: userID)").run() }
        }
    }

    /// Sets a new password, clears any lockout and ends every session.
    public func setPassword(_ password: String, userID: String, hasher: PasswordHasher) async throws {
        guard let user = try await user(id: userID) else { throw DatabaseError.notFound }
        if let problem = Self.passwordProblem(password, username: user.username) { throw UserError(field: "password", message: problem) }
        let hash = try hasher.hash(password)
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE app_user SET password_hash = \(bind: hash), failed_sign_ins = 0, locked_until = NULL, updated_at = \(bind: Timestamp.now())
                WHERE id = \(bind: userID)
                """).run()
            try await sql.raw("DELETE FROM user_session WHERE user_id = \(bind: userID)").run()
        }
    }

    /// The outcome of a sign-in attempt. Unknown usernames and wrong passwords are not told apart.
    public enum SignInResult: Sendable, Hashable {
        case signedIn(User)
        case refused
        case locked(untilUnixSeconds: Int)
    }

    /// Checks a password, counting failures and locking the account after `policy.maxFailures`.
    /// A hash is computed even for an unknown username so timing does not reveal which exist.
    public func signIn(username: String, password: String, now: Int, policy: SignInPolicy, hasher: PasswordHasher) async throws -> SignInResult {
        let row = try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns), password_hash FROM app_user WHERE username = \(bind: username.trimmingCharacters(in: .whitespaces).lowercased())").first()
        }
        guard let row else {
            _ = try? hasher.hash(password)
            return .refused
        }
        let user = try Self.decode(row)
        if let until = user.lockedUntil, until > now { return .locked(untilUnixSeconds: until) }
        let stored = try row.decode(column: "password_hash", as: String.self)
        guard !user.isDisabled, PasswordHasher.verify(password, against: stored) else {
            let failures = user.failedSignIns + 1
            let lock = failures >= policy.maxFailures ? now + policy.lockoutSeconds : nil
            try await database.withSQL { sql in
                try await sql.raw("UPDATE app_user SET failed_sign_ins = \(bind: lock == nil ? failures : 0), locked_until = \(bind: lock) WHERE id = \(bind: user.id)").run()
            }
            return lock.map { .locked(untilUnixSeconds: $0) } ?? .refused
        }
        let rehash = hasher.isWeaker(stored) ? try hasher.hash(password) : stored
        try await database.withSQL { sql in
            try await sql.raw("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, password_hash = \(bind: rehash) WHERE id = \(bind: user.id)").run()
        }
        var signedIn = user
        signedIn.failedSignIns = 0
        signedIn.lockedUntil = nil
        return .signedIn(signedIn)
    }

    static let columns = "id, username, display_name, role, person_id, is_disabled, failed_sign_ins, locked_until"

    /// `columns` qualified by a table alias, for queries that join `app_user` (sessions, API tokens).
    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    static func decode(_ row: any SQLRow) throws -> User {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw DatabaseError.corruptRow(table: "app_user", column: "role", value: roleText) }
        return User(
            id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self), role: role,
            personID: try row.decode(column: "person_id", as: String?.self), isDisabled: try row.decode(column: "is_disabled", as: Bool.self),
            failedSignIns: try row.decode(column: "failed_sign_ins", as: Int.self), lockedUntil: try row.decode(column: "locked_until", as: Int?.self))
    }
}
