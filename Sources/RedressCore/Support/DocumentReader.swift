import Foundation

/// `Decoder` over one node of a `Document` (`DocumentDecoder`). Every refusal throws
/// `NotPlainJSON`, and the whole document is then decoded by Foundation instead.
final class DocumentReader: Decoder {
    let document: Document
    let node: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ document: Document, node: Int) {
        self.document = document
        self.node = node
    }

    /// The value at this node. Foundation's decoder treats these types its own way (dates as
    /// numbers of seconds, data as Base64, URLs and decimals from text), so they are left to it.
    func read<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try document.string(node), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try document.integer(node), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try document.flag(node), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try document.real(node), to: T.self) }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw NotPlainJSON()
        }
        // The case documents a report reads by the ten thousand, read without `Codable`'s containers.
        if T.self == CalendarDate.self { return unsafeBitCast(try document.date(node), to: T.self) }
        if T.self == Stage.self { return unsafeBitCast(try Stage(document: document, node: node), to: T.self) }
        if T.self == CaseRecords.self {
            return unsafeBitCast(try CaseRecords(document: document, node: node), to: T.self)
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard document.nodes[node].kind == .object else { throw NotPlainJSON() }
        return KeyedDecodingContainer(KeyedReader<Key>(document: document, object: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard document.nodes[node].kind == .array else { throw NotPlainJSON() }
        return UnkeyedReader(document: document, array: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(reader: self) }
}

/// An object's members, found by comparing key bytes in place.
struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: Document
    let object: Int
    var codingPath: [any CodingKey] { [] }

    /// The node of `key`'s value, if the object has it.
    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        var at = object + 1
        for _ in 0..<document.nodes[object].count {
            if document.keyMatches(at, name) { return at + 1 }
            at = Int(document.nodes[at + 1].next)
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let at = find(key) else { throw NotPlainJSON() }
        return at
    }

    var allKeys: [Key] {
        var keys: [Key] = [], at = object + 1
        for _ in 0..<document.nodes[object].count {
            if let name = try? document.string(at), let key = Key(stringValue: name) { keys.append(key) }
            at = Int(document.nodes[at + 1].next)
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { document.nodes[try value(key)].kind == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try DocumentReader(document, node: try value(key)).read(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let at = find(key), document.nodes[at].kind != .null else { return nil }
        return try DocumentReader(document, node: at).read(T.self)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(try value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(try value(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.flag(try value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.real(try value(key)) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let at = find(key), document.nodes[at].kind != .null else { return nil }
        return try document.string(at)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let at = find(key), document.nodes[at].kind != .null else { return nil }
        return try document.flag(at)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let at = find(key), document.nodes[at].kind != .null else { return nil }
        return try document.integer(at)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try DocumentReader(document, node: try value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try DocumentReader(document, node: try value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw NotPlainJSON() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw NotPlainJSON() }
}

/// An array's elements, in order.
struct UnkeyedReader: UnkeyedDecodingContainer {
    let document: Document
    var codingPath: [any CodingKey] { [] }
    let count: Int?
    private(set) var currentIndex = 0
    private var at: Int

    init(document: Document, array: Int) {
        self.document = document
        count = Int(document.nodes[array].count)
        at = array + 1
    }

    var isAtEnd: Bool { currentIndex >= count! }

    /// The next element's node, moving past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else { throw NotPlainJSON() }
        let node = at
        at = Int(document.nodes[at].next)
        currentIndex += 1
        return node
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw NotPlainJSON() }
        guard document.nodes[at].kind == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try DocumentReader(document, node: try next()).read(T.self)
    }

    mutating func decode(_ type: String.Type) throws -> String { try document.string(try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try DocumentReader(document, node: try next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try DocumentReader(document, node: try next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { throw NotPlainJSON() }
}

/// One value (a date written as text, a code's raw value).
struct SingleReader: SingleValueDecodingContainer {
    let reader: DocumentReader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { reader.document.nodes[reader.node].kind == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.read(T.self) }
    func decode(_ type: String.Type) throws -> String { try reader.document.string(reader.node) }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.document.flag(reader.node) }
    func decode(_ type: Int.Type) throws -> Int { try reader.document.integer(reader.node) }
    func decode(_ type: Double.Type) throws -> Double { try reader.document.real(reader.node) }
}

// The other number types never appear in the case documents: refused, for Foundation to read.
extension SingleReader {
    func decode(_ type: Float.Type) throws -> Float { throw NotPlainJSON() }
    func decode(_ type: Int8.Type) throws -> Int8 { throw NotPlainJSON() }
    func decode(_ type: Int16.Type) throws -> Int16 { throw NotPlainJSON() }
    func decode(_ type: Int32.Type) throws -> Int32 { throw NotPlainJSON() }
    func decode(_ type: Int64.Type) throws -> Int64 { throw NotPlainJSON() }
    func decode(_ type: UInt.Type) throws -> UInt { throw NotPlainJSON() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { throw NotPlainJSON() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { throw NotPlainJSON() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { throw NotPlainJSON() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { throw NotPlainJSON() }
}

extension KeyedReader {
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw NotPlainJSON() }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw NotPlainJSON() }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw NotPlainJSON() }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw NotPlainJSON() }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw NotPlainJSON() }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw NotPlainJSON() }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw NotPlainJSON() }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw NotPlainJSON() }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw NotPlainJSON() }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw NotPlainJSON() }
}

extension UnkeyedReader {
    mutating func decode(_ type: Bool.Type) throws -> Bool { try document.flag(try next()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try document.integer(try next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try document.real(try next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw NotPlainJSON() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { throw NotPlainJSON() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { throw NotPlainJSON() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { throw NotPlainJSON() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { throw NotPlainJSON() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { throw NotPlainJSON() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { throw NotPlainJSON() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { throw NotPlainJSON() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { throw NotPlainJSON() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { throw NotPlainJSON() }
}
