/// The counting rules more than one view uses, each written once, so the statistics page, the
/// dashboard, the quarterly and the annual report cannot drift apart on what a word means.
public enum Counting {
    /// Representations of `kind` received in `period` (basis: received in period).
    public static func received(
        _ records: [Representation], kind: RepresentationKind, in period: ClosedRange<CalendarDate>
    ) -> Int {
        receivedByKind(records, in: period)[kind, default: 0]
    }

    /// `received(_:kind:in:)` for every kind at once, in one pass over the records: the annual
    /// report asks for every kind in each year it compares (about thirty passes over its cases).
    /// A kind with none received is absent.
    public static func receivedByKind(
        _ records: [Representation], in period: ClosedRange<CalendarDate>
    ) -> [RepresentationKind: Int] {
        var counts: [RepresentationKind: Int] = [:]
        for r in records where period.contains(r.receivedOn) { counts[r.kind, default: 0] += 1 }
        return counts
    }

    /// Complaints closed in `period`: the last stage closed in it and nothing left open (basis:
    /// closed in period). A complaint is closed once, in the period its last stage closed.
    public static func closedComplaints(
        _ records: [Representation], in period: ClosedRange<CalendarDate>
    ) -> [Representation] {
        records.filter { r in
            r.kind == .complaint && !r.isOpen && (r.stages.last?.closedOn).map(period.contains) == true
        }
    }
}
