/// The quarterly performance report for managers: trends by quarter, performance by service,
/// how old the open complaints are and what is due and overdue at the quarter's end. Pure and
/// deterministic like the annual report, and rendered by the same outputs.
public struct QuarterlyReportBuilder: Sendable {
    public var quarter: FinancialQuarter
    public var scope: ReportScope
    /// Quarters in the trend table, ending with this one (2–8; 5 shows the same quarter last year).
    public var trendQuarters: Int
    public var calendar: WorkingDayCalendar
    public var procedures: [ProcedureDefinition]
    public var reference: ReferenceData
    public var rounding: Rounding
    /// How the council counts: the annual report's conventions, so the quarter's complaints are
    /// the same complaints, and its shares of one whole are rounded the same way.
    public var conventions: CountingConventions = .standard {
        didSet { rounding.sharesTotal100 = conventions.sharesTotal100 }
    }

    public init(
        quarter: FinancialQuarter, scope: ReportScope = .all, trendQuarters: Int = 5, calendar: WorkingDayCalendar,
        procedures: [ProcedureDefinition] = BuiltInProcedures.all, reference: ReferenceData = .defaults,
        rounding: Rounding = Rounding()
    ) {
        self.quarter = quarter
        self.scope = scope
        self.trendQuarters = max(2, min(8, trendQuarters))
        self.calendar = calendar
        self.procedures = procedures
        self.reference = reference
        self.rounding = rounding
    }

    /// The quarters of the trend table, oldest first.
    public var quarters: [FinancialQuarter] {
        var list = [quarter]
        while list.count < trendQuarters { list.insert(list[0].previous, at: 0) }
        return list
    }

    public func build(from all: [Representation]) -> ComplaintsReport {
        let records = conventions.counted(all.filter { scope.areas.contains($0.serviceArea) }).sorted {
            ($0.receivedOn, $0.reference) < ($1.receivedOn, $1.reference)
        }
        let snapshot = records.compactMap { $0.asAt(quarter.lastDay) }
        let sections = [
            trends(records), byService(records, snapshot: snapshot), ageing(snapshot), dueAndOverdue(snapshot),
        ]
        return ComplaintsReport(
            title: "Quarterly performance report \(quarter): \(scope.displayName)", period: quarter.description,
            firstDay: quarter.firstDay, lastDay: quarter.lastDay,
            scope: scope, earlierYears: [], sections: [summary(sections)] + sections, rounding: rounding.statement)
    }

    /// A response is on time when sent by its due date, counting agreed extensions (and the
    /// adults' agreed response date); `nil` when it had no due date to meet.
    func responseOnTime(_ r: Representation, _ stage: Stage) -> Bool? {
        guard let procedure = procedures.first(where: { $0.id == r.procedureID }),
            let definition = procedure.stage(stage.key),
            let clock = definition.responseClock,
            let deadline = ClockEngine(calendar: calendar).deadlines(for: stage, definition: definition).first(where: {
                $0.clockKey == clock.key
            }),
            case .met(_, let late) = deadline.status(on: quarter.lastDay, calendar: calendar), deadline.dueOn != nil
        else { return nil }
        return !late
    }

    /// Responses sent in `period`, each with whether it was on time.
    func responses(_ records: [Representation], in period: FinancialQuarter) -> [(Representation, Bool?)] {
        records.filter { $0.kind == .complaint }.flatMap { r in
            r.stages.filter { $0.respondedOn.map(period.contains) ?? false }.map { (r, responseOnTime(r, $0)) }
        }
    }

    // MARK: - Trends by quarter

    func trends(_ records: [Representation]) -> ReportSection {
        // Each quarter's responses once: two rows read them.
        var answered: [FinancialQuarter: [(Representation, Bool?)]] = [:]
        for q in quarters { answered[q] = responses(records, in: q) }
        func row(_ label: String, _ figure: (FinancialQuarter) -> Figure) -> ReportTable.Row {
            .init(label: label, cells: quarters.map(figure))
        }
        let rows = [
            row("Complaints received") { q in
                .count(
                    "trend.received.\(q.code)", "Complaints received \(q)",
                    Counting.received(records, kind: .complaint, in: q.firstDay...q.lastDay),
                    basis: .receivedInPeriod)
            },
            row("Compliments received") { q in
                .count(
                    "trend.compliments.\(q.code)", "Compliments received \(q)",
                    Counting.received(records, kind: .compliment, in: q.firstDay...q.lastDay),
                    basis: .receivedInPeriod)
            },
            row("Complaints closed") { q in
                .count(
                    "trend.closed.\(q.code)", "Complaints closed \(q)", closed(records, in: q).count,
                    basis: .closedInPeriod)
            },
            row("Responses sent") { q in
                .count(
                    "trend.responses.\(q.code)", "Responses sent \(q)", answered[q, default: []].count,
                    basis: .closedInPeriod)
            },
            row("Responses on time") { q in
                let measured = answered[q, default: []].compactMap(\.1)
                return .share(
                    "trend.on-time.\(q.code)", "Responses on time \(q)", measured.count(where: { $0 }),
                    of: measured.count, basis: .closedInPeriod, rounding: rounding)
            },
            row("Closed complaints upheld or partly upheld") { q in
                let done = closed(records, in: q)
                return .share(
                    "trend.fault-found.\(q.code)", "Upheld or partly upheld \(q)",
                    done.count(where: { ["upheld", "partly-upheld"].contains($0.stages.last?.outcome ?? "") }),
                    of: done.count, basis: .closedInPeriod, rounding: rounding)
            },
            row("Open at the end of the quarter") { q in
                .count(
                    "trend.open.\(q.code)", "Open at the end of \(q)",
                    records.count(where: { $0.kind == .complaint && ($0.asAt(q.lastDay)?.isOpen ?? false) }),
                    basis: .openAtPeriodEnd)
            },
        ]
        return ReportSection(
            id: "trends", title: "Trends by quarter", findings: [],
            tables: [
                ReportTable(
                    id: "trends", title: "Complaints by quarter", basis: .receivedInPeriod,
                    columns: quarters.map(\.description), rows: rows,
                    notes: [
                        """
                        Received rows count by date received; closed, responses and outcomes by the date of the \
                        response; open by a snapshot of each quarter's last day.
                        """,
                        """
                        On time: sent by the due date, including agreed extensions and the adults' agreed \
                        response date; responses with no due date are left out of the share. The annual report's \
                        response-time bands differ on purpose: they count working days against the procedure's \
                        limit, whatever was agreed.
                        """,
                    ])
            ])
    }

    func closed(_ records: [Representation], in q: FinancialQuarter) -> [Representation] {
        Counting.closedComplaints(records, in: q.firstDay...q.lastDay)
    }

    // MARK: - Performance by service

    func byService(_ records: [Representation], snapshot: [Representation]) -> ReportSection {
        let answered = responses(records, in: quarter)
        let engine = ClockEngine(calendar: calendar)
        var rows: [ReportTable.Row] = []
        for area in scope.areas {
            for service in reference.active(.service, group: area.rawValue) {
                let mine = { (r: Representation) in
                    r.kind == .complaint && r.serviceArea == area && r.serviceCategory == service.code
                }
                let received = records.count(where: { mine($0) && quarter.contains($0.receivedOn) })
                let sent = answered.filter { mine($0.0) }
                let measured = sent.compactMap(\.1)
                let open = snapshot.filter { mine($0) && $0.isOpen }
                let overdue = open.filter { r in
                    guard let procedure = procedures.first(where: { $0.id == r.procedureID }),
                        let next = engine.nextDeadline(for: r, procedure: procedure)
                    else { return false }
                    if case .overdue = next.status(on: quarter.lastDay, calendar: calendar) { return true }
                    return false
                }
                guard received + sent.count + open.count > 0 else { continue }
                let id = "service.\(area.rawValue).\(service.code)"
                let label = scope == .all ? "\(area.displayName): \(service.label)" : service.label
                rows.append(
                    .init(
                        label: label,
                        cells: [
                            .count("\(id).received", "Received", received, basis: .receivedInPeriod),
                            .count("\(id).responses", "Responses sent", sent.count, basis: .closedInPeriod),
                            .share(
                                "\(id).on-time", "Responses on time", measured.count(where: { $0 }), of: measured.count,
                                basis: .closedInPeriod, rounding: rounding),
                            .count("\(id).open", "Open at the end of the quarter", open.count, basis: .openAtPeriodEnd),
                            .count(
                                "\(id).overdue", "Overdue at the end of the quarter", overdue.count,
                                basis: .openAtPeriodEnd),
                        ]))
            }
        }
        return ReportSection(
            id: "by-service", title: "Performance by service", findings: [],
            tables: [
                ReportTable(
                    id: "by-service", title: "Complaints by service, \(quarter)", basis: .receivedInPeriod,
                    columns: ["Received", "Responses", "On time", "Open at end", "Overdue at end"], rows: rows,
                    notes: [
                        """
                        Each complaint is counted under its main service. Services with nothing received, \
                        answered or open in the quarter are left out. Overdue: \
                        the complaint's next deadline had passed on the quarter's last day.
                        """
                    ])
            ])
    }

    // MARK: - Open-case ageing

    /// Bands of working days since receipt, at the statutory limits (10, 20, 65 working days).
    static let ageBands: [(label: String, upTo: Int?)] = [
        ("Up to 10 working days", 10), ("11 to 20", 20), ("21 to 65", 65), ("Over 65", nil),
    ]

    func ageing(_ snapshot: [Representation]) -> ReportSection {
        var rows: [ReportTable.Row] = []
        for procedure in procedures where scope.areas.contains(procedure.serviceArea) {
            let open = snapshot.filter { $0.kind == .complaint && $0.procedureID == procedure.id && $0.isOpen }
            let ages = open.map { calendar.workingDays(from: $0.receivedOn, to: quarter.lastDay) }
            var lower = -1
            var cells: [Figure] = []
            for (i, band) in Self.ageBands.enumerated() {
                let n = ages.filter { age in age > lower && band.upTo.map { age <= $0 } ?? true }.count
                cells.append(
                    .count(
                        "ageing.\(procedure.id).band\(i + 1)", "\(procedure.name): open \(band.label.lowercased())", n,
                        basis: .openAtPeriodEnd))
                lower = band.upTo ?? lower
            }
            let sixMonths = open.count(where: {
                calendar.lastDayOfPeriod(months: 6, beginningWith: $0.receivedOn) < quarter.lastDay
            })
            cells.append(
                .count(
                    "ageing.\(procedure.id).six-months", "\(procedure.name): open over six months", sixMonths,
                    basis: .openAtPeriodEnd))
            cells.append(
                .count("ageing.\(procedure.id).open", "\(procedure.name): open", open.count, basis: .openAtPeriodEnd))
            rows.append(.init(label: procedure.name, cells: cells))
        }
        // The total row sums the columns; its last figure is the dashboard's "open complaints".
        let totals = (0..<(Self.ageBands.count + 2)).map { column in
            rows.reduce(0) { $0 + ($1.cells[column].numerator ?? 0) }
        }
        let totalIDs = Self.ageBands.indices.map { "ageing.band\($0 + 1)" } + ["ageing.six-months", "open.complaints"]
        let labels = Self.ageBands.map { "open \($0.label.lowercased())" } + ["open over six months", "open"]
        rows.append(
            .init(
                label: "All complaints",
                cells: zip(totalIDs, zip(labels, totals)).map {
                    .count($0, "All complaints: \($1.0)", $1.1, basis: .openAtPeriodEnd)
                }))
        return ReportSection(
            id: "ageing", title: "How long open complaints have been open", findings: [],
            tables: [
                ReportTable(
                    id: "ageing",
                    title: "Open complaints on \(quarter.lastDay.longDisplay), by working days since receipt",
                    basis: .openAtPeriodEnd,
                    columns: Self.ageBands.map(\.label) + ["Over six months", "Open"], rows: rows,
                    notes: [
                        """
                        Working days from the day received (day 0) to the quarter's last day. Over six months: \
                        past the six-month period beginning with the day of receipt.
                        """
                    ])
            ])
    }

    // MARK: - Due and overdue at the quarter's end

    func dueAndOverdue(_ snapshot: [Representation]) -> ReportSection {
        let queues = WorkQueues(
            cases: snapshot.filter { $0.kind == .complaint || $0.hasOpenFollowUps }, procedures: procedures,
            calendar: calendar, today: quarter.lastDay)
        let rows = WorkQueues.Queue.allCases.map { queue in
            let items = queues.items(queue)
            let cases = Set(items.map(\.representation.id)).count
            return ReportTable.Row(
                label: queue.displayName,
                cells: [
                    .count("due.\(queue.rawValue)", queue.displayName, items.count, basis: .openAtPeriodEnd),
                    .count(
                        "due.\(queue.rawValue).cases", "\(queue.displayName): complaints", cases,
                        basis: .openAtPeriodEnd),
                ])
        }
        return ReportSection(
            id: "due", title: "Due and overdue", findings: [],
            tables: [
                ReportTable(
                    id: "due", title: "Due and overdue on \(quarter.lastDay.longDisplay)", basis: .openAtPeriodEnd,
                    columns: ["Items", "Complaints"], rows: rows,
                    notes: [
                        """
                        The dashboard's work queues as they stood on the quarter's last day: cases with deadlines \
                        due or overdue (each case once), stages waiting for an Investigating Officer and \
                        Independent Person, Ombudsman remedies and actions.
                        """
                    ])
            ])
    }

    // MARK: - Summary

    func summary(_ sections: [ReportSection]) -> ReportSection {
        var findings: [String] = []
        let trend = sections.first { $0.id == "trends" }?.tables.first
        func cells(_ label: String) -> [Figure] { trend?.rows.first { $0.label == label }?.cells ?? [] }
        if let now = cells("Complaints received").last?.numerator,
            let before = cells("Complaints received").dropLast().last?.numerator
        {
            findings.append(
                """
                \(now.grouped) complaint\(now == 1 ? " was" : "s were") received in \(quarter), \
                against \(before.grouped) in \
                \(quarter.previous) (\(rounding.change(from: before, to: now)) on the previous quarter).
                """
            )
        }
        if let onTime = cells("Responses on time").last, let n = onTime.denominator, n > 0 {
            findings.append("\(onTime.display) of \(n.grouped) responses with a due date were sent on time.")
        }
        if let open = cells("Open at the end of the quarter").last?.numerator {
            let overdue =
                sections.first { $0.id == "due" }?.tables.first?.rows.first {
                    $0.label == WorkQueues.Queue.overdue.displayName
                }?.cells.last?.numerator ?? 0
            findings.append(
                """
                \(open.grouped) complaint\(open == 1 ? " was" : "s were") open on \(quarter.lastDay.longDisplay); \
                \(overdue.grouped) had a deadline overdue.
                """
            )
        }
        return ReportSection(id: "summary", title: "Summary", findings: findings, tables: [])
    }
}
