/// The dashboard's work queues, derived from the cases: what is due soon, what is overdue,
/// stage 2s waiting for an Investigating Officer and Independent Person, Ombudsman remedies
/// outstanding, actions past their date and reasonable adjustments due for review.
public struct WorkQueues: Sendable {
    public enum Queue: String, Sendable, CaseIterable {
        case dueSoon = "due-soon", overdue, awaitingAllocation = "awaiting-allocation", remedies, actions
        /// Reasonable adjustments whose review is overdue or due soon (the Complaint Handling Code).
        case adjustments

        public var displayName: String {
            switch self {
            case .dueSoon: "Cases due within 5 working days"
            case .overdue: "Cases overdue"
            case .awaitingAllocation: "Awaiting Investigating Officer and Independent Person"
            case .remedies: "Ombudsman remedies outstanding"
            case .actions: "Actions overdue"
            case .adjustments: "Reasonable adjustments to review"
            }
        }
    }

    /// One thing to do on one case.
    public struct Item: Sendable {
        public var representation: Representation
        /// What is due, in words ("Stage 1 response", "Payment: …").
        public var what: String
        public var dueOn: CalendarDate?
        public var isOverdue: Bool
        /// The stage the item belongs to, when it is a stage's deadline or allocation.
        public var stageKey: String? = nil
    }

    public private(set) var items: [Queue: [Item]] = [:]

    public func items(_ queue: Queue) -> [Item] { items[queue] ?? [] }

    /// The same queues holding only the cases `isIncluded` accepts, in the same order: what one
    /// person sees of queues worked out once for every case (each item is its own case's alone).
    public func filtered(_ isIncluded: (Representation) -> Bool) -> WorkQueues {
        var kept = self
        kept.items = items.mapValues { $0.filter { isIncluded($0.representation) } }
        return kept
    }

    /// How many working days ahead counts as "due soon" on the dashboard.
    public static let dueSoonWorkingDays = 5

    /// The queues on `today`; `dueSoon` working days ahead counts as due soon (reminders use
    /// their own setting).
    public init(
        cases: [Representation], procedures: [ProcedureDefinition], calendar: WorkingDayCalendar, today: CalendarDate,
        dueSoon: Int = WorkQueues.dueSoonWorkingDays
    ) {
        let engine = ClockEngine(calendar: calendar)
        var items: [Queue: [Item]] = [:]
        for r in cases {
            if r.isOpen, let procedure = procedures.first(where: { $0.id == r.procedureID }) {
                // One item per case in each queue (its deadlines named together), counting only the
                // clocks of stages still open: the dashboard's headline counts the same cases.
                let open = Set(r.stages.filter(\.isOpen).map(\.key))
                let running = engine.deadlines(for: r, procedure: procedure).filter {
                    $0.isRunning && $0.dueOn != nil && open.contains($0.stageKey)
                }
                var overdue: [Deadline] = [], soon: [Deadline] = []
                for d in running {
                    switch d.status(on: today, calendar: calendar) {
                    case .overdue: overdue.append(d)
                    case .running(let left) where left <= dueSoon: soon.append(d)
                    default: break
                    }
                }
                for (queue, list) in [(Queue.overdue, overdue), (.dueSoon, soon)] where !list.isEmpty {
                    items[queue, default: []].append(
                        Item(
                            representation: r, what: list.map(\.name).joined(separator: "; "),
                            dueOn: list.compactMap(\.dueOn).min(), isOverdue: queue == .overdue,
                            stageKey: list[0].stageKey))
                }
                if let stage = r.currentStage, let definition = procedure.stage(stage.key),
                    definition.records(.allocated), stage.date(of: .allocated) == nil
                {
                    items[.awaitingAllocation, default: []].append(
                        Item(
                            representation: r, what: "\(definition.name) since \(stage.openedOn.shortDisplay)",
                            dueOn: nil, isOverdue: false, stageKey: stage.key))
                }
            }
            for o in r.records.ombudsman {
                for m in o.remedies where m.completedOn == nil {
                    items[.remedies, default: []].append(
                        Item(
                            representation: r,
                            what: "\(o.reference): \(m.kind.displayName.lowercased()) — \(m.description)",
                            dueOn: m.dueOn, isOverdue: m.isOverdue(on: today)))
                }
                if let report = o.publicReport, report.respondedOn == nil {
                    items[.remedies, default: []].append(
                        Item(
                            representation: r, what: "\(o.reference): respond to the public report",
                            dueOn: report.responseDueOn, isOverdue: today > report.responseDueOn))
                }
            }
            // Adjustments are kept under review while the case is open.
            if r.isOpen {
                for a in r.adjustmentsDue(by: calendar.adding(workingDays: dueSoon, to: today)) {
                    items[.adjustments, default: []].append(
                        Item(
                            representation: r, what: "Review: \(a.description)", dueOn: a.reviewOn,
                            isOverdue: a.reviewOn.map { $0 < today } ?? false))
                }
            }
            for a in r.records.actions where a.isOverdue(on: today) {
                items[.actions, default: []].append(
                    Item(
                        representation: r, what: "\(a.kind.displayName): \(a.description) (\(a.owner))", dueOn: a.dueOn,
                        isOverdue: true))
            }
        }
        for key in items.keys {
            items[key]?.sort {
                ($0.dueOn ?? $0.representation.receivedOn, $0.representation.reference) < (
                    $1.dueOn ?? $1.representation.receivedOn, $1.representation.reference
                )
            }
        }
        self.items = items
    }
}
