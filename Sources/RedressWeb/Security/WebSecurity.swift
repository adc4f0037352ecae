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

    public init(hasher: PasswordHasher = .standard, signIn: SignInPolicy = SignInPolicy(), secureCookies: Bool = false,
                now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }, throttle: SignInThrottle = SignInThrottle()) {
        self.hasher = hasher
        self.signIn = signIn
        self.secureCookies = secureCookies
        self.now = now
        self.throttle = throttle
    }
}

/// Slows password guessing from one address across many usernames (the per-account lockout
/// covers one username): at most `limit` failed sign-ins per address in `windowSeconds`.
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
