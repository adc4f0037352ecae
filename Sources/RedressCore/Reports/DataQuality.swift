/// The data-quality appendix: records the report's figures may be wrong about, by reference, so
/// the complaints team can correct them before the report goes to committee.
extension AnnualReportBuilder {
    public struct DataQualityIssue: Sendable, Hashable {
        public var id: String
        public var label: String
        public var references: [String]
        /// How many of `references` may be named to this report's reader (the rest are counted).
        public var listed: [String] = []
    }

    public func dataQuality(_ records: [Representation]) -> [DataQualityIssue] {
        let received = records.filter { $0.kind == .complaint && year.contains($0.receivedOn) }
        let closed = closedInYear(records)
        var duplicates: [String: [Representation]] = [:]
        for r in received {
            guard let name = r.complainant.name else { continue }
            duplicates["\(SubjectAccess.normalise(name))|\(r.receivedOn.iso)|\(r.serviceArea.rawValue)", default: []]
                .append(r)
        }
        let issues: [(id: String, label: String, cases: [Representation])] = [
            ("missing-outcome", "Closed with no outcome recorded", closed.filter { $0.stages.last?.outcome == nil }),
            (
                "missing-service", "Received with no service recorded",
                received.filter { $0.serviceCategory.isEmpty }
            ),
            (
                "missing-nature", "Received with no nature of complaint recorded",
                received.filter { $0.records.natures.isEmpty }
            ),
            (
                "response-before-receipt", "A response dated before the complaint was received",
                records.filter { r in r.stages.contains { ($0.respondedOn.map { $0 < r.receivedOn }) ?? false } }
            ),
            (
                "past-deadline-no-extension",
                "Open at the year end, past the stage's due date, with no extension recorded",
                records.filter { r in
                    guard let s = r.currentStage, let due = s.dueOn, r.receivedOn <= year.lastDay else { return false }
                    return due < year.lastDay && s.extensions.isEmpty
                }
            ),
            (
                "suspected-duplicates", "Possible duplicates: same complainant, same day, same service area",
                duplicates.values.filter { $0.count > 1 }.flatMap { $0 }
            ),
        ]
        // Only the flagged cases are asked whether this reader may see them named.
        return issues.map {
            DataQualityIssue(
                id: $0.id, label: $0.label, references: $0.cases.map(\.reference).sorted(),
                listed: $0.cases.filter(listsReference).map(\.reference).sorted())
        }
    }

    func dataQualitySection(_ records: [Representation]) -> ReportSection {
        let issues = dataQuality(records)
        let rows = issues.map { issue in
            ReportTable.Row(
                label: issue.label,
                cells: [
                    .count("data-quality.\(issue.id)", issue.label, issue.references.count, basis: .receivedInPeriod)
                ])
        }
        let notes = issues.filter { !$0.references.isEmpty }.map { issue -> String in
            let shown = issue.listed.prefix(50)
            let unnamed = issue.references.count - shown.count
            let rest =
                unnamed == 0 ? "" : shown.isEmpty ? "\(unnamed.grouped) not listed" : " and \(unnamed.grouped) more"
            let hidden =
                issue.listed.count < issue.references.count ? " (cases outside your access are counted, not named)" : ""
            return "\(issue.label): \(shown.joined(separator: ", "))\(rest)\(hidden)."
        }
        return ReportSection(
            id: "data-quality", title: "Appendix: data quality", findings: [],
            tables: [
                ReportTable(
                    id: "data-quality", title: "Records to check before publishing", basis: .receivedInPeriod,
                    columns: ["Records"], rows: rows, notes: notes)
            ])
    }
}
