import Foundation
import RedressCore
import SQLKit

/// A personal API token's record: never the token itself, which is shown once when it is made.
public struct APIToken: Sendable, Hashable, Identifiable {
    public var id: String
    public var userID: String
    /// What the token is for, in the owner's words ("CRM link", "migration").
    public var name: String
    public var createdAt: Int
    public var expiresAt: Int
    public var lastUsedAt: Int?
    public var revokedAt: Int?

    public func isLive(now: Int) -> Bool { revokedAt == nil && now < expiresAt }
}

/// Per-user API tokens. A program calling the API acts as the user who made the token, with
/// that user's role and case access, so an API token never grants more than the staff screens.
/// Only the SHA-256 of a token is stored, as for sessions; a token is revoked, never edited.
public struct APITokenStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Tokens start with this, so one pasted into the wrong place (a log, a chat) is recognisable.
    public static let prefix = "rdr_"
    /// How long a token lives unless another lifetime is asked for.
    public static let defaultLifetimeDays = 365

    /// Makes a token for `userID`; returns the record and the token, which is not kept.
    public func create(
        userID: String, name: String, now: Int, lifetimeDays: Int = defaultLifetimeDays
    ) async throws -> (APIToken, String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw UserError(field: "name", message: "Enter what the token is for, in 100 characters or fewer")
        }
        guard (1...3650).contains(lifetimeDays) else {
            throw UserError(field: "days", message: "A token must last between 1 and 3,650 days")
        }
        let secret = Self.prefix + Tokens.random()
        let token = APIToken(
            id: UUID().uuidString.lowercased(), userID: userID, name: trimmed, createdAt: now,
            expiresAt: now + lifetimeDays * 86_400)
        try await database.withSQL { sql in
            try await sql.insert(into: "api_token").columns(
                "id", "token_hash", "user_id", "name", "created_at", "expires_at"
            )
            .values(
                SQLBind(token.id), SQLBind(Tokens.digest(secret)), SQLBind(userID), SQLBind(trimmed), SQLBind(now),
                SQLBind(token.expiresAt)
            )
            .run()
        }
        return (token, secret)
    }

    /// The user a presented token acts as, or `nil` when it is unknown, expired, revoked or its
    /// user is disabled. Use is recorded at most once a minute.
    public func resolve(_ secret: String, now: Int) async throws -> (APIToken, User)? {
        guard secret.hasPrefix(Self.prefix), secret.count <= 128 else { return nil }
        let hash = Tokens.digest(secret)
        let found = try await database.read { sql -> (APIToken, User)? in
            guard
                let row = try await sql.raw(
                    """
                    SELECT t.id AS token_id, t.name AS token_name, t.created_at, t.expires_at, t.last_used_at, \
                    t.revoked_at, \(unsafeRaw: Self.userColumns)
                    FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = \(bind: hash)
                    """
                ).first()
            else { return nil }
            let user = try UserStore.decode(row)
            let token = APIToken(
                id: try row.decode(column: "token_id", as: String.self), userID: user.id,
                name: try row.decode(column: "token_name", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Int.self),
                expiresAt: try row.decode(column: "expires_at", as: Int.self),
                lastUsedAt: try row.decode(column: "last_used_at", as: Int?.self),
                revokedAt: try row.decode(column: "revoked_at", as: Int?.self))
            return (token, user)
        }
        guard let (token, user) = found, token.isLive(now: now), !user.isDisabled else { return nil }
        if now - (token.lastUsedAt ?? 0) >= 60 {
            try await database.withSQL { sql in
                try await sql.raw("UPDATE api_token SET last_used_at = \(bind: now) WHERE id = \(bind: token.id)").run()
            }
        }
        return (token, user)
    }

    /// A user's tokens, newest first, revoked ones included (they explain past API use).
    public func tokens(userID: String) async throws -> [APIToken] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT id, user_id, name, created_at, expires_at, last_used_at, revoked_at FROM api_token
                WHERE user_id = \(bind: userID) ORDER BY created_at DESC, id
                """
            ).all().map { row in
                APIToken(
                    id: try row.decode(column: "id", as: String.self),
                    userID: try row.decode(column: "user_id", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Int.self),
                    expiresAt: try row.decode(column: "expires_at", as: Int.self),
                    lastUsedAt: try row.decode(column: "last_used_at", as: Int?.self),
                    revokedAt: try row.decode(column: "revoked_at", as: Int?.self))
            }
        }
    }

    /// Revokes one of `userID`'s tokens; `false` when there is no such live token.
    @discardableResult
    public func revoke(id: String, userID: String, now: Int) async throws -> Bool {
        try await database.withSQL { sql in
            let live =
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM api_token WHERE id = \(bind: id) AND user_id = \(bind: userID) AND \
                    revoked_at IS NULL
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            guard live > 0 else { return false }
            try await sql.raw(
                "UPDATE api_token SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND user_id = \(bind: userID)"
            ).run()
            return true
        }
    }

    private static let userColumns = UserStore.columns(alias: "u")
}
