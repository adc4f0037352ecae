/// The Ombudsman: its decisions on each service area's complaints (STAT-16 to STAT-21), and its
/// annual letter measures for the whole council, and the council beside similar
/// authorities: upheld decisions per 100,000 residents, compliance with the Ombudsman's
/// recommendations, and the share of upheld complaints where the council had already offered a
/// satisfactory remedy. The council's own figures are counted from its cases; only the
/// population and the other councils' published figures are entered.
extension AnnualReportBuilder {
    /// The Ombudsman's decisions on `r` dated in the report's year.
    func decisionsInYear(_ r: Representation) -> [OmbudsmanReferral] {
        r.records.ombudsman.filter { $0.decision != nil && ($0.decidedOn.map(year.contains) ?? false) }
    }

    // MARK: - Ombudsman (STAT-16 to STAT-21)

    func ombudsman(_ records: [Representation], letters: [OmbudsmanLetter] = []) -> ReportSection {
        var tables: [ReportTable] = []
        var findings: [String] = []
        for area in scope.areas {
            // Decisions dated in the year (standard), or the referrals made in the year with the
            // decisions they have now (a convention).
            let byReferral = conventions.of(procedureID(of: area)).ombudsmanCountedBy == .referrals
            let referred = records.filter { $0.serviceArea == area }.flatMap { r in
                r.records.ombudsman.filter { year.contains($0.councilNotifiedOn) }
            }
            let decided =
                byReferral
                ? referred.filter { $0.decision != nil }
                : records.filter { $0.serviceArea == area }.flatMap { r in
                    decisionsInYear(r)
                }
            let id = "lgsco.\(area.rawValue)"
            var rows = OmbudsmanDecision.allCases.map { d in
                let n = decided.count(where: { $0.decision == d })
                return ReportTable.Row(
                    label: d.displayName,
                    cells: [
                        .count("\(id).\(d.rawValue)", d.displayName, n, basis: .decidedInPeriod),
                        .share(
                            "\(id).\(d.rawValue).share", d.displayName, n, of: decided.count, basis: .decidedInPeriod,
                            rounding: rounding),
                    ])
            }
            rows += OmbudsmanLetterGroup.allCases.map { group in
                let n = decided.count(where: { $0.decision?.letterGroup == group })
                return ReportTable.Row(
                    label: "Annual letter group: \(group.displayName.lowercased())",
                    cells: [
                        .count("\(id).group.\(group.rawValue)", group.displayName, n, basis: .decidedInPeriod),
                        .share(
                            "\(id).group.\(group.rawValue).share", group.displayName, n, of: decided.count,
                            basis: .decidedInPeriod, rounding: rounding),
                    ])
            }
            let upheld = decided.filter { $0.decision == .upheld }
            let actual = upheld.count(where: { !$0.councilHadUpheld })
            let notInvestigated = decided.count(where: {
                [.adviceGiven, .closedAfterInitialEnquiries, .incompleteInvalid, .referredBack].contains($0.decision)
            })
            let remedies = decided.flatMap(\.remedies)
            let late = remedies.filter(\.isLate).count
            let paid = remedies.compactMap(\.amountPence).reduce(0, +)
            let uphold = Figure.share(
                "\(id).uphold-rate", "Upheld, of all decisions", upheld.count, of: decided.count,
                basis: .decidedInPeriod, rounding: rounding)
            let actualRate = Figure.share(
                "\(id).actual-uphold-rate", "Actual uphold rate", actual, of: decided.count, basis: .decidedInPeriod,
                rounding: rounding)
            if byReferral {
                rows.insert(
                    .init(
                        label: "Referrals made to the Ombudsman in the year",
                        cells: [.count("\(id).referrals", "Referrals made", referred.count, basis: .decidedInPeriod)]),
                    at: 0)
            }
            rows += [
                afterEveryStage(records, area: area, id: id),
                .init(
                    label: "All decisions",
                    cells: [.count("\(id).decisions", "Decisions", decided.count, basis: .decidedInPeriod)]),
                .init(label: "Upheld, of all decisions", cells: [uphold]),
                .init(
                    label: "Actual uphold rate (upheld where the council had not already upheld)",
                    cells: [
                        .count(
                            "\(id).actual-upheld", "Upheld where the council had not", actual, basis: .decidedInPeriod),
                        actualRate,
                    ]),
                .init(
                    label: "Not investigated (advice, initial enquiries, incomplete, referred back)",
                    cells: [
                        .count("\(id).not-investigated", "Not investigated", notInvestigated, basis: .decidedInPeriod),
                        .share(
                            "\(id).not-investigated.share", "Not investigated share", notInvestigated,
                            of: decided.count, basis: .decidedInPeriod, rounding: rounding),
                    ]),
                .init(
                    label: "Satisfactory remedy already offered by the council",
                    cells: [
                        .count(
                            "\(id).satisfactory-remedy", "Satisfactory remedy by the council",
                            upheld.filter(\.satisfactoryRemedyByCouncil).count, basis: .decidedInPeriod),
                        .share(
                            "\(id).satisfactory-remedy.share", "Of upheld",
                            upheld.filter(\.satisfactoryRemedyByCouncil).count, of: upheld.count,
                            basis: .decidedInPeriod, rounding: rounding),
                    ]),
                .init(
                    label: "Remedies completed late",
                    cells: [
                        .count("\(id).late-remedies", "Remedies completed late", late, basis: .decidedInPeriod),
                        .share(
                            "\(id).late-remedies.share", "Of remedies", late, of: remedies.count,
                            basis: .decidedInPeriod, rounding: rounding),
                    ]),
                .init(
                    label: "Payments in remedies",
                    cells: [.money("\(id).payments", "Payments in remedies", pence: paid, basis: .decidedInPeriod)]),
            ]
            if !decided.isEmpty {
                findings.append(
                    """
                    \(area.displayName): the Ombudsman made \(decided.count.grouped) \
                    decision\(decided.count == 1 ? "" : "s"); \(uphold.display) upheld, an actual uphold rate of \
                    \(actualRate.display).
                    """
                )
            }
            tables.append(
                ReportTable(
                    id: "lgsco-\(area.rawValue)",
                    title: "\(area.displayName): Local Government and Social Care Ombudsman decisions",
                    basis: .decidedInPeriod,
                    columns: ["Decisions", "Share"], rows: rows,
                    notes: [
                        """
                        The actual uphold rate counts upheld decisions where the council had not already upheld \
                        or partly upheld the complaint (Lancashire's definition), out of all decisions.
                        """
                    ]
                        + (conventions.note(for: procedureID(of: area), about: .ombudsman).map { [$0] } ?? [])))
        }
        if let letter = ombudsmanLetter(records, letters: letters) { tables.append(letter) }
        return ReportSection(id: "ombudsman", title: "The Ombudsman", findings: findings, tables: tables)
    }

    func ombudsmanLetter(_ records: [Representation], letters: [OmbudsmanLetter]) -> ReportTable? {
        guard scope == .all else { return nil }
        let letter = letters.first { $0.year == year.startYear }
        let decided = records.flatMap { r in
            decisionsInYear(r)
        }
        let upheld = decided.filter { $0.decision == .upheld }
        let due = decided.flatMap(\.remedies).filter { remedy in
            remedy.completedOn.map { $0 <= year.lastDay } ?? (remedy.dueOn <= year.lastDay)
        }
        let complied = due.count(where: { $0.completedOn.map { $0 <= year.lastDay } ?? false })
        let remedy = upheld.count(where: \.satisfactoryRemedyByCouncil)
        let id = "lgsco.all"
        let perResidents: Figure =
            letter?.residents.map {
                .per100000(
                    "\(id).upheld-per-100k", "Upheld decisions per 100,000 residents", upheld.count, of: $0,
                    basis: .decidedInPeriod, rounding: rounding)
            } ?? .blank
        var rows: [ReportTable.Row] = [
            .init(
                label: "This council",
                cells: [
                    .count("\(id).upheld", "Upheld decisions", upheld.count, basis: .decidedInPeriod), perResidents,
                    .share(
                        "\(id).compliance", "Compliance with recommendations", complied, of: due.count,
                        basis: .decidedInPeriod, rounding: rounding),
                    .share(
                        "\(id).satisfactory-remedy", "Satisfactory remedy by the council", remedy, of: upheld.count,
                        basis: .decidedInPeriod, rounding: rounding),
                ])
        ]
        let similar = letter?.similar ?? []
        for (n, other) in similar.enumerated() {
            let key = "lgsco.similar.\(n + 1)"
            func cell(_ suffix: String, _ label: String, _ tenths: Int?, _ unit: String) -> Figure {
                tenths.map { .entered("\(key).\(suffix)", "\(other.name): \(label)", tenths: $0, unit: unit) }
                    ?? .blank
            }
            rows.append(
                .init(
                    label: other.name,
                    cells: [
                        .blank, cell("upheld-per-100k", "upheld per 100,000 residents", other.upheldPer100kTenths, ""),
                        cell("compliance", "compliance", other.complianceTenths, "%"),
                        cell("satisfactory-remedy", "satisfactory remedy", other.satisfactoryRemedyTenths, "%"),
                    ]))
        }
        if similar.count > 1 {
            func mean(_ values: [Int?], _ suffix: String, _ label: String, _ unit: String) -> Figure {
                let known = values.compactMap { $0 }
                guard !known.isEmpty else { return .blank }
                // The mean of published tenths, to one decimal place, halves upwards.
                let tenths = (known.reduce(0, +) * 2 + known.count) / (known.count * 2)
                return .entered(
                    "lgsco.similar.average.\(suffix)", "Similar authorities: \(label)", tenths: tenths,
                    unit: unit)
            }
            rows.append(
                .init(
                    label: "Average of similar authorities",
                    cells: [
                        .blank, mean(similar.map(\.upheldPer100kTenths), "upheld-per-100k", "upheld per 100,000", ""),
                        mean(similar.map(\.complianceTenths), "compliance", "compliance", "%"),
                        mean(
                            similar.map(\.satisfactoryRemedyTenths), "satisfactory-remedy", "satisfactory remedy", "%"),
                    ]))
        }
        var notes = [
            """
            This council's figures are counted from its cases: Ombudsman decisions dated in the year, all services. \
            Compliance: of the remedies in those decisions that were due by the end of the year, the share \
            completed by then (on time or late). Satisfactory remedy: of the upheld decisions, the share where the \
            Ombudsman found the council had already offered a satisfactory remedy.
            """
        ]
        if let residents = letter?.residents {
            notes.append(
                """
                Residents: \(Money.grouped(residents)), entered for \(year). Upheld \
                decisions per 100,000 residents = upheld decisions × 100,000 ÷ residents, to one decimal place.
                """)
        } else {
            notes.append("Enter the council's residents for \(year) on the report inputs page to show the rate.")
        }
        if !similar.isEmpty {
            notes.append(
                """
                Similar authorities' figures are as published in their Ombudsman annual letters, entered by the \
                council; the average is the mean of those entered, to one decimal place.
                """)
        }
        return ReportTable(
            id: "lgsco-letter", title: "The Ombudsman's annual letter measures", basis: .decidedInPeriod,
            columns: ["Upheld decisions", "Upheld per 100,000 residents", "Compliance", "Satisfactory remedy"],
            rows: rows, notes: notes)
    }
}
