/// One clock on a case: what is due, by when, under which rule, and how it stands.
public struct Deadline: Sendable, Hashable {
    public var stageKey: String
    public var clockKey: String
    public var name: String
    public var rule: String
    /// Day 0 of the clock; `nil` until its starting milestone happens (stage 2 before the
    /// statement of complaint is agreed).
    public var startsOn: CalendarDate?
    /// The start is the deadline of the milestone it waits for, not a recorded date (corporate
    /// stage 1 counts from acknowledgement: until then, from the acknowledgement deadline).
    public var startIsProjected: Bool
    /// `nil` while the date depends on something not yet recorded.
    public var dueOn: CalendarDate?
    /// The latest date an agreed extension may reach, where the procedure allows one.
    public var latestExtensionOn: CalendarDate?
    /// When the stopping milestone happened.
    public var stoppedOn: CalendarDate?
    /// The stage was withdrawn or refused before the clock stopped.
    public var isWithdrawn: Bool
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
        /// Waiting for the milestone it starts from.
        case notStarted
        /// The complaint was withdrawn or refused while the clock ran.
        case withdrawn
    }

    /// The clock's state on `today`.
    public func status(on today: CalendarDate, calendar: WorkingDayCalendar) -> Status {
        if isWithdrawn { return .withdrawn }
        if let stoppedOn {
            let late = dueOn.map { stoppedOn > $0 } ?? false
            let taken = startsOn.map { calendar.workingDays(from: $0, to: stoppedOn) } ?? 0
            return .met(workingDaysTaken: taken, isLate: late)
        }
        guard startsOn != nil else { return .notStarted }
        guard let dueOn else { return .awaitingAgreement }
        if today <= dueOn { return .running(workingDaysLeft: calendar.workingDays(from: today, to: dueOn)) }
        return .overdue(workingDaysOverdue: calendar.workingDays(from: dueOn, to: today))
    }

    /// Whether the clock is still running (or waiting to start).
    public var isRunning: Bool { stoppedOn == nil && !isWithdrawn }
}

/// Computes a case's deadlines from its procedure definition, its recorded milestones and the
/// working-day calendar. Pure: the same inputs always give the same deadlines.
public struct ClockEngine: Sendable {
    public var calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar) { self.calendar = calendar }

    /// The due date of `clock` counted from `start`, or `nil` when it must be agreed.
    public func dueDate(of clock: ClockDefinition, from start: CalendarDate) -> CalendarDate? {
        switch clock.limit {
        case .workingDays(let n): calendar.adding(workingDays: n, to: start)
        case .monthsBeginningWith(let n): calendar.lastDayOfPeriod(months: n, beginningWith: start)
        case .agreedWithComplainant: nil
        }
    }

    /// The latest day an extension may reach for `clock` started on `start`.
    public func latestExtension(of clock: ClockDefinition, from start: CalendarDate) -> CalendarDate? {
        clock.extendableToWorkingDays.map { calendar.adding(workingDays: $0, to: start) }
    }

    /// Opens a stage on `openedOn`, fixing its response deadline when that counts from the opening.
    public func openingStage(_ definition: StageDefinition, openedOn: CalendarDate) -> Stage {
        var stage = Stage(key: definition.key, openedOn: openedOn)
        fixResponseDue(&stage, definition: definition)
        return stage
    }

    /// Opens the first stage of a new complaint.
    public func openingStage(for procedure: ProcedureDefinition, receivedOn: CalendarDate) -> Stage? {
        procedure.stages.first.map { openingStage($0, openedOn: receivedOn) }
    }

    /// Fixes `stage.dueOn` once the response clock's starting milestone is recorded, so later
    /// configuration changes never move it.
    public func fixResponseDue(_ stage: inout Stage, definition: StageDefinition) {
        guard stage.dueOn == nil, let clock = definition.responseClock, case .workingDays = clock.limit,
            let start = stage.date(of: clock.starts)
        else { return }
        stage.dueOn = dueDate(of: clock, from: start)
    }

    /// Every clock of one stage, in definition order.
    public func deadlines(for stage: Stage, definition: StageDefinition) -> [Deadline] {
        var result: [Deadline] = []
        var dueByStop: [Milestone: CalendarDate] = [:]
        for clock in definition.clocks {
            var start = stage.date(of: clock.starts)
            var projected = false
            if start == nil, let standIn = dueByStop[clock.starts] {
                start = standIn
                projected = true
            }
            var due: CalendarDate?
            if let start {
                due =
                    stage.agreedDue(for: clock.key)
                    ?? (clock.stops == .responded && !projected ? stage.dueOn : nil)
                    ?? dueDate(of: clock, from: start)
            }
            if let due, stage.date(of: clock.stops) == nil { dueByStop[clock.stops] = due }
            let stopped = stage.date(of: clock.stops)
            result.append(
                Deadline(
                    stageKey: stage.key, clockKey: clock.key, name: clock.name, rule: clock.rule,
                    startsOn: start, startIsProjected: projected, dueOn: due,
                    latestExtensionOn: start.flatMap { latestExtension(of: clock, from: $0) },
                    stoppedOn: stopped,
                    isWithdrawn: stopped == nil && (stage.withdrawnOn != nil || stage.refusedOn != nil),
                    isNotificationTrigger: clock.isNotificationTrigger))
        }
        return result
    }

    /// Every clock of every recorded stage, in procedure order.
    public func deadlines(for representation: Representation, procedure: ProcedureDefinition) -> [Deadline] {
        representation.stages.flatMap { stage in
            procedure.stage(stage.key).map { deadlines(for: stage, definition: $0) } ?? []
        }
    }

    /// The earliest running deadline, or a running clock without a date when none has one.
    public func nextDeadline(for representation: Representation, procedure: ProcedureDefinition) -> Deadline? {
        // A closed case has nothing due: a clock its closing left unstopped (an acknowledgement
        // never recorded) is history, not a deadline.
        guard representation.isOpen else { return nil }
        let open = Set(representation.stages.filter(\.isOpen).map(\.key))
        let running = deadlines(for: representation, procedure: procedure).filter {
            $0.isRunning && open.contains($0.stageKey)
        }
        let dated = running.filter { $0.dueOn != nil }.sorted { $0.dueOn! < $1.dueOn! }
        return dated.first ?? running.first { $0.startsOn != nil } ?? running.first
    }
}
