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
    /// Each area's complaints received in the year and the year before, worked out once per
    /// build: eight sections ask for them.
    var receivedMemo: ReceivedByArea?

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
        builder.receivedMemo = ReceivedByArea(of: records, areas: scope.areas, years: [year, previousYear])
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
        let byKind = years.map { y in Counting.receivedByKind(records, in: y.firstDay...y.lastDay) }
        for kind in kinds {
            var cells = zip(years, byKind).map { y, received in
                Figure.count(
                    "received.\(kind.rawValue).\(y.startYear)", "\(kind.displayName) received \(y)",
                    received[kind, default: 0], basis: .receivedInPeriod)
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
                        byKind.last?[kind] ?? 0, of: current,
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
                    \(area.displayName): \(faultFigure.display) of the \(mine.count.grouped) complaints closed were \
                    upheld or partly upheld (\(fault.grouped)).
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
                        The outcome is the finding at the last stage the complaint reached. Of \(mine.count.grouped) \
                        complaints \(ofReceived ? "received" : "closed").
                        """
                    ] + outcomeNote(area)))
        }
        return ReportSection(id: "outcomes", title: "Outcomes", findings: findings, tables: tables)
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
                    ? "\(scope.displayName) complaints stayed at \(now.grouped)."
                    : before == 0
                        ? "\(scope.displayName) complaints \(verb) from none to \(now.grouped)."
                        : "\(scope.displayName) complaints \(verb) \(change), from \(before.grouped) to \(now.grouped)."
            )
        }
        findings += sections.filter { !["compliments", "recommendations"].contains($0.id) }.flatMap(\.findings)
        return ReportSection(id: "summary", title: "Summary", findings: findings, tables: [])
    }
}
