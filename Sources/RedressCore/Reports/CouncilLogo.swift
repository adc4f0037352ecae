import Foundation

/// The council's logo, printed on the report's cover. Checked when it is uploaded so a report
/// never carries a file that is not the picture it claims to be: a PNG by its signature and
/// header (whose width and height size it in Word), an SVG by its root element. An SVG is only
/// ever shown as an image (`<img>`), where its scripts do not run.
public struct CouncilLogo: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case png, svg }

    public var kind: Kind
    public var bytes: Data
    /// In pixels; for an SVG, from its `width` and `height` or `viewBox`, when it gives them.
    public var width: Int
    public var height: Int

    /// The largest logo accepted: a cover picture, not a photograph.
    public static let sizeLimit = 512 * 1024

    public var mediaType: String { kind == .png ? "image/png" : "image/svg+xml" }

    /// The logo as a `data:` address, to embed in a page that must stand alone.
    public var dataURL: String { "data:\(mediaType);base64,\(bytes.base64EncodedString())" }

    /// The uploaded file as a logo, or why it cannot be one (in words for the person uploading).
    public static func check(_ bytes: [UInt8]) -> Result<CouncilLogo, LogoProblem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= sizeLimit else { return .failure(.tooLarge) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.starts(with: signature) {
            // The first chunk is IHDR: length (4), type (4), width (4), height (4).
            guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return .failure(.brokenPNG) }
            func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            let (width, height) = (number(16), number(20))
            guard (1...20_000).contains(width), (1...20_000).contains(height) else { return .failure(.brokenPNG) }
            return .success(CouncilLogo(kind: .png, bytes: Data(bytes), width: width, height: height))
        }
        guard let text = String(validating: bytes, as: UTF8.self),
            let root = text.range(of: "<svg", options: [.caseInsensitive])
        else { return .failure(.notAPicture) }
        // Only a declaration, comments or a doctype may come before the root element.
        let before = text[..<root.lowerBound].replacingOccurrences(
            of: "<\\?xml[^>]*>|<!--(.|\\n)*?-->|<!DOCTYPE[^>]*>|\\s", with: "", options: .regularExpression)
        guard before.isEmpty, let end = text[root.upperBound...].firstIndex(of: ">") else {
            return .failure(.notAPicture)
        }
        let element = String(text[root.upperBound..<end])
        func attribute(_ name: String) -> String? {
            guard let match = element.range(of: "\\s\(name)\\s*=\\s*\"[^\"]*\"", options: .regularExpression) else {
                return nil
            }
            return element[match].split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first
                .map(String.init)
        }
        // A size is a number of pixels between 1 and 20,000 (what the file says may be anything).
        func pixels(_ number: Double?) -> Int? {
            guard let number, number.isFinite, number >= 1 else { return nil }
            return Int(min(number, 20_000).rounded())
        }
        func pixels(_ value: String?) -> Int? {
            pixels(value.flatMap { Double($0.trimmingCharacters(in: .letters.union(.whitespaces))) })
        }
        var (width, height) = (pixels(attribute("width")), pixels(attribute("height")))
        if width == nil || height == nil, let box = attribute("viewBox") {
            let parts = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if parts.count == 4 { (width, height) = (pixels(parts[2]), pixels(parts[3])) }
        }
        return .success(
            CouncilLogo(
                kind: .svg, bytes: Data(bytes), width: width ?? 300, height: height ?? 100))
    }
}

/// Why an uploaded file cannot be the council's logo.
public enum LogoProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case empty, tooLarge, brokenPNG, notAPicture

    public var description: String {
        switch self {
        case .empty: "Choose a logo file to upload"
        case .tooLarge: "The logo must be 512 KB or smaller"
        case .brokenPNG: "The logo file says it is a PNG picture but cannot be read as one"
        case .notAPicture: "The logo must be a PNG or SVG picture"
        }
    }
}
