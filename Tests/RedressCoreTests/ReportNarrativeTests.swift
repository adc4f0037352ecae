import Foundation
import Testing

@testable import RedressCore

@Suite("Report commentary: live figures")
struct ReportNarrativeTests {
    static let figures: [String: Figure] = [
        "received.complaint.2025": .count("received.complaint.2025", "Complaint", 434, basis: .receivedInPeriod),
        "fault-found.adults": .share(
            "fault-found.adults", "Upheld or partly upheld", 51, of: 120, basis: .closedInPeriod, rounding: Rounding()),
    ]

    @Test("tokens are found once each, filled with the figure now, and unknown ones are named")
    func tokens() {
        let text =
            """
                We had {received.complaint.2025} complaints; {fault-found.adults} upheld. Again \
                {received.complaint.2025}. {nope}
                """
        #expect(ReportNarrative.tokens(in: text) == ["received.complaint.2025", "fault-found.adults", "nope"])
        #expect(
            ReportNarrative.render(text, figures: Self.figures)
                == "We had 434 complaints; 43% upheld. Again 434. {nope}")
        #expect(
            ReportNarrative.problems(in: text, figures: Self.figures) == [
                "No figure is called {nope}; copy a figure's name from the list below the box"
            ])
        #expect(ReportNarrative.problems(in: String(repeating: "a", count: 20_001), figures: [:]).count == 1)
        #expect(ReportNarrative.render("{ not a token } and {}", figures: Self.figures) == "{ not a token } and {}")
    }

    @Test("paragraphs split at blank lines; a moved figure is reported with what it was and is")
    func movedAndParagraphs() {
        #expect(ReportNarrative.paragraphs("One\nline.\r\n\r\nTwo.\n\n\n") == ["One line.", "Two."])
        let saved = ReportNarrative(
            year: 2025, scope: .all, chapter: "summary", text: "{received.complaint.2025} and {fault-found.adults}",
            quoted: ["received.complaint.2025": "430", "fault-found.adults": "43%"], version: 1, savedBy: "m",
            savedAt: "t")
        #expect(
            saved.moved(figures: Self.figures) == [
                .init(id: "received.complaint.2025", label: "Complaint", then: "430", now: "434")
            ])
    }

    @Test("a first draft quotes only figures the report has")
    func drafts() {
        let cases = DemoCouncil(seed: 3, today: CalendarDate(iso: "2026-11-21")!, completeYears: 2, scale: 0.5)
            .representations()
        let report = AnnualReportBuilder(
            year: FinancialYear(startYear: 2025), earlierYears: 1, calendar: .englandAndWales
        )
        .build(from: cases)
        let figures = report.figuresByID
        for chapter in ["summary", "adults", "children", "corporate", "all-services"] {
            let draft = NarrativeDrafts.draft(chapter: chapter, report: report)
            #expect(!draft.isEmpty, "\(chapter) has a draft")
            #expect(ReportNarrative.problems(in: draft, figures: figures).isEmpty, "\(chapter): \(draft)")
        }
        let adultsOnly = AnnualReportBuilder(
            year: FinancialYear(startYear: 2025), scope: .adults, earlierYears: 1, calendar: .englandAndWales
        ).build(from: cases)
        #expect(NarrativeDrafts.draft(chapter: "children", report: adultsOnly).isEmpty)
    }
}
