import Hummingbird

/// HTML text whose string interpolation escapes by default: `"<p>\(name)</p>"` can never inject
/// markup, and nested `HTML` values are inserted as they are.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var description: String

    public init(stringLiteral value: String) { description = value }
    public init(stringInterpolation: Interpolation) { description = stringInterpolation.output }
    init(trusted text: String) { description = text }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""
        public init(literalCapacity: Int, interpolationCount: Int) { output.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { output += literal }
        /// Escaped text.
        public mutating func appendInterpolation(_ text: some StringProtocol) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        /// Trusted markup.
        public mutating func appendInterpolation(_ html: HTML) { output += html.description }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { output += part.description } }
        public mutating func appendInterpolation(_ html: HTML?) { if let html { output += html.description } }
    }

    /// ` name="value"` with the value escaped, or nothing when `value` is `nil` or empty. Use it
    /// for optional attributes: a conditional string literal would be escaped as text.
    public static func attribute(_ name: String, _ value: String?) -> HTML {
        guard let value, !value.isEmpty else { return "" }
        return HTML(trusted: " \(name)=\"\(escape(value))\"")
    }

    /// Escapes `& < > " '` for text and attribute values.
    /// Works on UTF-8 bytes (these five are ASCII, never part of a longer character), and
    /// returns the text as it is when there is nothing to escape, the usual case.
    public static func escape(_ text: some StringProtocol) -> String {
        let utf8 = text.utf8
        // Over the bytes in place where the text is stored contiguously (a native String is):
        // the generic walk over a UTF-8 view cost 2% of a case page.
        let special =
            utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) } ?? utf8.contains(where: isSpecial)
        guard special else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One of `& < > " '` (all at or below `>`, so most bytes fail the first test).
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte <= 0x3E && (byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27)
    }
}

extension HTML: ResponseGenerator {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: description)))
    }
}

/// A page with a status other than 200 (form errors are 422, unknown cases 404).
struct Page: ResponseGenerator {
    var status: HTTPResponse.Status
    var html: HTML

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try html.response(from: request, context: context)
        response.status = status
        return response
    }
}
