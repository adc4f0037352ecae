/// The quarterly performance report as managers and the member responsible for complaints read
/// it: the same cover, contents, footer and print rules as the annual committee report, a short
/// summary, then a chapter for each part of the quarter's figures. Short enough to need no
/// appendix: every table is printed once, in its chapter.
extension CommitteeReport {
    public init(
        quarterly report: ComplaintsReport, council: CouncilIdentity, preparedOn: CalendarDate,
        showZeroRows: Bool = false
    ) {
        title = report.title
        period = report.period
        firstDay = report.firstDay
        lastDay = report.lastDay
        self.council = council
        self.preparedOn = preparedOn
        let audience = council.committee.isEmpty ? "managers and councillors" : "the \(council.committee)"
        let introduction = CommitteeReport.Block.paragraph(
            """
            This report tells \(audience) how \(council.name) dealt with complaints between \
            \(report.firstDay.longDisplay) and \(report.lastDay.longDisplay): how many came in compared with \
            earlier quarters, how quickly each service answered them, how long open complaints have been open, \
            and what was due and overdue at the quarter's end. Every figure is counted from the case records, and \
            each table says how. \(report.rounding)
            """)
        let findings = report.sections.first { $0.id == "summary" }?.findings ?? []
        var chapters = [
            Chapter(
                id: "summary", title: "Summary",
                blocks: [introduction] + (findings.isEmpty ? [] : [.bullets(findings.uniqued())]), isAppendix: false)
        ]
        for section in report.sections where section.id != "summary" {
            let tables = section.tables.filter { !CommitteeReportBuilder.internalTables.contains($0.id) }
                .map { showZeroRows ? $0 : $0.withoutEmptyRows }.filter { !$0.rows.isEmpty }
            let blocks = section.findings.uniqued().map { Block.paragraph($0) } + tables.map { Block.table($0) }
            guard !blocks.isEmpty else { continue }
            chapters.append(Chapter(id: section.id, title: section.title, blocks: blocks, isAppendix: false))
        }
        self.chapters = chapters
    }
}

extension CommitteeReport {
    /// The Complaint Handling Code's annual report (or the member's quarterly pack) as a document:
    /// a chapter per section, every row printed (a self-assessment row says what it says even
    /// when its figure is 0).
    public init(code report: ComplaintsReport, council: CouncilIdentity, preparedOn: CalendarDate) {
        self.init(quarterly: report, council: council, preparedOn: preparedOn, showZeroRows: true)
        let governing = council.committee.isEmpty ? "its governing body" : "the \(council.committee)"
        chapters[0].blocks[0] = .paragraph(
            """
            This report sets out how \(council.name) handled complaints under the Local Government and Social Care \
            Ombudsman's Complaint Handling Code between \(report.firstDay.longDisplay) and \
            \(report.lastDay.longDisplay): how it assesses itself against the Code, how many complaints and service \
            requests it received, how quickly it answered them, the complaints it did not accept and why, what it \
            found and what it changed, and the Ombudsman's decisions, for \(governing) to scrutinise. Every figure is \
            counted from the case records, and each table says how. \(report.rounding)
            """)
    }
}
