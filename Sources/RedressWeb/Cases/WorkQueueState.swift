import RedressCore

/// What the dashboard works out from every case on the work queue: the queues, and each open
/// case's next deadline and status, most urgent first. Worked out for all cases at once (the
/// clocks of a thousand cases are most of a dashboard's cost) and then held to each viewer with
/// `visible(to:)`: every item and row is one case's own, so leaving out the cases someone may
/// not see leaves the rest as they would be worked out for that person alone.
struct WorkQueueState: Sendable {
    /// An open case's row, and its table row drawn once: the drawing depends only on the case, the
    /// configuration and the day, which the state is kept under, so each request only joins them.
    struct Listed: Sendable {
        let row: DashboardRow
        let html: HTML
    }

    /// Every case on the work queue (each queue item's and row's case is one of them).
    var cases: [Representation]
    var queues: WorkQueues
    /// Every open case, next deadline first, then reference.
    var rows: [Listed]
    /// What this state is kept under in the memo while it is every case's (`nil` once held to a
    /// viewer who may not see them all): pages drawn from it are kept under the same key.
    var keptUnder: WorkQueueMemo.Key?

    init(cases: [Representation], casework: Casework, today: CalendarDate) {
        self.cases = cases
        queues = WorkQueues(cases: cases, procedures: casework.procedures, calendar: casework.calendar, today: today)
        let engine = ClockEngine(calendar: casework.calendar)
        let unsorted: [DashboardRow] = cases.filter(\.isOpen).map { r in
            let procedure = casework.procedure(r.procedureID)
            let next = procedure.flatMap { engine.nextDeadline(for: r, procedure: $0) }
            return DashboardRow(
                representation: r, procedure: procedure, next: next,
                status: next?.status(on: today, calendar: casework.calendar))
        }
        // The rows are large, so their positions are sorted, by keys worked out once.
        let keys = unsorted.map { ($0.next?.dueOn?.dayNumber ?? .max, $0.representation.reference) }
        rows = unsorted.indices.sorted { keys[$0] < keys[$1] }.map {
            Listed(row: unsorted[$0], html: DashboardView.row(unsorted[$0]))
        }
    }

    private init(cases: [Representation], queues: WorkQueues, rows: [Listed]) {
        self.cases = cases
        self.queues = queues
        self.rows = rows
    }

    /// The queues and rows of the cases `canSee` accepts, in the same order: asked once of each
    /// case, and this state itself, not a copy, when it accepts them all (most viewers do).
    func visible(to canSee: (Representation) -> Bool) -> WorkQueueState {
        var hidden: Set<String> = []
        for r in cases where !canSee(r) { hidden.insert(r.id) }
        guard !hidden.isEmpty else { return self }
        return WorkQueueState(  // `keptUnder` is left out: this is one viewer's
            cases: cases.filter { !hidden.contains($0.id) },
            queues: queues.filtered { !hidden.contains($0.id) },
            rows: rows.filter { !hidden.contains($0.row.representation.id) })
    }

    /// The rows of open cases in `area` (all of them when `nil`).
    func rows(in area: ServiceArea?) -> [Listed] {
        area.map { area in rows.filter { $0.row.representation.serviceArea == area } } ?? rows
    }
}

/// The last `WorkQueueState` worked out, and what it was worked out from: the work queue's stamp
/// (`RepresentationStore.workQueueStamp`: how many cases, the sum of their versions, their ids),
/// the configuration stamp (procedures, calendar; a restore moves it too) and the day. Any of
/// them changing means working it out again, so a dashboard is never older than the records;
/// each node keeps its own and checks the stamp against the database on every request, so a
/// change made through another node shows at once.
actor WorkQueueMemo {
    struct Key: Equatable, Sendable {
        var cases: String
        var configuration: String
        var today: CalendarDate
    }

    private var held: (key: Key, state: WorkQueueState)?
    /// Pages drawn from the held state for viewers who see every case, by what was asked (area,
    /// queue, pages); at most `drawnLimit`, and forgotten with the state.
    private var drawn: [String: HTML] = [:]
    static let drawnLimit = 64

    func state(for key: Key) -> WorkQueueState? {
        held?.key == key ? held?.state : nil
    }

    func keep(_ state: WorkQueueState, for key: Key) {
        held = (key, state)
        drawn = [:]
    }

    func drawn(_ page: String, under key: Key) -> HTML? {
        held?.key == key ? drawn[page] : nil
    }

    func keep(drawn content: HTML, _ page: String, under key: Key) {
        guard held?.key == key, drawn.count < Self.drawnLimit else { return }
        drawn[page] = content
    }
}
