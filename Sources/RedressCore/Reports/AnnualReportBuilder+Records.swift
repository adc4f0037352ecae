/// Sections built from the coded case records: how complaints arrived, who made them, children
/// and advocacy, nature and service (multi-coded), outcomes sought and achieved, remedial
/// action, joint NHS complaints, costs, learning and actions, compliments.
extension AnnualReportBuilder {
    /// A table counting codes of one list (figure ids `list.area.code`; rows that are not codes use
    /// `:` — `nature.adults:uncoded`, `:total` — so they never clash with a code). `perRecord`
    /// shares are of records (a record may carry several codes, so shares can total over 100%);
    /// otherwise of all codes given.
    func codedTable(
        id: String, title: String, list: CategoryList, group: String? = nil, basis: CountingBasis,
        records: [Representation],
        perRecord: Bool, codes: (Representation) -> [String], notes: [String] = [], lastYear: [Representation]? = nil
    ) -> ReportTable {
        // An empty code is no code: counted as not recorded, never as a code no longer in use.
        let coded = records.map { codes($0).filter { !$0.isEmpty } }
        let before = lastYear?.map { codes($0).filter { !$0.isEmpty } }
        let previous = previousYear
        let all = coded.flatMap { $0 }
        let known = reference.active(list, group: group).map(\.code)
        let tally = CodeTally(coded, known: Set(known), perRecord: perRecord)
        let tallyBefore = before.map { CodeTally($0, known: Set(known), perRecord: perRecord) }
        /// Last year's count of `code` (or of retired codes), as an extra cell when asked for.
        func earlier(_ suffix: String, _ label: String, _ count: (CodeTally) -> Int) -> [Figure] {
            guard let tallyBefore else { return [] }
            let n = count(tallyBefore)
            return [.count("\(id)\(suffix).\(previous.startYear)", "\(label) \(previous)", n, basis: basis)]
        }
        let whole = perRecord ? records.count : all.count
        var rows = known.map { code in
            let n = tally.counts[code, default: 0]
            return ReportTable.Row(
                label: reference.label(list, code, group: group),
                cells: [
                    .count("\(id).\(code)", reference.label(list, code, group: group), n, basis: basis),
                    .share(
                        "\(id).\(code).share", reference.label(list, code, group: group), n, of: whole, basis: basis,
                        rounding: rounding),
                ] + earlier(".\(code)", reference.label(list, code, group: group)) { $0.counts[code, default: 0] })
        }
        let other = tally.retired
        if other > 0 {
            rows.append(
                .init(
                    label: "Codes no longer in use",
                    cells: [
                        .count("\(id):retired", "Codes no longer in use", other, basis: basis),
                        .share(
                            "\(id):retired.share", "Codes no longer in use", other, of: whole, basis: basis,
                            rounding: rounding),
                    ] + earlier(":retired", "Codes no longer in use") { $0.retired }))
        }
        let uncoded = coded.filter(\.isEmpty).count
        rows.append(
            .init(
                label: "Not recorded",
                cells: [
                    .count("\(id):uncoded", "Not recorded", uncoded, basis: basis),
                    .share(
                        "\(id):uncoded.share", "Not recorded, of records", uncoded, of: records.count, basis: basis,
                        rounding: rounding),
                ]
                    + (before.map { b in
                        [
                            .count(
                                "\(id):uncoded.\(previous.startYear)", "Not recorded \(previous)",
                                b.filter(\.isEmpty).count, basis: basis)
                        ]
                    } ?? [])))
        let total = Figure.count("\(id):total", "Total", whole, basis: basis)
        let totalBefore = before.map { b in
            Figure.count(
                "\(id):total.\(previous.startYear)", "Total \(previous)", perRecord ? b.count : b.flatMap { $0 }.count,
                basis: basis)
        }
        rows.append(
            .init(
                label: perRecord ? "Complaints" : "Codes given",
                cells: totalBefore.map { [total, .blank, $0] } ?? [total]))
        let multi =
            perRecord
            ? ["A complaint can have more than one, so the shares can add up to more than 100%."]
            : ["Shares are of all codes given; a complaint can have more than one."]
        let columns = ["Number", "Share"] + (before == nil ? [] : ["Number, \(previous)"])
        return ReportTable(id: id, title: title, basis: basis, columns: columns, rows: rows, notes: multi + notes)
    }

    func complaintsReceived(
        _ records: [Representation], area: ServiceArea, in period: FinancialYear? = nil
    ) -> [Representation] {
        let period = period ?? year
        if let found = receivedMemo?.complaints(in: records, area: area, year: period) { return found }
        return records.filter { $0.kind == .complaint && $0.serviceArea == area && period.contains($0.receivedOn) }
    }

    var previousYear: FinancialYear { FinancialYear(startYear: year.startYear - 1, startMonth: year.startMonth) }

    // MARK: - How received and who complained (Hampshire Tables 3–5, STAT-27)

    func howAndWho(_ records: [Representation]) -> ReportSection {
        var tables: [ReportTable] = []
        for area in scope.areas {
            let mine = complaintsReceived(records, area: area)
            tables.append(
                codedTable(
                    id: "method.\(area.rawValue)", title: "\(area.displayName): how complaints were received",
                    list: .method,
                    basis: .receivedInPeriod, records: mine, perRecord: true, codes: { [$0.methodOfReceipt] }))
            tables.append(
                codedTable(
                    id: "relationship.\(area.rawValue)", title: "\(area.displayName): who complained",
                    list: .relationship,
                    basis: .receivedInPeriod, records: mine, perRecord: true, codes: { [$0.complainant.relationship] }))
            let refused = mine.filter { $0.records.intake.refusal != nil }
            tables.append(
                codedTable(
                    id: "refusals.\(area.rawValue)", title: "\(area.displayName): complaints refused, by reason",
                    list: .refusalReason,
                    basis: .receivedInPeriod, records: refused, perRecord: true,
                    codes: { [$0.records.intake.refusal?.reason].compactMap { $0 } },
                    notes: [
                        "Complaints received in the year that the council decided not to consider under the procedure."
                    ]))
        }
        return ReportSection(
            id: "how-and-who", title: "How complaints arrived and who made them", findings: [], tables: tables)
    }

    // MARK: - Children and young people, advocacy (Hampshire Tables 12–15, STAT-26)

    func childrenAndAdvocacy(_ records: [Representation]) -> ReportSection {
        var rows: [ReportTable.Row] = []
        var findings: [String] = []
        var youngPeople: [ReportTable] = []
        for area in scope.areas {
            let mine = complaintsReceived(records, area: area)
            let children = mine.filter(\.complainant.isChildOrYoungPerson)
            let advocated = children.filter {
                $0.complainant.advocate != nil || $0.records.intake.advocateAppointedOn != nil
            }
            let offered = children.filter { $0.records.intake.advocacyOfferedOn != nil }
            let share = Figure.share(
                "children.\(area.rawValue).share", "Made by or for a child or young person", children.count,
                of: mine.count, basis: .receivedInPeriod, rounding: rounding)
            rows += [
                .init(
                    label: "\(area.displayName): made by or for a child or young person",
                    cells: [
                        .count(
                            "children.\(area.rawValue)", "Made by or for a child or young person", children.count,
                            basis: .receivedInPeriod), share,
                    ]),
                .init(
                    label: "\(area.displayName): advocacy offered",
                    cells: [
                        .count(
                            "children.\(area.rawValue).advocacy-offered", "Advocacy offered", offered.count,
                            basis: .receivedInPeriod),
                        .share(
                            "children.\(area.rawValue).advocacy-offered.share",
                            "Advocacy offered, of children's complaints", offered.count, of: children.count,
                            basis: .receivedInPeriod, rounding: rounding),
                    ]),
                .init(
                    label: "\(area.displayName): with an advocate",
                    cells: [
                        .count(
                            "children.\(area.rawValue).advocate", "With an advocate", advocated.count,
                            basis: .receivedInPeriod),
                        .share(
                            "children.\(area.rawValue).advocate.share", "With an advocate, of children's complaints",
                            advocated.count, of: children.count, basis: .receivedInPeriod, rounding: rounding),
                    ]),
            ]
            if !children.isEmpty {
                youngPeople += [
                    codedTable(
                        id: "young-people.method.\(area.rawValue)",
                        title: "\(area.displayName): how children and young people complained", list: .method,
                        basis: .receivedInPeriod, records: children, perRecord: true, codes: { [$0.methodOfReceipt] }),
                    codedTable(
                        id: "young-people.nature.\(area.rawValue)",
                        title: "\(area.displayName): what children and young people complained about", list: .nature,
                        basis: .receivedInPeriod, records: children, perRecord: false, codes: \.records.natures),
                    codedTable(
                        id: "young-people.service.\(area.rawValue)",
                        title: "\(area.displayName): services children and young people complained about",
                        list: .service,
                        group: area.rawValue, basis: .receivedInPeriod, records: children, perRecord: true,
                        codes: { [$0.serviceCategory] }),
                    codedTable(
                        id: "young-people.outcome.\(area.rawValue)",
                        title: "\(area.displayName): outcomes of children and young people's complaints closed",
                        list: .outcome,
                        basis: .closedInPeriod,
                        records: closedInYear(records).filter {
                            $0.serviceArea == area && $0.complainant.isChildOrYoungPerson
                        }, perRecord: true,
                        codes: { [$0.stages.last?.outcome].compactMap { $0 } }),
                ]
                findings.append(
                    """
                    \(area.displayName): \(children.count.grouped) complaint\(children.count == 1 ? " was" : "s were") \
                    made by or for children and young people (\(share.display)); \(advocated.count.grouped) with an \
                    advocate.
                    """
                )
            }
        }
        return ReportSection(
            id: "children", title: "Children and young people", findings: findings,
            tables: [
                ReportTable(
                    id: "children-and-advocacy", title: "Complaints by or for children and young people, and advocacy",
                    basis: .receivedInPeriod,
                    columns: ["Number", "Share"], rows: rows,
                    notes: ["Shares of advocacy are of complaints by or for children and young people."])
            ] + youngPeople)
    }

    // MARK: - Nature and service (Hampshire Tables 6–9, STAT-28)

    func natureAndService(_ records: [Representation]) -> ReportSection {
        var tables: [ReportTable] = []
        for area in scope.areas {
            let mine = complaintsReceived(records, area: area)
            tables.append(
                codedTable(
                    id: "nature.\(area.rawValue)", title: "\(area.displayName): what complaints were about",
                    list: .nature,
                    basis: .receivedInPeriod, records: mine, perRecord: false, codes: \.records.natures))
            var services = codedTable(
                id: "service.\(area.rawValue)", title: "\(area.displayName): services complained about",
                list: .service, group: area.rawValue,
                basis: .receivedInPeriod, records: mine, perRecord: true,
                codes: { [$0.serviceCategory] + $0.records.otherServices },
                lastYear: earlierYears > 0 ? complaintsReceived(records, area: area, in: previousYear) : nil)
            // Complaints per service, and how many service codes were given in all (multi-coded).
            let given = mine.reduce(0) { $0 + ($1.serviceCategory.isEmpty ? 0 : 1) + $1.records.otherServices.count }
            if given > mine.count {
                let cells = [
                    Figure.count(
                        "service.\(area.rawValue):codes", "Service codes given", given,
                        basis: .receivedInPeriod)
                ]
                services.rows.append(.init(label: "Service codes given", cells: cells))
                services.notes.append(
                    """
                    Counted in complaints: a complaint is counted under its main service and under each other \
                    service it is about, so \(given.grouped) service codes were given for \
                    \(mine.count.grouped) complaints.
                    """)
            }
            tables.append(services)
        }
        return ReportSection(
            id: "nature-and-service", title: "What complaints were about", findings: [],
            tables: tables + naturesByFinding(records))
    }

    // MARK: - Outcomes sought and achieved, remedial action (Tables 10–11, STAT-14, STAT-15, STAT-29)

    func soughtAndAchieved(_ records: [Representation]) -> ReportSection {
        var tables: [ReportTable] = []
        let closed = closedInYear(records)
        for area in scope.areas {
            tables.append(
                codedTable(
                    id: "sought.\(area.rawValue)", title: "\(area.displayName): what complainants wanted",
                    list: .outcomeSought,
                    basis: .receivedInPeriod, records: complaintsReceived(records, area: area), perRecord: false,
                    codes: \.records.outcomesSought))
            let mine = closed.filter { $0.serviceArea == area }
            tables.append(
                codedTable(
                    id: "achieved.\(area.rawValue)", title: "\(area.displayName): what the response gave",
                    list: .actualOutcome,
                    basis: .closedInPeriod, records: mine, perRecord: false, codes: \.records.actualOutcomes))
            let rows = ["upheld", "partly-upheld", "not-upheld"].map { finding in
                let found = mine.filter { $0.stages.last?.outcome == finding }
                let remedied = found.count(where: { $0.records.remedialActionTaken == true })
                return ReportTable.Row(
                    label: reference.label(.outcome, finding),
                    cells: [
                        .count(
                            "remedial.\(area.rawValue).\(finding)", "Closed \(finding)", found.count,
                            basis: .closedInPeriod),
                        .count(
                            "remedial.\(area.rawValue).\(finding).action", "With remedial action", remedied,
                            basis: .closedInPeriod),
                        .share(
                            "remedial.\(area.rawValue).\(finding).rate", "Remedial action rate", remedied,
                            of: found.count, basis: .closedInPeriod, rounding: rounding),
                    ])
            }
            tables.append(
                ReportTable(
                    id: "remedial.\(area.rawValue)", title: "\(area.displayName): remedial action by finding",
                    basis: .closedInPeriod,
                    columns: ["Closed", "With remedial action", "Rate"], rows: rows, notes: []))
        }
        return ReportSection(
            id: "sought-and-achieved", title: "What complainants wanted and what they got", findings: [], tables: tables
        )
    }

    // MARK: - Joint NHS complaints (STAT-30), costs (STAT-32), learning and actions (STAT-13)

    func jointCostsLearning(_ records: [Representation]) -> ReportSection {
        let closed = closedInYear(records)
        let joint = records.filter { $0.records.intake.joint != nil }
        let closedJoint = closedInYear(joint)
        let openJoint = joint.count(where: { $0.isOpen && $0.receivedOn <= year.lastDay })
        var jointRows: [ReportTable.Row] = [
            .init(
                label: "Closed in the year",
                cells: [.count("joint.closed", "Joint complaints closed", closedJoint.count, basis: .closedInPeriod)]),
            .init(
                label: "Upheld or partly upheld",
                cells: [
                    .share(
                        "joint.fault-found", "Upheld or partly upheld",
                        closedJoint.count(where: {
                            ["upheld", "partly-upheld"].contains($0.stages.last?.outcome ?? "")
                        }), of: closedJoint.count, basis: .closedInPeriod, rounding: rounding)
                ]),
        ]
        jointRows.append(
            .init(
                label: "Open at the end of the year",
                cells: [.count("joint.open", "Joint complaints open", openJoint, basis: .openAtPeriodEnd)]))

        let costs = records.flatMap(\.records.costs)
        let costCells = { (id: String, label: String, include: (Cost) -> Bool) -> [Figure] in
            years.map { y in
                .money(
                    y == year ? id : "\(id).\(y.startYear)", "\(label) \(y)",
                    pence: costs.filter { include($0) && y.contains($0.paidOn) }.reduce(0) { $0 + $1.amountPence },
                    basis: .closedInPeriod)
            }
        }
        let costRows =
            Cost.Heading.allCases.map { heading in
                ReportTable.Row(
                    label: heading.displayName,
                    cells: costCells("costs.\(heading.rawValue)", heading.displayName) { $0.heading == heading })
            } + [.init(label: "Total", cells: costCells("costs.total", "Total costs") { _ in true })]

        let upheld = closed.filter { ["upheld", "partly-upheld"].contains($0.stages.last?.outcome ?? "") }
        let wide = upheld.filter { $0.records.actions.contains { $0.kind.isServiceWide } }.count
        let actions = closed.flatMap(\.records.actions)
        var learningRows = ServiceAction.Kind.allCases.map { kind in
            ReportTable.Row(
                label: kind.displayName,
                cells: [
                    .count(
                        "actions.\(kind.rawValue)", kind.displayName, actions.count(where: { $0.kind == kind }),
                        basis: .closedInPeriod)
                ])
        }
        let wideFigure = Figure.share(
            "actions.service-wide.share", "Upheld complaints with a service-wide action", wide, of: upheld.count,
            basis: .closedInPeriod, rounding: rounding)
        learningRows.append(
            .init(label: "Upheld or partly upheld complaints leading to a service-wide action", cells: [wideFigure]))
        let themes = codedTable(
            id: "learning", title: "Learning by theme", list: .learningTheme, basis: .closedInPeriod, records: closed,
            perRecord: false, codes: { $0.records.learning.map(\.theme) })
        return ReportSection(
            id: "joint-costs-learning", title: "Joint complaints, costs, and learning",
            findings: upheld.isEmpty
                ? []
                : [
                    """
                    \(wideFigure.display) of upheld or partly upheld complaints led to a change for everyone \
                    using the service (\(wide.grouped) of \(upheld.count.grouped)).
                    """
                ],
            tables: [
                ReportTable(
                    id: "joint", title: "Joint complaints with the NHS", basis: .closedInPeriod, columns: ["Number"],
                    rows: jointRows, notes: ["Open joint complaints are counted on the last day of the year."]),
                ReportTable(
                    id: "costs", title: "Costs of complaints paid in the year", basis: .closedInPeriod,
                    columns: years.map(\.description), rows: costRows, notes: ["Counted on the date paid."]),
                ReportTable(
                    id: "actions", title: "Actions taken because of complaints closed in the year",
                    basis: .closedInPeriod, columns: ["Number"], rows: learningRows,
                    notes: ["Service-wide actions: staff training, process or policy change, communication with staff."]
                ),
                themes,
            ])
    }

    // MARK: - Compliments (Lancashire Graph 8, STAT-33)

    func compliments(_ records: [Representation]) -> ReportSection {
        var quotes: [String] = []
        let trend = scope.areas.map { area in
            let counts = years.map { y in
                records.count(where: { $0.kind == .compliment && $0.serviceArea == area && y.contains($0.receivedOn) })
            }
            var cells = zip(years, counts).map { y, n in
                Figure.count(
                    "compliments.\(area.rawValue).\(y.startYear)", "Compliments \(y)", n, basis: .receivedInPeriod)
            }
            if counts.count > 1 {
                cells.append(
                    .change(
                        "compliments.\(area.rawValue).change", "Change in compliments", from: counts[counts.count - 2],
                        to: counts[counts.count - 1], basis: .receivedInPeriod, rounding: rounding))
            }
            return ReportTable.Row(label: area.displayName, cells: cells)
        }
        var tables = [
            ReportTable(
                id: "compliments-by-year", title: "Compliments received", basis: .receivedInPeriod,
                columns: years.map(\.description) + (years.count > 1 ? ["Change"] : []), rows: trend, notes: [])
        ]
        for area in scope.areas {
            let mine = records.filter {
                $0.kind == .compliment && $0.serviceArea == area && year.contains($0.receivedOn)
            }
            let lastYears = records.filter {
                $0.kind == .compliment && $0.serviceArea == area && previousYear.contains($0.receivedOn)
            }
            tables.append(
                codedTable(
                    id: "compliments.\(area.rawValue)", title: "\(area.displayName): compliments by service",
                    list: .service, group: area.rawValue,
                    basis: .receivedInPeriod, records: mine, perRecord: true, codes: { [$0.serviceCategory] },
                    lastYear: earlierYears > 0 ? lastYears : nil))
            var seen = Set<String>()
            quotes += mine.compactMap(\.records.publicationQuote).filter { seen.insert($0).inserted }.prefix(3).map {
                "“\($0)”"
            }
        }
        return ReportSection(id: "compliments", title: "Compliments", findings: quotes, tables: tables)
    }
}
