import Foundation

/// Decodes the JSON documents Redress keeps for each case (its records, stages and history) faster
/// than Foundation's `JSONDecoder`, which was a third of a report's time: each document is small,
/// and Foundation builds a dictionary of every object's keys before reading one. Here the text is
/// read once into a flat list of nodes and keys are found by comparing bytes in place.
///
/// Only the plain cases are answered here — objects, arrays, text, whole numbers, reals, flags and
/// nulls, as `JSONEncoder` writes them. Anything else (a number with a fraction read as a whole
/// number, `Date`, `Data`, `URL`, `Decimal`, a malformed document, any error) is handed to
/// Foundation's `JSONDecoder`, so every answer and every error is the one it gives.
public struct DocumentDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from text: some StringProtocol) throws -> T {
        if let document = Document(text), let value = try? DocumentReader(document, node: 0).read(T.self) {
            return value
        }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

/// Refused here, for Foundation's decoder to answer.
struct NotPlainJSON: Error {}

/// A JSON text as a flat list of nodes. A container is followed by its contents (an object's as key
/// and value in turn); each node knows where its contents end, so a value is skipped in one step.
final class Document {
    enum Kind: UInt8 { case object, array, string, number, yes, no, null }
    struct Node {
        var kind: Kind
        /// A string has escapes to undo.
        var escaped = false
        /// The bytes of a string (inside its quotes) or a number.
        var start: Int32 = 0
        var end: Int32 = 0
        /// Members of an object, elements of an array.
        var count: Int32 = 0
        /// The index of the node after this one and everything in it.
        var next: Int32 = 0
    }

    let bytes: [UInt8]
    /// Read-only once parsed, so reading a node needs no exclusivity check (a `var` of a class
    /// gets one on every access at run time).
    let nodes: [Node]

    init?(_ text: some StringProtocol) {
        let parser = DocumentParser(Array(text.utf8))
        guard parser.parseDocument() else { return nil }
        bytes = parser.bytes
        nodes = parser.nodes
    }

    /// Deeper than this is refused (Foundation's decoder then answers, refusing it too): the
    /// parser calls itself for each level, and a file made to be deep must not exhaust the stack.
    static let deepest = 256

    // MARK: - Reading values

    func string(_ index: Int) throws -> String {
        let node = nodes[index]
        guard node.kind == .string else { throw NotPlainJSON() }
        let range = Int(node.start)..<Int(node.end)
        guard node.escaped else { return String(decoding: bytes[range], as: UTF8.self) }
        return try unescaped(range)
    }

    private func unescaped(_ range: Range<Int>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var at = range.lowerBound
        func hex4() throws -> UInt32 {
            guard at + 4 <= range.upperBound else { throw NotPlainJSON() }
            var value: UInt32 = 0
            for byte in bytes[at..<(at + 4)] {
                guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { throw NotPlainJSON() }
                value = value << 4 | UInt32(digit)
            }
            at += 4
            return value
        }
        while at < range.upperBound {
            let byte = bytes[at]
            at += 1
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard at < range.upperBound else { throw NotPlainJSON() }
            let escape = bytes[at]
            at += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard at + 1 < range.upperBound, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u")
                    else { throw NotPlainJSON() }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw NotPlainJSON() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw NotPlainJSON() }
                out.append(contentsOf: String(Character(unicode)).utf8)
            default: throw NotPlainJSON()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func integer(_ index: Int) throws -> Int {
        let node = nodes[index]
        guard node.kind == .number else { throw NotPlainJSON() }
        var at = Int(node.start)
        let negative = bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        var value = 0
        while at < Int(node.end) {
            let digit = bytes[at]
            guard digit >= 0x30 && digit <= 0x39 else { throw NotPlainJSON() }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) =
                negative
                ? times.subtractingReportingOverflow(Int(digit - 0x30))
                : times.addingReportingOverflow(Int(digit - 0x30))
            guard !o1 && !o2 else { throw NotPlainJSON() }
            value = sum
            at += 1
        }
        return value
    }

    func real(_ index: Int) throws -> Double {
        let node = nodes[index]
        guard node.kind == .number,
            let value = Double(String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)),
            value.isFinite
        else { throw NotPlainJSON() }
        return value
    }

    func flag(_ index: Int) throws -> Bool {
        switch nodes[index].kind {
        case .yes: true
        case .no: false
        default: throw NotPlainJSON()
        }
    }

    /// Whether the string at `index` is exactly `key`.
    func keyMatches(_ index: Int, _ key: String) -> Bool {
        let node = nodes[index]
        if node.escaped { return (try? string(index)) == key }
        let length = Int(node.end - node.start)
        guard length > 0 else { return key.isEmpty }
        var key = key
        return key.withUTF8 { wanted in
            wanted.count == length
                && bytes.withUnsafeBufferPointer { all in
                    memcmp(all.baseAddress! + Int(node.start), wanted.baseAddress!, length) == 0
                }
        }
    }
}

/// Reads a JSON text into `Document`'s flat list of nodes, once.
private final class DocumentParser {
    typealias Node = Document.Node
    typealias Kind = Document.Kind
    let bytes: [UInt8]
    /// Without the run time's exclusivity check on each use (a tenth of parsing): the parser is
    /// private to one document's reading, on one thread, and never lends `nodes` out while it
    /// changes them.
    @exclusivity(unchecked) private(set) var nodes: [Node] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count / 8)
    }

    /// Whether the bytes are one JSON value and nothing else.
    func parseDocument() -> Bool {
        var at = 0
        guard (try? parseValue(&at)) != nil else { return false }
        skipSpace(&at)
        return at == bytes.count
    }

    private func skipSpace(_ at: inout Int) {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 {
            at += 1
        }
    }

    private func parseValue(_ at: inout Int, depth: Int = 0) throws {
        guard depth < Document.deepest else { throw NotPlainJSON() }
        skipSpace(&at)
        guard at < bytes.count else { throw NotPlainJSON() }
        let index = nodes.count
        switch bytes[at] {
        case UInt8(ascii: "{"):
            nodes.append(Node(kind: .object))
            let members = try parseMembers(&at, closing: UInt8(ascii: "}")) { at in
                skipSpace(&at)
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw NotPlainJSON() }
                try parseString(&at)
                skipSpace(&at)
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw NotPlainJSON() }
                at += 1
                try parseValue(&at, depth: depth + 1)
            }
            nodes[index].count = members
        case UInt8(ascii: "["):
            nodes.append(Node(kind: .array))
            let elements = try parseMembers(&at, closing: UInt8(ascii: "]")) { at in
                try parseValue(&at, depth: depth + 1)
            }
            nodes[index].count = elements
        case UInt8(ascii: "\""): try parseString(&at)
        case UInt8(ascii: "t"): try word("true", .yes, &at)
        case UInt8(ascii: "f"): try word("false", .no, &at)
        case UInt8(ascii: "n"): try word("null", .null, &at)
        default: try parseNumber(&at)
        }
        nodes[index].next = Int32(nodes.count)
    }

    /// The members of the object or array opening at `at`, each read by `member`, separated by
    /// commas and ended by `closing`; how many there were.
    private func parseMembers(_ at: inout Int, closing: UInt8, _ member: (inout Int) throws -> Void) throws -> Int32 {
        at += 1
        skipSpace(&at)
        if at < bytes.count, bytes[at] == closing {
            at += 1
            return 0
        }
        var count: Int32 = 0
        while true {
            try member(&at)
            count += 1
            skipSpace(&at)
            guard at < bytes.count else { throw NotPlainJSON() }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == closing else { throw NotPlainJSON() }
            at += 1
            return count
        }
    }

    private func parseString(_ at: inout Int) throws {
        var node = Node(kind: .string, start: Int32(at + 1))
        at += 1
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                node.end = Int32(at)
                node.next = Int32(nodes.count + 1)
                nodes.append(node)
                at += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                node.escaped = true
                at += 1
            } else if byte < 0x20 {
                throw NotPlainJSON()
            }
            at += 1
        }
        throw NotPlainJSON()
    }

    private func word(_ word: StaticString, _ kind: Kind, _ at: inout Int) throws {
        let length = word.utf8CodeUnitCount
        guard at + length <= bytes.count else { throw NotPlainJSON() }
        for i in 0..<length where bytes[at + i] != word.utf8Start[i] { throw NotPlainJSON() }
        nodes.append(Node(kind: kind))
        at += length
    }

    /// `-? digits (. digits)? ([eE] [+-]? digits)?`, checked; its text is read when asked for.
    private func parseNumber(_ at: inout Int) throws {
        let start = at
        func digits() throws {
            let first = at
            while at < bytes.count, bytes[at] >= 0x30 && bytes[at] <= 0x39 { at += 1 }
            if at == first { throw NotPlainJSON() }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
        // JSON has no leading zeros ("01").
        if at + 1 < bytes.count, bytes[at] == 0x30, bytes[at + 1] >= 0x30 && bytes[at + 1] <= 0x39 {
            throw NotPlainJSON()
        }
        try digits()
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            try digits()
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            try digits()
        }
        nodes.append(Node(kind: .number, start: Int32(start), end: Int32(at)))
    }
}
