import Foundation
import Testing
@testable import RedressCore

/// A complaint on `procedure` received on `received`, with its first stage open.
func complaint(_ procedure: ProcedureDefinition, received: String, stage: Stage? = nil) -> Representation {
    let opening =
        stage ?? ClockEngine(calendar: .englandAndWales).openingStage(for: procedure, receivedOn: date(received))!
    return Representation(
        id: "t", reference: "T-1", kind: .complaint, serviceArea: procedure.serviceArea, procedureID: procedure.id,
        receivedOn: date(received), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
        serviceCategory: "assessment", summary: "x", stages: [opening])
}

@Suite("Procedures as data and their clocks")
struct ProcedureAndClockTests {
    let engine = ClockEngine(calendar: .englandAndWales)
    let calendar = WorkingDayCalendar.englandAndWales

    @Test("procedures survive a JSON round trip: they are data, stored and edited as such")
    func proceduresAreData() throws {
        let data = try JSONEncoder().encode(BuiltInProcedures.all)
        #expect(try JSONDecoder().decode([ProcedureDefinition].self, from: data) == BuiltInProcedures.all)
    }

    @Test("every built-in stage starts with `requested`, ends with `responded`, and its clocks use its own milestones")
    func wellFormed() {
        for procedure in BuiltInProcedures.all {
            for stage in procedure.stages {
                #expect(stage.milestones.first?.milestone == .requested, "\(procedure.id) \(stage.key)")
                #expect(stage.milestones.last?.milestone == .responded, "\(procedure.id) \(stage.key)")
                #expect(stage.responseClock != nil, "\(procedure.id) \(stage.key)")
                for clock in stage.clocks {
                    #expect(stage.records(clock.starts) && stage.records(clock.stops), "\(procedure.id) \(clock.key)")
                }
            }
        }
    }

    @Test("children's stage 1: due 10 working days after receipt, extendable to 20")
    func childrenStageOne() {
        let r = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(r.stages[0].dueOn == date("2022-06-17"))
        let d = engine.deadlines(for: r, procedure: BuiltInProcedures.childrenStatutory)
        #expect(d.count == 1)
        #expect(d[0].dueOn == date("2022-06-17"))
        #expect(d[0].latestExtensionOn == date("2022-07-01"))
        #expect(d[0].status(on: date("2022-06-13"), calendar: calendar) == .running(workingDaysLeft: 4))
        #expect(d[0].status(on: date("2022-06-17"), calendar: calendar) == .running(workingDaysLeft: 0))
        #expect(d[0].status(on: date("2022-06-21"), calendar: calendar) == .overdue(workingDaysOverdue: 2))
    }

    @Test("an agreed extension moves the due date; a response stops the clock and records lateness")
    func extensionAndResponse() {
        var stage = engine.openingStage(for: BuiltInProcedures.childrenStatutory, receivedOn: date("2022-06-01"))!
        stage.extensions = [
            Extension(
                clockKey: "stage-1-response", agreedOn: date("2022-06-10"), newDueOn: date("2022-07-01"),
                reason: "complex")
        ]
        stage.respondedOn = date("2022-06-24")
        let r = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01", stage: stage)
        let d = engine.deadlines(for: r, procedure: BuiltInProcedures.childrenStatutory)[0]
        #expect(d.dueOn == date("2022-07-01"))
        #expect(d.status(on: date("2022-08-01"), calendar: calendar) == .met(workingDaysTaken: 15, isLate: false))
        #expect(!r.isOpen)
        #expect(r.closedAtStage == "stage-1")
    }

    @Test("adults: acknowledge in 3 working days, response by the agreed date, six-month trigger")
    func adults() {
        let open = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19")
        let d = engine.deadlines(for: open, procedure: BuiltInProcedures.adultsStatutory)
        #expect(d.map(\.clockKey) == ["acknowledgement", "agreed-response", "relevant-period"])
        #expect(d[0].dueOn == date("2022-12-22"))
        #expect(d[1].dueOn == nil)
        #expect(d[1].status(on: date("2023-01-01"), calendar: calendar) == .awaitingAgreement)
        #expect(d[2].dueOn == date("2023-06-18"))
        #expect(d[2].isNotificationTrigger)
        #expect(
            engine.nextDeadline(for: open, procedure: BuiltInProcedures.adultsStatutory)?.clockKey == "acknowledgement")

        var stage = open.stages[0]
        stage.milestones[.acknowledged] = date("2022-12-21")
        stage.extensions = [
            Extension(
                clockKey: "agreed-response", agreedOn: date("2022-12-21"), newDueOn: date("2023-02-10"), reason: "")
        ]
        let agreed = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19", stage: stage)
        let next = engine.nextDeadline(for: agreed, procedure: BuiltInProcedures.adultsStatutory)
        #expect(next?.clockKey == "agreed-response")
        #expect(next?.dueOn == date("2023-02-10"))
        #expect(agreed.acknowledgedOn == date("2022-12-21"))
    }

    @Test("corporate: acknowledge in 5 working days; stage 1 due 10 working days after acknowledgement")
    func corporate() {
        let p = BuiltInProcedures.corporate
        let before = complaint(p, received: "2023-04-28")
        let d = engine.deadlines(for: before, procedure: p)
        #expect(d[0].dueOn == date("2023-05-09"))  // skips 1 May and 8 May (Coronation)
        #expect(d[1].startsOn == date("2023-05-09"))  // not yet acknowledged: the deadline stands in
        #expect(d[1].startIsProjected)
        #expect(d[1].dueOn == date("2023-05-23"))
        var stage = before.stages[0]
        stage.milestones[.acknowledged] = date("2023-05-02")
        engine.fixResponseDue(&stage, definition: p.stages[0])
        let e = engine.deadlines(for: complaint(p, received: "2023-04-28", stage: stage), procedure: p)
        #expect(e[0].stoppedOn == date("2023-05-02"))
        #expect(e[1].dueOn == date("2023-05-17"))
        #expect(e[1].latestExtensionOn == date("2023-06-01"))  // skips the 29 May spring holiday
    }

    @Test("children's stage 2 waits for the statement of complaint, then runs 25 working days, up to 65")
    func stageTwoClock() {
        let definition = BuiltInProcedures.childrenStatutory.stages[1]
        var stage = engine.openingStage(definition, openedOn: date("2023-04-20"))
        #expect(stage.dueOn == nil)
        #expect(
            engine.deadlines(for: stage, definition: definition)[0].status(on: date("2023-05-01"), calendar: calendar)
                == .notStarted)
        stage.milestones[.statementAgreed] = date("2023-05-05")
        engine.fixResponseDue(&stage, definition: definition)
        let d = engine.deadlines(for: stage, definition: definition)[0]
        #expect(d.dueOn == date("2023-06-13"))  // statutory-rules.md §4.5
        #expect(d.latestExtensionOn == date("2023-08-08"))
    }

    @Test("children's stage 3: panel within 30 working days, report within 5, response within 15")
    func stageThreeClocks() {
        let definition = BuiltInProcedures.childrenStatutory.stages[2]
        var stage = engine.openingStage(definition, openedOn: date("2022-12-01"))
        stage.milestones[.panelMet] = date("2023-01-16")
        stage.milestones[.panelReported] = date("2023-01-20")
        let d = engine.deadlines(for: stage, definition: definition)
        #expect(d.map(\.clockKey) == ["panel-meeting", "panel-report", "stage-3-response"])
        #expect(d[0].dueOn == date("2023-01-17"))  // 30 wd over Christmas: 26, 27 Dec and 2 Jan skipped
        #expect(d[0].status(on: date("2023-02-01"), calendar: calendar) == .met(workingDaysTaken: 29, isLate: false))
        #expect(d[1].dueOn == date("2023-01-23"))
        #expect(d[2].dueOn == date("2023-02-10"))
        #expect(d[2].status(on: date("2023-02-13"), calendar: calendar) == .overdue(workingDaysOverdue: 1))
    }
}
