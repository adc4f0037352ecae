/// What Redress counts, for a period, about complaints under the Complaint Handling Code and
/// the service requests beside them: the figures of the Code's annual report and the evidence
/// beside each provision of the self-assessment. Pure: the records in, the counts out.
public struct CodeMeasures: Sendable, Hashable {
    /// One clock of one stage: how many stopped in the period, within the Code's limit, within
    /// its longest extension, and over it.
    public struct Clock: Sendable, Hashable {
        public var stageKey: String
        public var clockKey: String
        public var name: String
        public var limit: Int
        public var maximum: Int
        public var within = 0
        public var withinMaximum = 0
        public var over = 0
        /// Extensions of this clock agreed in the period, and those beyond the Code's cap.
        public var extended = 0
        public var extendedBeyondCap = 0

        public var measured: Int { within + withinMaximum + over }
    }

    public var clocks: [Clock] = []
    public var complaintsReceived = 0
    public var stage2Requests = 0
    public var earlyResolutions = 0
    public var serviceRequestsReceived = 0
    public var serviceRequestsResolved = 0
    public var serviceRequestsBecameComplaints = 0
    /// Working days from receipt to resolution, summed over the service requests resolved.
    public var serviceRequestWorkingDays = 0
    /// Refusals to accept a complaint decided in the period, by reason code, in first-seen order.
    public var refusals: [Refusals] = []
    public var refusalsNotified = 0
    public var adjustmentsAgreed = 0
    public var adjustmentsReviewed = 0
    public var adjustmentsEnded = 0
    /// Adjustments in place whose review date had passed by the period's last day.
    public var adjustmentsOverdue = 0
    /// Actions from complaints answered in the period: all, done by the period's end, overdue then.
    public var actions = 0
    public var actionsDone = 0
    public var actionsOverdue = 0
    public var serviceWideActions = 0
    /// Outcomes of the stages answered in the period, by stage key then outcome code.
    public var outcomes: [String: [String: Int]] = [:]

    public struct Refusals: Sendable, Hashable {
        public var code: String
        public var count: Int
    }

    public var refusalsTotal: Int { refusals.reduce(0) { $0 + $1.count } }

    public func clock(_ stageKey: String, _ clockKey: String) -> Clock? {
        clocks.first { $0.stageKey == stageKey && $0.clockKey == clockKey }
    }

    /// Counts `records` for `period`: complaints under `procedure`, and every service request.
    public static func count(
        _ records: [Representation], procedure: ProcedureDefinition, period: ClosedRange<CalendarDate>,
        calendar: WorkingDayCalendar
    ) -> CodeMeasures {
        var m = CodeMeasures()
        for stage in procedure.stages {
            for clock in stage.clocks {
                guard case .workingDays(let limit) = clock.limit else { continue }
                m.clocks.append(
                    Clock(
                        stageKey: stage.key, clockKey: clock.key, name: clock.name, limit: limit,
                        maximum: clock.extendableToWorkingDays ?? limit))
            }
        }
        var refusals: [String: Int] = [:]
        var order: [String] = []
        for r in records {
            if r.kind == .serviceRequest || r.records.intake.convertedFrom?.from == .serviceRequest {
                m.countServiceRequest(r, period: period, calendar: calendar)
            }
            guard r.kind == .complaint, r.procedureID == procedure.id, r.mergedInto == nil else { continue }
            if let first = r.stages.first, period.contains(first.openedOn) { m.complaintsReceived += 1 }
            if let on = r.records.intake.earlyResolutionOn, period.contains(on) { m.earlyResolutions += 1 }
            if let refusal = r.records.intake.refusal, period.contains(refusal.decidedOn) {
                if refusals[refusal.reason] == nil { order.append(refusal.reason) }
                refusals[refusal.reason, default: 0] += 1
                if refusal.notifiedOn != nil { m.refusalsNotified += 1 }
            }
            for stage in r.stages {
                if stage.key != procedure.stages.first?.key, period.contains(stage.openedOn) { m.stage2Requests += 1 }
                if let responded = stage.respondedOn, period.contains(responded) {
                    m.outcomes[stage.key, default: [:]][stage.outcome ?? "none", default: 0] += 1
                }
                m.countClocks(stage, procedure: procedure, period: period, calendar: calendar)
            }
            m.countAdjustments(r, period: period)
            m.countActions(r, period: period)
        }
        m.refusals = order.map { Refusals(code: $0, count: refusals[$0] ?? 0) }
        return m
    }

    private mutating func countServiceRequest(
        _ r: Representation, period: ClosedRange<CalendarDate>, calendar: WorkingDayCalendar
    ) {
        let received = r.records.intake.convertedFrom?.firstReceivedOn ?? r.receivedOn
        if period.contains(received) { serviceRequestsReceived += 1 }
        if let converted = r.records.intake.convertedFrom, period.contains(converted.convertedOn) {
            serviceRequestsBecameComplaints += 1
        }
        if r.kind == .serviceRequest, let resolved = r.records.intake.closedOn, period.contains(resolved) {
            serviceRequestsResolved += 1
            serviceRequestWorkingDays += calendar.workingDays(from: received, to: resolved)
        }
    }

    private mutating func countClocks(
        _ stage: Stage, procedure: ProcedureDefinition, period: ClosedRange<CalendarDate>,
        calendar: WorkingDayCalendar
    ) {
        guard let definition = procedure.stage(stage.key) else { return }
        for clock in definition.clocks {
            guard let i = clocks.firstIndex(where: { $0.stageKey == stage.key && $0.clockKey == clock.key }) else {
                continue
            }
            let start = stage.reportingStart(of: clock)
            if let stopped = stage.date(of: clock.stops), period.contains(stopped) {
                let taken = calendar.workingDays(from: start, to: stopped)
                if taken <= clocks[i].limit {
                    clocks[i].within += 1
                } else if taken <= clocks[i].maximum {
                    clocks[i].withinMaximum += 1
                } else {
                    clocks[i].over += 1
                }
            }
            for e in stage.extensions where e.clockKey == clock.key && period.contains(e.agreedOn) {
                clocks[i].extended += 1
                if e.newDueOn > calendar.adding(workingDays: clocks[i].maximum, to: start) {
                    clocks[i].extendedBeyondCap += 1
                }
            }
        }
    }

    private mutating func countAdjustments(_ r: Representation, period: ClosedRange<CalendarDate>) {
        for a in r.records.adjustments {
            if period.contains(a.agreedOn) { adjustmentsAgreed += 1 }
            adjustmentsReviewed += a.reviewedOn.count(where: period.contains)
            if let ended = a.endedOn, period.contains(ended) { adjustmentsEnded += 1 }
            // In place at the period's end with its review date, as recorded now, already past.
            if a.agreedOn <= period.upperBound, a.endedOn.map({ $0 > period.upperBound }) ?? true,
                let review = a.reviewOn, review < period.upperBound
            {
                adjustmentsOverdue += 1
            }
        }
    }

    private mutating func countActions(_ r: Representation, period: ClosedRange<CalendarDate>) {
        guard let responded = r.stages.last?.respondedOn, period.contains(responded) else { return }
        for a in r.records.actions {
            actions += 1
            if a.kind.isServiceWide { serviceWideActions += 1 }
            if let done = a.doneOn, done <= period.upperBound {
                actionsDone += 1
            } else if a.dueOn < period.upperBound {
                actionsOverdue += 1
            }
        }
    }
}
