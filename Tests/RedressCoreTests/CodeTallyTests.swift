import Testing

@testable import RedressCore

/// The one-pass counts behind the coded tables and the "received" table: the same answers as
/// asking every record once per code or per kind, as the report did before.
@Suite("Coded tables and received counts in one pass")
struct CodeTallyTests {
    static let coded: [[String]] = [
        ["a"], ["a", "a"], ["a", "b"], ["old"], ["b", "old", "older"], [], ["old", "old"],
    ]
    static let known: Set<String> = ["a", "b", "c"]

    static func case_(
        _ id: String, _ kind: RepresentationKind, _ area: ServiceArea, _ received: String
    ) -> Representation {
        Representation(
            id: id, reference: id, kind: kind, serviceArea: area, procedureID: nil,
            receivedOn: CalendarDate(iso: received)!, methodOfReceipt: "email",
            complainant: Complainant(relationship: "self"), serviceCategory: "x", summary: "s", stages: [])
    }

    @Test("Per record: a record giving a code twice is one record; retired once per record")
    func perRecord() {
        let tally = CodeTally(Self.coded, known: Self.known, perRecord: true)
        #expect(tally.counts["a"] == 3)
        #expect(tally.counts["b"] == 2)
        #expect(tally.counts["c"] == nil)
        #expect(tally.retired == 3)
        // As the table counted before: records containing each code.
        for code in ["a", "b", "c", "old"] {
            #expect(tally.counts[code, default: 0] == Self.coded.count(where: { $0.contains(code) }))
        }
        #expect(tally.retired == Self.coded.count(where: { $0.contains { !Self.known.contains($0) } }))
    }

    @Test("Per mention: every time a code was given; retired codes each time")
    func perMention() {
        let tally = CodeTally(Self.coded, known: Self.known, perRecord: false)
        let all = Self.coded.flatMap { $0 }
        #expect(tally.counts["a"] == 4)
        #expect(tally.counts["b"] == 2)
        #expect(tally.retired == 5)
        for code in ["a", "b", "c", "old"] {
            #expect(tally.counts[code, default: 0] == all.count(where: { $0 == code }))
        }
        #expect(tally.retired == all.count(where: { !Self.known.contains($0) }))
    }

    @Test("Received by kind in one pass is received, kind by kind, on and off the period's edges")
    func receivedByKind() {
        func case_(_ id: String, _ kind: RepresentationKind, _ received: String) -> Representation {
            Self.case_(id, kind, .adultSocialCare, received)
        }
        let records = [
            case_("1", .complaint, "2025-03-31"), case_("2", .complaint, "2025-04-01"),
            case_("3", .complaint, "2026-03-31"), case_("4", .compliment, "2025-06-01"),
            case_("5", .comment, "2026-04-01"), case_("6", .compliment, "2025-12-25"),
        ]
        let period = CalendarDate(iso: "2025-04-01")!...CalendarDate(iso: "2026-03-31")!
        let counts = Counting.receivedByKind(records, in: period)
        #expect(counts == [.complaint: 2, .compliment: 2])
        for kind in RepresentationKind.allCases {
            #expect(
                Counting.received(records, kind: kind, in: period)
                    == records.count(where: { $0.kind == kind && period.contains($0.receivedOn) }))
        }
    }

    @Test("Each area's complaints received in the year and the year before, found once, are the filter's")
    func receivedByArea() {
        let case_ = Self.case_
        let records = [
            case_("1", .complaint, .adultSocialCare, "2024-04-01"), case_("2", .complaint, .corporate, "2025-03-31"),
            case_("3", .complaint, .adultSocialCare, "2025-04-01"),
            case_("4", .compliment, .adultSocialCare, "2025-06-01"),
            case_("5", .complaint, .childrensSocialCare, "2026-03-31"),
            case_("6", .complaint, .corporate, "2026-04-01"),
            case_("7", .complaint, .adultSocialCare, "2023-12-01"),
        ]
        let builder = AnnualReportBuilder(year: FinancialYear(startYear: 2025), calendar: .englandAndWales)
        let memo = AnnualReportBuilder.ReceivedByArea(
            of: records, areas: ServiceArea.allCases, years: [builder.year, builder.previousYear])
        for area in ServiceArea.allCases {
            for year in [builder.year, builder.previousYear] {
                #expect(
                    memo.complaints(in: records, area: area, year: year)?.map(\.id)
                        == builder.complaintsReceived(records, area: area, in: year).map(\.id))
            }
        }
        #expect(memo.complaints(in: records, area: .adultSocialCare, year: builder.year)?.map(\.id) == ["3"])
        #expect(memo.complaints(in: Array(records.dropLast()), area: .corporate, year: builder.year) == nil)
        #expect(memo.complaints(in: records, area: .corporate, year: FinancialYear(startYear: 2023)) == nil)
    }
}
