/// Sections that read what the council enters besides case records: complaints in context
/// (per 100 of a measure), the equality profile with small numbers withheld, and the report's
/// recommendations with last year's progress.
extension AnnualReportBuilder {
    // MARK: - Complaints in context (Leicestershire Table 1, STAT-11)

    func context(_ records: [Representation], measures: [ContextMeasure]) -> ReportSection {
        var tables: [ReportTable] = []
        var findings: [String] = []
        for area in scope.areas {
            let mine = measures.filter { $0.serviceArea == area }
            let names = Set(mine.map(\.measure)).sorted()
            guard !names.isEmpty else { continue }
            let received = years.map { y in
                records.count(where: { $0.kind == .complaint && $0.serviceArea == area && y.contains($0.receivedOn) })
            }
            var rows = [
                ReportTable.Row(
                    label: "Complaints received",
                    cells: zip(years, received).map { y, n in
                        .count(
                            "context.\(area.rawValue).complaints.\(y.startYear)", "Complaints received \(y)", n,
                            basis: .receivedInPeriod)
                    } + years.map { _ in Figure.blank })
            ]
            for name in names {
                let key = Category.code(for: name)
                let values = years.map { y in mine.first { $0.measure == name && $0.year == y.startYear }?.value }
                let valueCells = zip(years, values).map { y, v in
                    v.map {
                        Figure.count(
                            "context.\(area.rawValue).\(key).\(y.startYear)", "\(name) \(y)", $0,
                            basis: .enteredForPeriod)
                    } ?? .blank
                }
                let rateCells = zip(years, zip(values, received)).map { y, pair in
                    pair.0.map {
                        Figure.per100(
                            "context.\(area.rawValue).\(key).\(y.startYear).per-100",
                            "Complaints per 100: \(name.lowercased()) \(y)", pair.1, of: $0, basis: .enteredForPeriod,
                            rounding: rounding)
                    } ?? .blank
                }
                rows.append(.init(label: name, cells: valueCells + rateCells))
                if let value = values.last ?? nil, let rate = rateCells.last, rate.kind == .per100 {
                    findings.append(
                        """
                        \(area.displayName): \(rate.display) complaints per 100 against the measure \
                        \u{201C}\(name)\u{201D} (\((received.last ?? 0).grouped) complaints; measure \(value.grouped)).
                        """
                    )
                }
            }
            tables.append(
                ReportTable(
                    id: "context-\(area.rawValue)", title: "\(area.displayName): complaints in context",
                    basis: .enteredForPeriod,
                    columns: years.map(\.description) + years.map { "Per 100, \($0)" }, rows: rows,
                    notes: [
                        """
                        Measures are entered by the council from its other systems for each year. Complaints per \
                        100 = complaints received in the year × 100 ÷ the measure, to one decimal place.
                        """
                    ]))
        }
        return ReportSection(id: "context", title: "Complaints in context", findings: findings, tables: tables)
    }

    // MARK: - Equality profile (Hampshire Tables 17–20)

    func equalityProfile(_ records: [Representation], monitoring: [String: EqualityMonitoring]) -> ReportSection {
        let received = records.filter { $0.kind == .complaint && year.contains($0.receivedOn) }
        let answered = received.compactMap { monitoring[$0.id] }
        let returned = Figure.share(
            "equality.returned", "Complaints with equality monitoring", answered.count, of: received.count,
            basis: .receivedInPeriod, rounding: rounding)
        let lists: [(CategoryList, String)] = [
            (.disability, "Disability"), (.gender, "Gender"), (.ageBand, "Age band"), (.ethnicity, "Ethnic group"),
        ]
        let tables = lists.map { list, title in
            let codes = answered.compactMap { $0.code(list) }.filter { !$0.isEmpty }
            let known = reference.active(list).map(\.code)
            var counts = known.map { code in
                (label: reference.label(list, code), code: code, n: codes.count(where: { $0 == code }))
            }
            let other = codes.count(where: { !known.contains($0) })
            if other > 0 { counts.append((label: "Codes no longer in use", code: ":retired", n: other)) }
            let hidden = suppressedIndexes(counts.map(\.n))
            var rows: [ReportTable.Row] = counts.enumerated().map { i, entry in
                let id = "equality.\(list.rawValue)\(entry.code.hasPrefix(":") ? entry.code : "." + entry.code)"
                return ReportTable.Row(
                    label: entry.label,
                    cells: hidden.contains(i)
                        ? [
                            .suppressed(id, entry.label, below: suppressBelow, basis: .receivedInPeriod),
                            .suppressed(
                                "\(id).share", entry.label, below: suppressBelow, basis: .receivedInPeriod, display: "–"
                            ),
                        ]
                        : [
                            .count(id, entry.label, entry.n, basis: .receivedInPeriod),
                            .share(
                                "\(id).share", entry.label, entry.n, of: codes.count, basis: .receivedInPeriod,
                                rounding: rounding),
                        ])
            }
            rows.append(
                .init(
                    label: "Complaints with monitoring",
                    cells: [.count("equality.\(list.rawValue):total", "Total", codes.count, basis: .receivedInPeriod)]))
            return ReportTable(
                id: "equality-\(list.rawValue)", title: "Equality profile: \(title.lowercased())",
                basis: .receivedInPeriod, columns: ["Number", "Share"], rows: rows,
                notes: [
                    """
                    Counted per complaint, from the optional monitoring questions. Numbers from 1 to \
                    \(suppressBelow - 1) are shown as <\(suppressBelow), with the next smallest where one alone \
                    could be worked out from the total, so no one can be identified.
                    """
                ])
        }
        let summary = ReportTable(
            id: "equality-returned", title: "Equality monitoring returned", basis: .receivedInPeriod,
            columns: ["Number", "Share"],
            rows: [
                .init(
                    label: "Complaints received",
                    cells: [
                        .count("equality.received", "Complaints received", received.count, basis: .receivedInPeriod)
                    ]),
                .init(
                    label: "With equality monitoring",
                    cells: [
                        .count(
                            "equality.returned.count", "With equality monitoring", answered.count,
                            basis: .receivedInPeriod), returned,
                    ]),
            ], notes: [])
        let findings =
            received.isEmpty
            ? []
            : [
                """
                Equality monitoring was returned for \(answered.count.grouped) of \(received.count.grouped) \
                complaints received \
                (\(returned.display)).
                """
            ]
        return ReportSection(id: "equality", title: "Equality profile", findings: findings, tables: [summary] + tables)
    }

    /// Which counts to withhold: every one from 1 to `suppressBelow − 1`, and — when exactly one
    /// is withheld, so the total would give it away — the next smallest non-zero count too.
    func suppressedIndexes(_ counts: [Int]) -> Set<Int> {
        var hidden = Set(counts.indices.filter { counts[$0] > 0 && counts[$0] < suppressBelow })
        if hidden.count == 1,
            let next = counts.indices.filter({ !hidden.contains($0) && counts[$0] > 0 }).min(by: {
                (counts[$0], $0) < (counts[$1], $1)
            })
        {
            hidden.insert(next)
        }
        return hidden
    }

    // MARK: - Recommendations and their progress (Leicestershire §11)

    func recommendations(_ all: [ReportRecommendation]) -> ReportSection {
        let relevant = all.filter { r in r.serviceArea.map(scope.areas.contains) ?? true }.sorted {
            ($0.year, $0.title, $0.id) < ($1.year, $1.title, $1.id)
        }
        let made = relevant.filter { $0.year == year.startYear }
        let earlier = relevant.filter { $0.year == year.startYear - 1 }
        let last = previousYear
        var findings = made.enumerated().map { i, r in
            let detail = r.detail.isEmpty ? "" : " \(r.detail)"
            let due = r.dueOn.map { " To be completed by \($0.longDisplay)." } ?? ""
            return "Recommendation \(i + 1) – \(r.title).\(detail)\(due)"
        }
        findings += earlier.map { r in
            """
            \(last) recommendation – \(r.title). Progress – \
            \(r.status.displayName).\(r.progress.isEmpty ? "" : " \(r.progress)")
            """
        }
        let rows =
            ReportRecommendation.Status.allCases.map { status in
                ReportTable.Row(
                    label: status.displayName,
                    cells: [
                        .count(
                            "recommendations.progress.\(status.rawValue)", status.displayName,
                            earlier.count(where: { $0.status == status }), basis: .enteredForPeriod),
                        .share(
                            "recommendations.progress.\(status.rawValue).share", status.displayName,
                            earlier.count(where: { $0.status == status }), of: earlier.count, basis: .enteredForPeriod,
                            rounding: rounding),
                    ])
            } + [
                .init(
                    label: "Recommendations made in \(last)",
                    cells: [
                        .count(
                            "recommendations.progress:total", "Recommendations made last year", earlier.count,
                            basis: .enteredForPeriod)
                    ])
            ]
        return ReportSection(
            id: "recommendations", title: "Recommendations and progress", findings: findings,
            tables: [
                ReportTable(
                    id: "recommendations-progress", title: "Progress on \(last) recommendations",
                    basis: .enteredForPeriod, columns: ["Number", "Share"], rows: rows,
                    notes: [
                        """
                        Recommendations and their progress are written by the complaints manager; the counts are \
                        of those recorded in Redress. This year's recommendations are listed above.
                        """
                    ])
            ])
    }
}

extension Figure {
    /// An empty cell, where a table has no figure (a measure not entered for a year).
    public static let blank = Figure(
        id: "", label: "", kind: .count, value: nil, numerator: nil, denominator: nil, basis: .receivedInPeriod,
        display: "–")
}
