import Foundation

/// A file kept on a case: the complainant's evidence, an investigation or Independent Person's
/// report, a panel's decision, a response letter, an email. The bytes are kept once by their
/// SHA-256 (two uploads of one file share them); this is what the case knows about the file.
public struct CaseDocument: Sendable, Hashable, Codable, Identifiable {
    /// What the document is, in the words a complaints team files by.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case complainantEvidence = "complainant-evidence"
        case investigationReport = "investigation-report"
        case independentPersonReport = "independent-person-report"
        case panelDecision = "panel-decision"
        case responseLetter = "response-letter"
        case email
        case other

        public var displayName: String {
            switch self {
            case .complainantEvidence: "Complainant's evidence"
            case .investigationReport: "Investigation report"
            case .independentPersonReport: "Independent Person's report"
            case .panelDecision: "Review panel's decision"
            case .responseLetter: "Response letter"
            case .email: "Email"
            case .other: "Other"
            }
        }
    }

    /// Why a document is left out of subject access exports, who said so and when.
    public struct Withholding: Sendable, Hashable, Codable {
        public var reason: String
        public var by: String
        public var on: CalendarDate

        public init(reason: String, by: String, on: CalendarDate) {
            (self.reason, self.by, self.on) = (reason, by, on)
        }
    }

    public var id: String
    public var representationID: String
    public var kind: Kind
    /// The file's name as it was uploaded, made safe to print and to name a download with.
    public var filename: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: String
    public var withheld: Withholding?

    public init(
        id: String, representationID: String, kind: Kind, filename: String, mediaType: String, size: Int,
        sha256: String, uploadedBy: String, uploadedAt: String, withheld: Withholding? = nil
    ) {
        (self.id, self.representationID, self.kind, self.filename, self.mediaType) = (
            id, representationID, kind, filename, mediaType
        )
        (self.size, self.sha256, self.uploadedBy, self.uploadedAt, self.withheld) = (
            size, sha256, uploadedBy, uploadedAt, withheld
        )
    }

    /// The kinds of file a case keeps, by the end of their name: PDFs, Word and OpenDocument
    /// documents, pictures, emails and plain text. Anything else is refused, so a download is
    /// never a program.
    public static let mediaTypes: [String: String] = [
        "pdf": "application/pdf", "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "heic": "image/heic",
        "eml": "message/rfc822", "msg": "application/vnd.ms-outlook", "txt": "text/plain",
    ]

    /// The media type for a file name, or `nil` when Redress does not keep that kind of file.
    public static func mediaType(of filename: String) -> String? {
        guard let dot = filename.lastIndex(of: ".") else { return nil }
        return mediaTypes[filename[filename.index(after: dot)...].lowercased()]
    }

    /// A browser's file name with any folder taken off, control characters and quotes removed,
    /// and at most 120 characters kept (the end, with its extension, kept whole).
    public static func safeFilename(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(
            base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }.map(
                Character.init)
        ).trimmingCharacters(in: .whitespaces)
        guard cleaned.count > 120 else { return cleaned }
        return String(cleaned.prefix(60)) + "…" + String(cleaned.suffix(59))
    }

    /// Whether the file can be shown as text on its page (plain text, CSV and emails).
    public var hasTextPreview: Bool { ["text/plain", "text/csv", "message/rfc822"].contains(mediaType) }
}

/// A file kept by its digest before it belongs to a case (an emailed submission's attachment).
public struct KeptFile: Sendable, Hashable, Codable {
    public var filename: String
    public var mediaType: String
    public var sha256: String
    public var size: Int

    public init(filename: String, mediaType: String, sha256: String, size: Int) {
        (self.filename, self.mediaType, self.sha256, self.size) = (filename, mediaType, sha256, size)
    }
}

/// One entry of a case's contact log: a note, a call, a meeting, an email or a letter, in or
/// out, on a day, with whom, and what was said. Shown on the case's timeline among the recorded
/// steps; its author can correct it, and every version is kept.
public struct ContactEntry: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case note, call, meeting, email, letter

        public var displayName: String {
            switch self {
            case .note: "Note"
            case .call: "Telephone call"
            case .meeting: "Meeting"
            case .email: "Email"
            case .letter: "Letter"
            }
        }
    }

    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
        case incoming = "in", outgoing = "out", none

        public var displayName: String {
            switch self {
            case .incoming: "Received"
            case .outgoing: "Sent or made"
            case .none: "Neither"
            }
        }
    }

    public var id: String
    public var representationID: String
    public var kind: Kind
    public var direction: Direction
    public var occurredOn: CalendarDate
    /// The other party: "Ms Smith (complainant)", "Team manager, Northern locality".
    public var withWhom: String
    public var summary: String
    /// The username of who wrote it: only they may change it.
    public var author: String
    public var authorName: String
    public var version: Int
    public var recordedAt: String

    public init(
        id: String, representationID: String, kind: Kind, direction: Direction, occurredOn: CalendarDate,
        withWhom: String, summary: String, author: String, authorName: String, version: Int = 1,
        recordedAt: String = ""
    ) {
        (self.id, self.representationID, self.kind, self.direction, self.occurredOn) = (
            id, representationID, kind, direction, occurredOn
        )
        (self.withWhom, self.summary, self.author, self.authorName, self.version, self.recordedAt) = (
            withWhom, summary, author, authorName, version, recordedAt
        )
    }

    public static let summaryLimit = 10_000
    public static let withWhomLimit = 200

    /// What is wrong with an entry as typed, as (field, message), for the form's error summary.
    public func problems(today: CalendarDate) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(("summary", "Enter what was said or done"))
        } else if summary.count > Self.summaryLimit {
            problems.append(("summary", "The summary must be \(Self.summaryLimit) characters or fewer"))
        }
        if withWhom.count > Self.withWhomLimit {
            problems.append(("with-whom", "Who it was with must be \(Self.withWhomLimit) characters or fewer"))
        }
        if occurredOn > today { problems.append(("occurred-on", "The date must be today or in the past")) }
        return problems
    }
}
