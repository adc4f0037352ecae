import Foundation
import Testing
@testable import RedressCore

func complaint(_ procedure: ProcedureDefinition, received: String, acknowledged: String? = nil, agreed: String? = nil, stage: Stage? = nil) -> Representation {
    let engine = ClockEngine(calendar: .englandAndWales)
    let opening = stage ?? engine.openingStage(for: procedure, receivedOn: date(received))!
    return Representation(
        id: "t", reference: "T-1", kind: .complaint, serviceArea: procedure.serviceArea, procedureID: procedure.id,
        receivedOn: date(received), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
        serviceCategory: "assessment", summary: "x", acknowledgedOn: acknowledged.map(date), agreedResponseDate: agreed.map(date),
        stages: [opening])
}

@Suite("Procedures as data and their clocks")
struct ProcedureAndClockTests {
    let engine = ClockEngine(calendar: .englandAndWales)

    @Test("procedures survive a JSON round trip: they are data, stored and edited as such")
    func proceduresAreData() throws {
        let data = try JSONEncoder().encode(BuiltInProcedures.all)
        #expect(try JSONDecoder().decode([ProcedureDefinition].self, from: data) == BuiltInProcedures.all)
    }

    @Test("children's stage 1: due 10 working days after receipt, extendable to 20")
    func childrenStageOne() {
        let r = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        #expect(r.stages[0].dueOn == date("2022-06-17"))
        let d = engine.deadlines(for: r, procedure: BuiltInProcedures.childrenStatutory)
        #expect(d.count == 1)
        #expect(d[0].dueOn == date("2022-06-17"))
        #expect(d[0].latestExtensionOn == date("2022-07-01"))
        #expect(d[0].status(on: date("2022-06-13"), calendar: .englandAndWales) == .running(workingDaysLeft: 4))
        #expect(d[0].status(on: date("2022-06-17"), calendar: .englandAndWales) == .running(workingDaysLeft: 0))
        #expect(d[0].status(on: date("2022-06-21"), calendar: .englandAndWales) == .overdue(workingDaysOverdue: 2))
    }

    @Test("an agreed extension moves the due date; a response stops the clock and records lateness")
    func extensionAndResponse() {
        var stage = engine.openingStage(for: BuiltInProcedures.childrenStatutory, receivedOn: date("2022-06-01"))!
        stage.extendedTo = date("2022-07-01")
        stage.respondedOn = date("2022-06-24")
        let r = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01", stage: stage)
        let d = engine.deadlines(for: r, procedure: BuiltInProcedures.childrenStatutory)[0]
        #expect(d.dueOn == date("2022-07-01"))
        #expect(d.status(on: date("2022-08-01"), calendar: .englandAndWales) == .met(workingDaysTaken: 15, isLate: false))
        #expect(!r.isOpen)
    }

    @Test("adults: acknowledge in 3 working days, response by the agreed date, six-month trigger")
    func adults() {
        let open = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19")
        let d = engine.deadlines(for: open, procedure: BuiltInProcedures.adultsStatutory)
        #expect(d.map(\.clockKey) == ["acknowledgement", "agreed-response", "relevant-period"])
        #expect(d[0].dueOn == date("2022-12-22"))
        #expect(d[1].dueOn == nil)
        #expect(d[1].status(on: date("2023-01-01"), calendar: .englandAndWales) == .awaitingAgreement)
        #expect(d[2].dueOn == date("2023-06-18"))
        #expect(d[2].isNotificationTrigger)
        #expect(engine.nextDeadline(for: open, procedure: BuiltInProcedures.adultsStatutory)?.clockKey == "acknowledgement")

        let agreed = complaint(BuiltInProcedures.adultsStatutory, received: "2022-12-19", acknowledged: "2022-12-21", agreed: "2023-02-10")
        let next = engine.nextDeadline(for: agreed, procedure: BuiltInProcedures.adultsStatutory)
        #expect(next?.clockKey == "agreed-response")
        #expect(next?.dueOn == date("2023-02-10"))
    }

    @Test("corporate: acknowledge in 5 working days; stage 1 due 10 working days after acknowledgement")
    func corporate() {
        let p = BuiltInProcedures.corporate
        let before = complaint(p, received: "2023-04-28")
        let d = engine.deadlines(for: before, procedure: p)
        #expect(d[0].dueOn == date("2023-05-09"))  // skips 1 May and 8 May (Coronation)
        #expect(d[1].startsOn == date("2023-05-09"))  // not yet acknowledged: the ack deadline stands in
        #expect(d[1].dueOn == date("2023-05-23"))
        let after = complaint(p, received: "2023-04-28", acknowledged: "2023-05-02")
        let e = engine.deadlines(for: after, procedure: p)
        #expect(e[0].stoppedOn == date("2023-05-02"))
        #expect(e[1].dueOn == date("2023-05-17"))
        #expect(e[1].latestExtensionOn == date("2023-06-01"))
    }
}
