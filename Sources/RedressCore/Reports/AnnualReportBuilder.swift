/// Builds the annual complaints report from records: pure, deterministic, every figure with its
/// basis (`statutory-rules.md` §6). Sections follow the reference reports; each section's
/// figures are defined once here.
public struct AnnualReportBuilder: Sendable {
    public var year: FinancialYear
    public var scope: ReportScope
    /// Earlier years for year-on-year tables (0–4).
    public var earlierYears: Int
    public var calendar: WorkingDayCalendar
    public var procedures: [ProcedureDefinition]
    public var reference: ReferenceData
    public var rounding: Rounding
    /// Equality counts below this are withheld ([R]: 5 is the usual threshold for published
    /// small numbers; configurable).
    public var suppressBelow: Int
    /// How the council counts where councils differ (standard unless chosen).
    /// How the council counts; its rounding of shares of one whole follows into `rounding`.
    public var conventions: CountingConventions = .standard {
        didSet { rounding.sharesTotal100 = conventions.sharesTotal100 }
    }
    /// Whether the data-quality appendix may name a case's reference to whoever reads this
    /// report (the web passes the reader's case access; a restricted case is counted, not named).
    public var listsReference: @Sendable (Representation) -> Bool = { _ in true }
    /// The complaints closed in the year among the report's records, worked out once per build:
    /// ten sections ask for them.
    var closedMemo: ClosedInYear?

    public init(
        year: FinancialYear, scope: ReportScope = .all, earlierYears: Int = 1, calendar: WorkingDayCalendar,
        procedures: [ProcedureDefinition] = BuiltInProcedures.all, reference: ReferenceData = .defaults,
        rounding: Rounding = Rounding(), suppressBelow: Int = 5
    ) {
        self.suppressBelow = max(2, suppressBelow)
        self.year = year
        self.scope = scope
        self.earlierYears = max(0, min(4, earlierYears))
        self.calendar = calendar
        self.procedures = procedures
        self.reference = reference
        self.rounding = rounding
    }

    /// The years compared, oldest first, ending with the report's year.
    var years: [FinancialYear] {
        (0...earlierYears).reversed().map { FinancialYear(startYear: year.startYear - $0, startMonth: year.startMonth) }
    }

    /// The report from the case records and what the council entered (context measures,
    /// recommendations, equality monitoring). `progress` is told each section as it is done.
    public func build(
        from all: [Representation], inputs: ReportInputs = ReportInputs(),
        progress: (@Sendable (Int, Int, String) -> Void)? = nil
    ) -> ComplaintsReport {
        // Sorted first, so every list in the report comes out in the same order whatever the input's.
        // Where early resolutions are contacts, not complaints, they are left out of every figure.
        let records = conventions.counted(all.filter { scope.areas.contains($0.serviceArea) }).sorted {
            ($0.receivedOn, $0.reference) < ($1.receivedOn, $1.reference)
        }
        var builder = self
        builder.closedMemo = ClosedInYear(of: records, closed: closedInYear(records))
        return builder.build(sorted: records, inputs: inputs, progress: progress)
    }

    private func build(
        sorted records: [Representation], inputs: ReportInputs, progress: (@Sendable (Int, Int, String) -> Void)?
    ) -> ComplaintsReport {
        let steps: [(String, @Sendable () -> ReportSection)] = [
            ("received", { received(records) }), ("stages", { stages(records) }), ("outcomes", { outcomes(records) }),
            ("timeliness", { timeliness(records) }), ("escalation", { escalation(records) }),
            ("how and who", { howAndWho(records) }),
            ("children", { childrenAndAdvocacy(records) }), ("nature and service", { natureAndService(records) }),
            ("sought and achieved", { soughtAndAchieved(records) }),
            ("ombudsman", { ombudsman(records, letters: inputs.ombudsmanLetters) }),
            ("joint, costs, learning", { jointCostsLearning(records) }), ("compliments", { compliments(records) }),
            ("context", { context(records, measures: inputs.contextMeasures) }),
            ("equality", { equalityProfile(records, monitoring: inputs.equality) }),
            ("recommendations", { recommendations(inputs.recommendations) }),
            ("data quality", { dataQualitySection(records) }),
        ]
        // Each section counts the same records on its own, so they are counted side by side on
        // the machine's cores and put back in their order.
        let done = Parallel.Counter()
        let sections = Parallel.map(steps.count) { index in
            let section = steps[index].1()
            progress?(done.increment(), steps.count, steps[index].0)
            return section
        }
        return ComplaintsReport(
            title: "Annual complaints report \(year): \(scope.displayName)", period: year.description,
            firstDay: year.firstDay, lastDay: year.lastDay,
            scope: scope, earlierYears: years.dropLast().map(\.description), sections: [summary(sections)] + sections,
            rounding: rounding.statement)
    }

    /// Complaints closed in the period: the last stage closed in it and nothing left open.
    func closedInYear(_ records: [Representation]) -> [Representation] {
        if let closedMemo, closedMemo.isOf(records) { return closedMemo.closed }
        return Counting.closedComplaints(records, in: year.firstDay...year.lastDay)
    }

    // MARK: - Representations received (Hampshire Table 1.1, STAT-02, STAT-22)

    func received(_ records: [Representation]) -> ReportSection {
        let kinds = RepresentationKind.allCases
        var rows: [ReportTable.Row] = []
        for kind in kinds {
            var cells = years.map { y in
                Figure.count(
                    "received.\(kind.rawValue).\(y.startYear)", "\(kind.displayName) received \(y)",
                    Counting.received(records, kind: kind, in: y.firstDay...y.lastDay), basis: .receivedInPeriod)
            }
            if years.count > 1, let last = cells.last?.numerator, let before = cells.dropLast().last?.numerator {
                cells.append(
                    .change(
                        "received.\(kind.rawValue).change", "Change in \(kind.displayName.lowercased()) received",
                        from: before, to: last, basis: .receivedInPeriod, rounding: rounding))
            }
            rows.append(.init(label: kind.displayName, cells: cells))
        }
        let totals = years.map { y in records.count(where: { y.contains($0.receivedOn) }) }
        var totalCells = zip(years, totals).map {
            Figure.count(
                "received.all.\($0.startYear)", "All representations received \($0)", $1, basis: .receivedInPeriod)
        }
        if totals.count > 1 {
            totalCells.append(
                .change(
                    "received.all.change", "Change in all representations", from: totals[totals.count - 2],
                    to: totals[totals.count - 1], basis: .receivedInPeriod, rounding: rounding))
        }
        rows.append(.init(label: "Total", cells: totalCells))
        let current = totals.last ?? 0
        let mix = kinds.map { kind in
            ReportTable.Row(
                label: kind.displayName,
                cells: [
                    .share(
                        "mix.\(kind.rawValue)", "\(kind.displayName) as a share of all representations",
                        Counting.received(records, kind: kind, in: year.firstDay...year.lastDay), of: current,
                        basis: .receivedInPeriod, rounding: rounding)
                ])
        }
        let columns = years.map(\.description) + (years.count > 1 ? ["Change"] : [])
        return ReportSection(
            id: "received", title: "Representations received", findings: [],
            tables: [
                ReportTable(
                    id: "received-by-type", title: "Representations received by type", basis: .receivedInPeriod,
                    columns: columns, rows: rows,
                    notes: ["Change is this year against last year, as a share of last year."]),
                ReportTable(
                    id: "representation-mix", title: "Share of representations by type, \(year)",
                    basis: .receivedInPeriod, columns: ["Share"], rows: mix, notes: []),
            ] + allAboutArea(records))
    }

    // MARK: - Stage at closure (STAT-04)

    func stages(_ records: [Representation]) -> ReportSection {
        let closed = closedInYear(records)
        var tables: [ReportTable] = []
        for procedure in procedures where scope.areas.contains(procedure.serviceArea) {
            let convention = conventions.of(procedure.id)
            // Where the Ombudsman is a stage, a complaint it decided in the year ends there, in
            // this year, whenever the council's last stage closed.
            let decided = records.filter { r in
                convention.ombudsmanIsFinalStage && r.kind == .complaint && r.procedureID == procedure.id
                    && !decisionsInYear(r).isEmpty
            }
            let decidedIDs = Set(decided.map(\.id))
            let mine = closed.filter { $0.procedureID == procedure.id && !decidedIDs.contains($0.id) } + decided
            let stageZero = convention.earlyResolutionIsStage
            var ends: [(key: String, name: String, matches: (Representation) -> Bool)] = []
            if stageZero {
                ends.append(
                    ("stage-0", "Stage 0: early resolution", { !decidedIDs.contains($0.id) && $0.isResolvedEarly }))
            }
            for stage in procedure.stages {
                ends.append(
                    (
                        stage.key, stage.name,
                        { r in
                            !decidedIDs.contains(r.id) && r.closedAtStage == stage.key
                                && !(stageZero && r.isResolvedEarly)
                        }
                    ))
            }
            if convention.ombudsmanIsFinalStage {
                ends.append(("ombudsman", "The Ombudsman", { decidedIDs.contains($0.id) }))
            }
            let counts = ends.map { end in mine.count(where: end.matches) }
            let shares = Figure.shares(
                zip(ends, counts).map { end, n in
                    ("closed-at.\(procedure.id).\(end.key).share", "Share closed at \(end.name)", n)
                }, of: mine.count, basis: .closedInPeriod, rounding: rounding)
            let rows = zip(ends, zip(counts, shares)).map { end, figures in
                ReportTable.Row(
                    label: end.name,
                    cells: [
                        .count(
                            "closed-at.\(procedure.id).\(end.key)", "Closed at \(end.name)", figures.0,
                            basis: .closedInPeriod),
                        figures.1,
                    ])
            }
            let said = conventions.note(for: procedure.id, about: .stages)
            tables.append(
                ReportTable(
                    id: "closed-by-stage-\(procedure.id)",
                    title: "\(procedure.name): complaints closed by the stage they ended at", basis: .closedInPeriod,
                    columns: ["Complaints", "Share"],
                    rows: rows + [
                        .init(
                            label: "Total",
                            cells: [
                                .count(
                                    "closed.\(procedure.id)", "Complaints closed", mine.count, basis: .closedInPeriod)
                            ])
                    ],
                    notes: ["A complaint is counted once, at the last stage it reached, in the year that stage closed."]
                        + (said.map { [$0] } ?? [])
                ))
        }
        return ReportSection(
            id: "stages", title: "Complaints by stage", findings: [], tables: tables + panels(records))
    }

    // MARK: - Outcomes (STAT-03, STAT-12)

    func outcomes(_ records: [Representation]) -> ReportSection {
        var tables: [ReportTable] = []
        var findings: [String] = []
        for area in scope.areas {
            let mine = outcomeRecords(records, area: area)
            let ofReceived = conventions.of(procedureID(of: area)).outcomesOf == .received
            let codes = reference.active(.outcome).map(\.code)
            // Each outcome, then none recorded: together every complaint counted, once.
            let unrecorded = mine.filter { r in r.stages.last?.outcome.map { !codes.contains($0) } ?? true }.count
            let parts: [(code: String, label: String, n: Int)] =
                codes.map { code in
                    (code, reference.label(.outcome, code), mine.count(where: { $0.stages.last?.outcome == code }))
                } + [("none", "No outcome recorded", unrecorded)]
            let shares = Figure.shares(
                parts.map { p in
                    let said = p.code == "none" ? "with no outcome recorded" : p.label.lowercased()
                    return ("outcome.\(area.rawValue).\(p.code).share", "Share \(said)", p.n)
                },
                of: mine.count, basis: .closedInPeriod, rounding: rounding)
            var rows = zip(parts, shares).map { part, share in
                ReportTable.Row(
                    label: part.label,
                    cells: [
                        .count(
                            "outcome.\(area.rawValue).\(part.code)",
                            part.code == "none"
                                ? "Closed with no outcome recorded" : "Closed \(part.label.lowercased())",
                            part.n, basis: .closedInPeriod),
                        share,
                    ])
            }
            let fault = mine.count(where: { ["upheld", "partly-upheld"].contains($0.stages.last?.outcome ?? "") })
            let faultFigure = Figure.share(
                "fault-found.\(area.rawValue)", "Upheld or partly upheld", fault, of: mine.count,
                basis: .closedInPeriod, rounding: rounding)
            rows.append(
                .init(
                    label: "Upheld or partly upheld (fault found)",
                    cells: [
                        .count(
                            "fault-found.\(area.rawValue).count", "Upheld or partly upheld", fault,
                            basis: .closedInPeriod), faultFigure,
                    ]))
            if !mine.isEmpty {
                findings.append(
                    """
                    \(area.displayName): \(faultFigure.display) of the \(mine.count) complaints closed were \
                    upheld or partly upheld (\(fault)).
                    """
                )
            }
            tables.append(
                ReportTable(
                    id: "outcomes-\(area.rawValue)",
                    title: "\(area.displayName): outcome of complaints \(ofReceived ? "received" : "closed")",
                    basis: .closedInPeriod, columns: ["Complaints", "Share"],
                    rows: rows,
                    notes: [
                        """
                        The outcome is the finding at the last stage the complaint reached. Of \(mine.count) \
                        complaints \(ofReceived ? "received" : "closed").
                        """
                    ] + outcomeNote(area)))
        }
        return ReportSection(id: "outcomes", title: "Outcomes", findings: findings, tables: tables)
    }

    // MARK: - Timeliness (STAT-06, STAT-08, STAT-09)

    func timeliness(_ records: [Representation]) -> ReportSection {
        var tables: [ReportTable] = []
        var findings: [String] = []
        for procedure in procedures where scope.areas.contains(procedure.serviceArea) {
            for stage in procedure.stages {
                guard
                    let times = ResponseTimes.measure(
                        procedure, stage: stage, records: records, period: year.firstDay...year.lastDay,
                        calendar: calendar, from: conventions.of(procedure.id).timedFrom)
                else { continue }
                let bands = times.bandFigures(rounding: rounding)
                var rows = bands.map { ReportTable.Row(label: $0.count.label, cells: [$0.count, $0.share]) }
                let average = times.averageFigure(rounding: rounding)
                rows.append(.init(label: "Responses", cells: [times.responsesFigure()]))
                rows.append(.init(label: "Average working days", cells: [average]))
                if times.responses > 0, let within = bands.first?.share {
                    findings.append(
                        """
                        \(procedure.name), \(stage.name.lowercased()): \(within.display) of \(times.responses) \
                        responses within \(times.limit) working days; average \(average.display) working days.
                        """
                    )
                }
                tables.append(
                    ReportTable(
                        id: "timeliness-\(procedure.id)-\(stage.key)",
                        title: "\(procedure.name), \(stage.name): response times", basis: .closedInPeriod,
                        columns: ["Responses", "Share"], rows: rows,
                        notes: [ResponseTimes.note(calendar: calendar, clockName: times.clockName)]
                            + (conventions.note(for: procedure.id, about: .responseTimes).map { [$0] } ?? [])))
            }
            if procedure.serviceArea == .adultSocialCare {
                tables.append(sixMonths(records, procedure: procedure))
            }
            if procedure.stages.count >= 3 {
                tables.append(earlyStagesOver20(records, procedure: procedure))
            }
        }
        return ReportSection(id: "timeliness", title: "How long responses took", findings: findings, tables: tables)
    }

    /// Adults' complaints answered in the year after the six-month relevant period (ASC-12, STAT-06).
    func sixMonths(_ records: [Representation], procedure: ProcedureDefinition) -> ReportTable {
        var late = 0, total = 0
        for r in records where r.kind == .complaint && r.procedureID == procedure.id {
            guard let responded = r.stages.last?.respondedOn, year.contains(responded) else { continue }
            total += 1
            if responded > calendar.lastDayOfPeriod(months: 6, beginningWith: r.receivedOn) { late += 1 }
        }
        // The share is of responses sent in the year, or (a convention) of complaints closed or
        // received in it.
        let of = conventions.of(procedure.id).sixMonthsShareOf
        let whole =
            switch of {
            case .responses: total
            case .closed: closedInYear(records).count(where: { $0.procedureID == procedure.id })
            case .received:
                Counting.received(
                    records.filter { $0.procedureID == procedure.id }, kind: .complaint,
                    in: year.firstDay...year.lastDay)
            }
        let said = conventions.note(for: procedure.id, about: .sixMonths)
        let id = "timeliness.\(procedure.id).six-months"
        return ReportTable(
            id: "six-months-\(procedure.id)", title: "\(procedure.name): responses after the six-month relevant period",
            basis: .closedInPeriod,
            columns: ["Complaints", "Share"],
            rows: [
                .init(
                    label: "Responded after six months",
                    cells: [
                        .count(id, "Responded after six months", late, basis: .closedInPeriod),
                        .share(
                            "\(id).share", "Share responded after six months", late, of: whole, basis: .closedInPeriod,
                            rounding: rounding),
                    ]),
                .init(
                    label: "Responses", cells: [.count("\(id).responses", "Responses", total, basis: .closedInPeriod)]),
            ]
                + (of == .responses
                    ? []
                    : [
                        .init(
                            label: "Complaints \(of.rawValue)",
                            cells: [
                                .count(
                                    "\(id).\(of.rawValue)", "Complaints \(of.rawValue)", whole,
                                    basis: of == .closed ? .closedInPeriod : .receivedInPeriod)
                            ])
                    ]),
            notes: [
                """
                Six months beginning with the day of receipt (SI 2009/309 reg 14(2)); a longer period agreed \
                before it ran out is not taken into account here.
                """
            ] + (said.map { [$0] } ?? []))
    }

    /// Lancashire's measure (STAT-07): complaints closed at the first two stages whose last
    /// response took over 20 working days, of all closed there. Counted from the day the last
    /// stage's response clock started ([R]: the seed does not say from when).
    func earlyStagesOver20(_ records: [Representation], procedure: ProcedureDefinition) -> ReportTable {
        let early = Set(procedure.stages.prefix(2).map(\.key))
        let convention = conventions.of(procedure.id)
        var over = 0, total = 0
        for r in closedInYear(records) where r.procedureID == procedure.id {
            guard let last = r.stages.last, early.contains(last.key) else { continue }
            // Where the Ombudsman is a stage, a complaint it decided in the year did not end early.
            if convention.ombudsmanIsFinalStage,
                !decisionsInYear(r).isEmpty
            {
                continue
            }
            // The last stage's response (standard), the first, or each early stage's (conventions);
            // a withdrawal is timed to the day withdrawn only where the convention says so.
            let timed: [Stage] =
                switch convention.timedResponse {
                case .last: [last]
                case .first: Array(r.stages.prefix(1))
                case .each: r.stages.filter { early.contains($0.key) }
                }
            let taken = timed.compactMap { stage -> Int? in
                let ended = stage.respondedOn ?? (convention.timesWithdrawals ? stage.withdrawnOn : nil)
                guard let ended, let clock = procedure.stage(stage.key)?.responseClock else { return nil }
                return calendar.workingDays(
                    from: stage.reportingStart(of: clock, from: convention.timedFrom), to: ended)
            }
            guard !taken.isEmpty else { continue }
            total += 1
            if taken.contains(where: { $0 > 20 }) { over += 1 }
        }
        let said = [CountingConventions.Procedure.Topic.timing, .responseTimes].compactMap {
            conventions.note(for: procedure.id, about: $0)
        }
        let id = "timeliness.\(procedure.id).early-stages-over-20"
        let names = procedure.stages.prefix(2).map(\.name).joined(separator: " or ")
        return ReportTable(
            id: "early-stages-over-20-\(procedure.id)",
            title: "\(procedure.name): closed at \(names) after more than 20 working days", basis: .closedInPeriod,
            columns: ["Complaints", "Share"],
            rows: [
                .init(
                    label: "Last response over 20 working days",
                    cells: [
                        .count(
                            id, "Closed at the first two stages, over 20 working days", over, basis: .closedInPeriod),
                        .share(
                            "\(id).share", "Share over 20 working days", over, of: total, basis: .closedInPeriod,
                            rounding: rounding),
                    ]),
                .init(
                    label: "Closed at \(names) with a response",
                    cells: [.count("\(id).closed", "Closed at the first two stages", total, basis: .closedInPeriod)]),
            ],
            notes: [
                """
                Lancashire's measure of complaints exceeding the statutory timescale (STAT-07). Working days from \
                the day the last stage's clock started to its response.
                """
            ] + said)
    }

    // MARK: - Escalation (STAT-10)

    func escalation(_ records: [Representation]) -> ReportSection {
        var rows: [ReportTable.Row] = []
        for procedure in procedures where scope.areas.contains(procedure.serviceArea) && procedure.stages.count > 1 {
            for (index, stage) in procedure.stages.dropLast().enumerated() {
                let next = procedure.stages[index + 1]
                var responded = 0, escalated = 0
                for r in records where r.kind == .complaint && r.procedureID == procedure.id {
                    guard let s = r.stages.first(where: { $0.key == stage.key }), let on = s.respondedOn,
                        year.contains(on)
                    else { continue }
                    responded += 1
                    if r.stages.contains(where: { $0.key == next.key }) { escalated += 1 }
                }
                let id = "escalation.\(procedure.id).\(stage.key)"
                rows.append(
                    .init(
                        label: "\(procedure.name): \(stage.name) to \(next.name)",
                        cells: [
                            .count("\(id).responses", "Responses", responded, basis: .closedInPeriod),
                            .count("\(id).escalated", "Went on to \(next.name)", escalated, basis: .closedInPeriod),
                            .share(
                                "\(id).rate", "Escalation rate", escalated, of: responded, basis: .closedInPeriod,
                                rounding: rounding),
                        ]))
            }
        }
        return ReportSection(
            id: "escalation", title: "Escalation", findings: [],
            tables: [
                ReportTable(
                    id: "escalation", title: "Complaints that went on to the next stage", basis: .closedInPeriod,
                    columns: ["Responses", "Escalated", "Rate"], rows: rows,
                    notes: [
                        """
                        Responses sent in the year at each stage, and how many of those complaints have since \
                        opened the next stage.
                        """
                    ])
            ])
    }

    // MARK: - Executive summary (STAT-02)

    func summary(_ sections: [ReportSection]) -> ReportSection {
        var findings: [String] = []
        if years.count > 1, let table = sections.first(where: { $0.id == "received" })?.tables.first,
            let complaints = table.rows.first(where: { $0.label == RepresentationKind.complaint.displayName })
        {
            let before = complaints.cells[years.count - 2].numerator ?? 0,
                now = complaints.cells[years.count - 1].numerator ?? 0
            let verb = now > before ? "rose" : now < before ? "fell" : "stayed at"
            let change = Rounding().change(from: before, to: now).replacingOccurrences(of: "+", with: "")
                .replacingOccurrences(of: "−", with: "")
            findings.append(
                now == before
                    ? "\(scope.displayName) complaints stayed at \(now)."
                    : before == 0
                        ? "\(scope.displayName) complaints \(verb) from none to \(now)."
                        : "\(scope.displayName) complaints \(verb) \(change), from \(before) to \(now).")
        }
        findings += sections.filter { !["compliments", "recommendations"].contains($0.id) }.flatMap(\.findings)
        return ReportSection(id: "summary", title: "Summary", findings: findings, tables: [])
    }
}
