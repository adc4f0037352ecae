/// Who a report and its letters come from: printed on the report's cover and in its footer. The
/// name is the one letters are signed with; the rest is optional and left out when empty.
public struct CouncilIdentity: Sendable, Hashable, Codable {
    public var name: String
    public var address: String
    /// How to reach the complaints team: a telephone number, an email address, a web page.
    public var complaintsTeam: String
    /// Who the report is from ("Head of Customer Relations").
    public var reportOwner: String
    /// Who the report is for ("Adults and Health Scrutiny Committee").
    public var committee: String

    public init(
        name: String, address: String = "", complaintsTeam: String = "", reportOwner: String = "",
        committee: String = ""
    ) {
        self.name = name
        self.address = address
        self.complaintsTeam = complaintsTeam
        self.reportOwner = reportOwner
        self.committee = committee
    }

    /// Until a council says otherwise.
    public static let unnamed = CouncilIdentity(name: "The council")
}

/// The order, titles and visibility of the committee report's chapters: data a council can change
/// and save, so the document follows its own committee's custom. The standard order follows the
/// reference reports: introduction, executive summary, a chapter per procedure, what is common
/// to all, equality, then every data table in an appendix.
public struct ReportTemplate: Sendable, Hashable, Codable {
    public struct Chapter: Sendable, Hashable, Codable {
        /// `introduction`, `summary`, `adults`, `children`, `corporate`, `all-services`, `equality`
        /// or `appendix`.
        public var id: String
        public var title: String
        public var shown: Bool

        public init(id: String, title: String, shown: Bool = true) {
            self.id = id
            self.title = title
            self.shown = shown
        }
    }

    public var chapters: [Chapter]
    /// Print a table's rows of all zeros (a code no case used); off by default.
    public var showZeroRows: Bool

    public init(chapters: [Chapter], showZeroRows: Bool = false) {
        self.chapters = chapters
        self.showZeroRows = showZeroRows
    }

    public static let standard = ReportTemplate(chapters: [
        Chapter(id: "introduction", title: "Introduction"),
        Chapter(id: "summary", title: "Executive summary"),
        Chapter(id: "adults", title: "Adult social care"),
        Chapter(id: "children", title: "Children and young people's social care"),
        Chapter(id: "corporate", title: "Corporate complaints"),
        Chapter(id: "all-services", title: "Across all services: compliments, joint complaints, costs and learning"),
        Chapter(id: "equality", title: "Equality monitoring"),
        Chapter(id: "appendix", title: "Appendix: data tables"),
    ])
}

/// The annual report as a committee reads it: a cover, contents, narrative chapters with the
/// tables and charts that matter, and every data table in an appendix. Made from a
/// `ComplaintsReport`, so every figure is still one derived from the records with its basis;
/// this value only chooses, orders and words them.
public struct CommitteeReport: Sendable, Hashable {
    /// One thing printed in a chapter.
    public enum Block: Sendable, Hashable {
        case paragraph(String)
        case bullets([String])
        /// A table (with its chart when it has shares).
        case table(ReportTable)
        case quotes([String])
    }

    public struct Chapter: Sendable, Hashable {
        public var id: String
        public var title: String
        public var blocks: [Block]
        /// Chapters in the appendix start each table on a new line of the contents too.
        public var isAppendix: Bool
    }

    public var title: String
    public var period: String
    public var firstDay: CalendarDate
    public var lastDay: CalendarDate
    public var council: CouncilIdentity
    /// The date the report was made, printed on the cover.
    public var preparedOn: CalendarDate
    public var chapters: [Chapter]
}
