import Foundation

/// Reads which page each heading of a PDF printed by Chromium is on, from the document outline
/// Chromium writes with `--generate-pdf-document-outline`: each outline entry's `/Title` and its
/// `/Dest` page object, and the page tree's `/Kids` for the order of the pages. Chromium writes
/// these objects uncompressed; anything not found gives no entry rather than a guess.
public enum PDFOutline {
    /// Each outline entry's title and the page (from 1) it points to, in the order written.
    public static func headingPages(in pdf: [UInt8]) -> [(title: String, page: Int)] {
        guard let text = String(bytes: pdf, encoding: .isoLatin1) else { return [] }
        let objects = Self.objects(in: text)
        guard let catalog = objects.values.first(where: { $0.contains("/Type /Catalog") }),
            let root = reference(after: "/Pages", in: catalog)
        else { return [] }
        var order: [Int: Int] = [:]
        var pages = 0
        func walk(_ number: Int, depth: Int) {
            guard depth < 32, let object = objects[number] else { return }
            if object.contains("/Type /Pages"), let kids = references(inArray: "/Kids", in: object) {
                for kid in kids { walk(kid, depth: depth + 1) }
            } else {
                pages += 1
                order[number] = pages
            }
        }
        walk(root, depth: 0)
        var found: [(title: String, page: Int)] = []
        for (_, object) in objects.sorted(by: { $0.key < $1.key }) {
            guard let title = title(in: object), let dest = references(inArray: "/Dest", in: object)?.first,
                let page = order[dest]
            else { continue }
            found.append((title, page))
        }
        return found
    }

    /// `N 0 obj … endobj`, the dictionary part only (up to any stream).
    static func objects(in text: String) -> [Int: String] {
        var result: [Int: String] = [:]
        var rest = text[...]
        while let start = rest.range(of: " 0 obj") {
            let before = rest[..<start.lowerBound]
            let digits = before.reversed().prefix { $0.isPDFDigit }
            let after = rest[start.upperBound...]
            let end = after.range(of: "endobj")?.lowerBound ?? after.endIndex
            var body = after[..<end]
            if let stream = body.range(of: "stream") { body = body[..<stream.lowerBound] }
            if let number = Int(String(digits.reversed())) { result[number] = String(body) }
            rest = after[end...]
        }
        return result
    }

    static func reference(after key: String, in object: String) -> Int? {
        guard let range = object.range(of: key + " ") else { return nil }
        return Int(object[range.upperBound...].prefix { $0.isPDFDigit })
    }

    /// The object numbers in `key [a 0 R b 0 R …]`.
    static func references(inArray key: String, in object: String) -> [Int]? {
        guard let range = object.range(of: key + " ["), let close = object[range.upperBound...].firstIndex(of: "]")
        else { return nil }
        let words = object[range.upperBound..<close].split(separator: " ")
        var numbers: [Int] = []
        var i = 0
        while i + 2 < words.count {
            if words[i + 2] == "R", let n = Int(words[i]) {
                numbers.append(n)
                i += 3
            } else {
                i += 1
            }
        }
        return numbers
    }

    /// A `/Title` as a literal `( … )` string or UTF-16 hex `<FEFF…>`.
    static func title(in object: String) -> String? {
        guard let range = object.range(of: "/Title ") else { return nil }
        let rest = object[range.upperBound...]
        if rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") {
            let hex = Array(rest[rest.index(after: rest.startIndex)..<close].filter { !$0.isWhitespace })
            var units: [UInt16] = []
            var i = 0
            while i + 3 < hex.count {
                guard let unit = UInt16(String(hex[i...(i + 3)]), radix: 16) else { return nil }
                units.append(unit)
                i += 4
            }
            if units.first == 0xFEFF { units.removeFirst() }
            return String(decoding: units, as: UTF16.self)
        }
        guard rest.hasPrefix("(") else { return nil }
        var out = "", depth = 0, escaped = false
        var octal = ""
        for character in rest.dropFirst() {
            if !octal.isEmpty || (escaped && character.isPDFDigit && ("0"..."7").contains(character)) {
                if character.isPDFDigit, octal.count < 3, escaped || !octal.isEmpty {
                    octal.append(character)
                    escaped = false
                    if octal.count == 3 {
                        out.unicodeScalars.append(UnicodeScalar(UInt8(octal, radix: 8) ?? 63))
                        octal = ""
                    }
                    continue
                }
                out.unicodeScalars.append(UnicodeScalar(UInt8(octal, radix: 8) ?? 63))
                octal = ""
            }
            if escaped {
                switch character {
                case "n": out += "\n"
                case "r": out += "\r"
                case "t": out += "\t"
                default: out.append(character)
                }
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "(": depth += 1; out.append(character)
            case ")":
                if depth == 0 { return out }
                depth -= 1
                out.append(character)
            default: out.append(character)
            }
        }
        return nil
    }
}

extension Character {
    fileprivate var isPDFDigit: Bool { isASCII && isNumber }
}
