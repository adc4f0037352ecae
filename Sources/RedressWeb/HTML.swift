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
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
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
