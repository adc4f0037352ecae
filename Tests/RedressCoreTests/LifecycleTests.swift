import Testing
@testable import RedressCore

/// Transitions allowed and forbidden, with the message a person sees.
@Suite("Complaint lifecycle")
struct LifecycleTests {
    static let people = PeopleDirectory([
        Person(
            id: "io-1", name: "Ines Officer", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true,
            worksIn: ["fostering"]),
        Person(
            id: "io-cin", name: "Carl Needham", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true,
            worksIn: ["assessment"]),
        Person(
            id: "ip-1", name: "Ida Person", organisation: "Independent", roles: [.independentPerson, .panelMember],
            isCouncilOfficerOrMember: false),
        Person(id: "ip-council", name: "Colin Council", roles: [.independentPerson], isCouncilOfficerOrMember: true),
        Person(id: "p-1", name: "Pat Chair", roles: [.panelMember], isCouncilOfficerOrMember: false),
        Person(id: "p-2", name: "Penny Member", roles: [.panelMember], isCouncilOfficerOrMember: false),
        Person(id: "p-3", name: "Priya Member", roles: [.panelMember], isCouncilOfficerOrMember: false),
        Person(id: "p-council", name: "Cllr Bloggs", roles: [.panelMember], isCouncilOfficerOrMember: true),
        Person(
            id: "away", name: "Away Investigator", roles: [.investigatingOfficer], isCouncilOfficerOrMember: false,
            isAvailable: false),
    ])
    let children = Lifecycle(
        procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: date("2023-12-01"),
        people: Self.people)

    /// Appoints the Investigating Officer and Independent Person: the stage becomes allocated.
    func allocate(on day: String) -> [CaseCommand] {
        [
            .appoint(.investigatingOfficer, personID: "io-1", on: date(day)),
            .appoint(.independentPerson, personID: "ip-1", on: date(day)),
        ]
    }

    func panel(on day: String) -> [CaseCommand] {
        [
            .appoint(.panelChair, personID: "p-1", on: date(day)),
            .appoint(.panelMember, personID: "p-2", on: date(day)),
            .appoint(.panelMember, personID: "p-3", on: date(day)),
        ]
    }
    let adults = Lifecycle(
        procedure: BuiltInProcedures.adultsStatutory, calendar: .englandAndWales, today: date("2023-12-01"))
    let corporate = Lifecycle(
        procedure: BuiltInProcedures.corporate, calendar: .englandAndWales, today: date("2023-12-01"))

    func run(_ lifecycle: Lifecycle, _ r: Representation, _ commands: [CaseCommand]) throws -> Representation {
        var r = r
        for command in commands { r = try lifecycle.apply(command, to: r) }
        return r
    }

    func refusal(_ lifecycle: Lifecycle, _ r: Representation, _ command: CaseCommand) -> LifecycleError? {
        do {
            _ = try lifecycle.apply(command, to: r)
            return nil
        } catch {
            return error
        }
    }

    /// Stage 1 answered on 28 June 2022 after an extension.
    func stageOneAnswered() throws -> Representation {
        try run(
            children, complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01"),
            [
                .record(.acknowledged, on: date("2022-06-06")),
                .extend(
                    clock: "stage-1-response", agreedOn: date("2022-06-10"), to: date("2022-07-01"),
                    reason: "Advocate needed", complainantInformedOn: date("2022-06-10")),
                .respond(on: date("2022-06-28"), outcome: "partly-upheld"),
            ])
    }

    @Test("a children's complaint goes through all three stages, each a record with its own clocks")
    func childrenEndToEnd() throws {
        var r = try stageOneAnswered()
        #expect(!r.isOpen && r.closedAtStage == "stage-1")
        r = try run(
            children, r,
            [
                .escalate(requestedOn: date("2022-07-12"), lateReason: nil),
                .record(.acknowledged, on: date("2022-07-13")),
            ] + allocate(on: "2022-07-20") + [
                .record(.statementAgreed, on: date("2022-08-01"))
            ])
        #expect(r.isOpen && r.stages.count == 2)
        #expect(r.stages[1].dueOn == date("2022-09-06"))  // 25 wd after 1 Aug: skips the 29 Aug holiday
        r = try run(
            children, r,
            [
                .extend(
                    clock: "stage-2-response", agreedOn: date("2022-08-30"), to: date("2022-10-31"),
                    reason: "Health records awaited", complainantInformedOn: date("2022-08-31")),
                .record(.reportsReceived, on: date("2022-10-20")),
                .respond(on: date("2022-10-27"), outcome: "upheld"),
                .escalate(requestedOn: date("2022-11-10"), lateReason: nil),
            ] + panel(on: "2022-11-21") + [
                .record(.panelMet, on: date("2022-12-20")),
                .record(.panelReported, on: date("2022-12-23")),
                .respond(on: date("2023-01-13"), outcome: "upheld"),
            ])
        #expect(!r.isOpen && r.closedAtStage == "stage-3" && r.stages.count == 3)
        let deadlines = ClockEngine(calendar: .englandAndWales).deadlines(
            for: r, procedure: BuiltInProcedures.childrenStatutory)
        #expect(
            deadlines.map(\.clockKey) == [
                "stage-1-response", "stage-2-response", "panel-meeting", "panel-report", "stage-3-response",
            ])
        #expect(deadlines.allSatisfy { !$0.isRunning })
        #expect(deadlines[1].dueOn == date("2022-10-31"))
        #expect(
            deadlines[2].status(on: date("2023-12-01"), calendar: .englandAndWales)
                == .met(workingDaysTaken: 28, isLate: false))
        #expect(
            refusal(children, r, .escalate(requestedOn: date("2023-01-20"), lateReason: nil))?.message
                == """
                    Stage 3: review panel is the last stage; the complainant may now go to the Local Government and \
                    Social Care Ombudsman
                    """
        )
    }

    @Test("stage 3 cannot start before stage 2 is adjudicated, nor stage 2 before stage 1 is answered")
    func outOfOrderStages() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(
            refusal(children, open, .escalate(requestedOn: date("2022-06-10"), lateReason: nil))?.message
                == """
                    Stage 2: investigation cannot start before “Stage 1 response sent” is recorded for stage 1: local \
                    resolution
                    """
        )
        let inStageTwo = try run(
            children, try stageOneAnswered(), [.escalate(requestedOn: date("2022-07-12"), lateReason: nil)])
        #expect(
            refusal(children, inStageTwo, .escalate(requestedOn: date("2022-08-10"), lateReason: nil))?.message
                == """
                    Stage 3: review panel cannot start before “Adjudication sent” is recorded for stage 2: \
                    investigation
                    """
        )
    }

    @Test("steps within a stage happen in order, on real dates, not in the future")
    func milestoneOrder() throws {
        let stageTwo = try run(
            children, try stageOneAnswered(), [.escalate(requestedOn: date("2022-07-12"), lateReason: nil)])
        #expect(
            refusal(children, stageTwo, .record(.reportsReceived, on: date("2022-08-01")))?.message
                == """
                    Record “Investigating Officer and Independent Person appointed” before “Investigation reports \
                    received”
                    """
        )
        #expect(
            refusal(children, stageTwo, .respond(on: date("2022-08-01"), outcome: "upheld"))?.message
                == "Record “Investigating Officer and Independent Person appointed” before “Adjudication sent”")
        let allocated = try run(children, stageTwo, allocate(on: "2022-07-20"))
        #expect(allocated.stages[1].date(of: .allocated) == date("2022-07-20"))
        #expect(
            refusal(children, allocated, .record(.statementAgreed, on: date("2022-07-19")))
                == LifecycleError("date", "Statement of complaint agreed cannot be before 20 July 2022"))
        #expect(
            refusal(children, allocated, .record(.statementAgreed, on: date("2023-12-02")))
                == LifecycleError("date", "Statement of complaint agreed must be today or in the past"))
        #expect(
            refusal(children, allocated, .record(.allocated, on: date("2022-07-21")))?.message
                == "The stage is allocated when both the Investigating Officer and the Independent Person are appointed"
        )
        #expect(
            refusal(children, allocated, .appoint(.investigatingOfficer, personID: "io-cin", on: date("2022-07-21")))?
                .message
                == "Ines Officer is already the Investigating Officer; correct the appointment instead")
        #expect(
            refusal(children, allocated, .record(.panelMet, on: date("2022-07-21")))?.message
                == "Stage 2: investigation has no step \"Review panel met\"")
        #expect(refusal(children, allocated, .respond(on: date("2022-07-21"), outcome: ""))?.field == "outcome")
    }

    @Test("extensions: within the maximum, with a reason, and only where the procedure allows one")
    func extensions() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(
            refusal(
                children, open,
                .extend(
                    clock: "stage-1-response", agreedOn: date("2022-06-10"), to: date("2022-07-04"), reason: "x",
                    complainantInformedOn: nil))
                == LifecycleError(
                    "to",
                    """
                        An extension cannot take stage 1 response past 20 working days from 1 June 2022, which is 1 \
                        July 2022
                        """
                ))
        #expect(
            refusal(
                children, open,
                .extend(
                    clock: "stage-1-response", agreedOn: date("2022-06-10"), to: date("2022-06-30"), reason: "  ",
                    complainantInformedOn: nil))
                == LifecycleError("reason", "Enter the reason for the extension"))
        #expect(
            refusal(
                children, open,
                .extend(
                    clock: "stage-1-response", agreedOn: date("2022-06-10"), to: date("2022-06-16"), reason: "x",
                    complainantInformedOn: nil))?.field == "to")
        #expect(
            refusal(
                children, open,
                .extend(
                    clock: "stage-1-response", agreedOn: date("2022-06-10"), to: date("2022-06-30"), reason: "x",
                    complainantInformedOn: date("2022-06-09")))?.field == "informed-on")

        var stageTwo = try run(
            children, try stageOneAnswered(),
            [
                .escalate(requestedOn: date("2022-07-12"), lateReason: nil)
            ] + allocate(on: "2022-07-20"))
        #expect(
            refusal(
                children, stageTwo,
                .extend(
                    clock: "stage-2-response", agreedOn: date("2022-07-25"), to: date("2022-10-01"), reason: "x",
                    complainantInformedOn: nil))?.message
                == "Stage 2 adjudication has not started yet")
        stageTwo = try children.apply(.record(.statementAgreed, on: date("2022-08-01")), to: stageTwo)
        #expect(
            refusal(
                children, stageTwo,
                .extend(
                    clock: "stage-2-response", agreedOn: date("2022-08-30"), to: date("2022-11-03"), reason: "x",
                    complainantInformedOn: nil))
                == LifecycleError(
                    "to",
                    """
                        An extension cannot take stage 2 adjudication past 65 working days from 1 August 2022, which \
                        is 2 November 2022
                        """
                ))

        let panel = try run(
            children, try stageOneAnswered(),
            [
                .escalate(requestedOn: date("2022-07-12"), lateReason: nil)
            ] + allocate(on: "2022-07-20") + [
                .record(.statementAgreed, on: date("2022-08-01")), .record(.reportsReceived, on: date("2022-08-20")),
                .respond(on: date("2022-08-25"), outcome: "not-upheld"),
                .escalate(requestedOn: date("2022-09-01"), lateReason: nil),
            ])
        #expect(
            refusal(
                children, panel,
                .extend(
                    clock: "panel-meeting", agreedOn: date("2022-09-05"), to: date("2022-11-01"), reason: "x",
                    complainantInformedOn: nil))?.message
                == "Review panel meets cannot be extended: the procedure sets no extension")
    }

    @Test("a request after the 20 working-day window needs the council's reason; with it, the stage opens")
    func lateRequest() throws {
        let answered = try stageOneAnswered()  // window: 20 wd after 28 June 2022 ends 26 July 2022
        #expect(
            refusal(children, answered, .escalate(requestedOn: date("2022-07-27"), lateReason: nil))
                == LifecycleError(
                    "late-reason",
                    """
                        The request came after the 20 working days that ended on 26 July 2022; enter why the council \
                        accepts it
                        """
                ))
        let accepted = try children.apply(
            .escalate(requestedOn: date("2022-07-27"), lateReason: "Complainant was in hospital"), to: answered)
        #expect(accepted.stages[1].lateRequestReason == "Complainant was in hospital")
        #expect(
            try children.apply(.escalate(requestedOn: date("2022-07-26"), lateReason: nil), to: answered).stages.count
                == 2)
        #expect(
            refusal(children, answered, .escalate(requestedOn: date("2022-06-27"), lateReason: nil))?.field == "date")
    }

    @Test("a stage 1 past 20 working days without a response can go to stage 2 (CSC-23), not before")
    func overrunEscalation() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")  // 20 wd: 1 July 2022
        #expect(refusal(children, open, .escalate(requestedOn: date("2022-07-01"), lateReason: nil)) != nil)
        let escalated = try children.apply(.escalate(requestedOn: date("2022-07-04"), lateReason: nil), to: open)
        #expect(escalated.stages[0].escalatedUnansweredOn == date("2022-07-04"))
        #expect(escalated.stages[0].outcome == "escalated-unanswered")
        #expect(!escalated.stages[0].isOpen && escalated.stages[1].isOpen)
    }

    @Test("withdrawal closes the case; a closed case takes no more steps until escalated")
    func withdrawal() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        let withdrawn = try children.apply(.withdraw(on: date("2022-06-08")), to: open)
        #expect(!withdrawn.isOpen && withdrawn.stages[0].outcome == "withdrawn")
        #expect(
            refusal(children, withdrawn, .escalate(requestedOn: date("2022-06-20"), lateReason: nil))?.message
                == "The complaint was withdrawn; it cannot be escalated")
        #expect(
            refusal(children, withdrawn, .respond(on: date("2022-06-20"), outcome: "upheld"))?.message
                == """
                    This complaint is closed (Stage 1: local resolution). Escalate it to the next stage, or correct \
                    the closure
                    """
        )
        let answered = try stageOneAnswered()
        #expect(refusal(children, answered, .record(.acknowledged, on: date("2022-06-29")))?.field == "stage")
    }

    @Test("pauses are recorded and closed, one at a time; deadlines do not move")
    func pauses() throws {
        let open = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        let paused = try children.apply(.pause(.proceedings, from: date("2022-06-06")), to: open)
        #expect(
            refusal(children, paused, .pause(.awaitingConsent, from: date("2022-06-07")))?.message
                == "The stage is already paused since 6 June 2022")
        #expect(refusal(children, open, .resume(on: date("2022-06-07")))?.message == "The stage is not paused")
        #expect(refusal(children, paused, .resume(on: date("2022-06-03")))?.field == "date")
        let resumed = try children.apply(.resume(on: date("2022-06-13")), to: paused)
        #expect(
            resumed.stages[0].pauses == [
                Pause(reason: .proceedings, from: date("2022-06-06"), until: date("2022-06-13"))
            ])
        #expect(resumed.stages[0].dueOn == date("2022-06-17"))
    }

    @Test("adults: one stage; the agreed date changes only with a reason; a longer period only before six months end")
    func adultsRules() throws {
        let open = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19")
        let agreed = try run(
            adults, open,
            [
                .record(.acknowledged, on: date("2022-12-21")),
                .extend(
                    clock: "agreed-response", agreedOn: date("2022-12-21"), to: date("2023-02-10"), reason: "",
                    complainantInformedOn: nil),
            ])
        #expect(
            refusal(
                adults, agreed,
                .extend(
                    clock: "agreed-response", agreedOn: date("2023-02-01"), to: date("2023-03-10"), reason: "",
                    complainantInformedOn: nil))
                == LifecycleError("reason", "Enter why the agreed response date is changing"))
        #expect(
            refusal(
                adults, agreed,
                .extend(
                    clock: "relevant-period", agreedOn: date("2023-06-19"), to: date("2023-08-31"), reason: "x",
                    complainantInformedOn: nil))
                == LifecycleError(
                    "agreed-on",
                    "A longer period must be agreed before the six-month relevant period ends on 18 June 2023"))
        let longer = try adults.apply(
            .extend(
                clock: "relevant-period", agreedOn: date("2023-06-01"), to: date("2023-08-31"),
                reason: "Complex safeguarding enquiry", complainantInformedOn: nil), to: agreed)
        let period = ClockEngine(calendar: .englandAndWales).deadlines(
            for: longer, procedure: BuiltInProcedures.adultsStatutory)[2]
        #expect(period.dueOn == date("2023-08-31"))
        let answered = try adults.apply(.respond(on: date("2023-07-03"), outcome: "upheld"), to: agreed)
        let late = ClockEngine(calendar: .englandAndWales).deadlines(
            for: answered, procedure: BuiltInProcedures.adultsStatutory)
        #expect(
            late[2].status(on: date("2023-12-01"), calendar: .englandAndWales)
                == .met(workingDaysTaken: 132, isLate: true))
        #expect(
            refusal(adults, answered, .escalate(requestedOn: date("2023-07-10"), lateReason: nil))?.message
                == """
                    Adult social care statutory complaints have a single stage; after the response the complainant \
                    may go to the Local Government and Social Care Ombudsman
                    """
        )
    }

    @Test("corporate: both stages, each acknowledged and answered on the Code's timescales")
    func corporateTwoStages() throws {
        let r = try run(
            corporate, complaint(BuiltInProcedures.corporate, received: "2023-04-28"),
            [
                .record(.acknowledged, on: date("2023-05-02")), .respond(on: date("2023-05-16"), outcome: "not-upheld"),
                .escalate(requestedOn: date("2023-05-30"), lateReason: nil),
                .record(.acknowledged, on: date("2023-06-02")),
                .respond(on: date("2023-07-03"), outcome: "partly-upheld"),
            ])
        let d = ClockEngine(calendar: .englandAndWales).deadlines(for: r, procedure: BuiltInProcedures.corporate)
        #expect(d.map(\.dueOn) == [date("2023-05-09"), date("2023-05-17"), date("2023-06-06"), date("2023-06-30")])
        #expect(
            d[3].status(on: date("2023-12-01"), calendar: .englandAndWales) == .met(workingDaysTaken: 21, isLate: true))
        #expect(r.closedAtStage == "stage-2")
    }
}

extension LifecycleTests {
    @Test(
        """
            only a stage that allows it may be escalated unanswered: stage 2 past 65 working days goes nowhere \
            without an adjudication
            """
    )
    func overrunOnlyWhereAllowed() throws {
        let stageTwo = try run(
            children, try stageOneAnswered(),
            [
                .escalate(requestedOn: date("2022-07-12"), lateReason: nil)
            ] + allocate(on: "2022-07-20") + [
                .record(.statementAgreed, on: date("2022-08-01"))
            ])
        #expect(
            refusal(children, stageTwo, .escalate(requestedOn: date("2023-01-10"), lateReason: nil))?.message
                == """
                    Stage 3: review panel cannot start before “Adjudication sent” is recorded for stage 2: \
                    investigation
                    """
        )
    }
}

extension LifecycleTests {
    @Test(
        """
            independence: the Independent Person is not a council officer, the Investigating Officer does not \
            investigate their own service, the stage 2 IP is not on the panel
            """,
        arguments: [
            (
                CaseCommand.appoint(.independentPerson, personID: "ip-council", on: date("2022-07-20")),
                "Colin Council is a council officer or member, so cannot be the Independent Person"
            ),
            (
                .appoint(.investigatingOfficer, personID: "io-cin", on: date("2022-07-20")),
                "Carl Needham works in the service complained about, so cannot investigate it"
            ),
            (
                .appoint(.investigatingOfficer, personID: "away", on: date("2022-07-20")),
                "Away Investigator is not taking new cases"
            ),
            (
                .appoint(.investigatingOfficer, personID: "p-1", on: date("2022-07-20")),
                "Pat Chair is not in the investigating officer pool"
            ),
            (
                .appoint(.investigatingOfficer, personID: "nobody", on: date("2022-07-20")),
                "Select someone from the investigating officer pool"
            ),
            (
                .appoint(.panelChair, personID: "p-1", on: date("2022-07-20")),
                "Stage 2: investigation has no review panel"
            ),
            (
                .appoint(.investigatingOfficer, personID: "io-1", on: date("2022-07-11")),
                "The appointment cannot be before 12 July 2022"
            ),
        ])
    func stageTwoIndependence(command: CaseCommand, message: String) throws {
        let stageTwo = try run(
            children, try stageOneAnswered(), [.escalate(requestedOn: date("2022-07-12"), lateReason: nil)])
        #expect(refusal(children, stageTwo, command)?.message == message)
    }

    @Test("the same person cannot be both Investigating Officer and Independent Person")
    func distinctInvestigators() throws {
        let stageTwo = try run(
            children, try stageOneAnswered(),
            [
                .escalate(requestedOn: date("2022-07-12"), lateReason: nil),
                .appoint(.independentPerson, personID: "ip-1", on: date("2022-07-20")),
            ])
        #expect(stageTwo.stages[1].date(of: .allocated) == nil)
        let both = Lifecycle(
            procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: date("2023-12-01"),
            people: PeopleDirectory(
                Self.people.people.values.map { p in
                    var p = p; if p.id == "ip-1" { p.roles.append(.investigatingOfficer) }; return p
                }))
        #expect(
            refusal(both, stageTwo, .appoint(.investigatingOfficer, personID: "ip-1", on: date("2022-07-20")))?.message
                == "Ida Person is the Independent Person; the Investigating Officer must be someone else")
    }

    @Test(
        """
            the review panel: three independent people, one chair, not the stage 2 Independent Person; it cannot meet \
            until complete
            """
    )
    func panelRules() throws {
        let stageThree = try run(
            children, try stageOneAnswered(),
            [.escalate(requestedOn: date("2022-07-12"), lateReason: nil)]
                + allocate(on: "2022-07-20") + [
                    .record(.statementAgreed, on: date("2022-08-01")),
                    .record(.reportsReceived, on: date("2022-08-20")),
                    .respond(on: date("2022-08-25"), outcome: "not-upheld"),
                    .escalate(requestedOn: date("2022-09-01"), lateReason: nil),
                ])
        #expect(
            refusal(children, stageThree, .appoint(.panelMember, personID: "ip-1", on: date("2022-09-05")))?.message
                == "Ida Person was the Independent Person at stage 2, so cannot sit on the review panel")
        #expect(
            refusal(children, stageThree, .appoint(.panelMember, personID: "p-council", on: date("2022-09-05")))?
                .message
                == "Review panel members must be independent of the council; Cllr Bloggs is a council officer or member"
        )
        #expect(
            refusal(children, stageThree, .record(.panelMet, on: date("2022-09-20")))?.message
                == "Appoint a review panel of three, one of them the chair, before it meets")
        let twoMembers = try run(
            children, stageThree,
            [
                .appoint(.panelMember, personID: "p-2", on: date("2022-09-05")),
                .appoint(.panelMember, personID: "p-3", on: date("2022-09-05")),
            ])
        #expect(
            refusal(children, twoMembers, .appoint(.panelMember, personID: "p-1", on: date("2022-09-05")))?.message
                == "One of the three must chair the panel: appoint the chair")
        #expect(
            refusal(children, twoMembers, .appoint(.panelMember, personID: "p-2", on: date("2022-09-05")))?.message
                == "Penny Member is already on the panel")
        let full = try children.apply(.appoint(.panelChair, personID: "p-1", on: date("2022-09-06")), to: twoMembers)
        #expect(
            try children.apply(.record(.panelMet, on: date("2022-09-20")), to: full).stages[2].date(of: .panelMet)
                == date("2022-09-20"))
    }
}

extension LifecycleTests {
    @Test("stage 2: the statement's points each need a finding before the adjudication")
    func pointsAndFindings() throws {
        var r = try run(
            children, try stageOneAnswered(),
            [.escalate(requestedOn: date("2022-07-12"), lateReason: nil)] + allocate(on: "2022-07-20"))
        #expect(
            refusal(children, r, .setPoints(["Late visits"]))?.message == "Record “Statement of complaint agreed” first"
        )
        r = try run(
            children, r,
            [
                .record(.statementAgreed, on: date("2022-08-01")),
                .setPoints(["Visits were late", " ", "Calls were not returned", "Plan not shared"]),
            ])
        #expect(r.stages[1].points.map(\.number) == [1, 2, 3])
        r = try run(
            children, r,
            [
                .record(.reportsReceived, on: date("2022-08-20")), .recordFinding(point: 1, finding: "upheld"),
                .recordFinding(point: 3, finding: "not-upheld"),
            ])
        #expect(
            refusal(children, r, .respond(on: date("2022-08-25"), outcome: "partly-upheld"))?.message
                == "Record a finding on point 2 before “Adjudication sent”")
        #expect(refusal(children, r, .recordFinding(point: 4, finding: "upheld"))?.message == "There is no point 4")
        #expect(refusal(children, r, .recordFinding(point: 2, finding: "withdrawn"))?.field == "finding")
        #expect(
            refusal(children, r, .setPoints(["New list"]))?.message
                == "Findings are recorded; correct the findings instead of replacing the points")
        r = try run(
            children, r,
            [.recordFinding(point: 2, finding: "upheld"), .respond(on: date("2022-08-25"), outcome: "partly-upheld")])
        #expect(!r.isOpen)
        let stageOne = try stageOneAnswered()
        #expect(refusal(children, stageOne, .reopen(reason: "x")) == nil)
        #expect(
            refusal(
                children, complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01"), .setPoints(["x"]))?
                .field == "points")
    }

    @Test("corrections: a wrong date or closure is put right with a reason, never silently")
    func corrections() throws {
        let answered = try stageOneAnswered()
        #expect(refusal(children, answered, .reopen(reason: " "))?.message == "Enter why the case is reopened")
        let reopened = try children.apply(.reopen(reason: "Response was sent to the wrong address"), to: answered)
        #expect(reopened.isOpen && reopened.stages[0].respondedOn == nil && reopened.stages[0].outcome == nil)
        #expect(
            refusal(children, reopened, .reopen(reason: "again"))?.message
                == "The case is open; there is nothing to reopen")
        let moved = try children.apply(
            .correctMilestone(.responded, to: date("2022-06-29"), reason: "Date mistyped"), to: answered)
        #expect(moved.stages[0].respondedOn == date("2022-06-29"))
        #expect(
            refusal(children, answered, .correctMilestone(.responded, to: date("2022-06-05"), reason: "x"))?.message
                == "Stage 1 response sent cannot be before 6 June 2022")
        #expect(
            refusal(children, answered, .correctMilestone(.acknowledged, to: nil, reason: "x"))?.message
                == "Later steps are recorded; correct those first")
        #expect(
            refusal(children, answered, .correctMilestone(.responded, to: date("2022-06-29"), reason: ""))?.field
                == "reason")
        let cleared = try children.apply(
            .correctMilestone(.responded, to: nil, reason: "Recorded on the wrong case"), to: answered)
        #expect(cleared.isOpen && cleared.stages[0].outcome == nil)
    }
}
