import Foundation
import RedressStorage

/// Security settings of the web application; tests make hashing cheap and fix the clock.
public struct WebSecurity: Sendable {
    public var hasher: PasswordHasher
    public var signIn: SignInPolicy
    /// Mark cookies `Secure` even when the request itself does not show TLS (behind a proxy
    /// that terminates it without saying so).
    public var secureCookies: Bool
    /// Now, in Unix seconds.
    public var now: @Sendable () -> Int
    /// Where password hashes run: a few dedicated threads with a bounded queue, never the
    /// cooperative pool that answers every other request.
    public var passwordWork: PasswordWork
    /// Public form submissions per address: 20 an hour, so a robot cannot flood the triage inbox.
    public var submissions: AttemptLimit
    /// The SHA-256 (hex) of the token `/metrics` must be sent as `Authorization: Bearer …`;
    /// `nil` turns `/metrics` off. Set from `REDRESS_METRICS_TOKEN`.
    public var metricsTokenDigest: String?

    public init(
        hasher: PasswordHasher = .standard, signIn: SignInPolicy = SignInPolicy(), secureCookies: Bool = false,
        now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) },
        passwordWork: PasswordWork = .shared,
        submissions: AttemptLimit = AttemptLimit(limit: 20, windowSeconds: 60 * 60, lockoutSeconds: 60 * 60),
        metricsToken: String? = nil
    ) {
        self.submissions = submissions
        self.hasher = hasher
        self.signIn = signIn
        self.secureCookies = secureCookies
        self.now = now
        self.passwordWork = passwordWork
        self.metricsTokenDigest = metricsToken.flatMap { $0.isEmpty ? nil : Tokens.digest($0) }
    }
}
