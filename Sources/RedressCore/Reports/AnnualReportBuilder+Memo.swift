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

        func isOf(_ other: [Representation]) -> Bool {
            other.count == records.count
                && other.withUnsafeBufferPointer { a in
                    records.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
                }
        }
    }
}
