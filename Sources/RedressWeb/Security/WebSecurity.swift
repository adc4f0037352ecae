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
    /// Failed sign-ins per address, shared by every request.
    public let throttle: SignInThrottle
    /// Public form submissions per address: 20 an hour, so a robot cannot flood the triage inbox.
    public let submissions: SignInThrottle

    public init(hasher: PasswordHasher = .standard, signIn: SignInPolicy = SignInPolicy(), secureCookies: Bool = false,
                now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }, throttle: SignInThrottle = SignInThrottle(),
                submissions: SignInThrottle = SignInThrottle(limit: 20, windowSeconds: 60 * 60)) {
        self.submissions = submissions
        self.hasher = hasher
        self.signIn = signIn
        self.secureCookies = secureCookies
        self.now = now
        self.throttle = throttle
    }
}

/// Limits what one address can do in a window: failed sign-ins across many usernames (the
/// per-account lockout covers one username), and public form submissions. At most `limit`
/// recorded events per address in `windowSeconds`.
public actor SignInThrottle {
    public let limit: Int
    public let windowSeconds: Int
    private var failures: [String: [Int]] = [:]

    public init(limit: Int = 20, windowSeconds: Int = 15 * 60) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }

    /// Seconds to wait before trying again, or `nil` when the address may try now.
    public func retryAfter(_ address: String, now: Int) -> Int? {
        let recent = (failures[address] ?? []).filter { now - $0 < windowSeconds }
        failures[address] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, windowSeconds - (now - oldest))
    }

    public func recordFailure(_ address: String, now: Int) {
        failures[address, default: []].append(now)
    }
}
