import Testing
@testable import RedressCore

/// Regressions for the counting defects found while writing issue 19.
@Suite("Counting: an empty code is not recorded")
struct CountingDefectTests {
    @Test("a complaint with no service, method or relationship is 'Not recorded', never 'Codes no longer in use'")
    func emptyCodes() throws {
        let received = CalendarDate(iso: "2021-05-04")!
        var r = Representation(
            id: "A1", reference: "A1", kind: .complaint, serviceArea: .adultSocialCare,
            procedureID: BuiltInProcedures.defaultProcedure(for: .adultSocialCare).id, receivedOn: received,
            methodOfReceipt: "", complainant: Complainant(relationship: ""), serviceCategory: "", summary: "s")
        r.stages = [Stage(key: "response", openedOn: received, milestones: [.requested: received])]
        let report = AnnualReportBuilder(
            year: FinancialYear(startYear: 2021), scope: .adults, earlierYears: 0, calendar: .englandAndWales
        ).build(from: [r])
        let ids = Set(report.figures.map(\.id))
        for table in ["service.adults", "method.adults", "relationship.adults"] {
            #expect(!ids.contains("\(table):retired"), "\(table) has no retired codes")
            #expect(report.figures.first { $0.id == "\(table):uncoded" }?.value == 1, "\(table): one not recorded")
        }
    }
}
