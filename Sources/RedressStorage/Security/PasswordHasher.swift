import Crypto
import CryptoExtras
import Foundation

/// Password hashes with scrypt, a memory-hard function: each guess costs an attacker
/// 128 × r × N bytes of memory (128 MiB with the standard N = 2^17, r = 8, p = 1, the OWASP
/// minimum). Hashes are stored as `$scrypt$ln=17,r=8,p=1$SALT$HASH` (base64), so parameters
/// can be raised later and old hashes still verify.
public struct PasswordHasher: Sendable, Hashable {
    public var logN: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Production parameters (README: "Passwords").
    public static let standard = PasswordHasher(logN: 17)
    /// Cheap parameters for tests and demo data only; never for real accounts.
    public static let testing = PasswordHasher(logN: 10)

    public var description: String {
        "scrypt N=2^\(logN), r=\(blockSize), p=\(parallelism), 16-byte random salt, 32-byte hash"
    }

    public func hash(_ password: String) throws -> String {
        let salt = Tokens.randomBytes(16)
        let key = try Self.derive(password, salt: salt, logN: logN, r: blockSize, p: parallelism)
        return
            "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Data(salt).base64EncodedString())$\(key.base64EncodedString())"
    }

    /// Whether `password` matches `stored`, compared in constant time. A malformed hash never matches.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "scrypt",
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        var params: [String: Int] = [:]
        for item in parts[1].split(separator: ",") {
            let kv = item.split(separator: "=")
            if kv.count == 2, let v = Int(kv[1]) { params[String(kv[0])] = v }
        }
        guard let ln = params["ln"], let r = params["r"], let p = params["p"], (1...20).contains(ln),
            (1...32).contains(r), (1...4).contains(p),
            let actual = try? derive(password, salt: [UInt8](salt), logN: ln, r: r, p: p)
        else { return false }
        return Tokens.constantTimeEqual([UInt8](actual), [UInt8](expected))
    }

    /// Whether a stored hash uses weaker parameters than these (rehash on next sign-in).
    public func isWeaker(_ stored: String) -> Bool {
        !stored.hasPrefix("$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$")
    }

    private static func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: r,
            parallelism: p,
            maxMemory: 128 * r * (1 << logN) * p + 16 * 1024 * 1024)
        return key.withUnsafeBytes { Data($0) }
    }
}

/// Random tokens and their digests, for session cookies and CSRF tokens.
public enum Tokens {
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// 256 random bits, URL-safe base64 without padding.
    public static func random() -> String {
        Data(randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    /// SHA-256 in hex: what is stored for a session token, so a copy of the database cannot be
    /// used to sign in as anyone.
    public static func digest(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }
}
