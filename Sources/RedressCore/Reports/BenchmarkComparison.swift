/// Councils compared on the common definitions: one table per measure with a row per council
/// (the council's own marked), rates per 100,000 residents and per 10,000 children where the
/// files give the population, every definition stated and small numbers withheld. Drawn by the
/// report machinery, so the page, the PDF and the DOCX show it the same way.
public enum BenchmarkComparison {
    /// Problems that stop a comparison: each file's own, and files of different years.
    public static func problems(_ files: [(name: String, file: BenchmarkFile)]) -> [String] {
        var problems = files.flatMap { $0.file.problems(name: $0.name) }
        if files.count < 2 { problems.append("Choose at least two councils' files to compare") }
        let councils = files.map(\.file.council)
        if let twice = councils.first(where: { c in councils.count(where: { $0 == c }) > 1 }) {
            problems.append("Two files are for \(twice): choose one")
        }
        if Set(files.map(\.file.year)).count > 1 {
            problems.append("The files are for different years: compare one year at a time")
        }
        return problems
    }

    public static func report(
        _ files: [BenchmarkFile], own: String?, checks: [String] = [], rounding: Rounding = Rounding()
    ) -> ComplaintsReport {
        let year = FinancialYear(startYear: files.first?.year ?? 2000)
        // The council's own row first, then the others by name.
        let sorted = files.sorted { ($0.council == own ? 0 : 1, $0.council) < ($1.council == own ? 0 : 1, $1.council) }
        func label(_ f: BenchmarkFile) -> String { f.council == own ? "\(f.council) (this council)" : f.council }
        var tables: [ReportTable] = []
        for (area, population) in [("adults", "residents"), ("children", "children"), ("corporate", "residents")] {
            let measure = BenchmarkFile.measures.first { $0.id == "\(area).received" }!
            let rows = sorted.map { f in
                let count = f.figure(measure.id)
                let whole = population == "children" ? f.children : f.residents
                let id = "benchmark.\(measure.id).\(f.council)"
                let rate: Figure =
                    switch (count?.kind, count?.numerator, whole) {
                    case (.count, let n?, let w?) where population == "children":
                        .per10000(
                            "\(id).rate", "Per 10,000 children", n, of: w, basis: .receivedInPeriod, rounding: rounding)
                    case (.count, let n?, let w?):
                        .per100000(
                            "\(id).rate", "Per 100,000 residents", n, of: w, basis: .receivedInPeriod,
                            rounding: rounding)
                    default: .text("\(id).rate", "Rate", "–")
                    }
                return ReportTable.Row(
                    label: label(f),
                    cells: [count ?? .text(id, measure.label, "–"), rate])
            }
            tables.append(
                ReportTable(
                    id: "benchmark-\(measure.id)", title: measure.label, basis: .receivedInPeriod,
                    columns: [
                        "Complaints", population == "children" ? "Per 10,000 children" : "Per 100,000 residents",
                    ],
                    rows: rows, notes: [measure.definition + " Population as each council's file gives it."]))
        }
        for measure in BenchmarkFile.measures where !measure.id.hasSuffix(".received") {
            let rows = sorted.map { f in
                let figure = f.figure(measure.id) ?? .text("benchmark.\(measure.id).\(f.council)", measure.label, "–")
                let of: Figure =
                    figure.kind == .share
                    ? .count("\(figure.id).of", "Of", figure.denominator ?? 0, basis: figure.basis)
                    : (f.residents.flatMap { r in
                        figure.numerator.map {
                            Figure.per100000(
                                "\(figure.id).rate", "Per 100,000 residents", $0, of: r, basis: figure.basis,
                                rounding: rounding)
                        }
                    } ?? .text("\(figure.id).rate", "Rate", "–"))
                return ReportTable.Row(label: label(f), cells: [figure, of])
            }
            let share = rows.contains { $0.cells.first?.kind == .share }
            tables.append(
                ReportTable(
                    id: "benchmark-\(measure.id)", title: measure.label,
                    basis: rows.first?.cells.first?.basis ?? .closedInPeriod,
                    columns: share ? ["Share", "Of"] : ["Decisions", "Per 100,000 residents"], rows: rows,
                    notes: [measure.definition]))
        }
        return ComplaintsReport(
            title: "Councils compared \(year)", period: year.description, firstDay: year.firstDay,
            lastDay: year.lastDay, scope: .all, earlierYears: [],
            sections: [
                ReportSection(
                    id: "benchmark", title: "\(files.count) councils on the common definitions",
                    findings: [
                        """
                        Every council's figures are counted the same way (Redress's standard definitions, whatever \
                        each council's own report uses). Counts from 1 to \(BenchmarkFile.suppressBelow - 1), and \
                        shares of them, are withheld (<\(BenchmarkFile.suppressBelow)).
                        """
                    ] + checks,
                    tables: tables)
            ], rounding: rounding.statement)
    }
}
