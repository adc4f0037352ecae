/// First drafts of the report's commentary, offered to the complaints manager to edit: plain
/// sentences whose figures are tokens, so they stay true as the records change. A sentence is
/// left out when a figure it needs is not in the report (a procedure out of scope, no decisions).
public enum NarrativeDrafts {
    public static func draft(chapter: String, report: ComplaintsReport) -> String {
        let year = FinancialYear(containing: report.firstDay).startYear
        let figures = report.figuresByID
        let sentences: [String]
        switch chapter {
        case "summary":
            sentences = [
                "In \(report.period) the council received {received.complaint.\(year)} complaints, compared with "
                    + "{received.complaint.\(year - 1)} the year before ({received.complaint.change}).",
                "It also received {received.compliment.\(year)} compliments ({received.compliment.change} on the "
                    + "year before) and {received.comment.\(year)} comments.",
                "The Ombudsman made {lgsco.adults.decisions} decisions about adult social care, "
                    + "{lgsco.children.decisions} about children's social care and {lgsco.corporate.decisions} "
                    + "about other services.",
            ]
        case "adults":
            sentences = [
                "{closed.adults-statutory} adult social care complaints were closed in \(report.period); "
                    + "{fault-found.adults.count} ({fault-found.adults}) were upheld or partly upheld.",
                "The Ombudsman made {lgsco.adults.decisions} decisions about adult social care and upheld "
                    + "{lgsco.adults.uphold-rate} of them.",
            ]
        case "children":
            sentences = [
                "{closed.children-statutory} complaints about children's social care were closed in "
                    + "\(report.period); {fault-found.children.count} ({fault-found.children}) were upheld or "
                    + "partly upheld.",
                "At stage 1, {timeliness.children-statutory.stage-1.band1.share} of "
                    + "{timeliness.children-statutory.stage-1.responses} responses were sent within 10 working days "
                    + "(an average of {timeliness.children-statutory.stage-1.average} working days).",
                "The Ombudsman made {lgsco.children.decisions} decisions about children's social care and upheld "
                    + "{lgsco.children.uphold-rate} of them.",
            ]
        case "corporate":
            sentences = [
                "{fault-found.corporate.count} ({fault-found.corporate}) of the corporate complaints closed in "
                    + "\(report.period) were upheld or partly upheld.",
                "At stage 1, {timeliness.corporate.stage-1.band1.share} of {timeliness.corporate.stage-1.responses} "
                    + "responses were sent within 10 working days.",
                "The Ombudsman made {lgsco.corporate.decisions} decisions about other services and upheld "
                    + "{lgsco.corporate.uphold-rate} of them.",
            ]
        case "all-services":
            sentences = [
                "The council received {compliments.adults.\(year)} compliments about adult social care, "
                    + "{compliments.children.\(year)} about children's social care and "
                    + "{compliments.corporate.\(year)} about other services."
            ]
        default:
            sentences = []
        }
        return sentences.filter { ReportNarrative.tokens(in: $0).allSatisfy { figures[$0] != nil } }
            .joined(separator: " ")
    }
}
