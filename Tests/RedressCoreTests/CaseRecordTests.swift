import Foundation
import Testing
@testable import RedressCore

@Suite("Case records: Ombudsman, costs, learning, actions, coding")
struct CaseRecordTests {
    let lifecycle = Lifecycle(
        procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: date("2023-12-01"))

    func answered(_ outcome: String = "upheld") throws -> Representation {
        var r = complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01")
        r = try lifecycle.apply(.respond(on: date("2022-06-14"), outcome: outcome), to: r)
        return r
    }

    func refusal(_ r: Representation, _ command: CaseCommand) -> LifecycleError? {
        do { _ = try lifecycle.apply(command, to: r); return nil } catch { return error }
    }

    @Test(
        """
            an Ombudsman case: referral, upheld decision, a remedy completed late, a public report answered; on a \
            closed complaint
            """
    )
    func ombudsmanFlow() throws {
        var r = try answered("partly-upheld")
        #expect(!r.isOpen)
        r = try lifecycle.apply(
            .referToOmbudsman(
                id: "o1", reference: " 22  001 239 ", councilNotifiedOn: date("2022-09-01"),
                receivedByOmbudsmanOn: date("2022-08-20")), to: r)
        #expect(r.records.ombudsman[0].reference == "22 001 239")
        #expect(r.records.ombudsman[0].councilHadUpheld)  // partly upheld before referral (STAT-17)
        r = try lifecycle.apply(
            .recordOmbudsmanDecision(
                referral: "o1", decision: .upheld, decidedOn: date("2023-01-10"), faultFound: nil, injusticeFound: true,
                satisfactoryRemedyByCouncil: false), to: r)
        #expect(r.records.ombudsman[0].faultFound == true)
        #expect(r.records.ombudsman[0].decision?.letterGroup == .investigated)
        let payment = OmbudsmanRemedy(
            id: "m1", kind: .payment, description: "Symbolic payment for distress", amountPence: 30000,
            dueOn: date("2023-02-10"))
        r = try lifecycle.apply(.addOmbudsmanRemedy(referral: "o1", remedy: payment), to: r)
        #expect(r.records.ombudsman[0].remedies[0].isOverdue(on: date("2023-02-13")))
        r = try lifecycle.apply(.completeOmbudsmanRemedy(referral: "o1", remedy: "m1", on: date("2023-02-14")), to: r)
        #expect(r.records.ombudsman[0].remedies[0].isLate)
        r = try lifecycle.apply(.recordPublicReport(referral: "o1", receivedOn: date("2023-01-31")), to: r)
        #expect(r.records.ombudsman[0].publicReport?.responseDueOn == date("2023-04-30"))
        r = try lifecycle.apply(.respondToPublicReport(referral: "o1", on: date("2023-04-20")), to: r)
        #expect(r.records.ombudsman[0].publicReport?.respondedOn == date("2023-04-20"))
    }

    @Test(
        "Ombudsman records refuse what cannot be",
        arguments: [
            (
                CaseCommand.recordOmbudsmanDecision(
                    referral: "nope", decision: .upheld, decidedOn: date("2023-01-10"), faultFound: nil,
                    injusticeFound: nil, satisfactoryRemedyByCouncil: false), "No such Ombudsman case on this complaint"
            ),
            (
                .referToOmbudsman(
                    id: "o2", reference: "22 001 239", councilNotifiedOn: date("2022-09-02"), receivedByOmbudsmanOn: nil
                ), "Ombudsman reference 22 001 239 is already recorded on this case"
            ),
            (
                .referToOmbudsman(
                    id: "o2", reference: "  ", councilNotifiedOn: date("2022-09-02"), receivedByOmbudsmanOn: nil),
                "Enter the Ombudsman's reference"
            ),
            (
                .referToOmbudsman(
                    id: "o2", reference: "23 1", councilNotifiedOn: date("2022-09-02"),
                    receivedByOmbudsmanOn: date("2022-09-05")),
                "The Ombudsman cannot receive the complaint after telling the council (2 September 2022)"
            ),
            (
                .recordOmbudsmanDecision(
                    referral: "o1", decision: .notUpheld, decidedOn: date("2023-01-10"), faultFound: nil,
                    injusticeFound: nil, satisfactoryRemedyByCouncil: true),
                "A satisfactory remedy by the council can only go with an upheld decision"
            ),
            (
                .recordOmbudsmanDecision(
                    referral: "o1", decision: .upheld, decidedOn: date("2022-08-31"), faultFound: nil,
                    injusticeFound: nil, satisfactoryRemedyByCouncil: false),
                "The decision date cannot be before 1 September 2022"
            ),
            (
                .addOmbudsmanRemedy(
                    referral: "o1",
                    remedy: OmbudsmanRemedy(
                        id: "m", kind: .apology, description: "Apologise", dueOn: date("2023-02-01"))),
                "Remedies follow an upheld Ombudsman decision; record the decision first"
            ),
            (
                .recordPublicReport(referral: "o1", receivedOn: date("2023-12-02")),
                "The date the report was received must be today or in the past"
            ),
        ])
    func ombudsmanRefusals(command: CaseCommand, message: String) throws {
        let r = try lifecycle.apply(
            .referToOmbudsman(
                id: "o1", reference: "22 001 239", councilNotifiedOn: date("2022-09-01"), receivedByOmbudsmanOn: nil),
            to: try answered())
        #expect(refusal(r, command)?.message == message)
    }

    @Test("remedies: a payment needs an amount, nothing else has one, and none is due before the decision")
    func remedyRules() throws {
        var r = try answered()
        r = try lifecycle.apply(
            .referToOmbudsman(
                id: "o1", reference: "22 001 239", councilNotifiedOn: date("2022-09-01"), receivedByOmbudsmanOn: nil),
            to: r)
        r = try lifecycle.apply(
            .recordOmbudsmanDecision(
                referral: "o1", decision: .upheld, decidedOn: date("2023-01-10"), faultFound: true,
                injusticeFound: true, satisfactoryRemedyByCouncil: false), to: r)
        #expect(
            refusal(
                r,
                .addOmbudsmanRemedy(
                    referral: "o1",
                    remedy: OmbudsmanRemedy(id: "a", kind: .payment, description: "Pay", dueOn: date("2023-02-01"))))?
                .message == "Enter the amount to be paid")
        #expect(
            refusal(
                r,
                .addOmbudsmanRemedy(
                    referral: "o1",
                    remedy: OmbudsmanRemedy(
                        id: "a", kind: .apology, description: "Sorry", amountPence: 100, dueOn: date("2023-02-01"))))?
                .message == "Only a payment has an amount")
        #expect(
            refusal(
                r,
                .addOmbudsmanRemedy(
                    referral: "o1",
                    remedy: OmbudsmanRemedy(id: "a", kind: .apology, description: "Sorry", dueOn: date("2023-01-09"))))?
                .message == "The remedy cannot be due before the decision (10 January 2023)")
        #expect(
            refusal(
                r,
                .recordOmbudsmanDecision(
                    referral: "o1", decision: .notUpheld, decidedOn: date("2023-01-11"), faultFound: nil,
                    injusticeFound: nil, satisfactoryRemedyByCouncil: false))?.message
                == "The Ombudsman's decision (upheld) is already recorded; correct it instead")
    }

    @Test("costs, learning, actions and coding are recorded with checks, also after the case closed")
    func otherRecords() throws {
        var r = try answered()
        r = try lifecycle.apply(
            .addCost(
                Cost(
                    id: "c1", heading: .investigatingOfficer, amountPence: 125050, paidOn: date("2022-07-01"),
                    stageKey: "stage-1")), to: r)
        #expect(
            refusal(r, .addCost(Cost(id: "c2", heading: .mediation, amountPence: 0, paidOn: date("2022-07-01"))))?
                .message == "Enter an amount greater than £0")
        #expect(
            refusal(
                r,
                .addCost(
                    Cost(id: "c2", heading: .panel, amountPence: 100, paidOn: date("2022-07-01"), stageKey: "stage-3")))?
                .message == "This case has no stage 3: review panel")
        #expect(
            refusal(r, .addCost(Cost(id: "c2", heading: .panel, amountPence: 100, paidOn: date("2022-05-01"))))?.message
                == "The date paid cannot be before 1 June 2022")
        r = try lifecycle.apply(
            .addLearning(
                LearningPoint(
                    id: "l1", theme: "communication", description: "Call back within a day",
                    recordedOn: date("2022-06-14"))), to: r)
        #expect(
            refusal(
                r,
                .addLearning(
                    LearningPoint(id: "l2", theme: "astrology", description: "x", recordedOn: date("2022-06-14"))))?
                .message == "\"astrology\" is not in the learning themes list")
        r = try lifecycle.apply(
            .addAction(
                ServiceAction(
                    id: "a1", kind: .staffTraining, description: "Refresher training", owner: "Team manager",
                    dueOn: date("2022-09-30"))), to: r)
        #expect(r.records.actions[0].isOverdue(on: date("2022-10-03")))
        r = try lifecycle.apply(.completeAction(action: "a1", on: date("2022-09-29")), to: r)
        #expect(
            refusal(r, .completeAction(action: "a1", on: date("2022-10-01")))?.message
                == "The action was completed on 29 September 2022")
        #expect(
            refusal(
                r,
                .addAction(
                    ServiceAction(id: "a2", kind: .other, description: "x", owner: " ", dueOn: date("2022-09-30"))))?
                .field == "owner")
        r = try lifecycle.apply(
            .code(
                natures: ["poor-communication", "delay-failure-to-keep-informed"], outcomesSought: ["apology"],
                actualOutcomes: ["apology-and-explanation"], remedialActionTaken: true), to: r)
        #expect(r.records.natures.count == 2 && r.records.remedialActionTaken == true)
        #expect(
            refusal(
                r,
                .code(
                    natures: ["poor-communication", "poor-communication"], outcomesSought: [], actualOutcomes: [],
                    remedialActionTaken: nil))?.message == "Each nature of complaint can be chosen once")
        #expect(ServiceAction.Kind.staffTraining.isServiceWide && !ServiceAction.Kind.individualRedress.isServiceWide)
    }

    @Test(
        "money reads and prints as councils write it",
        arguments: [("£1,234.50", 123450), ("1234.5", 123450), ("9800.40", 980040), ("30", 3000), ("0.05", 5)])
    func money(text: String, pence: Int) {
        #expect(Money.pence(from: text) == pence)
    }

    @Test("money display and refusal of nonsense")
    func moneyDisplay() {
        #expect(Money.display(pence: 980040) == "£9,800.40")
        #expect(Money.display(pence: 4415000) == "£44,150")
        #expect(Money.display(pence: 5) == "£0.05")
        for bad in ["", "abc", "1.234", "-5", "£", "1..2"] { #expect(Money.pence(from: bad) == nil, "\(bad)") }
    }

    @Test("huge or foreign-digit sums are refused, not overflowed (fuzzing found the crash)")
    func moneyBounds() {
        #expect(Money.pence(from: "999,999,999.99") == 99_999_999_999)
        for bad in ["1000000000", "99999999999999999999", "9223372036854775807", "٣٠", "½", "+5", "5.+1"] {
            #expect(Money.pence(from: bad) == nil, "\(bad)")
        }
    }

    @Test(
        "annual-letter groups follow OMB-07",
        arguments: [
            (OmbudsmanDecision.upheld, OmbudsmanLetterGroup.investigated), (.notUpheld, .investigated),
            (.closedAfterInitialEnquiries, .assessedAndClosed), (.referredBack, .notForUs), (.adviceGiven, .notForUs),
            (.incompleteInvalid, .notForUs), (.outOfJurisdiction, .notForUs),
        ])
    func letterGroups(decision: OmbudsmanDecision, group: OmbudsmanLetterGroup) {
        #expect(decision.letterGroup == group)
    }
}

@Suite("Work queues")
struct WorkQueueTests {
    @Test(
        "due soon, overdue, awaiting allocation, remedies and actions are found for a fixed today across bank holidays")
    func queues() throws {
        let lifecycle = Lifecycle(
            procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: date("2022-12-22"))
        let dueSoon = complaint(BuiltInProcedures.childrenStatutory, received: "2022-12-15")  // due 3 Jan 2023: 5 wd away over Christmas
        var overdue = complaint(BuiltInProcedures.childrenStatutory, received: "2022-11-01")
        overdue.id = "overdue"
        var awaiting = try lifecycle.apply(
            .respond(on: date("2022-11-10"), outcome: "not-upheld"),
            to: complaint(BuiltInProcedures.childrenStatutory, received: "2022-11-01"))
        awaiting = try lifecycle.apply(.escalate(requestedOn: date("2022-11-20"), lateReason: nil), to: awaiting)
        awaiting.id = "awaiting"
        var followUp = try lifecycle.apply(
            .respond(on: date("2022-06-10"), outcome: "upheld"),
            to: complaint(BuiltInProcedures.childrenStatutory, received: "2022-06-01"))
        followUp = try lifecycle.apply(
            .referToOmbudsman(
                id: "o", reference: "22 000 001", councilNotifiedOn: date("2022-08-01"), receivedByOmbudsmanOn: nil),
            to: followUp)
        followUp = try lifecycle.apply(
            .recordOmbudsmanDecision(
                referral: "o", decision: .upheld, decidedOn: date("2022-11-01"), faultFound: true, injusticeFound: true,
                satisfactoryRemedyByCouncil: false), to: followUp)
        followUp = try lifecycle.apply(
            .addOmbudsmanRemedy(
                referral: "o",
                remedy: OmbudsmanRemedy(id: "m", kind: .apology, description: "Apologise", dueOn: date("2022-12-01"))),
            to: followUp)
        followUp = try lifecycle.apply(
            .addAction(
                ServiceAction(
                    id: "a", kind: .staffTraining, description: "Train", owner: "TM", dueOn: date("2022-12-21"))),
            to: followUp)
        followUp.id = "follow-up"
        #expect(followUp.hasOpenFollowUps && !followUp.isOpen)
        let queues = WorkQueues(
            cases: [dueSoon, overdue, awaiting, followUp], procedures: BuiltInProcedures.all,
            calendar: .englandAndWales, today: date("2022-12-22"))
        #expect(queues.items(.dueSoon).map(\.dueOn) == [date("2023-01-03")])
        #expect(queues.items(.overdue).map(\.representation.id) == ["overdue"])
        #expect(queues.items(.awaitingAllocation).map(\.representation.id) == ["awaiting"])
        #expect(queues.items(.remedies).map(\.isOverdue) == [true])
        #expect(queues.items(.actions).map(\.representation.id) == ["follow-up"])
    }
}

@Suite("Representation: copy on write")
struct RepresentationCopyTests {
    @Test("changing a copy never changes the original, field by field and deep inside records and stages")
    func copiesAreIndependent() {
        var original = Representation(
            id: "a", reference: "CSC-2022-00001", kind: .complaint, serviceArea: .childrensSocialCare,
            procedureID: "children-statutory",
            receivedOn: CalendarDate(iso: "2022-06-01")!, methodOfReceipt: "email",
            complainant: Complainant(relationship: "parent"),
            serviceCategory: "child-in-need", summary: "s",
            stages: [
                Stage(
                    key: "stage1", openedOn: CalendarDate(iso: "2022-06-01")!, dueOn: CalendarDate(iso: "2022-06-15")!)
            ])
        let before = original
        var copy = original
        copy.summary = "changed"
        copy.records.natures.append("communication")
        copy.stages[0].outcome = "upheld"
        copy.restrictedTo = ["u1"]
        #expect(
            original == before && original.summary == "s" && original.records.natures.isEmpty
                && original.stages[0].outcome == nil && original.restrictedTo == nil)
        #expect(
            copy != original && copy.summary == "changed" && copy.records.natures == ["communication"]
                && copy.stages[0].outcome == "upheld")
        original.version = 2
        #expect(before.version == 1 && copy.version == 1)
        // Encoded exactly as the plain struct was: the interchange format does not change.
        let json = String(decoding: try! JSONEncoder().encode(before), as: UTF8.self)
        #expect(
            json.contains("\"summary\":\"s\"") && json.contains("\"reference\":\"CSC-2022-00001\"")
                && !json.contains("storage") && !json.contains("fields"))
        #expect(try! JSONDecoder().decode(Representation.self, from: Data(json.utf8)) == before)
    }
}
