import Foundation

/// An email as it arrived (RFC 5322 with MIME): who sent it, its subject, its text and its
/// attachments, decoded. Read from the raw bytes a mailbox gives; never fails on a strange
/// message — what cannot be read is left out, and the raw message is kept as a document too.
/// Bounded: at most `partLimit` parts, nested at most `depthLimit` deep.
public struct MailMessage: Sendable, Hashable {
    public struct Attachment: Sendable, Hashable {
        public var filename: String
        public var contentType: String
        public var bytes: [UInt8]
    }

    /// The Message-ID without its angle brackets, or a digest of the raw message when it has none.
    public var messageID: String
    public var from: String
    public var subject: String
    public var date: String
    /// The first plain-text part (or an HTML part with its tags taken out), decoded.
    public var text: String
    public var attachments: [Attachment]

    static let partLimit = 100
    static let depthLimit = 8

    public init(_ raw: [UInt8]) {
        let (headers, body) = Self.split(raw[...])
        messageID =
            headers.value("message-id").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")) }
            .flatMap { $0.isEmpty ? nil : String($0.prefix(250)) } ?? "sha256:" + SHA256Digest.hex(raw)
        from = Self.decodeWords(headers.value("from") ?? "")
        subject = Self.decodeWords(headers.value("subject") ?? "")
        date = headers.value("date") ?? ""
        var text: String?
        var attachments: [Attachment] = []
        var parts = 0
        Self.walk(headers, body, depth: 0, parts: &parts, text: &text, attachments: &attachments)
        self.text = text ?? ""
        self.attachments = attachments
    }

    // MARK: - Headers

    struct Headers {
        var fields: [(name: String, value: String)]

        func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

        /// `type/subtype` lower-cased, and the parameters (`boundary`, `charset`, `name`…).
        func contentType() -> (type: String, parameters: [String: String]) {
            let (main, parameters) = Self.parameters(value("content-type") ?? "text/plain")
            return (main.lowercased(), parameters)
        }

        static func parameters(_ value: String) -> (String, [String: String]) {
            var pieces = value.split(separator: ";", omittingEmptySubsequences: true).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let main = pieces.isEmpty ? "" : pieces.removeFirst()
            var parameters: [String: String] = [:]
            for piece in pieces {
                guard let equals = piece.firstIndex(of: "=") else { continue }
                let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                parameters[key.hasSuffix("*") ? String(key.dropLast()) : key] =
                    key.hasSuffix("*") ? Self.extended(value) : value
            }
            return (main, parameters)
        }

        /// RFC 2231 `UTF-8''na%C3%AFve.pdf`.
        static func extended(_ value: String) -> String {
            let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            return (parts.count == 3 ? String(parts[2]) : value).removingPercentEncoding ?? value
        }
    }

    /// The header block (unfolded, names lower-cased) and the body after the blank line.
    static func split(_ bytes: ArraySlice<UInt8>) -> (Headers, ArraySlice<UInt8>) {
        var end = bytes.startIndex
        var bodyStart = bytes.endIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                let next = bytes.index(after: i)
                if next < bytes.endIndex, bytes[next] == 0x0A { (end, bodyStart) = (i, next + 1); break }
                if next + 1 < bytes.endIndex, bytes[next] == 0x0D, bytes[next + 1] == 0x0A {
                    (end, bodyStart) = (i, next + 2)
                    break
                }
            }
            i += 1
        }
        if bodyStart == bytes.endIndex { end = bytes.endIndex }
        let block = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        var fields: [(String, String)] = []
        for line in block.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append(
                    (
                        line[..<colon].lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
        return (Headers(fields: fields), bytes[min(bodyStart, bytes.endIndex)...])
    }

    // MARK: - Parts

    static func walk(
        _ headers: Headers, _ body: ArraySlice<UInt8>, depth: Int, parts: inout Int, text: inout String?,
        attachments: inout [Attachment]
    ) {
        parts += 1
        guard parts <= partLimit, depth <= depthLimit else { return }
        let (type, parameters) = headers.contentType()
        if type.hasPrefix("multipart/"), let boundary = parameters["boundary"], !boundary.isEmpty {
            for part in Self.parts(body, boundary: boundary) {
                let (h, b) = split(part)
                walk(h, b, depth: depth + 1, parts: &parts, text: &text, attachments: &attachments)
            }
            return
        }
        let decoded = decode(body, encoding: headers.value("content-transfer-encoding") ?? "7bit")
        let (disposition, dispositionParameters) = Headers.parameters(headers.value("content-disposition") ?? "")
        let filename = (dispositionParameters["filename"] ?? parameters["name"]).map(decodeWords)
        if filename == nil, disposition.lowercased() != "attachment", type == "text/plain" || type == "text/html" {
            if text == nil || (type == "text/plain" && text?.isEmpty == true) {
                let string = Self.string(decoded, charset: parameters["charset"])
                text = type == "text/html" ? Self.withoutTags(string) : string
            }
            return
        }
        guard !decoded.isEmpty else { return }
        attachments.append(
            Attachment(
                filename: filename.flatMap { $0.isEmpty ? nil : $0 } ?? "attachment-\(attachments.count + 1)",
                contentType: type, bytes: Array(decoded)))
    }

    /// The parts between `--boundary` lines.
    static func parts(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let marker = Array("--\(boundary)".utf8)
        var starts: [(at: Int, after: Int, closing: Bool)] = []
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if line.starts(with: marker) {
                let rest = line.dropFirst(marker.count)
                starts.append((lineStart, min(lineEnd + 1, body.endIndex), rest.starts(with: [0x2D, 0x2D])))
            }
            lineStart = min(lineEnd + 1, body.endIndex)
            if lineEnd == body.endIndex { break }
        }
        var parts: [ArraySlice<UInt8>] = []
        for (index, start) in starts.enumerated() where !start.closing && index + 1 < starts.count {
            var end = starts[index + 1].at
            // The line break before the next boundary belongs to the boundary.
            if end > start.after, body[end - 1] == 0x0A { end -= 1 }
            if end > start.after, body[end - 1] == 0x0D { end -= 1 }
            parts.append(body[start.after..<max(end, start.after)])
        }
        return parts
    }

    // MARK: - Decoding

    static func decode(_ body: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
        switch encoding.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            let cleaned = body.filter { !($0 == 0x0D || $0 == 0x0A || $0 == 0x20 || $0 == 0x09) }
            return Data(base64Encoded: Data(cleaned), options: .ignoreUnknownCharacters).map(Array.init) ?? []
        case "quoted-printable": return quotedPrintable(body, underscores: false)
        default: return Array(body)
        }
    }

    static func quotedPrintable(_ body: some Collection<UInt8>, underscores: Bool) -> [UInt8] {
        let bytes = Array(body)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: b - 0x30
            case 0x41...0x46: b - 0x37
            case 0x61...0x66: b - 0x57
            default: nil
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x3D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 2; continue }  // soft break
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { i += 3; continue }
                if i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
            }
            out.append(underscores && b == 0x5F ? 0x20 : b)
            i += 1
        }
        return out
    }

    static func string(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii":
            String(bytes.map { Character(Unicode.Scalar($0)) })
        default: String(decoding: bytes, as: UTF8.self)
        }
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?iso-8859-1?Q?…?=`) in a header, decoded;
    /// the space between two encoded words is dropped, as the RFC says.
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let pattern = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/
        var out = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { out += between }
            let bytes =
                match.2.lowercased() == "b"
                ? Data(base64Encoded: String(match.3), options: .ignoreUnknownCharacters).map(Array.init) ?? []
                : quotedPrintable(Array(match.3.utf8), underscores: true)
            out += string(bytes, charset: String(match.1))
            rest = rest[match.range.upperBound...]
            lastWasWord = true
        }
        return out + rest
    }

    static func withoutTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<br\\s*/?>|</p>", with: "\n", options: [.regularExpression, .caseInsensitive])
            .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }

    // MARK: - Which case

    /// Case references written in the subject, then in the text ("CSC-2025-00123"), each once.
    public var caseReferences: [String] {
        let pattern = /\b[A-Z]{2,6}-\d{4}-\d{3,7}\b/
        var seen: Set<String> = []
        return (subject.uppercased().matches(of: pattern) + text.uppercased().matches(of: pattern))
            .map { String($0.output) }.filter { seen.insert($0).inserted }
    }
}
