/// A change of the bank-holiday calendar, and what it does to running deadlines.
///
/// A stage's response deadline is fixed when its clock starts, so a council's later change of
/// timescale never moves a running case. The calendar is different: the statute counts working
/// days, and a holiday proclaimed after the clock started (the State Funeral of 19 September
/// 2022 was proclaimed nine days before) is not a working day either. So a calendar import moves
/// a running deadline whose period gains or loses a holiday: the same number of working days
/// as were counted when it was fixed, now counted on the new calendar. The move is a recorded
/// step on the case, saying which day changed.
public struct CalendarChange: Sendable {
    public var before: WorkingDayCalendar
    public var after: WorkingDayCalendar

    public init(before: WorkingDayCalendar, after: WorkingDayCalendar) {
        self.before = before
        self.after = after
    }

    /// The weekdays that are working days on one calendar and not on the other, in date order,
    /// within `range` (the years both feeds speak for).
    public func changedDays(in range: ClosedRange<CalendarDate>) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var day = range.lowerBound
        while day <= range.upperBound {
            if !day.isWeekend, before.isWorkingDay(day) != after.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// The step that moves `r`'s running response deadline, or `nil` when the change leaves it
    /// where it is (no changed day inside its period, an agreed date, a stopped clock).
    public func step(for r: Representation, procedure: ProcedureDefinition) -> CaseCommand? {
        guard r.isOpen, let stage = r.stages.last(where: \.isOpen), let due = stage.dueOn,
            let definition = procedure.stage(stage.key), let clock = definition.responseClock,
            case .workingDays = clock.limit, stage.agreedDue(for: clock.key) == nil,
            let start = stage.date(of: clock.starts), start < due
        else { return nil }
        let counted = before.workingDays(from: start, to: due)
        let moved = after.adding(workingDays: counted, to: start)
        guard moved != due else { return nil }
        let reasons = changedDays(in: start.adding(days: 1)...max(due, moved)).map(describe)
        return .followCalendar(
            stage: stage.key, from: due, to: moved,
            change: "the bank-holiday calendar now has " + reasons.joined(separator: "; "))
    }

    /// "19 September 2022 as a bank holiday (Bank Holiday for the State Funeral of Queen
    /// Elizabeth II)", or "… as a working day".
    func describe(_ day: CalendarDate) -> String {
        if after.isWorkingDay(day) {
            let was = before.holidayName(on: day).map { ", no longer \($0)" } ?? ""
            return "\(day.longDisplay) as a working day\(was)"
        }
        let name = after.holidayName(on: day).map { " (\($0))" } ?? ""
        return "\(day.longDisplay) as a bank holiday\(name)"
    }
}
