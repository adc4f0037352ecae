/// The Ombudsman's annual letter measures for the whole council, and the council beside similar
/// authorities: upheld decisions per 100,000 residents, compliance with the Ombudsman's
/// recommendations, and the share of upheld complaints where the council had already offered a
/// satisfactory remedy. The council's own figures are counted from its cases; only the
/// population and the other councils' published figures are entered.
extension AnnualReportBuilder {
    func ombudsmanLetter(_ records: [Representation], letters: [OmbudsmanLetter]) -> ReportTable? {
        guard scope == .all else { return nil }
        let letter = letters.first { $0.year == year.startYear }
        let decided = records.flatMap { r in
            r.records.ombudsman.filter { $0.decision != nil && ($0.decidedOn.map(year.contains) ?? false) }
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
