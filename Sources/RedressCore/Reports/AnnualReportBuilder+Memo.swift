extension AnnualReportBuilder {
    /// `closed` worked out from `records`. Used for exactly those records: the same array storage
    /// and count (storage that is shared cannot change; any change copies it first).
    struct ClosedInYear: Sendable {
        let records: [Representation]
        let closed: [Representation]

        init(of records: [Representation], closed: [Representation]) {
            self.records = records
            self.closed = closed
        }

        func isOf(_ other: [Representation]) -> Bool { AnnualReportBuilder.same(other, records) }
    }

    /// Each area's complaints received in the report's year and in the year before, found in one
    /// pass: eight sections asked for them, each a pass over every case. Used for exactly the
    /// records it was made from, as `ClosedInYear` is.
    struct ReceivedByArea: Sendable {
        let records: [Representation]
        let years: [FinancialYear]
        let lists: [ServiceArea: [[Representation]]]

        init(of records: [Representation], areas: [ServiceArea], years: [FinancialYear]) {
            self.records = records
            self.years = years
            var lists = Dictionary(
                uniqueKeysWithValues: areas.map { ($0, Array(repeating: [Representation](), count: years.count)) })
            for r in records where r.kind == .complaint && lists[r.serviceArea] != nil {
                for (index, year) in years.enumerated() where year.contains(r.receivedOn) {
                    lists[r.serviceArea]![index].append(r)
                }
            }
            self.lists = lists
        }

        /// The list, when these are the records and the year is one of those found.
        func complaints(in records: [Representation], area: ServiceArea, year: FinancialYear) -> [Representation]? {
            guard AnnualReportBuilder.same(records, self.records), let index = years.firstIndex(of: year) else {
                return nil
            }
            return lists[area]?[index]
        }
    }

    /// Whether two lists are one: the same storage and count.
    static func same(_ a: [Representation], _ b: [Representation]) -> Bool {
        a.count == b.count
            && a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }
}
