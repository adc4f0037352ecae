/// A statement's column names, worked out once and shared by all its rows, with the look-up of a
/// column by name that the stores' reads make some twenty times a case. Looked through in order,
/// lengths first: hashing each name for a dictionary cost about three times as much (3% of a
/// report on SQLite; on PostgreSQL each column was found by name twice, in a dictionary, per read).
final class ColumnNames: Sendable {
    let names: [String]
    private let lengths: [Int]
    /// Of two columns with one name, the last is the one answered (PostgresNIO's choice), not the
    /// first (sqlite-nio's).
    private let lastOfTwo: Bool

    init(_ names: [String], lastOfTwo: Bool = false) {
        self.names = names
        lengths = names.map(\.utf8.count)
        self.lastOfTwo = lastOfTwo
    }

    /// Where the column named `name` is.
    func offset(of name: String) -> Int? {
        let length = name.utf8.count
        let count = names.count
        for step in 0..<count {
            let index = lastOfTwo ? count - 1 - step : step
            if lengths[index] == length && names[index] == name { return index }
        }
        // Two spellings of one accented name are equal Strings of different lengths.
        guard !name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return lastOfTwo ? names.lastIndex(of: name) : names.firstIndex(of: name)
    }
}
