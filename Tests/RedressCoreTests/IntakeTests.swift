import Testing
@testable import RedressCore

@Suite("Intake and triage")
struct IntakeTests {
    let lifecycle = Lifecycle(
        procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: date("2023-12-01"))

    func refusal(_ r: Representation, _ command: CaseCommand) -> LifecycleError? {
        do { _ = try lifecycle.apply(command, to: r); return nil } catch { return error }
    }

    func preComplaint() -> Representation {
        Representation(
            id: "p", reference: "CSC-2022-00009", kind: .preComplaint, serviceArea: .childrensSocialCare,
            procedureID: "children-statutory",
            receivedOn: date("2022-06-01"), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "child-in-need", summary: "s")
    }

    @Test(
        "a pre-complaint becomes a complaint keeping both dates; the statutory clock runs from first receipt (CSC-21)")
    func conversion() throws {
        let p = preComplaint()
        #expect(p.isOpen && p.stages.isEmpty)
        let c = try lifecycle.apply(.convertToComplaint(on: date("2022-06-08")), to: p)
        #expect(c.kind == .complaint && c.isOpen)
        #expect(
            c.records.intake.convertedFrom
                == Intake.Conversion(
                    from: .preComplaint, firstReceivedOn: date("2022-06-01"), convertedOn: date("2022-06-08")))
        #expect(c.stages[0].openedOn == date("2022-06-01") && c.stages[0].dueOn == date("2022-06-17"))
        var hampshire = BuiltInProcedures.childrenStatutory
        hampshire.clockStartsOnConversion = true
        let h = try Lifecycle(procedure: hampshire, calendar: .englandAndWales, today: date("2023-12-01")).apply(
            .convertToComplaint(on: date("2022-06-08")), to: p)
        #expect(h.stages[0].openedOn == date("2022-06-08") && h.stages[0].dueOn == date("2022-06-22"))
        #expect(
            refusal(c, .convertToComplaint(on: date("2022-06-09")))?.message
                == "Only a pre-complaint, a case concern or a service request can become a complaint")
        let closed = try lifecycle.apply(.closeWithoutComplaint(on: date("2022-06-03")), to: p)
        #expect(!closed.isOpen)
        #expect(
            refusal(closed, .convertToComplaint(on: date("2022-06-09")))?.message
                == "It is closed; it cannot become a complaint")
        #expect(
            refusal(p, .respond(on: date("2022-06-09"), outcome: "upheld"))?.message
                == "Only complaints have stages; this is a pre-complaint")
    }

    @Test("refusal with a coded reason closes the open stage and stops its clock")
    func refusalClosesTheCase() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        let refused = try lifecycle.apply(
            .refuse(reason: "court-proceedings", on: date("2022-06-06"), notifiedOn: date("2022-06-07")), to: open)
        #expect(!refused.isOpen && refused.stages[0].outcome == "refused")
        let clock = ClockEngine(calendar: .englandAndWales).deadlines(
            for: refused, procedure: BuiltInProcedures.childrenStatutory)[0]
        #expect(clock.status(on: date("2023-01-01"), calendar: .englandAndWales) == .withdrawn && !clock.isRunning)
        #expect(
            refusal(open, .refuse(reason: "bad-vibes", on: date("2022-06-06"), notifiedOn: nil))?.message
                == "Select a refusal reason from the list")
        #expect(
            refusal(open, .refuse(reason: "out-of-time", on: date("2022-06-06"), notifiedOn: date("2022-06-05")))?.field
                == "notified-on")
        #expect(
            refusal(refused, .refuse(reason: "out-of-time", on: date("2022-06-08"), notifiedOn: nil))?.message
                == "It was already refused on 6 June 2022")
    }

    @Test("the 12-month time limit: a late complaint needs the council's reason (discretion)")
    func timeLimit() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(
            refusal(open, .recordTimeLimit(matterAroseOn: date("2021-05-31"), lateAcceptedReason: nil))
                == LifecycleError(
                    "late-reason",
                    """
                    The complaint came more than 12 months after the matter arose (the limit was 31 May 2022); \
                    enter why the council will consider it, or refuse it as out of time
                    """
                ))
        #expect(
            try lifecycle.apply(.recordTimeLimit(matterAroseOn: date("2021-06-01"), lateAcceptedReason: nil), to: open)
                .records.intake.matterAroseOn == date("2021-06-01"))
        let late = try lifecycle.apply(
            .recordTimeLimit(matterAroseOn: date("2021-01-10"), lateAcceptedReason: "Complainant was in hospital"),
            to: open)
        #expect(late.records.intake.lateAcceptedReason == "Complainant was in hospital")
        #expect(
            refusal(open, .recordTimeLimit(matterAroseOn: date("2022-06-02"), lateAcceptedReason: nil))?.field == "date"
        )
    }

    @Test("eligibility, advocacy, a child's consent and joint NHS handling are recorded with checks")
    func otherTriage() throws {
        var child = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(
            refusal(child, .recordChildConsent(given: true, on: date("2022-06-02")))?.message
                == "Consent is recorded for complaints made by or for a child or young person")
        child.complainant.isChildOrYoungPerson = true
        child = try lifecycle.apply(.recordChildConsent(given: true, on: date("2022-06-02")), to: child)
        child = try lifecycle.apply(
            .recordAdvocacy(offeredOn: date("2022-06-01"), appointedOn: date("2022-06-03")), to: child)
        #expect(child.records.intake.advocateAppointedOn == date("2022-06-03"))
        #expect(
            refusal(child, .recordAdvocacy(offeredOn: date("2022-06-03"), appointedOn: date("2022-06-02")))?.field
                == "appointed-on")
        #expect(
            refusal(
                child,
                .decideEligibility(basis: "Grandparent", sufficientInterest: true, on: date("2022-06-03"), reasons: " ")
            )?.message
                == "Enter the reasons for the sufficient interest decision")
        child = try lifecycle.apply(
            .decideEligibility(
                basis: "Grandparent", sufficientInterest: true, on: date("2022-06-03"),
                reasons: "Main carer at weekends"), to: child)
        #expect(child.records.intake.eligibility?.sufficientInterest == true)
        #expect(
            refusal(child, .markJoint(partner: " ", councilLeads: true, agreedOn: date("2022-06-03")))?.field
                == "partner")
        child = try lifecycle.apply(
            .markJoint(partner: "Integrated Care Board", councilLeads: false, agreedOn: date("2022-06-03")), to: child)
        #expect(child.records.intake.joint?.councilLeads == false)
    }
}

extension IntakeTests {
    @Test("early resolution (stage 0) is recorded; when it resolves the complaint the stage closes, resolved early")
    func earlyResolution() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        let tried = try lifecycle.apply(.recordEarlyResolution(on: date("2022-06-02"), resolved: false), to: open)
        #expect(tried.isOpen && tried.records.intake.earlyResolutionResolved == false)
        #expect(
            refusal(tried, .recordEarlyResolution(on: date("2022-06-03"), resolved: true))?.message
                == "Early resolution was already recorded")
        let resolved = try lifecycle.apply(.recordEarlyResolution(on: date("2022-06-02"), resolved: true), to: open)
        #expect(
            !resolved.isOpen && resolved.stages[0].outcome == "resolved-early"
                && resolved.stages[0].respondedOn == date("2022-06-02"))
    }

    @Test("a standalone Ombudsman enquiry takes a referral and a decision")
    func ombudsmanEnquiry() throws {
        var enquiry = preComplaint()
        enquiry.kind = .ombudsmanEnquiry
        enquiry = try lifecycle.apply(
            .referToOmbudsman(
                id: "o", reference: "22 000 777", councilNotifiedOn: date("2022-06-01"), receivedByOmbudsmanOn: nil),
            to: enquiry)
        enquiry = try lifecycle.apply(
            .recordOmbudsmanDecision(
                referral: "o", decision: .closedAfterInitialEnquiries, decidedOn: date("2022-07-01"), faultFound: nil,
                injusticeFound: nil, satisfactoryRemedyByCouncil: false), to: enquiry)
        #expect(enquiry.records.ombudsman[0].decision?.letterGroup == .assessedAndClosed)
        #expect(
            refusal(enquiry, .respond(on: date("2022-07-02"), outcome: "upheld"))?.message
                == "Only complaints have stages; this is a ombudsman enquiry")
    }

    @Test("adults: the six-month letter is a recorded step; pause-adjusted durations remove paused working days")
    func delayLetterAndPauses() throws {
        let adults = Lifecycle(
            procedure: BuiltInProcedures.adultsStatutory, calendar: .englandAndWales, today: date("2023-12-01"))
        var r = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19")
        r = try adults.apply(.record(.delayNotified, on: date("2023-06-20")), to: r)
        r = try adults.apply(.pause(.proceedings, from: date("2023-07-03")), to: r)
        r = try adults.apply(.resume(on: date("2023-07-10")), to: r)
        r = try adults.apply(.respond(on: date("2023-07-20"), outcome: "partly-upheld"), to: r)
        #expect(r.stages[0].date(of: .delayNotified) == date("2023-06-20"))
        #expect(r.stages[0].pausedWorkingDays(until: date("2023-07-20"), calendar: .englandAndWales) == 5)
        let raw = WorkingDayCalendar.englandAndWales.workingDays(from: r.receivedOn, to: date("2023-07-20"))
        #expect(raw == 145)  // checked independently against the GOV.UK feed
    }
}
