import Foundation
import RedressCore
import SQLKit

/// A signed-in session. The cookie holds `token`; the database holds only its SHA-256, so a
/// copy of the database cannot be used to sign in. `csrfToken` goes in every form.
public struct UserSession: Sendable, Hashable {
    public var token: String
    public var csrfToken: String
    public var user: User
    /// The `ConfigurationStamp` read in the same statement as the session when it was resumed
    /// (`nil` when started), so a signed-in request needs no second read to check its
    /// configuration is current.
    public var configurationStamp: String? = nil
}

/// Sessions: created on sign-in (a new token every time, so a token planted before sign-in is
/// useless), ended on sign-out, by idle or absolute expiry, or everywhere at once.
public struct SessionStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func start(for user: User, now: Int) async throws -> UserSession {
        let session = UserSession(token: Tokens.random(), csrfToken: Tokens.random(), user: user)
        try await database.withSQL { sql in
            try await sql.insert(into: "user_session").columns(
                "token_hash", "user_id", "csrf_token", "created_at", "last_seen_at"
            )
            .values(
                SQLBind(Tokens.digest(session.token)), SQLBind(user.id), SQLBind(session.csrfToken), SQLBind(now),
                SQLBind(now)
            )
            .run()
        }
        return session
    }

    /// The live session for a cookie token, or `nil` (unknown, expired, or the user disabled).
    /// Expired sessions are deleted when seen; use refreshes the idle clock once a minute.
    public func resume(token: String, now: Int, policy: SignInPolicy) async throws -> UserSession? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let hash = Tokens.digest(token)
        typealias Found = (User, created: Int, lastSeen: Int, csrf: String, stamp: String)
        let found = try await database.readRepeated(Resume(values: [ConfigurationStamp.key, hash])) { row -> Found in
            (
                try UserStore.decode(row), try row.decode(column: "created_at", as: Int.self),
                try row.decode(column: "last_seen_at", as: Int.self),
                try row.decode(column: "csrf_token", as: String.self),
                try row.decode(column: "configuration_stamp", as: String?.self) ?? ""
            )
        }
        guard let (user, created, lastSeen, csrf, stamp) = found else { return nil }
        // Writes only when something changes: an ended session, or "last seen" once a minute.
        if user.isDisabled || now - lastSeen > policy.idleSeconds || now - created > policy.absoluteSeconds {
            try await database.withSQL { sql in
                try await sql.raw("DELETE FROM user_session WHERE token_hash = \(bind: hash)").run()
            }
            return nil
        }
        if now - lastSeen >= 60 {
            try await database.withSQL { sql in
                try await sql.raw(
                    "UPDATE user_session SET last_seen_at = \(bind: now) WHERE token_hash = \(bind: hash)"
                ).run()
            }
        }
        return UserSession(token: token, csrfToken: csrf, user: user, configurationStamp: stamp)
    }

    private static let userColumns = UserStore.columns(alias: "u")

    /// A session by its token's digest (`$2`), with its user and the configuration's stamp
    /// (`$1` is the stamp's key): read on every signed-in request.
    struct Resume: RepeatedRead {
        static let name = "redress_session_resume"
        static let sql = """
            SELECT s.csrf_token, s.created_at, s.last_seen_at, \(userColumns),
            (SELECT value FROM setting WHERE key = $1) AS configuration_stamp
            FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $2
            """
        var values: [String]
    }

    public func end(token: String) async throws {
        try await database.withSQL { sql in
            try await sql.raw("DELETE FROM user_session WHERE token_hash = \(bind: Tokens.digest(token))").run()
        }
    }

    /// Ends every session the user has, on every device.
    public func endAll(userID: String) async throws {
        try await database.withSQL { sql in
            try await sql.raw("DELETE FROM user_session WHERE user_id = \(bind: userID)").run()
        }
    }

    public func count(userID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM user_session WHERE user_id = \(bind: userID)").first()?.decode(
                column: "n", as: Int.self) ?? 0
        }
    }
}
