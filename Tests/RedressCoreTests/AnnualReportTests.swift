import Foundation
import Testing
@testable import RedressCore

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// A small council, every figure below computed by hand (working days checked against the
/// GOV.UK feed: 6→20 April 2021 is 10 working days across Easter; 20 December 2021 → 20 January
/// 2022 is 20, across the moved Christmas, Boxing Day and New Year holidays).
private func council() -> [Representation] {
    func complaint(_ id: String, _ area: ServiceArea, received: String, stages: [Stage] = []) -> Representation {
        var r = Representation(
            id: id, reference: id, kind: .complaint, serviceArea: area, procedureID: BuiltInProcedures.defaultProcedure(for: area).id,
            receivedOn: day(received), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "x", summary: "s")
        r.stages = stages.isEmpty ? [Stage(key: BuiltInProcedures.defaultProcedure(for: area).stages[0].key, openedOn: day(received), milestones: [.requested: day(received)])] : stages
        return r
    }
    func stage(_ key: String, _ opened: String, responded: String? = nil, outcome: String? = nil) -> Stage {
        var s = Stage(key: key, openedOn: day(opened), milestones: [.requested: day(opened)], outcome: outcome)
        if let responded { s.milestones[.responded] = day(responded) }
        return s
    }
    var a1 = complaint("A1", .adultSocialCare, received: "2021-05-04", stages: [stage("response", "2021-05-04", responded: "2021-06-01", outcome: "upheld")])
    var referral = OmbudsmanReferral(id: "o1", reference: "21 001 001", councilNotifiedOn: day("2021-07-01"), councilFinding: "upheld")
    referral.decision = .upheld
    referral.decidedOn = day("2021-11-15")
    referral.remedies = [OmbudsmanRemedy(id: "m1", kind: .payment, description: "d", amountPence: 25_000, dueOn: day("2021-12-15"), completedOn: day("2022-01-05"))]
    a1.records.ombudsman = [referral]
    var c1 = complaint("C1", .childrensSocialCare, received: "2021-04-06", stages: [stage("stage-1", "2021-04-06", responded: "2021-04-20", outcome: "partly-upheld")])
    var enquiries = OmbudsmanReferral(id: "o2", reference: "21 002 002", councilNotifiedOn: day("2021-09-01"), councilFinding: "partly-upheld")
    enquiries.decision = .closedAfterInitialEnquiries
    enquiries.decidedOn = day("2022-02-01")
    c1.records.ombudsman = [enquiries]
    var compliment = complaint("K1", .adultSocialCare, received: "2021-08-02")
    compliment.kind = .compliment
    compliment.stages = []
    return [
        complaint("A0a", .adultSocialCare, received: "2020-06-01"), complaint("A0b", .adultSocialCare, received: "2020-06-01"),
        complaint("C0", .childrensSocialCare, received: "2020-06-01"),
        a1,
        complaint("A2", .adultSocialCare, received: "2021-06-01", stages: [stage("response", "2021-06-01", responded: "2022-01-10", outcome: "not-upheld")]),
        complaint("A3", .adultSocialCare, received: "2021-10-01"),
        c1,
        complaint("C2", .childrensSocialCare, received: "2021-12-20", stages: [
            stage("stage-1", "2021-12-20", responded: "2022-01-20", outcome: "not-upheld"), stage("stage-2", "2022-02-01"),
        ]),
        compliment,
    ]
}

private func report(_ scope: ReportScope = .all) -> AnnualReport {
    AnnualReportBuilder(year: FinancialYear(startYear: 2021), scope: scope, earlierYears: 1, calendar: .englandAndWales).build(from: council())
}

private func figure(_ r: AnnualReport, _ id: String) -> String? { r.figures.first { $0.id == id }?.display }

@Suite("Annual report")
struct AnnualReportTests {
    @Test("received by type with last year and the change; the mix of this year's representations")
    func received() {
        let r = report()
        #expect(figure(r, "received.complaint.2020") == "3" && figure(r, "received.complaint.2021") == "5")
        #expect(figure(r, "received.complaint.change") == "+67%")
        #expect(figure(r, "received.compliment.change") == "–", "no change from nothing")
        #expect(figure(r, "received.all.2021") == "6" && figure(r, "received.all.change") == "+100%")
        #expect(figure(r, "mix.complaint") == "83%" && figure(r, "mix.compliment") == "17%")
        let change = r.figures.first { $0.id == "received.complaint.change" }
        #expect(change?.numerator == 2 && change?.denominator == 3 && change?.basis == .receivedInPeriod)
    }

    @Test("stage at closure and outcomes count complaints closed in the year at their last stage")
    func closedAndOutcomes() {
        let r = report()
        #expect(figure(r, "closed-at.adults-statutory.response") == "2")
        #expect(figure(r, "closed-at.children-statutory.stage-1") == "1" && figure(r, "closed-at.children-statutory.stage-1.share") == "100%")
        #expect(figure(r, "closed-at.children-statutory.stage-2") == "0", "C2 is still open at stage 2")
        #expect(figure(r, "closed-at.corporate.stage-1.share") == "–")
        #expect(figure(r, "outcome.adults.upheld.share") == "50%" && figure(r, "outcome.adults.not-upheld.share") == "50%")
        #expect(figure(r, "fault-found.adults") == "50%" && figure(r, "fault-found.children") == "100%")
        #expect(figure(r, "outcome.children.none") == "0")
    }

    @Test("timescale bands and averages cross bank holidays; adults past six months; escalation")
    func timeliness() {
        let r = report()
        #expect(figure(r, "timeliness.children-statutory.stage-1.band1") == "1")
        #expect(figure(r, "timeliness.children-statutory.stage-1.band2") == "1")
        #expect(figure(r, "timeliness.children-statutory.stage-1.band3") == "0")
        #expect(figure(r, "timeliness.children-statutory.stage-1.average") == "15.0")
        #expect(figure(r, "timeliness.adults-statutory.six-months") == "1" && figure(r, "timeliness.adults-statutory.six-months.share") == "50%")
        #expect(figure(r, "escalation.children-statutory.stage-1.rate") == "50%")
    }

    @Test("Ombudsman: uphold rate, the actual uphold rate, not investigated, late remedies and payments")
    func ombudsman() {
        let r = report()
        #expect(figure(r, "lgsco.adults.decisions") == "1" && figure(r, "lgsco.adults.uphold-rate") == "100%")
        #expect(figure(r, "lgsco.adults.actual-uphold-rate") == "0%", "the council had already upheld it")
        #expect(figure(r, "lgsco.adults.late-remedies") == "1" && figure(r, "lgsco.adults.payments") == "£250")
        #expect(figure(r, "lgsco.children.not-investigated.share") == "100%")
    }

    @Test("the summary's findings are generated from the figures, and the JSON is deterministic")
    func summaryAndJSON() throws {
        let r = report(.adults)
        let summary = try #require(r.sections.first)
        #expect(summary.findings.first == "Adult social care complaints rose 50%, from 2 to 3.")
        #expect(summary.findings.contains("Adult social care: 50% of the 2 complaints closed were upheld or partly upheld (1)."))
        #expect(!r.figures.contains { $0.id.contains("children") }, "scope limits the report")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(report())
        let second = try encoder.encode(AnnualReportBuilder(year: FinancialYear(startYear: 2021), earlierYears: 1, calendar: .englandAndWales).build(from: council().reversed()))
        #expect(first == second)
        #expect(Set(report().figures.map(\.id)).count == report().figures.count, "figure ids are unique")
    }
}
