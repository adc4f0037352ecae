/// One running or finished clock on a case: what is due, by when, under which rule.
public struct Deadline: Sendable, Hashable {
    public var stageKey: String
    public var clockKey: String
    public var name: String
    public var rule: String
    public var startsOn: CalendarDate
    /// `nil` while the date depends on something not yet recorded (an agreed response date).
    public var dueOn: CalendarDate?
    /// The latest date an agreed extension may reach, where the procedure allows one.
    public var latestExtensionOn: CalendarDate?
    /// When the stopping event happened (acknowledged, responded).
    public var stoppedOn: CalendarDate?
    /// Whether this is a statutory limit or a notification trigger (for display only).
    public var isNotificationTrigger: Bool

    /// The state of the clock on a given day.
    public enum Status: Sendable, Hashable {
        /// Stopped; `workingDaysTaken` from start to stop, `isLate` when after the due date.
        case met(workingDaysTaken: Int, isLate: Bool)
        /// Running; `workingDaysLeft` until the due date (0: due today).
        case running(workingDaysLeft: Int)
        /// Running past its due date by `workingDaysOverdue`.
        case overdue(workingDaysOverdue: Int)
        /// Running with no due date yet (the response date has not been agreed).
        case awaitingAgreement
    }

    /// The clock's state on `today`.
    public func status(on today: CalendarDate, calendar: WorkingDayCalendar) -> Status {
        if let stoppedOn {
            let late = dueOn.map { stoppedOn > $0 } ?? false
            return .met(workingDaysTaken: calendar.workingDays(from: startsOn, to: stoppedOn), isLate: late)
        }
        guard let dueOn else { return .awaitingAgreement }
        if today <= dueOn { return .running(workingDaysLeft: calendar.workingDays(from: today, to: dueOn)) }
        return .overdue(workingDaysOverdue: calendar.workingDays(from: dueOn, to: today))
    }

    /// Whether the clock is still running.
    public var isRunning: Bool { stoppedOn == nil }
}

/// Computes a case's deadlines from its procedure definition, its recorded dates and the
/// working-day calendar. Pure: the same inputs always give the same deadlines.
public struct ClockEngine: Sendable {
    public var calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar) { self.calendar = calendar }

    /// The due date of `clock` counted from `start`, or `nil` when it must be agreed.
    public func dueDate(of clock: ClockDefinition, from start: CalendarDate, agreedDate: CalendarDate? = nil) -> CalendarDate? {
        switch clock.limit {
        case .workingDays(let n): calendar.adding(workingDays: n, to: start)
        case .monthsBeginningWith(let n): calendar.lastDayOfPeriod(months: n, beginningWith: start)
        case .agreedWithComplainant: agreedDate
        }
    }

    /// Opens the first stage of a new complaint, fixing its response deadline where it
    /// counts from receipt.
    public func openingStage(for procedure: ProcedureDefinition, receivedOn: CalendarDate) -> Stage? {
        guard let definition = procedure.stages.first else { return nil }
        var due: CalendarDate?
        if let clock = definition.responseClock, clock.starts == .received, case .workingDays = clock.limit {
            due = dueDate(of: clock, from: receivedOn)
        }
        return Stage(key: definition.key, openedOn: receivedOn, dueOn: due)
    }

    /// Every clock of every recorded stage, in procedure order.
    public func deadlines(for representation: Representation, procedure: ProcedureDefinition) -> [Deadline] {
        var result: [Deadline] = []
        for stage in representation.stages {
            guard let definition = procedure.stage(stage.key) else { continue }
            // The acknowledgement clock's due date stands in for an acknowledgement not yet made.
            var acknowledgementAnchor = representation.acknowledgedOn
            for clock in definition.clocks {
                let start: CalendarDate
                switch clock.starts {
                case .received: start = stage.key == procedure.stages.first?.key ? representation.receivedOn : stage.openedOn
                case .acknowledged: start = acknowledgementAnchor ?? stage.openedOn
                }
                var due = dueDate(of: clock, from: start, agreedDate: representation.agreedResponseDate)
                var latest: CalendarDate?
                if clock.stops == .responded, case .workingDays = clock.limit {
                    due = stage.extendedTo ?? stage.dueOn ?? due
                    latest = clock.extendableToWorkingDays.map { calendar.adding(workingDays: $0, to: start) }
                }
                let stopped = clock.stops == .acknowledged ? representation.acknowledgedOn : stage.respondedOn
                if clock.stops == .acknowledged, acknowledgementAnchor == nil { acknowledgementAnchor = due }
                var isTrigger = false
                if case .monthsBeginningWith = clock.limit { isTrigger = true }
                result.append(Deadline(
                    stageKey: stage.key, clockKey: clock.key, name: clock.name, rule: clock.rule,
                    startsOn: start, dueOn: due, latestExtensionOn: latest, stoppedOn: stopped,
                    isNotificationTrigger: isTrigger))
            }
        }
        return result
    }

    /// The earliest running deadline, or a running clock awaiting agreement when none has a date.
    public func nextDeadline(for representation: Representation, procedure: ProcedureDefinition) -> Deadline? {
        let running = deadlines(for: representation, procedure: procedure).filter(\.isRunning)
        let dated = running.filter { $0.dueOn != nil }.sorted { $0.dueOn! < $1.dueOn! }
        return dated.first ?? running.first
    }
}
