import Testing
@testable import RedressCore

@Suite("Recording a complaint: validation")
struct NewComplaintTests {
    let today = date("2022-06-10")

    func valid() -> NewComplaintInput {
        var input = NewComplaintInput()
        input.serviceArea = "children"
        input.receivedDay = "1"; input.receivedMonth = "6"; input.receivedYear = "2022"
        input.methodOfReceipt = "email"
        input.relationship = "parent"
        input.childOrYoungPerson = "no"
        input.serviceCategory = "child-in-need"
        input.summary = "Worker did not return calls."
        return input
    }

    func errors(_ input: NewComplaintInput) -> [FieldError] {
        switch NewComplaint.validate(input, reference: .defaults, procedures: BuiltInProcedures.all, today: today) {
        case .success: return []
        case .failure(let e): return e.errors
        }
    }

    @Test("valid input becomes a command on the area's statutory procedure")
    func validInput() throws {
        let result = NewComplaint.validate(
            valid(), reference: .defaults, procedures: BuiltInProcedures.all, today: today)
        let command = try result.get()
        #expect(command.procedure.id == "children-statutory")
        #expect(command.receivedOn == date("2022-06-01"))
        #expect(command.complainant == Complainant(relationship: "parent", isChildOrYoungPerson: false, advocate: nil))
    }

    @Test(
        "dates: missing, partial, impossible, future, short year",
        arguments: [
            ("", "", "", "received-day", "Enter the date the complaint was received"),
            ("1", "", "2022", "received-month", "Date the complaint was received must include a month"),
            ("", "", "2022", "received-day", "Date the complaint was received must include a day and month"),
            ("31", "4", "2022", "received-day", "Date the complaint was received must be a real date"),
            ("x", "4", "2022", "received-day", "Date the complaint was received must be a real date"),
            ("11", "6", "2022", "received-day", "Date the complaint was received must be today or in the past"),
            ("1", "6", "22", "received-year", "Year must include 4 numbers"),
        ])
    func dates(day: String, month: String, year: String, field: String, message: String) {
        var input = valid()
        input.receivedDay = day; input.receivedMonth = month; input.receivedYear = year
        #expect(errors(input) == [FieldError(field: field, message: message)])
    }

    @Test("unknown codes are refused, and the service must belong to the chosen area")
    func unknownCodes() {
        var input = valid()
        input.serviceArea = "housing"
        input.methodOfReceipt = "pigeon"
        input.serviceCategory = "support-planning"  // an adults' service
        // With no valid area, any listed service is accepted; the area error is the one to fix.
        #expect(errors(input).map(\.field) == ["service-area", "method"])
        input.serviceArea = "children"
        #expect(
            errors(input).map(\.message) == [
                "Select how the complaint was received from the list",
                "Select a service from the children's social care list",
            ])
    }

    @Test("an empty form lists every required field in form order")
    func emptyForm() {
        #expect(
            errors(NewComplaintInput()).map(\.field) == [
                "service-area", "received-day", "method", "relationship", "child-or-young-person", "service-category",
                "summary",
            ])
    }

    @Test("code lists: codes are stable slugs and every list is seeded")
    func referenceData() {
        #expect(Category.code(for: "Direct payments / personal budgets") == "direct-payments-personal-budgets")
        #expect(Category.code(for: "Reablement & rehabilitation") == "reablement-and-rehabilitation")
        for list in CategoryList.allCases { #expect(!ReferenceData.defaults.active(list).isEmpty, "\(list)") }
        let all = ReferenceData.defaults.categories
        #expect(Set(all.map { "\($0.list.rawValue)/\($0.group ?? "")/\($0.code)" }).count == all.count)
    }
}

@Suite("Demo council")
struct DemoCouncilTests {
    @Test("is deterministic and has the reference reports' mixes")
    func demo() {
        let today = date("2026-11-21")
        let a = DemoCouncil(today: today).representations()
        let b = DemoCouncil(today: today).representations()
        #expect(a == b)
        let year = FinancialYear(startYear: 2024)
        let figures = FirstFigures.compute(year: year, representations: a, calendar: .englandAndWales)
        let adults = figures.received.rows.first { $0.area == .adultSocialCare }!
        #expect((420...500).contains(adults.complaints))
        #expect((580...700).contains(adults.compliments))
        let children = figures.stageOne[0]
        let within = Double(children.withinTen.count) / Double(children.total)
        #expect((0.40...0.58).contains(within))
        #expect(a.contains { $0.isOpen && $0.receivedOn > date("2026-10-01") })
        #expect(a.allSatisfy { $0.receivedOn <= today && !$0.reference.isEmpty })
        #expect(Set(a.map(\.reference)).count == a.count)
    }
}

extension DemoCouncilTests {
    @Test(
        """
        uses every procedure, stage, outcome, pool, cost heading and Ombudsman decision, with late remedies and a \
        public report
        """
    )
    func demoUsesEverything() {
        let all = DemoCouncil(today: date("2026-11-21")).representations()
        let complaints = all.filter { $0.kind == .complaint }
        #expect(Set(complaints.compactMap(\.procedureID)) == Set(BuiltInProcedures.all.map(\.id)))
        let stageKeys = Set(complaints.flatMap { r in r.stages.map { "\(r.procedureID!)/\($0.key)" } })
        let expectedStages = Set(BuiltInProcedures.all.flatMap { p in p.stages.map { "\(p.id)/\($0.key)" } })
        #expect(stageKeys == expectedStages)
        let outcomes = Set(complaints.flatMap { $0.stages.compactMap(\.outcome) })
        for code in [
            "upheld", "partly-upheld", "not-upheld", "no-finding", "resolved-early", "signposted", "withdrawn",
        ] {
            #expect(outcomes.contains(code), "\(code)")
        }
        let roles = Set(complaints.flatMap { $0.stages.flatMap { $0.appointments.map(\.role) } })
        #expect(roles == [.investigatingOfficer, .independentPerson, .adjudicator, .panelChair, .panelMember])
        let headings = Set(complaints.flatMap { $0.records.costs.map(\.heading) })
        #expect(
            headings.isSuperset(of: [
                .investigatingOfficer, .independentPerson, .panel, .financialRedress, .ombudsmanSettlement,
            ]))
        let referrals = complaints.flatMap(\.records.ombudsman)
        #expect(Set(referrals.compactMap(\.decision)) == Set(OmbudsmanDecision.allCases))
        #expect(referrals.flatMap(\.remedies).contains { $0.isLate })
        #expect(referrals.contains { $0.publicReport != nil })
        #expect(referrals.contains { $0.councilHadUpheld } && referrals.contains { !$0.councilHadUpheld })
        #expect(complaints.contains { !$0.records.learning.isEmpty })
        #expect(Set(complaints.flatMap { $0.records.actions.map(\.kind) }) == Set(ServiceAction.Kind.allCases))
        #expect(complaints.contains { $0.records.actions.contains { $0.isOverdue(on: date("2026-11-21")) } })
        #expect(
            complaints.filter { !$0.isOpen && $0.records.intake.refusal == nil }.allSatisfy {
                !$0.records.natures.isEmpty || $0.receivedOn > date("2026-10-01")
            })
        // Triage: every kind, conversions keeping both dates, coded refusals, joint NHS complaints, advocacy and consent.
        #expect(
            Set(all.map(\.kind))
                == Set(RepresentationKind.allCases.filter { !$0.canBecomeComplaint }).union([
                    .preComplaint, .caseConcern, .serviceRequest,
                ]))
        // Both dates kept: a pre-complaint's complaint is received when it was; a service request's
        // when it was made a complaint.
        let converted = complaints.filter { $0.records.intake.convertedFrom != nil }
        #expect(
            converted.count > 50
                && converted.allSatisfy {
                    let c = $0.records.intake.convertedFrom!
                    return $0.receivedOn == (c.from == .serviceRequest ? c.convertedOn : c.firstReceivedOn)
                })
        #expect(converted.contains { $0.records.intake.convertedFrom!.from == .serviceRequest })
        let refusals = complaints.compactMap(\.records.intake.refusal)
        #expect(Set(refusals.map(\.reason)).count >= 6)
        let refusalRate = Double(refusals.count) / Double(complaints.count)
        #expect((0.04...0.10).contains(refusalRate))
        #expect(complaints.contains { $0.records.intake.joint != nil })
        #expect(
            complaints.contains {
                $0.records.intake.advocateAppointedOn != nil && $0.records.intake.childConsent?.given == true
            })
        #expect(complaints.contains { $0.records.intake.lateAcceptedReason != nil })
        #expect(
            all.filter { $0.kind == .compliment }.allSatisfy {
                $0.records.publicationQuote != nil && $0.records.team != nil
            })
        #expect(all.contains { $0.kind == .compliment } && all.contains { $0.kind == .comment })
        let rate = Double(referrals.count) / Double(complaints.count)
        #expect((0.04...0.12).contains(rate))
    }
}

extension DemoCouncilTests {
    /// `serve --demo` generates for the real today; every step must be valid whatever that is.
    @Test(
        "generates a valid council for any today (every step passes the lifecycle's checks)",
        arguments: [
            "2025-01-02", "2025-04-18", "2025-12-24", "2026-03-31", "2026-05-26", "2026-08-31", "2027-01-04",
            "2027-06-30",
        ])
    func anyToday(today: String) {
        let cases = DemoCouncil(seed: 7, today: date(today)).cases()
        #expect(cases.allSatisfy { $0.representation.receivedOn <= date(today) })
        #expect(cases.contains { $0.representation.isOpen })
    }
}
