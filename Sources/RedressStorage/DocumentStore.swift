import Foundation
import RedressCore
import SQLKit

/// The files kept on cases. Each file's bytes are kept once, by their SHA-256, in pieces of
/// `chunkSize` (base64 text, so both engines and the backup keep them the same way and no row
/// is large); `case_document` says which case holds which file. Everything an upload adds is
/// written in one transaction: a failed upload leaves nothing behind.
public struct DocumentStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// A file as it arrived, before it is kept.
    public struct Upload: Sendable {
        public var filename: String
        public var kind: CaseDocument.Kind
        public var bytes: [UInt8]

        public init(filename: String, kind: CaseDocument.Kind, bytes: [UInt8]) {
            (self.filename, self.kind, self.bytes) = (filename, kind, bytes)
        }
    }

    public static let chunkSize = 256 * 1024

    /// Keeps `uploads` on the case, all or none, and returns what the case now knows of them.
    public func add(
        _ uploads: [Upload], to representationID: String, by username: String
    ) async throws
        -> [CaseDocument]
    {
        let now = Timestamp.now()
        let documents = uploads.map { upload in
            CaseDocument(
                id: UUID().uuidString.lowercased(), representationID: representationID, kind: upload.kind,
                filename: CaseDocument.safeFilename(upload.filename),
                mediaType: CaseDocument.mediaType(of: upload.filename) ?? "application/octet-stream",
                size: upload.bytes.count, sha256: SHA256Digest.hex(upload.bytes), uploadedBy: username,
                uploadedAt: now)
        }
        try await database.transaction { sql in
            for (document, upload) in zip(documents, uploads) {
                try await Self.insert(document, bytes: upload.bytes, on: sql)
            }
        }
        return documents
    }

    static func insert(_ document: CaseDocument, bytes: [UInt8], on sql: any SQLDatabase) async throws {
        try await Self.keepContent(bytes, sha256: document.sha256, on: sql)
        try await sql.insert(into: "case_document").columns(
            "id", "representation_id", "kind", "filename", "media_type", "size", "sha256", "uploaded_by",
            "uploaded_at"
        ).values(
            SQLBind(document.id), SQLBind(document.representationID), SQLBind(document.kind.rawValue),
            SQLBind(document.filename), SQLBind(document.mediaType), SQLBind(document.size),
            SQLBind(document.sha256), SQLBind(document.uploadedBy), SQLBind(document.uploadedAt)
        ).run()
    }

    /// Files already kept by digest (an emailed submission's attachments) made documents of the
    /// case recorded from it, all or none.
    public func attach(_ files: [KeptFile], to representationID: String, by username: String) async throws {
        let now = Timestamp.now()
        try await database.transaction { sql in
            for file in files {
                try await sql.insert(into: "case_document").columns(
                    "id", "representation_id", "kind", "filename", "media_type", "size", "sha256", "uploaded_by",
                    "uploaded_at"
                ).values(
                    SQLBind(UUID().uuidString.lowercased()), SQLBind(representationID),
                    SQLBind(CaseDocument.Kind.complainantEvidence.rawValue), SQLBind(file.filename),
                    SQLBind(file.mediaType), SQLBind(file.size), SQLBind(file.sha256), SQLBind(username), SQLBind(now)
                ).run()
            }
        }
    }

    /// Writes the pieces of a file not already kept. Two uploads of the same file at once both
    /// write the same pieces; the second write of a piece changes nothing.
    static func keepContent(_ bytes: [UInt8], sha256: String, on sql: any SQLDatabase) async throws {
        let kept =
            try await sql.raw("SELECT COUNT(*) AS n FROM document_chunk WHERE sha256 = \(bind: sha256)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let pieces = stride(from: 0, to: max(bytes.count, 1), by: chunkSize).map { start in
            bytes[start..<min(start + chunkSize, bytes.count)]
        }
        guard kept < pieces.count else { return }
        for (position, piece) in pieces.enumerated() {
            try await sql.raw(
                """
                INSERT INTO document_chunk (sha256, position, data) VALUES (\(bind: sha256), \(bind: position), \
                \(bind: Data(piece).base64EncodedString())) ON CONFLICT (sha256, position) DO NOTHING
                """
            ).run()
        }
    }

    /// The documents on a case, oldest first.
    public func documents(of representationID: String) async throws -> [CaseDocument] {
        try await database.read { sql in try await Self.documents(of: representationID, on: sql) }
    }

    static func documents(of representationID: String, on sql: any SQLDatabase) async throws -> [CaseDocument] {
        try await sql.raw(
            """
            SELECT * FROM case_document WHERE representation_id = \(bind: representationID) \
            ORDER BY uploaded_at, filename, id
            """
        ).all().map(Self.decode)
    }

    public func document(id: String) async throws -> CaseDocument? {
        guard id.count <= 64 else { return nil }
        return try await database.read { sql in
            try await sql.raw("SELECT * FROM case_document WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// The file's bytes, checked against its SHA-256: a file that does not match is reported as
    /// a corrupt row rather than handed out.
    public func content(of document: CaseDocument) async throws -> [UInt8] {
        try await content(sha256: document.sha256, size: document.size)
    }

    /// The bytes of a file kept by its digest (a case document, an outgoing attachment).
    public func content(sha256: String, size: Int) async throws -> [UInt8] {
        let pieces = try await database.read { sql in
            try await sql.raw(
                "SELECT data FROM document_chunk WHERE sha256 = \(bind: sha256) ORDER BY position"
            ).all().map { try $0.decode(column: "data", as: String.self) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for piece in pieces {
            guard let data = Data(base64Encoded: piece) else {
                throw DatabaseError.corruptRow(table: "document_chunk", column: "data", value: sha256)
            }
            bytes += data
        }
        guard bytes.count == size, SHA256Digest.hex(bytes) == sha256 else {
            throw DatabaseError.corruptRow(table: "document_chunk", column: "data", value: sha256)
        }
        return bytes
    }

    /// Leaves a document out of subject access exports (with why), or puts it back (`nil`).
    public func withhold(id: String, _ withholding: CaseDocument.Withholding?) async throws {
        try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE case_document SET withheld_reason = \(bind: withholding?.reason), \
                withheld_by = \(bind: withholding?.by), withheld_on = \(bind: withholding?.on.iso) \
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Removes a case's documents, and the bytes of any file no other case holds (retention).
    static func purge(representationID: String, on sql: any SQLDatabase) async throws {
        let hashes = try await sql.raw(
            "SELECT DISTINCT sha256 FROM case_document WHERE representation_id = \(bind: representationID)"
        ).all().map { try $0.decode(column: "sha256", as: String.self) }
        try await sql.raw("DELETE FROM case_document WHERE representation_id = \(bind: representationID)").run()
        for hash in hashes {
            try await sql.raw(
                """
                DELETE FROM document_chunk WHERE sha256 = \(bind: hash) \
                AND NOT EXISTS (SELECT 1 FROM case_document WHERE sha256 = \(bind: hash))
                """
            ).run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> CaseDocument {
        let reason =
            try row.decodeNil(column: "withheld_reason")
            ? nil : try row.decode(column: "withheld_reason", as: String.self)
        let withheld = try reason.map { reason in
            CaseDocument.Withholding(
                reason: reason, by: try row.decode(column: "withheld_by", as: String.self),
                on: CalendarDate(iso: try row.decode(column: "withheld_on", as: String.self)) ?? CalendarDate(
                    year: 2000, month: 1, day: 1)!)
        }
        return CaseDocument(
            id: try row.decode(column: "id", as: String.self),
            representationID: try row.decode(column: "representation_id", as: String.self),
            kind: CaseDocument.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
            filename: try row.decode(column: "filename", as: String.self),
            mediaType: try row.decode(column: "media_type", as: String.self),
            size: try row.decode(column: "size", as: Int.self),
            sha256: try row.decode(column: "sha256", as: String.self),
            uploadedBy: try row.decode(column: "uploaded_by", as: String.self),
            uploadedAt: try row.decode(column: "uploaded_at", as: String.self), withheld: withheld)
    }
}
