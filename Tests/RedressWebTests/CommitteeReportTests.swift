import Foundation
import RedressCore
import Testing

@testable import RedressWeb

/// The committee report: what each chapter carries, and the contents' page numbers.
@Suite("Committee report")
struct CommitteeReportTests {
    static let today = CalendarDate(iso: "2026-11-21")!
    static let report: ComplaintsReport = {
        let cases = DemoCouncil(seed: 5, today: today, completeYears: 2, scale: 1).representations()
        let year = FinancialYear(containing: today).startYear - 1
        return AnnualReportBuilder(year: FinancialYear(startYear: year), earlierYears: 1, calendar: .englandAndWales)
            .build(from: cases)
    }()
    static let council = CouncilIdentity(
        name: "Anyshire County Council", address: "County Hall", complaintsTeam: "0300 123 4567",
        reportOwner: "Head of Customer Relations", committee: "Corporate Governance Committee")

    @Test("chapters follow the template; no row of all zeros; long lists shortened; internal checks left out")
    func chapters() throws {
        let committee = CommitteeReport(Self.report, council: Self.council, preparedOn: Self.today)
        #expect(committee.chapters.map(\.id) == ReportTemplate.standard.chapters.map(\.id))
        let tables = committee.chapters.flatMap(\.blocks).compactMap { block -> ReportTable? in
            if case .table(let t) = block { t } else { nil }
        }
        #expect(!tables.isEmpty)
        for table in tables {
            #expect(!table.rows.isEmpty, "\(table.id) printed with no rows")
            for row in table.rows {
                let empty = row.cells.allSatisfy {
                    ($0.value ?? 0) == 0 && ($0.numerator ?? 0) == 0 && $0.kind != .suppressed
                }
                #expect(!empty, "\(table.id): the row \(row.label) is all zeros")
            }
            #expect(table.id != "data-quality", "the list of records to check is not for a committee")
        }
        let adults = try #require(committee.chapters.first { $0.id == "adults" })
        let nature = try #require(
            adults.blocks.compactMap { b -> ReportTable? in
                if case .table(let t) = b, t.id == "nature.adults" { t } else { nil }
            }.first)
        #expect(nature.rows.filter { $0.cells.contains { $0.kind == .share } }.count == 10)
        let counts = nature.rows.compactMap { $0.cells.first { _ in true }?.numerator }.prefix(10)
        #expect(Array(counts) == counts.sorted(by: >), "the most frequent first")
        let quotes = committee.chapters.flatMap(\.blocks).flatMap { b -> [String] in
            if case .quotes(let q) = b { q } else { [] }
        }
        #expect(Set(quotes).count == quotes.count, "each compliment quoted once")
    }

    @Test("a hidden chapter is left out and a renamed one keeps its new title")
    func template() {
        var template = ReportTemplate.standard
        template.chapters[2].title = "Adults"
        template.chapters[3].shown = false
        let committee = CommitteeReport(Self.report, council: Self.council, preparedOn: Self.today, template: template)
        #expect(committee.chapters.contains { $0.id == "adults" && $0.title == "Adults" })
        #expect(!committee.chapters.contains { $0.id == "children" })
    }

    @Test("the contents show the page each chapter starts on, and the council's name cannot break the styles")
    func contents() {
        var council = Self.council
        council.name = "Any\"shire</style><script>"
        let committee = CommitteeReport(Self.report, council: council, preparedOn: Self.today)
        let pages = Dictionary(
            uniqueKeysWithValues: committee.chapters.enumerated().map {
                (CommitteeReportView.PDFTitle.key($0.element.title), $0.offset + 3)
            })
        let html = CommitteeReportView.document(committee, pages: pages)
        #expect(html.contains("<span class=\"app-contents__page\">3</span>"))
        #expect(html.contains("<span class=\"app-contents__page\">\(committee.chapters.count + 2)</span>"))
        #expect(!html.contains("</style><script>"))
        let first = CommitteeReportView.document(committee)
        #expect(first.contains("<span class=\"app-contents__page\">00</span>"), "a placeholder before printing")
    }
}
