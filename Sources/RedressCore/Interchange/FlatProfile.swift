/// The flat CSV profile of the interchange format: one row per representation, for
/// spreadsheets and for councils' own analysis. It is a summary, not a copy — the JSON Lines
/// file is the lossless form — and holds no personal data (no names, contact details or
/// free-text summaries), so a copy can be shared for analysis. Columns in `docs/interchange.md`.
public enum FlatProfile {
    public static let columns = [
        "reference", "kind", "service_area", "procedure", "received_on", "method", "relationship",
        "child_or_young_person", "service",
        "natures", "outcomes_sought", "actual_outcomes", "stages", "stage", "stage_opened_on", "stage_due_on",
        "stage_responded_on",
        "stage_outcome", "closed_on", "is_open", "extensions", "ombudsman_referrals", "ombudsman_decisions",
        "costs_pounds",
        "learning_points", "actions", "actions_open",
    ]

    /// The header and one row per representation, CRLF line ends.
    public static func csv(_ representations: [Representation]) -> String {
        var text = CSV.line(columns)
        for r in representations { text += CSV.line(row(r)) }
        return text
    }

    public static func row(_ r: Representation) -> [String] {
        let last = r.stages.last
        func date(_ d: CalendarDate?) -> String { d?.iso ?? "" }
        let pence = r.records.costs.reduce(0) { $0 + $1.amountPence }
        let closedOn =
            r.isOpen ? nil : (last?.closedOn ?? r.records.intake.closedOn ?? r.records.intake.refusal?.decidedOn)
        return [
            r.reference, r.kind.rawValue, r.serviceArea.rawValue, r.procedureID ?? "", r.receivedOn.iso,
            r.methodOfReceipt,
            r.complainant.relationship, r.complainant.isChildOrYoungPerson ? "yes" : "no", r.serviceCategory,
            r.records.natures.joined(separator: ";"), r.records.outcomesSought.joined(separator: ";"),
            r.records.actualOutcomes.joined(separator: ";"),
            String(r.stages.count), last?.key ?? "", date(last?.openedOn), date(last?.dueOn), date(last?.respondedOn),
            last?.outcome ?? "",
            date(closedOn), r.isOpen ? "yes" : "no", String(r.stages.reduce(0) { $0 + $1.extensions.count }),
            String(r.records.ombudsman.count),
            r.records.ombudsman.compactMap { $0.decision?.rawValue }.joined(separator: ";"),
            String(format2(pence)), String(r.records.learning.count), String(r.records.actions.count),
            String(r.records.actions.filter { $0.doneOn == nil }.count),
        ]
    }

    /// Pence as pounds with two decimals, `1234` → `12.34`.
    static func format2(_ pence: Int) -> String {
        let pounds = pence / 100, rest = pence % 100
        return "\(pounds).\(rest < 10 ? "0" : "")\(rest)"
    }
}
