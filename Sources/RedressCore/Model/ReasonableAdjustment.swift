/// A change the council agreed to make so a person can use the complaints process on equal terms
/// (large print, a named contact, calls instead of letters, more time). The Complaint Handling
/// Code asks councils to record them and keep them under review, so each carries the day it is
/// next to be reviewed and the reviews held; an adjustment no longer needed is ended, not deleted.
public struct ReasonableAdjustment: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    /// What was agreed, in the council's words.
    public var description: String
    public var agreedOn: CalendarDate
    /// When it is next to be reviewed; `nil` once ended.
    public var reviewOn: CalendarDate?
    /// Reviews held, oldest first.
    public var reviewedOn: [CalendarDate]
    /// The day it was ended at a review, when no longer needed.
    public var endedOn: CalendarDate?

    public init(
        id: String, description: String, agreedOn: CalendarDate, reviewOn: CalendarDate,
        reviewedOn: [CalendarDate] = [], endedOn: CalendarDate? = nil
    ) {
        self.id = id
        self.description = description
        self.agreedOn = agreedOn
        self.reviewOn = reviewOn
        self.reviewedOn = reviewedOn
        self.endedOn = endedOn
    }

    /// In place and awaiting its next review.
    public var isActive: Bool { endedOn == nil }

    /// Whether its review is due on or before `day`.
    public func isReviewDue(by day: CalendarDate) -> Bool { isActive && (reviewOn.map { $0 <= day } ?? false) }
}

extension Representation {
    /// Adjustments in place whose review falls on or before `day`: the review queue.
    public func adjustmentsDue(by day: CalendarDate) -> [ReasonableAdjustment] {
        records.adjustments.filter { $0.isReviewDue(by: day) }
    }
}
