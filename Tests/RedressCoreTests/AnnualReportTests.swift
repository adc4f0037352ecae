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
            id: id, reference: id, kind: .complaint, serviceArea: area,
            procedureID: BuiltInProcedures.defaultProcedure(for: area).id,
            receivedOn: day(received), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "x", summary: "s")
        r.stages =
            stages.isEmpty
            ? [
                Stage(
                    key: BuiltInProcedures.defaultProcedure(for: area).stages[0].key, openedOn: day(received),
                    milestones: [.requested: day(received)])
            ] : stages
        return r
    }
    func stage(_ key: String, _ opened: String, responded: String? = nil, outcome: String? = nil) -> Stage {
        var s = Stage(key: key, openedOn: day(opened), milestones: [.requested: day(opened)], outcome: outcome)
        if let responded { s.milestones[.responded] = day(responded) }
        return s
    }
    var a1 = complaint(
        "A1", .adultSocialCare, received: "2021-05-04",
        stages: [stage("response", "2021-05-04", responded: "2021-06-01", outcome: "upheld")])
    var referral = OmbudsmanReferral(
        id: "o1", reference: "21 001 001", councilNotifiedOn: day("2021-07-01"), councilFinding: "upheld")
    referral.decision = .upheld
    referral.decidedOn = day("2021-11-15")
    referral.remedies = [
        OmbudsmanRemedy(
            id: "m1", kind: .payment, description: "d", amountPence: 25_000, dueOn: day("2021-12-15"),
            completedOn: day("2022-01-05"))
    ]
    a1.records.ombudsman = [referral]
    var c1 = complaint(
        "C1", .childrensSocialCare, received: "2021-04-06",
        stages: [stage("stage-1", "2021-04-06", responded: "2021-04-20", outcome: "partly-upheld")])
    var enquiries = OmbudsmanReferral(
        id: "o2", reference: "21 002 002", councilNotifiedOn: day("2021-09-01"), councilFinding: "partly-upheld")
    enquiries.decision = .closedAfterInitialEnquiries
    enquiries.decidedOn = day("2022-02-01")
    c1.records.ombudsman = [enquiries]
    var compliment = complaint("K1", .adultSocialCare, received: "2021-08-02")
    compliment.kind = .compliment
    compliment.stages = []
    return [
        complaint("A0a", .adultSocialCare, received: "2020-06-01"),
        complaint("A0b", .adultSocialCare, received: "2020-06-01"),
        complaint("C0", .childrensSocialCare, received: "2020-06-01"),
        a1,
        complaint(
            "A2", .adultSocialCare, received: "2021-06-01",
            stages: [stage("response", "2021-06-01", responded: "2022-01-10", outcome: "not-upheld")]),
        complaint("A3", .adultSocialCare, received: "2021-10-01"),
        c1,
        complaint(
            "C2", .childrensSocialCare, received: "2021-12-20",
            stages: [
                stage("stage-1", "2021-12-20", responded: "2022-01-20", outcome: "not-upheld"),
                stage("stage-2", "2022-02-01"),
            ]),
        compliment,
    ]
}

private func report(_ scope: ReportScope = .all) -> ComplaintsReport {
    AnnualReportBuilder(year: FinancialYear(startYear: 2021), scope: scope, earlierYears: 1, calendar: .englandAndWales)
        .build(from: council())
}

private func figure(_ r: ComplaintsReport, _ id: String) -> String? { r.figures.first { $0.id == id }?.display }

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
        #expect(
            figure(r, "compliments.adults.2021") == "1" && figure(r, "compliments.adults.change") == "–",
            "no compliments the year before")
        let change = r.figures.first { $0.id == "received.complaint.change" }
        #expect(change?.numerator == 2 && change?.denominator == 3 && change?.basis == .receivedInPeriod)
    }

    @Test("stage at closure and outcomes count complaints closed in the year at their last stage")
    func closedAndOutcomes() {
        let r = report()
        #expect(figure(r, "closed-at.adults-statutory.response") == "2")
        #expect(
            figure(r, "closed-at.children-statutory.stage-1") == "1"
                && figure(r, "closed-at.children-statutory.stage-1.share") == "100%")
        #expect(figure(r, "closed-at.children-statutory.stage-2") == "0", "C2 is still open at stage 2")
        #expect(figure(r, "closed-at.corporate.stage-1.share") == "–")
        #expect(
            figure(r, "outcome.adults.upheld.share") == "50%" && figure(r, "outcome.adults.not-upheld.share") == "50%")
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
        #expect(
            figure(r, "timeliness.adults-statutory.six-months") == "1"
                && figure(r, "timeliness.adults-statutory.six-months.share") == "50%")
        #expect(figure(r, "escalation.children-statutory.stage-1.rate") == "50%")
        #expect(
            figure(r, "timeliness.children-statutory.early-stages-over-20.closed") == "1"
                && figure(r, "timeliness.children-statutory.early-stages-over-20") == "0")
        // STAT-07: one more children's complaint answered at stage 1 on the 21st working day
        // (20 December 2021 → 21 January 2022, across the Christmas and New Year holidays).
        var c3 = Representation(
            id: "C3", reference: "C3", kind: .complaint, serviceArea: .childrensSocialCare,
            procedureID: BuiltInProcedures.childrenStatutory.id,
            receivedOn: day("2021-12-20"), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "x", summary: "s")
        c3.stages = [
            Stage(
                key: "stage-1", openedOn: day("2021-12-20"),
                milestones: [.requested: day("2021-12-20"), .responded: day("2022-01-21")], outcome: "upheld")
        ]
        let withLate = AnnualReportBuilder(year: FinancialYear(startYear: 2021), calendar: .englandAndWales).build(
            from: council() + [c3])
        #expect(
            figure(withLate, "timeliness.children-statutory.early-stages-over-20") == "1"
                && figure(withLate, "timeliness.children-statutory.early-stages-over-20.share") == "50%")
    }

    @Test("Ombudsman: uphold rate, the actual uphold rate, not investigated, late remedies and payments")
    func ombudsman() {
        let r = report()
        #expect(figure(r, "lgsco.adults.decisions") == "1" && figure(r, "lgsco.adults.uphold-rate") == "100%")
        #expect(figure(r, "lgsco.adults.actual-uphold-rate") == "0%", "the council had already upheld it")
        #expect(figure(r, "lgsco.adults.late-remedies") == "1" && figure(r, "lgsco.adults.payments") == "£250")
        #expect(figure(r, "lgsco.children.not-investigated.share") == "100%")
        #expect(
            figure(r, "lgsco.adults.group.investigated") == "1"
                && figure(r, "lgsco.children.group.assessed-and-closed.share") == "100%")
        #expect(figure(r, "lgsco.children.group.investigated") == "0")
    }

    @Test("a committee reads 1,334 complaints, not 1334: tables and findings group thousands")
    func thousands() throws {
        func complaints(_ n: Int, received: String, responded: String) -> [Representation] {
            (0..<n).map { i in
                var r = Representation(
                    id: "\(received)-\(i)", reference: "\(received)-\(i)", kind: .complaint,
                    serviceArea: .adultSocialCare, procedureID: BuiltInProcedures.adultsStatutory.id,
                    receivedOn: day(received),
                    methodOfReceipt: "email", complainant: Complainant(relationship: "self"), serviceCategory: "x",
                    summary: "s")
                r.stages = [
                    Stage(
                        key: "response", openedOn: day(received),
                        milestones: [.requested: day(received), .responded: day(responded)], outcome: "upheld")
                ]
                return r
            }
        }
        let r = AnnualReportBuilder(
            year: FinancialYear(startYear: 2021), scope: .adults, earlierYears: 1, calendar: .englandAndWales
        ).build(
            from: complaints(1_100, received: "2020-06-01", responded: "2020-06-29")
                + complaints(1_334, received: "2021-06-01", responded: "2021-06-29"))
        #expect(figure(r, "received.complaint.2021") == "1,334" && figure(r, "received.complaint.2020") == "1,100")
        #expect(r.figures.first { $0.id == "received.complaint.2021" }?.numerator == 1_334, "the value stays a number")
        let findings = r.sections.flatMap(\.findings)
        #expect(findings.contains("Adult social care complaints rose 21%, from 1,100 to 1,334."))
        #expect(
            findings.contains(
                "Adult social care: 100% of the 1,334 complaints closed were upheld or partly upheld (1,334)."))
        let ungrouped = findings.filter { $0.contains("1334") || $0.contains("1100") }
        #expect(ungrouped.isEmpty, "every finding groups its thousands: \(ungrouped)")
    }

    @Test("the summary's findings are generated from the figures, and the JSON is deterministic")
    func summaryAndJSON() throws {
        let r = report(.adults)
        let summary = try #require(r.sections.first)
        #expect(summary.findings.first == "Adult social care complaints rose 50%, from 2 to 3.")
        #expect(
            summary.findings.contains(
                "Adult social care: 50% of the 2 complaints closed were upheld or partly upheld (1)."))
        #expect(
            !r.figures.contains { $0.id.contains(".children") || $0.id.contains("children-statutory") },
            "scope limits the report")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(report())
        let second = try encoder.encode(
            AnnualReportBuilder(year: FinancialYear(startYear: 2021), earlierYears: 1, calendar: .englandAndWales)
                .build(from: council().reversed()))
        #expect(first == second)
        #expect(Set(report().figures.map(\.id)).count == report().figures.count, "figure ids are unique")
    }

    @Test(
        """
        coded sections: multi-coded natures as shares of codes, children and advocacy, remedial action, costs, \
        service-wide actions
        """
    )
    func codedSections() {
        var records = council()
        func edit(_ id: String, _ change: (inout Representation) -> Void) {
            let i = records.firstIndex { $0.id == id }!
            change(&records[i])
        }
        edit("A1") {
            $0.records.natures = ["conduct-of-worker", "poor-communication"]
            $0.records.remedialActionTaken = true
            $0.records.costs = [
                Cost(id: "c1", heading: .investigatingOfficer, amountPence: 120_000, paidOn: day("2021-05-20"))
            ]
            $0.records.actions = [
                ServiceAction(
                    id: "s1", kind: .staffTraining, description: "d", owner: "o", dueOn: day("2021-07-01"),
                    doneOn: day("2021-06-20"))
            ]
        }
        edit("A2") {
            $0.records.natures = ["poor-communication"]
            $0.records.remedialActionTaken = false
        }
        edit("A0a") {
            $0.records.costs = [Cost(id: "c0", heading: .mediation, amountPence: 5_000, paidOn: day("2020-07-01"))]
        }
        edit("A0b") { $0.serviceCategory = "home-care-domiciliary-care" }
        edit("A2") { $0.serviceCategory = "home-care-domiciliary-care" }
        edit("C1") {
            $0.complainant.isChildOrYoungPerson = true
            $0.complainant.advocate = "Advocacy service"
            $0.records.intake.advocacyOfferedOn = day("2021-04-07")
        }
        let r = AnnualReportBuilder(year: FinancialYear(startYear: 2021), calendar: .englandAndWales).build(
            from: records)
        #expect(
            figure(r, "nature.adults.poor-communication") == "2"
                && figure(r, "nature.adults.poor-communication.share") == "67%")
        #expect(figure(r, "nature.adults.conduct-of-worker.share") == "33%")
        #expect(
            figure(r, "nature.adults:uncoded") == "1" && figure(r, "nature.adults:total") == "3",
            "A3 has none; 3 codes given")
        #expect(figure(r, "method.adults.email.share") == "100%" && figure(r, "relationship.children.parent") == "2")
        #expect(figure(r, "children.children") == "1" && figure(r, "children.children.share") == "50%")
        #expect(figure(r, "children.children.advocate.share") == "100%" && figure(r, "children.adults") == "0")
        #expect(
            figure(r, "remedial.adults.upheld.rate") == "100%" && figure(r, "remedial.adults.not-upheld.rate") == "0%")
        #expect(
            figure(r, "costs.investigating-officer") == "£1,200" && figure(r, "costs.total") == "£1,200",
            "last year's payment is not this year's cost")
        #expect(
            figure(r, "costs.mediation.2020") == "£50" && figure(r, "costs.total.2020") == "£50", "last year's column")
        #expect(figure(r, "actions.service-wide.share") == "50%", "A1 (upheld, training) of A1 and C1")
        #expect(
            figure(r, "service.adults.home-care-domiciliary-care") == "1"
                && figure(r, "service.adults.home-care-domiciliary-care.2020") == "1", "last year's column: A0b")
        #expect(figure(r, "service.adults:retired.2020") == "1" && figure(r, "service.adults:total.2020") == "2")
        #expect(figure(r, "young-people.outcome.children.partly-upheld") == "1", "C1, closed at stage 1")
        #expect(figure(r, "data-quality.missing-nature") == "3", "A3, C1 and C2")
        #expect(
            r.sections.last?.tables.first?.notes.contains {
                $0.hasPrefix("Received with no nature of complaint recorded: A3, C1, C2")
            } == true)
    }

    @Test("data quality names suspected duplicates, responses before receipt and overdue stages without an extension")
    func dataQuality() {
        func complaint(
            _ id: String, name: String?, received: String, responded: String? = nil, due: String? = nil
        ) -> Representation {
            var r = Representation(
                id: id, reference: id, kind: .complaint, serviceArea: .corporate, procedureID: "corporate",
                receivedOn: day(received), methodOfReceipt: "email",
                complainant: Complainant(relationship: "other", name: name), serviceCategory: "waste", summary: "s")
            var s = Stage(
                key: "stage-1", openedOn: day(received), dueOn: due.map(day), milestones: [.requested: day(received)],
                outcome: "upheld")
            if let responded { s.milestones[.responded] = day(responded) }
            r.stages = [s]
            return r
        }
        var builder = AnnualReportBuilder(year: FinancialYear(startYear: 2021), calendar: .englandAndWales)
        // The reader may not see X2 or X4 named: they are counted, not listed.
        builder.listsReference = { !["X2", "X4"].contains($0.reference) }
        let issues = builder.dataQuality([
            complaint("X1", name: "Grace Green", received: "2021-06-01", responded: "2021-06-10"),
            complaint("X2", name: "GRACE GREEN", received: "2021-06-01", responded: "2021-06-11"),
            complaint("X3", name: "Grace Green", received: "2021-06-02", responded: "2021-05-30"),
            complaint("X4", name: nil, received: "2021-06-01", due: "2021-07-01"),
        ])
        let byID = Dictionary(uniqueKeysWithValues: issues.map { ($0.id, $0.references) })
        #expect(byID["suspected-duplicates"] == ["X1", "X2"])
        #expect(byID["response-before-receipt"] == ["X3"])
        #expect(byID["past-deadline-no-extension"] == ["X4"])
        #expect(byID["missing-outcome"] == [])
        let listed = Dictionary(uniqueKeysWithValues: issues.map { ($0.id, $0.listed) })
        #expect(listed["suspected-duplicates"] == ["X1"])
        #expect(listed["response-before-receipt"] == ["X3"])
        #expect(listed["past-deadline-no-extension"] == [])
    }
}
