import Foundation

/// The Code report's performance, refusals, outcomes, adjustments, learning, Ombudsman and
/// governing-body sections.
extension CodeReportBuilder {
    func timeliness(_ m: CodeMeasures) -> ReportSection {
        let tables = procedure.stages.compactMap { stage -> ReportTable? in
            let clocks = m.clocks.filter { $0.stageKey == stage.key }
            guard !clocks.isEmpty else { return nil }
            var rows: [ReportTable.Row] = []
            for c in clocks {
                let id = "code.\(c.stageKey).\(c.clockKey)"
                var parts: [(String, String, Int)] = [("\(id).within", "Within \(c.limit) working days", c.within)]
                if c.maximum > c.limit {
                    parts.append(("\(id).extended", "In \(c.limit + 1) to \(c.maximum) working days", c.withinMaximum))
                }
                parts.append(
                    (
                        "\(id).over", "Over \(c.maximum) working days",
                        c.over + (c.maximum > c.limit ? 0 : c.withinMaximum)
                    ))
                let shares = Figure.shares(
                    parts.map { ("\($0.0).share", $0.1, $0.2) }, of: c.measured, basis: .closedInPeriod,
                    rounding: rounding)
                for (part, share) in zip(parts, shares) {
                    rows.append(
                        .init(
                            label: "\(c.name): \(part.1.lowercased())",
                            cells: [.count(part.0, part.1, part.2, basis: .closedInPeriod), share]))
                }
                if c.maximum > c.limit {
                    rows.append(
                        .init(
                            label: "\(c.name): extensions agreed",
                            cells: [
                                .count("\(id).extensions", "Extensions agreed", c.extended, basis: .happenedInPeriod)
                            ]
                        ))
                    rows.append(
                        .init(
                            label: "\(c.name): extended beyond the Code's limit",
                            cells: [
                                .count(
                                    "\(id).extensions.beyond", "Extended beyond the limit", c.extendedBeyondCap,
                                    basis: .happenedInPeriod)
                            ]))
                }
            }
            return ReportTable(
                id: "code-timeliness-\(stage.key)", title: "\(stage.name): acknowledgement and response times",
                basis: .closedInPeriod, columns: ["Complaints", "Share"], rows: rows,
                notes: [
                    """
                    Working days on the \(calendar.division.displayName) calendar from the day each clock started \
                    (receipt, or acknowledgement for the response) to the day it stopped, for clocks that stopped in \
                    the period. The Code: acknowledge within 5 working days; respond within \
                    \(stage.responseClock.flatMap { if case .workingDays(let n) = $0.limit { n } else { nil } } ?? 0) \
                    working days of acknowledgement, extended only with good reason.
                    """
                ])
        }
        return ReportSection(
            id: "timeliness", title: "How quickly complaints were answered", findings: [], tables: tables)
    }

    func refusalsAndOutcomes(_ m: CodeMeasures) -> ReportSection {
        let reasons = Figure.shares(
            m.refusals.map {
                ("code.refusals.\($0.code).share", reference.label(.refusalReason, $0.code), $0.count)
            }, of: m.refusalsTotal, basis: .happenedInPeriod, rounding: rounding)
        let refusalRows = zip(m.refusals, reasons).map { refusal, share in
            ReportTable.Row(
                label: reference.label(.refusalReason, refusal.code),
                cells: [
                    .count(
                        "code.refusals.\(refusal.code)", reference.label(.refusalReason, refusal.code), refusal.count,
                        basis: .happenedInPeriod), share,
                ])
        }
        let refusals = ReportTable(
            id: "code-refusals", title: "Complaints not accepted, by reason", basis: .happenedInPeriod,
            columns: ["Complaints", "Share"],
            rows: refusalRows + [
                .init(
                    label: "Total",
                    cells: [.count("code.refusals", "Not accepted", m.refusalsTotal, basis: .happenedInPeriod)])
            ],
            notes: [
                """
                Counted on the date the council decided not to accept the complaint. The Code asks that the \
                reason is explained to the complainant, with their right to go to the Ombudsman.
                """
            ])
        let codes = reference.active(.outcome).map(\.code)
        let stages = procedure.stages
        let outcomeRows = (codes + ["none"]).compactMap { code -> ReportTable.Row? in
            let counts = stages.map { m.outcomes[$0.key]?[code] ?? 0 }
            guard counts.contains(where: { $0 > 0 }) else { return nil }
            let label = code == "none" ? "No outcome recorded" : reference.label(.outcome, code)
            return .init(
                label: label,
                cells: zip(stages, counts).map { stage, n in
                    .count("code.outcome.\(stage.key).\(code)", "\(stage.name): \(label)", n, basis: .closedInPeriod)
                })
        }
        let outcomes = ReportTable(
            id: "code-outcomes", title: "Outcomes at each stage", basis: .closedInPeriod, columns: stages.map(\.name),
            rows: outcomeRows,
            notes: ["The finding of each stage answered in the period; a complaint answered at both is in both."])
        return ReportSection(
            id: "refusals-outcomes", title: "Complaints not accepted, and outcomes", findings: [],
            tables: [refusals, outcomes])
    }

    func adjustmentsAndLearning(_ m: CodeMeasures) -> ReportSection {
        func row(_ id: String, _ label: String, _ n: Int, _ basis: CountingBasis) -> ReportTable.Row {
            .init(label: label, cells: [.count(id, label, n, basis: basis)])
        }
        let adjustments = ReportTable(
            id: "code-adjustments", title: "Reasonable adjustments", basis: .happenedInPeriod, columns: ["Number"],
            rows: [
                row("code.adjustments.agreed", "Agreed", m.adjustmentsAgreed, .happenedInPeriod),
                row("code.adjustments.reviewed", "Reviews held", m.adjustmentsReviewed, .happenedInPeriod),
                row("code.adjustments.ended", "Ended as no longer needed", m.adjustmentsEnded, .happenedInPeriod),
                row(
                    "code.adjustments.overdue", "Overdue for review at the end of the period", m.adjustmentsOverdue,
                    .openAtPeriodEnd),
            ],
            notes: [
                """
                Adjustments agreed with complainants under the Code (part 2), counted on the date each step \
                happened; overdue: in place at the period's end with the review date, as recorded now, passed.
                """
            ])
        let learning = ReportTable(
            id: "code-learning", title: "Actions from complaints answered", basis: .closedInPeriod,
            columns: ["Number"],
            rows: [
                row("code.actions", "Actions agreed", m.actions, .closedInPeriod),
                row("code.actions.done", "Done by the end of the period", m.actionsDone, .closedInPeriod),
                row("code.actions.overdue", "Overdue at the end of the period", m.actionsOverdue, .openAtPeriodEnd),
                row(
                    "code.actions.service-wide", "Changed the service for everyone", m.serviceWideActions,
                    .closedInPeriod),
            ],
            notes: [
                """
                Actions recorded on complaints whose last response was sent in the period. The Code asks the council \
                to respond when the answer is known and to track outstanding actions to completion.
                """
            ])
        return ReportSection(
            id: "adjustments-learning", title: "Reasonable adjustments, learning and service improvement",
            findings: [], tables: [adjustments, learning])
    }

    func ombudsman(_ records: [Representation], letter: OmbudsmanLetter?) -> ReportSection {
        let period = firstDay...lastDay
        var counts: [OmbudsmanDecision: Int] = [:]
        for r in records where r.kind == .complaint && r.procedureID == procedure.id {
            for o in r.records.ombudsman {
                if let d = o.decision, let on = o.decidedOn, period.contains(on) { counts[d, default: 0] += 1 }
            }
        }
        let rows = OmbudsmanDecision.allCases.map { d in
            ReportTable.Row(
                label: d.displayName,
                cells: [.count("code.ombudsman.\(d.rawValue)", d.displayName, counts[d] ?? 0, basis: .decidedInPeriod)])
        }
        var tables = [
            ReportTable(
                id: "code-ombudsman", title: "The Ombudsman's decisions on these complaints", basis: .decidedInPeriod,
                columns: ["Decisions"], rows: rows,
                notes: ["Decisions dated in the period on complaints made under the Code."])
        ]
        if let letter, let year = FinancialYear(startYear: letter.year) as FinancialYear?,
            year.firstDay == firstDay,
            let table = AnnualReportBuilder(year: year, scope: .all, calendar: calendar).ombudsmanLetter(
                records, letters: [letter])
        {
            tables.append(table)
        }
        return ReportSection(id: "ombudsman", title: "The Ombudsman", findings: [], tables: tables)
    }

    func governingBody(_ a: CodeSelfAssessment) -> ReportSection {
        let response = a.governingBodyResponse.trimmingCharacters(in: .whitespacesAndNewlines)
        return ReportSection(
            id: "governing-body", title: "The governing body's response",
            findings: [
                response.isEmpty
                    ? """
                    The governing body's response to this report will be set out here once it has considered the \
                    report, as the Code asks (part 7).
                    """ : response
            ], tables: [])
    }
}
