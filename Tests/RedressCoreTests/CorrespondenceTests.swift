import Foundation
import Testing
@testable import RedressCore

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

private func complaint(_ id: String, stages: [Stage], remedies: [OmbudsmanRemedy] = []) -> Representation {
    var r = Representation(
        id: id, reference: id, kind: .complaint, serviceArea: .childrensSocialCare,
        procedureID: BuiltInProcedures.childrenStatutory.id,
        receivedOn: stages.first?.openedOn ?? day("2021-12-01"), methodOfReceipt: "email",
        complainant: Complainant(relationship: "parent"),
        serviceCategory: "fostering", summary: "s", stages: stages)
    if !remedies.isEmpty {
        var referral = OmbudsmanReferral(
            id: "\(id)-o", reference: "21 000 \(id)", councilNotifiedOn: day("2021-10-01"), councilFinding: "not-upheld"
        )
        referral.decision = .upheld
        referral.decidedOn = day("2021-11-01")
        referral.remedies = remedies
        r.records.ombudsman = [referral]
    }
    return r
}

@Suite("Reminders")
struct RemindersTests {
    /// Thursday 23 December 2021, with 3 working days as "due soon". Christmas Day and Boxing Day
    /// fell at the weekend, so the bank holidays were Monday 27 and Tuesday 28 December, and
    /// New Year's Day's was Monday 3 January (checked against the GOV.UK feed).
    @Test("the right stages for a fixed today across the Christmas bank holidays, to the right people")
    func selection() throws {
        let today = day("2021-12-23")
        var x = Stage(key: "stage-1", openedOn: day("2021-12-14"), dueOn: day("2021-12-29"))
        x.appointments = [Appointment(role: .respondingManager, personID: "rm-1", appointedOn: day("2021-12-14"))]
        let y = Stage(key: "stage-1", openedOn: day("2021-12-20"), dueOn: day("2022-01-05"))
        let z = Stage(key: "stage-1", openedOn: day("2021-12-01"), dueOn: day("2021-12-15"))
        var answered = Stage(key: "stage-1", openedOn: day("2021-12-01"), dueOn: day("2021-12-15"))
        answered.milestones[.responded] = day("2021-12-14")
        let waiting = Stage(key: "stage-2", openedOn: day("2021-12-20"))
        let cases = [
            complaint("X", stages: [x]), complaint("Y", stages: [y]), complaint("Z", stages: [z]),
            complaint("W", stages: [answered, waiting]),
            complaint(
                "R", stages: [answered],
                remedies: [
                    OmbudsmanRemedy(id: "soon", kind: .apology, description: "Apologise", dueOn: day("2022-01-04")),
                    OmbudsmanRemedy(
                        id: "later", kind: .payment, description: "Pay", amountPence: 10_000, dueOn: day("2022-01-10")),
                ]),
        ]
        let digests = Reminders.digests(
            cases: cases, procedures: BuiltInProcedures.all, calendar: .englandAndWales, today: today,
            settings: ReminderSettings(dueWithinWorkingDays: 3))
        #expect(digests.map(\.recipient) == [.person("rm-1"), .complaintsTeam])
        let manager = try #require(digests.first)
        #expect(
            manager.items.map(\.reference) == ["X"] && manager.items.first?.kind == .dueSoon,
            "due 29 December: 2 working days away across the bank holidays (a count ignoring them would say 4)")
        let team = try #require(digests.last)
        #expect(team.items.filter { $0.kind == .overdue }.map(\.reference) == ["Z"])
        #expect(!team.items.contains { $0.reference == "Y" }, "due 5 January: 6 working days away")
        #expect(team.items.filter { $0.kind == .unallocated }.map(\.reference) == ["W"])
        #expect(
            team.items.filter { $0.kind == .remedy }.map(\.what) == ["21 000 R: apology — Apologise"],
            "4 January is 5 working days away; 10 January is not")
        let (subject, body) = team.message(today: today)
        #expect(subject == "Complaints reminders for 23 December 2021: 3 items, 1 overdue")
        #expect(body.contains("Overdue (1)\n- Z: Stage 1 response, due 15 December 2021"))
        let none = Reminders.digests(
            cases: cases, procedures: BuiltInProcedures.all, calendar: .englandAndWales, today: today,
            settings: ReminderSettings(dueWithinWorkingDays: 1))
        #expect(none.first { $0.recipient == .person("rm-1") } == nil, "1 working day ahead does not reach 29 December")
    }
}

@Suite("Letters and the public form")
struct LettersAndFormsTests {
    @Test(
        """
        templates name each unknown or unclosed merge field by line; rendering fills the case and marks what is \
        missing
        """
    )
    func templates() {
        #expect(
            LetterTemplate.problems(in: "Dear {{complainant_name}}\n\nYour {{referense}} and {{date") == [
                "Line 3: {{referense}} is not a merge field; use one of the fields listed",
                "Line 3: a merge field is not closed with }}",
            ])
        #expect(LetterTemplate.problems(in: "  \n") == ["The letter is empty: enter its text"])
        for standard in LetterTemplate.standard {
            #expect(LetterTemplate.problems(in: standard.body).isEmpty, "\(standard.key)")
        }
        var r = complaint(
            "CS-2021-00007", stages: [Stage(key: "stage-1", openedOn: day("2021-12-20"), dueOn: day("2022-01-06"))])
        r.complainant.name = "Sam Parent"
        let values = LetterTemplate.values(
            for: r, procedure: BuiltInProcedures.childrenStatutory, reference: .defaults, calendar: .englandAndWales,
            today: day("2021-12-21"),
            council: CouncilIdentity(name: "Anyshire County Council", address: "County Hall\nAnytown AN1 1AA"),
            signedBy: "Olu Officer")
        let letter = LetterTemplate.standard[0].render(values)
        #expect(letter.contains("Dear Sam Parent") && letter.contains("reference CS-2021-00007"))
        #expect(
            letter.hasPrefix("Anyshire County Council\nCounty Hall\nAnytown AN1 1AA\n\nSam Parent\n\n21 December 2021"),
            "the letterhead, and the address block without the contact details nobody recorded")
        #expect(letter.contains("under stage 1 (local resolution) of our complaints procedure"))
        #expect(LetterTemplate.inSentence("Investigation and response") == "the investigation and response stage")
        #expect(LetterTemplate.inSentence("Stage 2") == "stage 2")
        #expect(letter.contains("received on 20 December 2021") && letter.contains("respond by 6 January 2022"))
        #expect(letter.hasSuffix("Olu Officer\nAnyshire County Council"))
        #expect(
            LetterTemplate(key: "k", name: "n", body: "Finding: {{outcome}}").render(values)
                == "Finding: [not recorded: outcome]")
        // The Code: an extension letter gives the reason and the Ombudsman's details.
        r.stages[0].extensions = [
            Extension(
                clockKey: "stage-1-response", agreedOn: day("2021-12-21"), newDueOn: day("2022-01-20"),
                reason: "we are waiting for the foster carer's account")
        ]
        let extended = LetterTemplate.values(
            for: r, procedure: BuiltInProcedures.childrenStatutory, reference: .defaults, calendar: .englandAndWales,
            today: day("2021-12-21"), council: CouncilIdentity(name: "Anyshire County Council"), signedBy: "Olu Officer"
        )
        let longer = LetterTemplate.standard.first { $0.key == "extension" }!.render(extended)
        #expect(longer.contains("because: we are waiting for the foster carer's account."))
        #expect(longer.contains("you can contact the Local Government and Social Care Ombudsman, www.lgo.org.uk"))
    }

    @Test("each page of the form checks its own answers, in plain words on the young people's form")
    func formPages() {
        let empty = FeedbackAnswers([:])
        #expect(
            empty.problems(on: .kind, young: false).map(\.message) == [
                "Select whether you want to make a complaint, pay a compliment or make a comment"
            ])
        #expect(empty.problems(on: .kind, young: true).map(\.message) == ["Choose what you want to tell us"])
        let complaint = FeedbackAnswers(["kind": "complaint", "email": "not an address", "phone": "123"])
        let fields = complaint.problems(on: .aboutYou, young: true).map(\.field)
        #expect(fields == ["name", "email", "phone", "on-behalf-of", "advocate"])
        let compliment = FeedbackAnswers(["kind": "compliment"])
        #expect(compliment.problems(on: .aboutYou, young: false).isEmpty, "a compliment can be anonymous")
        #expect(
            FeedbackAnswers(["details": String(repeating: "x", count: 5_001)]).problems(on: .details, young: false)
                .first?.message == "What happened must be 5000 characters or fewer")
        #expect(empty.problems(on: .check, young: false).map(\.field) == ["consent"])
        let answers = FeedbackAnswers([
            "kind": "complaint", "service": "children", "details": "No visit", "name": "Jo", "email": "jo@example.org",
            "on-behalf-of": "self", "advocate": "yes", "ethnicity": "white-irish", "gender": "made-up",
        ])
        let s = answers.submission(
            id: "1", reference: "WEB-2021-00001", on: day("2021-12-20"), young: true, equalityCodes: .defaults)
        #expect(
            s.kind == .complaint && s.serviceArea == .childrensSocialCare && s.wantsAdvocate == true && s.youngPerson)
        #expect(s.equality == EqualityMonitoring(ethnicity: "white-irish"), "an unknown code is not stated")
        #expect(s.whatHappensNext().contains { $0.contains("10 working days") })
        #expect(
            FeedbackAnswers(["kind": "comment"]).submission(
                id: "2", reference: "r", on: day("2021-12-20"), young: false, equalityCodes: .defaults
            ).equality == nil)
    }
}
