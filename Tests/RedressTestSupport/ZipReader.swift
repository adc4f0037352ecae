/// The entries of a stored (uncompressed) ZIP such as the DOCX and XLSX files Redress writes,
/// read back from its central directory, for tests to look inside documents.
public enum ZipReader {
    public enum Problem: Error { case notAZip }

    public static func entries(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        let end = bytes.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw Problem.notAZip }
        var out: [String: [UInt8]] = [:]
        var p = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard u32(p) == 0x0201_4B50 else { throw Problem.notAZip }
            let size = u32(p + 20), nameLength = u16(p + 28), offset = u32(p + 42)
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let dataStart = offset + 30 + u16(offset + 26)
            out[name] = Array(bytes[dataStart..<(dataStart + size)])
            p += 46 + nameLength
        }
        return out
    }

    /// The entries as UTF-8 text.
    public static func texts(_ bytes: [UInt8]) throws -> [String: String] {
        try entries(bytes).mapValues { String(decoding: $0, as: UTF8.self) }
    }
}
