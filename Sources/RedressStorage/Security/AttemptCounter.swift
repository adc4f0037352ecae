import Foundation
import SQLKit

/// How many attempts a key may make: at most `limit` in `windowSeconds`, then none until
/// `lockoutSeconds` have passed since the limit was reached.
public struct AttemptLimit: Sendable, Hashable {
    public var limit: Int
    public var windowSeconds: Int
    public var lockoutSeconds: Int

    public init(limit: Int, windowSeconds: Int, lockoutSeconds: Int) {
        precondition(limit >= 1)
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.lockoutSeconds = lockoutSeconds
    }
}

/// Attempts counted in the database, so that every request and every server node sees one
/// count: failed sign-ins per username (whether or not the account exists, so a lockout tells
/// nobody which usernames are real) and per address, and public form submissions per address.
///
/// An attempt is *reserved* before the work it guards (the password hash), in one atomic
/// statement: thirty attempts at once each see a different count, so no more than the limit
/// ever get through. A successful sign-in then gives its reservation back.
public struct AttemptCounter: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// What reserving an attempt found.
    public struct Reservation: Sendable, Hashable {
        /// Seconds to wait when the key has used its limit (the attempt must not go ahead).
        public var refusedFor: Int?
        /// This attempt is the last the limit allows: if it fails, the key is locked for
        /// `lockedFor` seconds.
        public var isLast: Bool
        public var lockedFor: Int
    }

    /// Counts an attempt by `key` at `now`, before it is made.
    public func reserve(_ key: String, now: Int, limit: AttemptLimit) async throws -> Reservation {
        let cutoff = now - limit.windowSeconds, lockAt = now + limit.lockoutSeconds
        let expired = Self.expired(now: now, cutoff: cutoff)
        let row = try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO attempt_counter (key, failures, first_at, locked_until)
                VALUES (\(bind: key), 1, \(bind: now), CASE WHEN 1 >= \(bind: limit.limit) THEN \(bind: lockAt) END)
                ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN \(unsafeRaw: expired) THEN 1 ELSE attempt_counter.failures + 1 END,
                locked_until = CASE
                    WHEN \(unsafeRaw: expired) THEN NULL
                    WHEN attempt_counter.locked_until IS NULL AND attempt_counter.failures + 1 >= \
                \(bind: limit.limit) THEN \(bind: lockAt)
                    ELSE attempt_counter.locked_until END,
                first_at = CASE WHEN \(unsafeRaw: expired) THEN \(bind: now) ELSE attempt_counter.first_at END
                RETURNING failures, locked_until
                """
            ).first()
        }
        let failures = try row?.decode(column: "failures", as: Int.self) ?? 1
        let until = try row?.decode(column: "locked_until", as: Int?.self) ?? (now + limit.lockoutSeconds)
        return Reservation(
            refusedFor: failures > limit.limit ? max(1, until - now) : nil, isLast: failures == limit.limit,
            lockedFor: max(1, until - now))
    }

    /// Gives back one reservation of `key` (a sign-in that succeeded from an address).
    public func giveBack(_ key: String, limit: AttemptLimit) async throws {
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE attempt_counter SET failures = failures - 1,
                locked_until = CASE WHEN failures - 1 < \(bind: limit.limit) THEN NULL ELSE locked_until END
                WHERE key = \(bind: key) AND failures > 0
                """
            ).run()
        }
    }

    /// Forgets every attempt by `key` (a successful sign-in, or a password reset).
    public func clear(_ key: String) async throws {
        try await database.transaction { sql in try await Self.clear(key, on: sql) }
    }

    static func clear(_ key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM attempt_counter WHERE key = \(bind: key)").run()
    }

    /// Seconds until `key` may try again, without counting an attempt (`nil`: it may now).
    public func lockedFor(_ key: String, now: Int) async throws -> Int? {
        try await database.read { sql in
            let row = try await sql.raw("SELECT locked_until FROM attempt_counter WHERE key = \(bind: key)").first()
            guard let until = try row?.decode(column: "locked_until", as: Int?.self), until > now else { return nil }
            return until - now
        }
    }

    /// The counter key for failed sign-ins with a username, existing or not.
    public static func account(_ username: String) -> String {
        "account:" + username.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The counter key for `purpose` from a network address.
    public static func address(_ address: String, for purpose: String) -> String { "\(purpose):\(address)" }

    /// Whether a counter row has run its course: its lockout is over, or (never locked) its
    /// window has passed. Only integers computed here are written into the SQL.
    private static func expired(now: Int, cutoff: Int) -> String {
        """
        ((attempt_counter.locked_until IS NOT NULL AND attempt_counter.locked_until <= \(now))
        OR (attempt_counter.locked_until IS NULL AND attempt_counter.first_at <= \(cutoff)))
        """
    }
}
