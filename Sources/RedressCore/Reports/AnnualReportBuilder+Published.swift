/// Figures the reference reports publish beyond the statutory core: review panels requested,
/// convened and held on time (Leicestershire), the causes behind each finding (Lincolnshire),
/// every complaint about a service area whatever procedure handled it (Leicestershire), and
/// whether the Ombudsman saw a complaint after the council's last stage.
extension AnnualReportBuilder {
    // MARK: - Review panels (Leicestershire 2022/23: 5 requests, 4 panels, 3 on time)

    /// For each procedure with a review panel: requests made in the year, panels that met in the
    /// year, and of those how many met within the convening deadline (30 working days, reg 19(4)).
    func panels(_ records: [Representation]) -> [ReportTable] {
        let engine = ClockEngine(calendar: calendar)
        return procedures.filter { scope.areas.contains($0.serviceArea) }.compactMap { procedure in
            guard let stage = procedure.stages.first(where: { $0.milestones.contains { $0.milestone == .panelMet } }),
                let convening = stage.clocks.first(where: { $0.stops == .panelMet }),
                case .workingDays(let limit) = convening.limit
            else { return nil }
            let panels = records.filter { $0.kind == .complaint && $0.procedureID == procedure.id }
                .flatMap { r in r.stages.filter { $0.key == stage.key } }
            let requested = panels.count(where: { year.contains($0.date(of: .requested) ?? $0.openedOn) })
            let met = panels.filter { $0.date(of: .panelMet).map(year.contains) == true }
            let onTime = met.count(where: { panel in
                let deadline = engine.deadlines(for: panel, definition: stage).first { $0.clockKey == convening.key }
                if case .met(_, let isLate) = deadline?.status(on: year.lastDay, calendar: calendar) { return !isLate }
                return false
            })
            let id = "panels.\(procedure.id)"
            return ReportTable(
                id: "panels-\(procedure.id)", title: "\(procedure.name): review panels", basis: .happenedInPeriod,
                columns: ["Number", "Share"],
                rows: [
                    .init(
                        label: "Review panels requested",
                        cells: [.count("\(id).requested", "Panels requested", requested, basis: .happenedInPeriod)]),
                    .init(
                        label: "Review panels held",
                        cells: [.count("\(id).held", "Panels held", met.count, basis: .happenedInPeriod)]),
                    .init(
                        label: "Held within \(limit) working days of the request",
                        cells: [
                            .count("\(id).on-time", "Panels held on time", onTime, basis: .happenedInPeriod),
                            .share(
                                "\(id).on-time.share", "Panels held on time", onTime, of: met.count,
                                basis: .happenedInPeriod, rounding: rounding),
                        ]),
                ],
                notes: [
                    """
                    Requests on the date requested; panels on the date they met. On time: the panel met within \
                    \(limit) working days of the request, or by a date agreed with the complainant (\(convening.rule)).
                    """
                ])
        }
    }

    // MARK: - Causes behind each finding (Lincolnshire 2019/20)

    /// The findings reported as columns: upheld, partly upheld, not upheld.
    static let findingColumns = ["upheld", "partly-upheld", "not-upheld"]

    /// For each service area: what the complaints closed in the year were about, by the finding at
    /// their last stage. A complaint with two natures counts under each.
    func naturesByFinding(_ records: [Representation]) -> [ReportTable] {
        scope.areas.map { area in
            let mine = outcomeRecords(records, area: area)
            let id = "nature-by-finding.\(area.rawValue)"
            let natures = reference.active(.nature).map(\.code)
            func row(_ label: String, _ code: String, _ matches: (Representation) -> Bool) -> ReportTable.Row {
                let about = mine.filter(matches)
                return .init(
                    label: label,
                    cells: Self.findingColumns.map { finding in
                        .count(
                            "\(id).\(code).\(finding)", "\(label): \(reference.label(.outcome, finding))",
                            about.count(where: { $0.stages.last?.outcome == finding }), basis: .closedInPeriod)
                    })
            }
            var rows = natures.map { code in
                row(reference.label(.nature, code), code) { $0.records.natures.contains(code) }
            }
            let uncoded = mine.filter { r in !r.records.natures.contains { natures.contains($0) } }
            if !uncoded.isEmpty {
                rows.append(row("Not recorded", "none") { r in !r.records.natures.contains { natures.contains($0) } })
            }
            return ReportTable(
                id: id, title: "\(area.displayName): what complaints were about, by finding", basis: .closedInPeriod,
                columns: Self.findingColumns.map { reference.label(.outcome, $0) }, rows: rows,
                notes: [
                    """
                    Complaints closed in the year, by the finding at the last stage they reached. A complaint about \
                    more than one thing is counted under each, so columns may add to more than the complaints.
                    """
                ] + outcomeNote(area))
        }
    }

    // MARK: - Every complaint about a service area (Leicestershire 2022/23)

    /// For each service area: the complaints about it received this year and last, by the
    /// procedure that handled them (statutory and corporate together), with the change.
    func allAboutArea(_ records: [Representation]) -> [ReportTable] {
        scope.areas.map { area in
            let id = "about.\(area.rawValue)"
            let now = complaintsReceived(records, area: area)
            let before = complaintsReceived(records, area: area, in: previousYear)
            let handled = procedures.filter { p in
                now.contains { $0.procedureID == p.id } || before.contains { $0.procedureID == p.id }
                    || p.serviceArea == area
            }
            func row(_ label: String, _ key: String, _ n: Int, _ m: Int) -> ReportTable.Row {
                .init(
                    label: label,
                    cells: [
                        .count(
                            "\(id).\(key).\(previousYear.startYear)", "\(label) \(previousYear)", m,
                            basis: .receivedInPeriod),
                        .count("\(id).\(key).\(year.startYear)", "\(label) \(year)", n, basis: .receivedInPeriod),
                        .change(
                            "\(id).\(key).change", "Change: \(label)", from: m, to: n, basis: .receivedInPeriod,
                            rounding: rounding),
                    ])
            }
            // One row per procedure only when more than one handled complaints about the area.
            var rows =
                handled.count < 2
                ? []
                : handled.map { p in
                    row(
                        p.name, p.id, now.count(where: { $0.procedureID == p.id }),
                        before.count(where: { $0.procedureID == p.id }))
                }
            rows.append(row("All complaints", "all", now.count, before.count))
            return ReportTable(
                id: "about-\(area.rawValue)", title: "\(area.displayName): all complaints, by procedure",
                basis: .receivedInPeriod, columns: [previousYear.description, year.description, "Change"],
                rows: rows,
                notes: [
                    """
                    Every complaint about the service area, whichever procedure handled it: a complaint about \
                    \(area.displayName.lowercased()) outside the statutory procedure is counted here too.
                    """
                ])
        }
    }

    // MARK: - The Ombudsman after the council's last stage

    /// Of the Ombudsman's decisions in the year on `area`'s complaints, how many came after the
    /// complaint had been through every council stage (the rest went to the Ombudsman early).
    func afterEveryStage(_ records: [Representation], area: ServiceArea, id: String) -> ReportTable.Row {
        var decided = 0, after = 0
        for r in records where r.serviceArea == area {
            let decisions = decisionsInYear(r).count
            guard decisions > 0 else { continue }
            decided += decisions
            let last = procedures.first { $0.id == r.procedureID }?.stages.last?.key
            if r.closedAtStage != nil, r.closedAtStage == last { after += decisions }
        }
        return .init(
            label: "After every council stage",
            cells: [
                .count("\(id).after-every-stage", "After every council stage", after, basis: .decidedInPeriod),
                .share(
                    "\(id).after-every-stage.share", "After every council stage", after, of: decided,
                    basis: .decidedInPeriod, rounding: rounding),
            ])
    }

    // MARK: - Which complaints outcome tables count

    /// The procedure whose conventions an area's tables follow: the area's own procedure.
    func procedureID(of area: ServiceArea) -> String? { procedures.first { $0.serviceArea == area }?.id }

    /// The complaints an area's outcome tables count: those closed in the year (standard), or
    /// those received in it with the outcome they have now (a convention).
    func outcomeRecords(_ records: [Representation], area: ServiceArea) -> [Representation] {
        switch conventions.of(procedureID(of: area)).outcomesOf {
        case .closed: closedInYear(records).filter { $0.serviceArea == area }
        case .received: complaintsReceived(records, area: area)
        }
    }

    /// The convention note under an outcome table, when the area counts other than the standard way.
    func outcomeNote(_ area: ServiceArea) -> [String] {
        let said = conventions.note(for: procedureID(of: area), about: .outcomes)
        return said.map { [$0] } ?? []
    }
}
