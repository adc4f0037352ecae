/// Comma-separated values as spreadsheets write them (RFC 4180): quoted fields may hold commas,
/// quotes and line breaks. Used for the flat profile and for reading legacy exports.
public enum CSV {
    /// One field, quoted when it needs to be. Text a spreadsheet would run as a formula (starting
    /// `=`, `+`, `-`, `@`, tab or carriage return) is written with a leading `'`, so a label typed
    /// into Redress can never become a formula in the council's Excel; numbers (`-3`, `12.5%`)
    /// cannot be formulas and are left as they are.
    public static func field(_ s: String) -> String {
        let safe = neutralised(s)
        return safe.contains { ",\"\n\r".contains($0) }
            ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// `s`, with a leading `'` when a spreadsheet would read it as a formula.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        if s.wholeMatch(of: /[+-]?[0-9]+([.,][0-9]+)*%?/) != nil { return s }
        return "'" + s
    }

    /// One line: fields joined by commas, ended CRLF.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    /// The number of the first line of `bytes` that is not UTF-8 (1 if none is found).
    public static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int {
        var start = 0, line = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            start = end + 1
            line += 1
        }
        return 1
    }

    /// A parsed record and the line of the file it starts on (for problems a person can find).
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// A problem reading the file itself.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Every record of `text` (a leading byte-order mark is ignored; blank lines are skipped).
    public static func records(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = "", quoted = false, afterQuote = false
        var line = 1, start = 1
        var chars = Substring(text)
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        func endField() { fields.append(field); field = ""; afterQuote = false }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: start, fields: fields)) }
            fields = []
        }
        var iterator = chars.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                } else {
                    if c.isNewline { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",": endField()
            case "\r\n", "\n", "\r":
                endRecord()
                line += 1
                start = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw SyntaxError(
                        line: line,
                        message: "a quote in the middle of a field; quote the whole field and double the quote")
                }
                quoted = true
            default:
                guard !afterQuote else {
                    throw SyntaxError(line: line, message: "text after a closing quote; quote the whole field")
                }
                field.append(c)
            }
        }
        if quoted { throw SyntaxError(line: start, message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
