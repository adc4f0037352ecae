import Foundation

/// The interchange file as bytes: one record per line, then a trailer line that seals it with
/// the number of records and the SHA-256 of every byte before it. A file cut short (even at a
/// line boundary), changed after export, or not UTF-8 is refused before any record is read.
public enum InterchangeFile {
    /// Whether a line is empty or only whitespace (`CharacterSet.whitespaces`). It stops at the
    /// first other character: trimming a 16 KB record line through Foundation to ask this was
    /// two fifths of an import's checking.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
    }

    /// The last line of every export: `{"format":…,"trailer":{"records":N,"sha256":"…"}}`.
    public struct Trailer: Sendable, Hashable, Codable {
        public var records: Int
        public var sha256: String
    }

    private struct TrailerLine: Codable {
        var format: String
        var trailer: Trailer
    }

    /// Writes records and then the trailer through `write`, one line (with its newline) at a time.
    public struct Writer {
        private var digest = SHA256Digest()
        private var count = 0
        private let write: (String) throws -> Void

        public init(_ write: @escaping (String) throws -> Void) { self.write = write }

        public mutating func append(_ record: InterchangeRecord) throws {
            let line = try record.line() + "\n"
            digest.update(line)
            count += 1
            try write(line)
        }

        /// Writes the trailer; returns the number of records written.
        public mutating func finish() throws -> Int {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let trailer = TrailerLine(
                format: InterchangeRecord.currentFormat, trailer: Trailer(records: count, sha256: digest.hexDigest()))
            try write(String(decoding: try encoder.encode(trailer), as: UTF8.self) + "\n")
            return count
        }
    }

    /// One line of a file as bytes: its number (from 1), where it starts, and its bytes without
    /// the line ending.
    public struct ByteLine: Sendable {
        public var number: Int
        public var start: Int
        public var bytes: ArraySlice<UInt8>
    }

    /// The non-blank lines of `bytes` (split at LF; a CR before it is dropped).
    public static func splitLines(_ bytes: [UInt8]) -> [ByteLine] {
        var lines: [ByteLine] = []
        var start = 0, number = 0
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var slice = bytes[start..<end]
            if slice.last == 0x0D { slice = slice.dropLast() }
            if !slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                lines.append(ByteLine(number: number, start: start, bytes: slice))
            }
            start = end + 1
        }
        return lines
    }

    /// One line of the file: its number (from 1) and its text.
    public struct Line: Sendable, Hashable {
        public var number: Int
        public var text: Substring

        public init(number: Int, text: Substring) {
            self.number = number
            self.text = text
        }
    }

    /// The record lines of a whole file, after checking that every line is UTF-8 and that the
    /// trailer is there and matches; or every problem that stops the file being read.
    public static func recordLines(of bytes: [UInt8]) -> (lines: [Line], problems: [ImportProblem]) {
        var reader = RecordLineReader()
        let lines = reader.feed(bytes[...]) + reader.finish()
        return reader.problems.isEmpty ? (lines, []) : ([], reader.problems)
    }

    /// Reads a file's lines as its bytes come, a chunk at a time, so a file of any size is checked
    /// without being held: each line must be UTF-8, the trailer must come last, and at the end
    /// (`finish`) it must be there and match the records before it (their count and SHA-256).
    /// Record lines are returned as they are completed; `problems` holds what stops the file.
    public struct RecordLineReader: Sendable {
        private var digest = SHA256Digest()
        private var number = 0
        private var records = 0
        private var trailer: (line: Int, text: String, digestBefore: String)?
        private var pending: [UInt8] = []
        public private(set) var problems: [ImportProblem] = []

        public init() {}

        /// The record lines the next `chunk` of the file completes.
        public mutating func feed(_ chunk: ArraySlice<UInt8>) -> [Line] {
            var lines: [Line] = []
            var rest = chunk
            if !pending.isEmpty {
                guard let newline = chunk.firstIndex(of: 0x0A) else {
                    pending.append(contentsOf: chunk)
                    return []
                }
                pending.append(contentsOf: chunk[...newline])
                let whole = pending
                pending.removeAll(keepingCapacity: true)
                if let line = take(whole[...]) { lines.append(line) }
                rest = chunk[(newline + 1)...]
            }
            while let newline = rest.firstIndex(of: 0x0A) {
                if let line = take(rest[...newline]) { lines.append(line) }
                rest = rest[(newline + 1)...]
            }
            pending.append(contentsOf: rest)
            return lines
        }

        /// The end of the file: its last line if it had no line ending, then the trailer's checks.
        public mutating func finish() -> [Line] {
            var lines: [Line] = []
            if !pending.isEmpty {
                let whole = pending
                pending.removeAll()
                if let line = take(whole[...]) { lines.append(line) }
            }
            guard let trailer else {
                problems.append(
                    ImportProblem(
                        line: number + 1, field: "trailer",
                        message:
                            "is missing: the file was cut short, or not written by `redress export`; export it again"))
                return lines
            }
            guard let sealed = try? JSONDecoder().decode(TrailerLine.self, from: Data(trailer.text.utf8)) else {
                problems.append(ImportProblem(line: trailer.line, field: "trailer", message: "cannot be read"))
                return lines
            }
            if sealed.trailer.records != records {
                problems.append(
                    ImportProblem(
                        line: trailer.line, field: "trailer.records",
                        message:
                            """
                            says \(sealed.trailer.records) records, but the file holds \(records): lines are \
                            missing or were added
                            """
                    ))
            } else if sealed.trailer.sha256 != trailer.digestBefore {
                problems.append(
                    ImportProblem(
                        line: trailer.line, field: "trailer.sha256",
                        message: "does not match the file: it was changed or damaged after export"))
            }
            return lines
        }

        /// One whole line, its line ending included when it has one.
        /// Whether the line has the key `"trailer":`. Searched in the bytes: Foundation's
        /// `String.contains` (through CFString) took 7% of an import, on every line.
        static func mentionsTrailer(_ line: ArraySlice<UInt8>) -> Bool {
            let key: [UInt8] = Array("\"trailer\":".utf8)
            return line.withUnsafeBufferPointer { bytes in
                guard bytes.count >= key.count else { return false }
                for start in 0...(bytes.count - key.count) where bytes[start] == 0x22 {
                    if (1..<key.count).allSatisfy({ bytes[start + $0] == key[$0] }) { return true }
                }
                return false
            }
        }

        private mutating func take(_ whole: ArraySlice<UInt8>) -> Line? {
            number += 1
            var slice = whole
            if slice.last == 0x0A { slice = slice.dropLast() }
            if slice.last == 0x0D { slice = slice.dropLast() }
            guard let text = String(validating: slice, as: UTF8.self) else {
                digest.update(whole)
                problems.append(
                    ImportProblem(
                        line: number, field: "the line",
                        message: "is not UTF-8 text (the file was changed or damaged, or saved in another encoding)"))
                return nil
            }
            let isTrailer = text.hasPrefix("{\"format\":") && Self.mentionsTrailer(slice)
            if isTrailer && trailer == nil { trailer = (number, text, digest.hexDigest()) }
            digest.update(whole)
            if InterchangeFile.isBlank(text) { return nil }
            if let sealed = trailer, !(isTrailer && sealed.line == number) {
                problems.append(
                    ImportProblem(
                        line: number, field: "the line",
                        message: "comes after the trailer line \(sealed.line); the trailer must be last"))
                return nil
            }
            guard !isTrailer else { return nil }
            records += 1
            return Line(number: number, text: Substring(text))
        }
    }
}
