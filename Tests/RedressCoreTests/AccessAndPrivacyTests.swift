import Foundation
import Testing
@testable import RedressCore

private func complaint(appointments: [Appointment] = [], restrictedTo: [String]? = nil) -> Representation {
    var r = Representation(
        id: "r1", reference: "CSC-2023-00001", kind: .complaint, serviceArea: .childrensSocialCare,
        procedureID: "children-statutory",
        receivedOn: CalendarDate(iso: "2023-05-02")!, methodOfReceipt: "email",
        complainant: Complainant(
            relationship: "parent", advocate: "SECRET advocate", name: "Siân O'Neil", contact: "SECRET contact"),
        serviceCategory: "child-in-need", summary: "SECRET summary mentions Robin O'Neil", subjectName: "Robin O'Neil")
    r.stages = [
        Stage(
            key: "stage-1", openedOn: r.receivedOn,
            milestones: [.requested: r.receivedOn, .responded: CalendarDate(iso: "2023-05-10")!], outcome: "upheld",
            appointments: appointments)
    ]
    r.restrictedTo = restrictedTo
    return r
}

@Suite("Access policy")
struct AccessPolicyTests {
    func viewer(_ role: Role, id: String = "u1", person: String? = nil) -> Viewer {
        Viewer(userID: id, username: id, displayName: id, role: role, personID: person, policy: .standard)
    }

    @Test(
        """
        case scope: managers and officers see every case; appointed roles only their appointments; readers and \
        administrators none
        """
    )
    func scope() {
        let io = Appointment(
            role: .investigatingOfficer, personID: "p-io", appointedOn: CalendarDate(iso: "2023-05-03")!)
        let r = complaint(appointments: [io])
        #expect(viewer(.complaintsManager).canSee(r) && viewer(.complaintsOfficer).canSee(r))
        #expect(viewer(.investigatingOfficer, person: "p-io").canSee(r))
        #expect(!viewer(.investigatingOfficer, person: "p-other").canSee(r))
        #expect(!viewer(.investigatingOfficer, person: nil).canSee(r))
        #expect(
            !viewer(.independentPerson, person: "p-io").canSee(r),
            "the same person, but not appointed as Independent Person")
        #expect(!viewer(.reportReader).canSee(r) && !viewer(.administrator).canSee(r))
        #expect(
            viewer(.independentPerson, person: "p-io").may(.viewCase)
                && !viewer(.independentPerson).may(.takeCaseSteps), "read-mostly")
        #expect(!viewer(.administrator).may(.viewCase) && viewer(.administrator).may(.manageUsers))
    }

    @Test("a restricted case is visible only to its named users, even a complaints manager's colleague")
    func restricted() {
        let r = complaint(restrictedTo: ["u2"])
        #expect(!viewer(.complaintsManager, id: "u1").canSee(r))
        #expect(viewer(.complaintsOfficer, id: "u2").canSee(r))
        #expect(!viewer(.administrator, id: "u2").canSee(r), "naming someone does not grant a role case access")
    }

    @Test("the policy is data: it round-trips through JSON")
    func policyAsData() throws {
        let data = try JSONEncoder().encode(AccessPolicy.standard)
        #expect(try JSONDecoder().decode(AccessPolicy.self, from: data) == .standard)
        #expect(String(decoding: data, as: UTF8.self).contains("\"complaints-manager\""))
    }
}

@Suite("Subject access and retention")
struct PrivacyTests {
    @Test("subject access matches names ignoring case, accents and punctuation, and flags free-text mentions")
    func search() {
        let r = complaint()
        let asComplainant = SubjectAccess.search(name: "sian o'neil", in: [r])
        #expect(asComplainant.map(\.basis) == [[.complainant]])
        #expect(SubjectAccess.search(name: "SIAN ONEIL", in: [r]).map(\.basis) == [[.complainant]])
        let child = SubjectAccess.search(name: "Robin O'Neil", in: [r])
        #expect(child.map(\.basis) == [[.subject, .freeText]] && child.first?.freeTextFields == ["Summary"])
        #expect(!child[0].needsReview)
        var mentioned = complaint()
        mentioned.subjectName = nil
        let hit = SubjectAccess.search(name: "ROBIN  O’NEIL", in: [mentioned])
        #expect(hit.first?.needsReview == true)
        #expect(
            SubjectAccess.search(name: "Robin", in: [complaint()]).first?.basis == [.freeText],
            "a first name alone only finds mentions")
        #expect(SubjectAccess.search(name: "Rob", in: [complaint()]).isEmpty, "whole words only")
        #expect(SubjectAccess.search(name: "  ", in: [complaint()]).isEmpty)
    }

    @Test("the anonymised case keeps codes, dates and outcomes and none of the free text")
    func anonymised() throws {
        var r = complaint()
        r.stages[0].extensions = [
            Extension(
                clockKey: "k", agreedOn: r.receivedOn, newDueOn: r.receivedOn.adding(days: 10), reason: "SECRET reason")
        ]
        r.stages[0].points = [ComplaintPoint(number: 1, text: "SECRET point", finding: "upheld")]
        r.stages[0].lateRequestReason = "SECRET late"
        r.records.intake.lateAcceptedReason = "SECRET accepted"
        r.records.costs = [
            Cost(id: "c", heading: .investigatingOfficer, amountPence: 100, paidOn: r.receivedOn, note: "SECRET cost")
        ]
        r.records.learning = [
            LearningPoint(id: "l", theme: "communication", description: "SECRET learning", recordedOn: r.receivedOn)
        ]
        r.records.actions = [
            ServiceAction(
                id: "a", kind: .staffTraining, description: "SECRET action", owner: "SECRET owner", dueOn: r.receivedOn,
                doneOn: r.receivedOn)
        ]
        r.records.publicationQuote = "SECRET quote"
        let free = SubjectAccess.freeText(of: r).map(\.text).filter { !$0.contains("SECRET") }
        #expect(free.isEmpty, "every free-text field in this case carries the marker")
        let a = r.anonymised(on: CalendarDate(iso: "2030-01-01")!)
        let json = String(decoding: try JSONEncoder().encode(a), as: UTF8.self)
        #expect(!json.contains("SECRET") && !json.contains("Neil"))
        #expect(
            a.stages
                == r.stages.map { s in
                    var s = s
                    s.extensions[0].reason = "(removed under the retention schedule)"
                    s.points[0].text = "(removed under the retention schedule)"
                    s.lateRequestReason = "(removed under the retention schedule)"
                    return s
                })
        #expect(a.complainant.relationship == "parent" && a.complainant.advocate != nil, "advocacy still counts")
        #expect(a.records.costs[0].amountPence == 100 && a.records.actions[0].kind == .staffTraining)
    }

    @Test("retention counts from the last thing that happened, never while anything is open")
    func due() {
        let r = complaint()
        #expect(Retention.closedOn(r) == CalendarDate(iso: "2023-05-10"))
        let schedule = RetentionSchedule.standard
        #expect(
            Retention.due([r], schedule: schedule, today: CalendarDate(iso: "2038-05-10")!).isEmpty,
            "children's: 15 years, on the day itself kept")
        #expect(
            Retention.due([r], schedule: schedule, today: CalendarDate(iso: "2038-05-11")!).map(\.reference) == [
                r.reference
            ])
        var withAction = r
        withAction.records.actions = [
            ServiceAction(id: "a", kind: .staffTraining, description: "d", owner: "o", dueOn: r.receivedOn)
        ]
        #expect(Retention.closedOn(withAction) == nil)
        #expect(CalendarDate(iso: "2024-02-29")!.addingYears(1) == CalendarDate(iso: "2025-02-28"))
        #expect(
            RetentionSchedule(rules: [.init(serviceArea: .corporate, yearsAfterClosure: 0)]).problems == [
                "Rule 1 (Corporate): years after closure must be 1 or more"
            ])
    }

    @Test("ASCII text is normalised in one pass exactly as the general path does it")
    func asciiNormalisation() {
        // Every ASCII character alone, between letters and between spaces.
        for byte in UInt8(0)..<128 {
            let c = String(decoding: [byte], as: UTF8.self)
            for text in [c, "a\(c)b", " \(c) ", "Ab\(c)\(c)Cd \(c)"] {
                #expect(SubjectAccess.asciiNormalised(text) == SubjectAccess.unicodeNormalised(text), "\(byte)")
            }
        }
        // Random ASCII strings, weighted towards letters, spaces and punctuation.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 -'.,\t\n_/&xY  --")
        for _ in 0..<2_000 {
            let text = String(
                (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                    Bool.random(using: &generator)
                        ? alphabet.randomElement(using: &generator)!
                        : Character(Unicode.Scalar(UInt8.random(in: 0..<128, using: &generator)))
                })
            #expect(SubjectAccess.asciiNormalised(text) == SubjectAccess.unicodeNormalised(text), "\(Array(text.utf8))")
        }
        #expect(SubjectAccess.normalise("  Sian O'Neil-Smith\t") == "sian oneil smith")
        #expect(SubjectAccess.asciiNormalised("Siân") == nil && SubjectAccess.normalise("Siân O’Neil") == "sian oneil")
    }
}
