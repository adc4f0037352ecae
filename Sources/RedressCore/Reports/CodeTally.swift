/// How often each code was given in a coded table's records, counted in one pass. The table asked
/// every record again for each code in the list (a list of forty codes read a year's complaints
/// forty times, comparing strings); the counts are the same.
struct CodeTally {
    /// Per code: the records giving it (`perRecord`, a record giving a code twice counted once) or
    /// the times it was given.
    private(set) var counts: [String: Int] = [:]
    /// The records giving at least one code not in `known` (`perRecord`), or the times such codes
    /// were given.
    private(set) var retired = 0

    /// Counts `coded` (each record's codes, empty codes already left out).
    init(_ coded: [[String]], known: Set<String>, perRecord: Bool) {
        for codes in coded {
            var anyRetired = false
            for (index, code) in codes.enumerated() {
                let isKnown = known.contains(code)
                if !isKnown { anyRetired = true }
                if perRecord {
                    if codes[..<index].contains(code) { continue }
                } else if !isKnown {
                    retired += 1
                }
                counts[code, default: 0] += 1
            }
            if perRecord && anyRetired { retired += 1 }
        }
    }
}
