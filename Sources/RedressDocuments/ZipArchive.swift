/// A ZIP archive of stored (uncompressed) entries: all that the Office Open XML formats (XLSX,
/// DOCX) need, without a compression dependency. Entries are written in the order added, with a
/// fixed timestamp so the same content always gives the same bytes.
public struct ZipArchive: Sendable {
    private var entries: [(name: String, data: [UInt8], crc: UInt32, offset: Int)] = []
    private var body: [UInt8] = []

    public init() {}

    public mutating func add(_ name: String, _ text: String) { add(name, Array(text.utf8)) }

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = body.count
        body += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)  // version, UTF-8 names, stored, 1980-01-01
        body +=
            le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        body += nameBytes + data
        entries.append((name, data, crc, offset))
    }

    /// The finished archive.
    public var bytes: [UInt8] {
        var directory: [UInt8] = []
        for e in entries {
            let nameBytes = Array(e.name.utf8)
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            directory +=
                le32(e.crc) + le32(UInt32(e.data.count)) + le32(UInt32(e.data.count)) + le16(UInt16(nameBytes.count))
            directory += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(e.offset)) + nameBytes
        }
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
        return body + directory + end
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
}

/// CRC-32 (IEEE 802.3), as ZIP requires.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Text escaped for XML content and attribute values.
func xml(_ text: String) -> String {
    var out = ""
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default:
            // XML 1.0 forbids most control characters.
            if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
            out.unicodeScalars.append(ch)
        }
    }
    return out
}
