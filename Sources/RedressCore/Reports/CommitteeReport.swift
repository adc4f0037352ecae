import Foundation

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
    /// Kept apart from the other details (its own setting), so saving the details never touches it.
    public var logo: CouncilLogo?

    enum CodingKeys: String, CodingKey { case name, address, complaintsTeam, reportOwner, committee }

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

extension ReportTemplate {
    /// The longest title a chapter may have: it is printed in the contents and every footer.
    public static let titleLimit = 100

    /// A saved template made to fit this version of Redress: chapters it no longer has are left
    /// out, chapters it has added since are put at the end (shown), and an empty title is given
    /// the standard one. A report is always made from a template that has passed through here.
    public var fitted: ReportTemplate {
        let standard = Self.standard.chapters
        var seen: Set<String> = []
        var chapters = self.chapters.compactMap { chapter -> Chapter? in
            guard let known = standard.first(where: { $0.id == chapter.id }), seen.insert(chapter.id).inserted
            else { return nil }
            let title = chapter.title.trimmingCharacters(in: .whitespacesAndNewlines)
            return Chapter(id: chapter.id, title: title.isEmpty ? known.title : title, shown: chapter.shown)
        }
        chapters += standard.filter { !seen.contains($0.id) }
        return ReportTemplate(chapters: chapters, showZeroRows: showZeroRows)
    }

    /// The template with one chapter moved `offset` places (−1 up, +1 down), kept within the list.
    public func moving(_ id: String, by offset: Int) -> ReportTemplate {
        guard let from = chapters.firstIndex(where: { $0.id == id }) else { return self }
        let to = min(max(from + offset, 0), chapters.count - 1)
        var moved = self
        moved.chapters.insert(moved.chapters.remove(at: from), at: to)
        return moved
    }

    /// What is wrong with a template a person has filled in, as (chapter id, message).
    public var problems: [(chapter: String, message: String)] {
        var problems: [(String, String)] = []
        for chapter in chapters where chapter.title.count > Self.titleLimit {
            problems.append(
                (
                    chapter.id,
                    "The title “\(chapter.title.prefix(30))…” must be \(Self.titleLimit) characters or fewer"
                ))
        }
        if !chapters.contains(where: \.shown) {
            problems.append((chapters.first?.id ?? "", "Show at least one chapter"))
        }
        return problems
    }
}
