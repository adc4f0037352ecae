/// Why a deadline falls on the day it does, in words a complaints officer can check against a
/// calendar: "10 working days from 1 December 2026 (received), skipping 25 and 28 December
/// (bank holidays)". Shown beside every due date, so no one has to count.
extension ClockEngine {
    public func explanation(of deadline: Deadline, stage: Stage, definition: StageDefinition) -> String? {
        guard let clock = definition.clocks.first(where: { $0.key == deadline.clockKey }), let due = deadline.dueOn
        else { return nil }
        let moves = stage.extensions.filter { $0.clockKey == deadline.clockKey }
        if case .agreedWithComplainant = clock.limit {
            guard let agreed = moves.first else { return nil }
            let changed =
                moves.count > 1
                ? """
                    ; changed \(moves.count - 1) time\(moves.count == 2 ? "" : "s") since, last on \
                    \(moves.last!.agreedOn.longDisplay)
                    """
                : ""
            return "The date agreed with the complainant on \(agreed.agreedOn.longDisplay)\(changed)"
        }
        if let last = moves.last, last.newDueOn == due {
            let why = last.reason.isEmpty ? "" : ": \(last.reason)"
            return "Extended on \(last.agreedOn.longDisplay) to \(due.longDisplay)\(why)"
        }
        guard let start = deadline.startsOn else { return nil }
        let from =
            """
                \(start.longDisplay) \
                (\(definition.label(of: clock.starts).lowercased())\(deadline.startIsProjected ? ", expected" : ""))
                """
        switch clock.limit {
        case .workingDays(let days):
            let skipped = holidays(after: start, through: due)
            let skipping =
                skipped.isEmpty
                ? "" : ", skipping \(Self.days(skipped)) (\(skipped.count == 1 ? "a bank holiday" : "bank holidays"))"
            return "\(days) working day\(days == 1 ? "" : "s") from \(from)\(skipping)"
        case .monthsBeginningWith(let months):
            return "The \(months) months beginning with \(from)"
        case .agreedWithComplainant:
            return nil
        }
    }

    /// Bank holidays on weekdays after `start`, up to and including `end`.
    func holidays(after start: CalendarDate, through end: CalendarDate) -> [CalendarDate] {
        guard end > start else { return [] }
        return (start.dayNumber + 1...end.dayNumber).map(CalendarDate.init(dayNumber:)).filter { day in
            calendar.holidayName(on: day) != nil && !day.isWeekend
        }
    }

    /// "25 and 28 December", "29 May and 1 June 2026": days of one month share its name.
    static func days(_ dates: [CalendarDate]) -> String {
        var groups: [(month: String, days: [Int])] = []
        for d in dates {
            let month = "\(CalendarDate.monthNames[d.month - 1])\(d.year == dates.last!.year ? "" : " \(d.year)")"
            if groups.last?.month == month {
                groups[groups.count - 1].days.append(d.day)
            } else {
                groups.append((month, [d.day]))
            }
        }
        let parts = groups.map { group -> String in
            let numbers = group.days.map { String($0) }
            let joined =
                numbers.count == 1 ? numbers[0] : numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
            return "\(joined) \(group.month)"
        }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
