/// The annual report's timeliness: response times against each procedure's clocks, adults' cases
/// past six months, and early stages past 20 working days.
extension AnnualReportBuilder {
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
                        \(procedure.name), \(stage.name.lowercased()): \(within.display) of \(times.responses.grouped) \
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
}
