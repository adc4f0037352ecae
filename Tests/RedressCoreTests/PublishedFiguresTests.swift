import Testing

@testable import RedressCore

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// Figures the reference reports publish beyond the statutory core, each on a fixture counted by
/// hand (working days on the shipped England and Wales calendar).
@Suite("Annual report: review panels, causes by finding, all complaints about an area, the Ombudsman's timing")
struct PublishedFiguresTests {
    static let year = FinancialYear(startYear: 2022)
    static let natures = ReferenceData.defaults.active(.nature)
    static func nature(_ label: String) -> String { natures.first { $0.label == label }!.code }

    static func complaint(
        _ id: String, _ area: ServiceArea = .childrensSocialCare, procedure: ProcedureDefinition? = nil,
        received: String, stages: [Stage]
    ) -> Representation {
        let procedure = procedure ?? BuiltInProcedures.defaultProcedure(for: area)
        return Representation(
            id: id, reference: id, kind: .complaint, serviceArea: area, procedureID: procedure.id,
            receivedOn: day(received), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "x", summary: "s", stages: stages)
    }

    static func stage(
        _ key: String, _ opened: String, _ steps: [Milestone: String] = [:], outcome: String? = nil
    )
        -> Stage
    {
        var milestones: [Milestone: CalendarDate] = [.requested: day(opened)]
        for (m, d) in steps { milestones[m] = day(d) }
        return Stage(key: key, openedOn: day(opened), milestones: milestones, outcome: outcome)
    }

    static func report(_ records: [Representation]) -> ComplaintsReport {
        AnnualReportBuilder(year: year, calendar: .englandAndWales).build(from: records)
    }

    static func figure(_ r: ComplaintsReport, _ id: String) -> String? { r.figures.first { $0.id == id }?.display }

    @Test("Review panels: 3 requested, 2 held, 1 within 30 working days of the request")
    func panels() {
        let answered = [
            Self.stage("stage-1", "2022-04-04", [.responded: "2022-04-14"], outcome: "not-upheld"),
            Self.stage("stage-2", "2022-04-20", [.statementAgreed: "2022-04-25", .responded: "2022-05-20"]),
        ]
        // 1 June 2022 + 30 working days = 15 July 2022 (2 and 3 June were bank holidays).
        let onTime = Self.stage("stage-3", "2022-06-01", [.panelMet: "2022-07-15"])
        let late = Self.stage("stage-3", "2022-06-01", [.panelMet: "2022-07-18"])
        let waiting = Self.stage("stage-3", "2023-03-01")
        let r = Self.report([
            Self.complaint("P1", received: "2022-04-04", stages: answered + [onTime]),
            Self.complaint("P2", received: "2022-04-04", stages: answered + [late]),
            Self.complaint("P3", received: "2022-04-04", stages: answered + [waiting]),
        ])
        #expect(Self.figure(r, "panels.children-statutory.requested") == "3")
        #expect(Self.figure(r, "panels.children-statutory.held") == "2")
        #expect(Self.figure(r, "panels.children-statutory.on-time") == "1")
        #expect(Self.figure(r, "panels.children-statutory.on-time.share") == "50%")
        let table = r.sections.flatMap(\.tables).first { $0.id == "panels-children-statutory" }
        #expect(table?.basis == .happenedInPeriod)
        #expect(Self.figure(r, "panels.adults-statutory.requested") == nil, "the adults' procedure has no panel")
    }

    @Test("Causes by finding: a complaint about two things counts under each, in the column of its finding")
    func naturesByFinding() {
        let communication = Self.nature("Poor communication"), delay = Self.nature("Delay in provision of service")
        var upheld = Self.complaint(
            "N1", received: "2022-05-02",
            stages: [Self.stage("stage-1", "2022-05-02", [.responded: "2022-05-10"], outcome: "upheld")])
        upheld.records.natures = [communication, delay]
        var notUpheld = Self.complaint(
            "N2", received: "2022-05-02",
            stages: [Self.stage("stage-1", "2022-05-02", [.responded: "2022-05-10"], outcome: "not-upheld")])
        notUpheld.records.natures = [delay]
        let uncoded = Self.complaint(
            "N3", received: "2022-05-02",
            stages: [Self.stage("stage-1", "2022-05-02", [.responded: "2022-05-10"], outcome: "partly-upheld")])
        let r = Self.report([upheld, notUpheld, uncoded])
        let id = "nature-by-finding.children"
        #expect(Self.figure(r, "\(id).\(communication).upheld") == "1")
        #expect(Self.figure(r, "\(id).\(communication).not-upheld") == "0")
        #expect(Self.figure(r, "\(id).\(delay).upheld") == "1")
        #expect(Self.figure(r, "\(id).\(delay).not-upheld") == "1")
        #expect(Self.figure(r, "\(id).none.partly-upheld") == "1")
        #expect(Self.figure(r, "nature-by-finding.adults.none.upheld") == nil, "no uncoded row with nothing uncoded")
    }

    @Test("All complaints about children's social care: statutory and corporate together, with the change")
    func allAboutArea() {
        let stage = Self.stage("stage-1", "2022-05-02")
        let r = Self.report([
            Self.complaint("S1", received: "2021-05-03", stages: [stage]),
            Self.complaint("S2", received: "2022-05-03", stages: [stage]),
            Self.complaint("S3", received: "2022-06-03", stages: [stage]),
            Self.complaint("K1", procedure: BuiltInProcedures.corporate, received: "2022-07-04", stages: [stage]),
        ])
        #expect(Self.figure(r, "about.children.children-statutory.2022") == "2")
        #expect(Self.figure(r, "about.children.corporate.2022") == "1")
        #expect(Self.figure(r, "about.children.all.2021") == "1")
        #expect(Self.figure(r, "about.children.all.2022") == "3")
        #expect(Self.figure(r, "about.children.all.change") == "+200%")
        #expect(Self.figure(r, "about.adults.adults-statutory.2022") == nil, "one procedure: the total row only")
        #expect(Self.figure(r, "about.adults.all.2022") == "0")
    }

    @Test("Ombudsman decisions after every council stage, and those it took early")
    func afterEveryStage() {
        func decided(_ r: inout Representation, _ id: String) {
            var referral = OmbudsmanReferral(id: id, reference: id, councilNotifiedOn: day("2022-08-01"))
            referral.decision = .upheld
            referral.decidedOn = day("2022-10-03")
            r.records.ombudsman = [referral]
        }
        var early = Self.complaint(
            "E1", received: "2022-04-04",
            stages: [Self.stage("stage-1", "2022-04-04", [.responded: "2022-04-14"], outcome: "not-upheld")])
        decided(&early, "o1")
        var throughout = Self.complaint(
            "E2", received: "2022-04-04",
            stages: [
                Self.stage("stage-1", "2022-04-04", [.responded: "2022-04-14"], outcome: "not-upheld"),
                Self.stage("stage-2", "2022-04-20", [.statementAgreed: "2022-04-25", .responded: "2022-05-20"]),
                Self.stage("stage-3", "2022-06-01", [.panelMet: "2022-07-14", .responded: "2022-07-20"]),
            ])
        decided(&throughout, "o2")
        var adults = Self.complaint(
            "E3", .adultSocialCare, received: "2022-04-04",
            stages: [Self.stage("response", "2022-04-04", [.responded: "2022-05-04"], outcome: "upheld")])
        decided(&adults, "o3")
        let r = Self.report([early, throughout, adults])
        #expect(Self.figure(r, "lgsco.children.after-every-stage") == "1")
        #expect(Self.figure(r, "lgsco.children.after-every-stage.share") == "50%")
        #expect(Self.figure(r, "lgsco.adults.after-every-stage") == "1")
        #expect(Self.figure(r, "lgsco.adults.after-every-stage.share") == "100%")
    }
}

extension PublishedFiguresTests {
    @Test("Multi-coded services: a complaint counts under its main service and each other one; codes given are stated")
    func otherServices() throws {
        let lifecycle = Lifecycle(
            procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: day("2023-01-01"))
        let open = Self.stage("stage-1", "2022-05-02")
        var a = Self.complaint("M1", received: "2022-05-02", stages: [open])
        a.serviceCategory = "fostering"
        a = try lifecycle.apply(.codeServices(others: ["child-in-need", "fostering", "assessment"]), to: a)
        #expect(a.records.otherServices == ["child-in-need", "assessment"], "the main service is not repeated")
        #expect(throws: LifecycleError.self) { try lifecycle.apply(.codeServices(others: ["home-care"]), to: a) }
        var b = Self.complaint("M2", received: "2022-06-01", stages: [open])
        b.serviceCategory = "fostering"
        let r = Self.report([a, b])
        #expect(Self.figure(r, "service.children.fostering") == "2")
        #expect(Self.figure(r, "service.children.child-in-need") == "1")
        #expect(Self.figure(r, "service.children.fostering.share") == "100%")
        #expect(Self.figure(r, "service.children:codes") == "4")
        #expect(Self.figure(r, "service.children:total") == "2")
        let table = r.sections.flatMap(\.tables).first { $0.id == "service.children" }
        #expect(table?.notes.last?.contains("4 service codes were given for 2 complaints") == true)
        #expect(Self.figure(r, "service.adults:codes") == nil, "single-coded: no codes row")
    }
}
