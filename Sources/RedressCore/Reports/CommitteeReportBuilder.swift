/// Makes the committee report from the annual report: the tables each chapter carries (rows of
/// all zeros left out unless the template keeps them), the findings routed to the chapter they
/// are about, the legal basis of each procedure in scope, and every table again in the appendix.
extension CommitteeReport {
    /// `narratives` are the complaints manager's words for each chapter, by chapter id, with
    /// their figures already filled in (`ReportNarrative.render`).
    public init(
        _ report: ComplaintsReport, council: CouncilIdentity, preparedOn: CalendarDate,
        template: ReportTemplate = .standard, narratives: [String: String] = [:]
    ) {
        title = report.title
        period = report.period
        firstDay = report.firstDay
        lastDay = report.lastDay
        self.council = council
        self.preparedOn = preparedOn
        let builder = CommitteeReportBuilder(
            report: report, council: council, template: template,
            narratives: narratives)
        chapters = template.chapters.filter(\.shown).compactMap { builder.chapter($0) }
    }
}

/// The rules that place the annual report's tables and findings in the committee report.
struct CommitteeReportBuilder {
    let report: ComplaintsReport
    let council: CouncilIdentity
    let template: ReportTemplate
    let narratives: [String: String]

    /// Tables a procedure's chapter carries, by the start of their id, in this order; every other
    /// table (the long cross-tables of causes by finding, say) is in the appendix only, so the
    /// main body stays within 30 pages.
    static let procedureTables = [
        "about-", "closed-by-stage", "panels", "timeliness", "early-stages-over-20", "six-months", "outcomes",
        "nature.", "service.", "children-and-advocacy", "lgsco", "context",
    ]
    /// Long lists a chapter shortens to their most frequent rows (the appendix has them all).
    static let shortened = ["nature.", "service.", "learning"]
    static let shortenedTo = 10

    /// Tables the chapter common to all services carries.
    static let commonTables = [
        "received-by-type", "escalation", "lgsco-letter", "compliments-by-year", "joint", "costs", "actions",
        "learning", "recommendations-progress",
    ]
    /// Never printed for a committee: the list of records to check before publishing.
    static let internalTables: Set = ["data-quality"]

    private var tables: [ReportTable] {
        report.sections.flatMap(\.tables).filter { !Self.internalTables.contains($0.id) }.map {
            template.showZeroRows ? $0 : $0.withoutEmptyRows
        }.filter { !$0.rows.isEmpty }
    }

    func chapter(_ definition: ReportTemplate.Chapter) -> CommitteeReport.Chapter? {
        let words = ReportNarrative.paragraphs(narratives[definition.id] ?? "").map {
            CommitteeReport.Block.paragraph($0)
        }
        var blocks: [CommitteeReport.Block]
        switch definition.id {
        case "introduction": blocks = introduction
        case "summary":
            let findings = report.sections.first { $0.id == "summary" }?.findings ?? []
            guard !findings.isEmpty else { return nil }
            blocks = [.paragraph("The main figures for \(report.period):"), .bullets(findings)]
        case "adults": blocks = procedure(.adultSocialCare, token: "adults", words: !words.isEmpty)
        case "children": blocks = procedure(.childrensSocialCare, token: "children", words: !words.isEmpty)
        case "corporate": blocks = procedure(.corporate, token: "corporate", words: !words.isEmpty)
        case "all-services": blocks = common
        case "equality":
            let findings = findings(in: "equality")
            blocks = findings.map { .paragraph($0) } + tables.filter { $0.id.hasPrefix("equality") }.map { .table($0) }
        case "appendix":
            blocks =
                [
                    .paragraph(
                        """
                        Every table behind this report, with its counting basis. \(zeroRows) \(report.rounding)
                        """)
                ] + tables.map { .table($0) }
        default: return nil
        }
        // The manager's words open the chapter (in a procedure's chapter, in place of the
        // generated sentences).
        blocks = words + blocks
        guard
            blocks.contains(where: { if case .table = $0 { true } else { false } }) || definition.id == "introduction"
                || definition.id == "summary"
        else { return nil }
        return CommitteeReport.Chapter(
            id: definition.id, title: definition.title, blocks: blocks,
            isAppendix: definition.id == "appendix")
    }

    private var zeroRows: String {
        template.showZeroRows
            ? "Rows for codes no case used are shown, with their zeros."
            : "Rows for codes no case used are left out."
    }

    private var introduction: [CommitteeReport.Block] {
        let audience = council.committee.isEmpty ? "councillors" : "the \(council.committee)"
        var blocks: [CommitteeReport.Block] = [
            .paragraph(
                """
                This report tells \(audience) about the complaints, compliments and comments \(council.name) \
                received and dealt with between \(report.firstDay.longDisplay) and \(report.lastDay.longDisplay): \
                what they were about, how quickly and how well they were answered, what the Local Government and \
                Social Care Ombudsman decided, and what the council learned and changed as a result.
                """)
        ]
        let areas = report.scope.areas
        if areas.contains(.adultSocialCare) {
            blocks.append(
                .paragraph(
                    """
                    Complaints about adult social care are handled under the Local Authority Social Services and \
                    National Health Service Complaints (England) Regulations 2009. There is one stage: the council \
                    acknowledges a complaint within three working days, agrees with the complainant how it will be \
                    handled and when they will have a response, and reports each year on the complaints received, \
                    those found to be well-founded, those referred to the Ombudsman, and what was learned \
                    (regulation 18).
                    """))
        }
        if areas.contains(.childrensSocialCare) {
            blocks.append(
                .paragraph(
                    """
                    Complaints about children's social care are handled under the Children Act 1989 Representations \
                    Procedure (England) Regulations 2006: local resolution within 10 working days (up to 20), an \
                    investigation by an Investigating Officer with an Independent Person within 25 working days (up \
                    to 65), and a review panel. The council reports on them each year (regulation 13(3)).
                    """))
        }
        if areas.contains(.corporate) {
            blocks.append(
                .paragraph(
                    """
                    Other complaints about the council's services are handled under its corporate complaints \
                    procedure, which follows the Ombudsman's Complaint Handling Code.
                    """))
        }
        blocks.append(
            .paragraph(
                """
                Every figure is counted from the case records. Each table says how it was counted: complaints \
                received in the year are counted on the date received; outcomes and response times on the date \
                the complaint was closed; Ombudsman decisions on the date decided. Where the year is compared \
                with earlier years (\(report.earlierYears.joined(separator: ", "))), the same counting is used. \
                \(report.rounding)
                """))
        return blocks
    }

    private func procedure(_ area: ServiceArea, token: String, words: Bool) -> [CommitteeReport.Block] {
        guard report.scope.areas.contains(area) else { return [] }
        let chosen = Self.procedureTables.flatMap { prefix in
            tables.filter { $0.id.hasPrefix(prefix) && Self.tokens($0.id).contains(token) }
        }
        let said = words ? [] : findings(about: area)
        return said.map { .paragraph($0) } + chosen.map { .table(Self.forChapter($0)) }
    }

    private var common: [CommitteeReport.Block] {
        let said = ["joint-costs-learning", "recommendations"].flatMap { findings(in: $0) }
        var blocks: [CommitteeReport.Block] = said.isEmpty ? [] : [.bullets(said)]
        blocks += Self.commonTables.flatMap { id in tables.filter { $0.id == id } }.map { .table(Self.forChapter($0)) }
        let praise = findings(in: "compliments").filter { $0.hasPrefix("“") }
        if !praise.isEmpty { blocks.append(.quotes(praise)) }
        return blocks
    }

    /// Findings of a section of the annual report, each once.
    private func findings(in section: String) -> [String] {
        (report.sections.first { $0.id == section }?.findings ?? []).uniqued()
    }

    /// Findings about one service area, from every section but the summary, each once.
    private func findings(about area: ServiceArea) -> [String] {
        report.sections.filter { $0.id != "summary" && $0.id != "compliments" }.flatMap(\.findings)
            .filter { $0.hasPrefix(area.displayName + ":") || $0.hasPrefix(area.displayName + " ") }.uniqued()
    }

    static func forChapter(_ table: ReportTable) -> ReportTable {
        shortened.contains { table.id.hasPrefix($0) } ? table.mostFrequent(shortenedTo) : table
    }

    static func tokens(_ id: String) -> Set<String> {
        Set(id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }
}

extension ReportTable {
    /// The table without rows whose every figure is zero or empty (codes no case used). A row
    /// with a figure withheld as a small number is kept.
    public var withoutEmptyRows: ReportTable {
        var table = self
        table.rows = rows.filter { row in
            row.cells.contains { cell in
                cell.kind == .suppressed || cell.kind == .text || (cell.value ?? 0) != 0 || (cell.numerator ?? 0) != 0
            }
        }
        return table
    }
}

extension ReportTable {
    /// The `n` rows with the largest first count, largest first, then the rows without a share
    /// (totals); a note says how many there were. Unchanged when there are no more than `n`.
    public func mostFrequent(_ n: Int) -> ReportTable {
        let ranked = rows.enumerated().filter { $0.element.cells.contains { $0.kind == .share } }
        guard ranked.count > n else { return self }
        let top = ranked.sorted {
            let (a, b) = ($0.element.cells.first?.numerator ?? 0, $1.element.cells.first?.numerator ?? 0)
            return a != b ? a > b : $0.offset < $1.offset
        }.prefix(n).map(\.element)
        var table = self
        table.rows = Array(top) + rows.filter { !$0.cells.contains { $0.kind == .share } }
        table.notes.append("The \(n) most frequent of \(ranked.count); the appendix has them all.")
        return table
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
