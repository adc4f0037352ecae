import Foundation
import Testing

@testable import RedressCore

/// The conventions a council chooses beyond the presets: shares that total 100%, the day
/// response times count from, which responses the 20-working-day measure times, what the
/// six-month share is of; and every view (statistics, quarterly, annual) counting the same way.
@Suite("Counting convention choices")
struct CountingConventionChoicesTests {
    typealias Fixture = ReferenceReportTests.Fixture
    typealias Convention = CountingConventions.Procedure

    static func figure(_ r: ComplaintsReport, _ id: String) -> String? { ReferenceReportTests.figure(r, id) }

    static func conventions(_ id: String, _ procedure: Convention) -> CountingConventions {
        CountingConventions(name: "Test", procedures: [id: procedure])
    }

    @Test("Largest remainder: shares of one whole total 100%; parts that are not the whole round on their own")
    func largestRemainder() {
        let total100 = Rounding(sharesTotal100: true)
        #expect(total100.percentages([163, 289, 32], of: 484) == ["34%", "60%", "6%"])
        #expect(Rounding().percentages([163, 289, 32], of: 484) == ["34%", "60%", "7%"])
        // Three equal thirds: the first row takes the point left over.
        #expect(total100.percentages([1, 1, 1], of: 3) == ["34%", "33%", "33%"])
        // Parts that do not make up the whole (one complaint in two rows) are rounded each on its own.
        #expect(total100.percentages([150, 28, 108], of: 289) == ["52%", "10%", "37%"])
        // A share above 0 is never shown as 0%.
        #expect(total100.percentages([1, 999], of: 1000) == ["<1%", "100%"])
        #expect(
            Rounding(percentDecimals: 1, sharesTotal100: true).percentages([1, 1, 1], of: 3)
                == ["33.4%", "33.3%", "33.3%"])
        #expect(total100.percentages([0, 0], of: 0) == ["–", "–"])
    }

    /// A corporate complaint received Monday 2 June 2025, acknowledged on the 5th, answered on the
    /// 19th: 10 working days from acknowledgement (the Code's clock), 13 from receipt.
    @Test("Response times count from the clock's start, or from the day the stage was requested")
    func timedFrom() throws {
        var f = Fixture()
        f.add(
            .corporate, procedure: BuiltInProcedures.corporate, received: "2025-06-02",
            stages: [("stage-1", "2025-06-02", [.acknowledged: "2025-06-05", .responded: "2025-06-19"], "upheld")])
        let id = "timeliness.corporate.stage-1"
        let standard = f.report(2025, .standard, scope: .corporate)
        #expect(Self.figure(standard, "\(id).band1") == "1" && Self.figure(standard, "\(id).average") == "10.0")
        let fromRequest = Self.conventions("corporate", Convention(timedFrom: .request))
        let r = f.report(2025, fromRequest, scope: .corporate)
        #expect(Self.figure(r, "\(id).band1") == "0" && Self.figure(r, "\(id).band2") == "1")
        #expect(Self.figure(r, "\(id).average") == "13.0")
        let table = try #require(r.sections.flatMap(\.tables).first { $0.id == "timeliness-corporate-stage-1" })
        #expect(table.notes.contains { $0.contains("count from the day each stage was requested") })
        // The statistics page counts the same way with the same conventions.
        let first = FirstFigures.compute(
            year: FinancialYear(startYear: 2025), representations: f.records, calendar: .englandAndWales,
            conventions: fromRequest)
        let shown = Dictionary(first.figures.map { ($0.id, $0.display) }, uniquingKeysWith: { a, _ in a })
        #expect(shown["\(id).average"] == "13.0" && shown["\(id).band2"] == "1")
        #expect(first.stageOne.first { $0.times.procedureID == "corporate" }?.times.startsFrom == "receipt")
    }

    /// A: stage 1 took 25 working days, stage 2 15. B: stage 1 took 5, stage 2 22.
    @Test("The 20-working-day measure times the last response, the first, or each")
    func timedResponse() {
        var f = Fixture()
        f.add(
            .childrensSocialCare, received: "2025-06-02",
            stages: [
                ("stage-1", "2025-06-02", [.responded: "2025-07-07"], "not-upheld"),
                ("stage-2", "2025-07-10", [.statementAgreed: "2025-07-10", .responded: "2025-07-31"], "not-upheld"),
            ])
        f.add(
            .childrensSocialCare, received: "2025-06-02",
            stages: [
                ("stage-1", "2025-06-02", [.responded: "2025-06-09"], "not-upheld"),
                ("stage-2", "2025-06-12", [.statementAgreed: "2025-06-12", .responded: "2025-07-14"], "upheld"),
            ])
        let id = "timeliness.children-statutory.early-stages-over-20"
        func over(_ timed: Convention.TimedResponse) -> String? {
            Self.figure(
                f.report(
                    2025, Self.conventions("children-statutory", Convention(timedResponse: timed)), scope: .children),
                id)
        }
        #expect(over(.last) == "1")
        #expect(over(.first) == "1")
        #expect(over(.each) == "2")
        let each = f.report(
            2025, Self.conventions("children-statutory", Convention(timedResponse: .each)), scope: .children)
        #expect(Self.figure(each, "\(id).closed") == "2" && Self.figure(each, "\(id).share") == "100%")
        let table = each.sections.flatMap(\.tables).first { $0.id == "early-stages-over-20-children-statutory" }
        #expect(table?.notes.contains { $0.contains("each stage's response is timed") } == true)
    }

    /// Three adults' complaints received in 2025/26 (one answered after six months) and one
    /// received the year before, answered late in this one: 2 of 4 responses, 2 of 3 received.
    @Test("The six-month share is of responses, complaints closed or complaints received")
    func sixMonthsDenominator() {
        var f = Fixture()
        f.add(
            .adultSocialCare, received: "2025-05-01",
            stages: [("response", "2025-05-01", [.responded: "2025-12-01"], "upheld")])
        f.add(
            .adultSocialCare, received: "2025-05-01",
            stages: [("response", "2025-05-01", [.responded: "2025-06-01"], "upheld")], count: 2)
        f.add(
            .adultSocialCare, received: "2024-06-03",
            stages: [("response", "2024-06-03", [.responded: "2025-04-10"], "upheld")])
        let id = "timeliness.adults-statutory.six-months"
        func share(_ of: Convention.Denominator) -> ComplaintsReport {
            f.report(2025, Self.conventions("adults-statutory", Convention(sixMonthsShareOf: of)), scope: .adults)
        }
        #expect(Self.figure(share(.responses), id) == "2" && Self.figure(share(.responses), "\(id).share") == "50%")
        #expect(Self.figure(share(.closed), "\(id).share") == "50%")
        #expect(Self.figure(share(.received), "\(id).received") == "3")
        #expect(Self.figure(share(.received), "\(id).share") == "67%")
    }

    @Test("The statistics page and the quarterly count early resolutions as the annual report does")
    func everyViewCountsTheSameComplaints() {
        var f = Fixture()
        f.add(
            .childrensSocialCare, received: "2025-06-02",
            stages: [("stage-1", "2025-06-02", [.responded: "2025-06-04"], "resolved-early")], count: 3)
        f.add(
            .childrensSocialCare, received: "2025-06-02",
            stages: [("stage-1", "2025-06-02", [.responded: "2025-06-13"], "upheld")], count: 2)
        let year = FinancialYear(startYear: 2025)
        let conventions = CountingConventions.lincolnshire2019
        let annual = f.report(2025, conventions, scope: .all)
        let first = FirstFigures.compute(
            year: year, representations: f.records, calendar: .englandAndWales, conventions: conventions)
        var quarterly = QuarterlyReportBuilder(
            quarter: FinancialQuarter(year: year, number: 1), calendar: .englandAndWales)
        quarterly.conventions = conventions
        let q = quarterly.build(from: f.records)
        #expect(Self.figure(annual, "received.complaint.2025") == "2")
        #expect(first.figures.first { $0.id == "received.complaint.2025" }?.display == "2")
        #expect(q.figures.first { $0.id == "trend.received.2025-Q1" }?.display == "2")
        // Counted the standard way, all five are complaints.
        #expect(
            FirstFigures.compute(year: year, representations: f.records, calendar: .englandAndWales)
                .received.totalComplaints == 5)
    }

    @Test("A convention file written before these choices existed reads as the standard ones")
    func olderFilesRead() throws {
        let json = #"{"name":"Old","procedures":{"adults-statutory":{"sixMonthsShareOf":"closed"}}}"#
        let read = try JSONDecoder().decode(CountingConventions.self, from: Data(json.utf8))
        #expect(read.sharesTotal100 == false)
        #expect(read.of("adults-statutory").timedFrom == .clock)
        #expect(read.of("adults-statutory").sixMonthsShareOf == .closed)
        let again = try JSONDecoder().decode(CountingConventions.self, from: JSONEncoder().encode(read))
        #expect(again == read)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                CountingConventions.self,
                from: Data(#"{"name":"Bad","procedures":{"x":{"timedFrom":"noon"}}}"#.utf8))
        }
    }
}
