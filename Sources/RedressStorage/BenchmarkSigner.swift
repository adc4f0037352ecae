import Crypto
import Foundation
import RedressCore

/// Signs a council's benchmark file with its own Ed25519 key (made on first use, kept in the
/// settings) and checks other councils' signatures, so a file passed round a group can be told
/// apart from one changed on the way. The public key is in the file; a council publishes it on
/// its website for others to compare.
public struct BenchmarkSigner: Sendable {
    static let keyName = "benchmark-signing-key"
    public let database: Database
    public init(database: Database) { self.database = database }

    func key() async throws -> Curve25519.Signing.PrivateKey {
        let settings = SettingsStore(database: database)
        let (stored, version) = try await settings.loadVersioned(Self.keyName, default: "")
        if let data = Data(base64Encoded: stored), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data)
        {
            return key
        }
        let key = Curve25519.Signing.PrivateKey()
        do {
            try await settings.save(Self.keyName, key.rawRepresentation.base64EncodedString(), expectedVersion: version)
            return key
        } catch DatabaseError.conflict {
            // Another export made the key at the same moment: use theirs.
            return try await self.key()
        }
    }

    public func sign(_ file: BenchmarkFile) async throws -> BenchmarkFile {
        try Self.sign(file, with: try await key())
    }

    /// Signed with a key of its own, made now: the demo's other councils.
    public static func signedWithNewKey(_ file: BenchmarkFile) throws -> BenchmarkFile {
        try sign(file, with: Curve25519.Signing.PrivateKey())
    }

    static func sign(_ file: BenchmarkFile, with key: Curve25519.Signing.PrivateKey) throws -> BenchmarkFile {
        var signed = file
        signed.publicKey = key.publicKey.rawRepresentation.base64EncodedString()
        signed.signature = try key.signature(for: signed.signedContent).base64EncodedString()
        return signed
    }

    /// Whether the file's signature is its public key's, in words for the comparison.
    public static func check(_ file: BenchmarkFile) -> String {
        guard let keyText = file.publicKey, let signatureText = file.signature,
            let keyData = Data(base64Encoded: keyText), let signature = Data(base64Encoded: signatureText),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData)
        else { return "\(file.council): not signed" }
        let fingerprint = String(SHA256Digest.hex(keyText).prefix(16))
        return key.isValidSignature(signature, for: file.signedContent)
            ? "\(file.council): signature checked (key \(fingerprint))"
            : "\(file.council): the signature does not match: the file was changed after it was signed"
    }
}
