import Foundation

/// A `multipart/form-data` body (RFC 7578): the form a file upload sends. Bounded by
/// construction: it reads a body already collected up to the endpoint's upload limit, keeps at
/// most `partLimit` parts with at most 8 KB of headers each, and refuses anything it cannot read
/// whole (no partial form is ever handed on). Fuzzed (`fuzz/multipart`).
struct MultipartForm: Sendable {
    struct Part: Sendable, Hashable {
        var name: String
        /// The file's name as the browser sent it (never used as a path), or `nil` for a field.
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    /// Why a body cannot be read as a form, for a 400 page.
    enum Problem: Error, Hashable, CustomStringConvertible {
        case noBoundary, malformed(String), tooManyParts

        var description: String {
            switch self {
            case .noBoundary: "The upload did not say where its parts begin (no multipart boundary)"
            case .malformed(let why): "The upload could not be read: \(why)"
            case .tooManyParts: "The upload has too many parts"
            }
        }
    }

    private(set) var parts: [Part]
    static let partLimit = 64
    static let headerLimit = 8 * 1024

    /// The boundary from a `Content-Type` header, or `nil` when it is not a multipart form.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    init(_ body: [UInt8], boundary: String) throws(Problem) {
        let delimiter = Array("--\(boundary)".utf8)
        let nextDelimiter = Array("\r\n--\(boundary)".utf8)
        guard var at = Self.find(delimiter, in: body, from: 0) else { throw .malformed("no first boundary") }
        at += delimiter.count
        parts = []
        while true {
            if body[at...].starts(with: [0x2D, 0x2D]) { return }  // "--": the closing boundary
            // Optional transport padding, then the line break that ends the boundary line.
            while at < body.count, body[at] == 0x20 || body[at] == 0x09 { at += 1 }
            guard body[at...].starts(with: [0x0D, 0x0A]) else { throw .malformed("a boundary line does not end") }
            at += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: at, within: Self.headerLimit)
            else { throw .malformed("a part's headers do not end") }
            let headers = String(decoding: body[at..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = Self.find(nextDelimiter, in: body, from: start) else {
                throw .malformed("the last part is cut short")
            }
            guard parts.count < Self.partLimit else { throw .tooManyParts }
            parts.append(try Self.part(headers: headers, body: Array(body[start..<end])))
            at = end + nextDelimiter.count
        }
    }

    private static func part(headers: String, body: [UInt8]) throws(Problem) -> Part {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("a part header has no colon") }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if field == "content-type" { contentType = value }
            guard field == "content-disposition" else { continue }
            let parameters = Self.parameters(value)
            guard parameters.first?.key.lowercased() == "form-data" else {
                throw .malformed("a part is not form data")
            }
            name = parameters.first { $0.key.lowercased() == "name" }?.value
            filename = parameters.first { $0.key.lowercased() == "filename" }?.value
        }
        guard let name else { throw .malformed("a part has no name") }
        return Part(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// `form-data; name="a"; filename="b c.pdf"` as ordered (key, value) pairs; quoted values may
    /// hold semicolons and escaped quotes.
    static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var key = "", value = "", inKey = true, quoted = false, escaped = false
        func finish() {
            let k = key.trimmingCharacters(in: .whitespaces)
            if !k.isEmpty { result.append((k, inKey ? "" : value)) }
            (key, value, inKey) = ("", "", true)
        }
        for character in text {
            if quoted {
                if escaped {
                    value.append(character); escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoted = false
                } else {
                    value.append(character)
                }
            } else if character == ";" {
                finish()
            } else if inKey && character == "=" {
                inKey = false
            } else if inKey {
                key.append(character)
            } else if character == "\"" && value.isEmpty {
                quoted = true
            } else if character != " " || !value.isEmpty {
                value.append(character)
            }
        }
        finish()
        return result
    }

    /// The first index of `needle` in `haystack` at or after `from` (and starting within
    /// `within` bytes of it, when given).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, within: Int? = nil) -> Int? {
        guard let first = needle.first, from <= haystack.count else { return nil }
        let last = min(haystack.count - needle.count, within.map { from + $0 } ?? Int.max)
        guard last >= from else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var i = from
            while i <= last {
                // memchr finds the candidate first bytes at memory speed.
                guard let found = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                let hit = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if (1..<needle.count).allSatisfy({ buffer[hit + $0] == needle[$0] }) { return hit }
                i = hit + 1
            }
            return nil
        }
    }

    /// A field's text (the last part with that name and no file name), or "".
    subscript(_ name: String) -> String {
        parts.last { $0.name == name && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
    }

    /// The files sent under `name`, in order; a file input left empty sends a part with an empty
    /// file name, which is not a file.
    func files(_ name: String) -> [Part] {
        parts.filter { $0.name == name && !($0.filename ?? "").isEmpty }
    }
}
