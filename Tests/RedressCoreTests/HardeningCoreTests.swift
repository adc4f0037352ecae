import Foundation
import RedressCore
import Testing

@Suite("Hardening: checks in the pure core")
struct HardeningCoreTests {
    @Test("SHA-256 gives the FIPS 180-4 test vectors, however the input is split")
    func sha256() {
        #expect(SHA256Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256Digest.hex(two) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256Digest()
        for _ in 0..<1000 { million.update(String(repeating: "a", count: 1000)) }
        #expect(million.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var pieces = SHA256Digest()
        for (i, ch) in two.enumerated() { pieces.update(i % 3 == 0 ? String(ch) : String(ch)) }
        #expect(pieces.hexDigest() == SHA256Digest.hex(two))
    }

    @Test("CSV: a cell a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers")
    func csvFormulas() {
        for formula in ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@A1", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            #expect(CSV.neutralised(formula) == "'" + formula, "\(formula)")
        }
        for safe in ["-3", "+12", "12.5%", "-0,5", "Parent", "", "a=b"] {
            #expect(CSV.neutralised(safe) == safe, "\(safe)")
        }
        #expect(CSV.line(["=1+1", "-5"]) == "'=1+1,-5\r\n")
    }

    @Test("a response's outcome must be a code of the outcome list, and not a closure another step records")
    func outcomeCodes() throws {
        let procedure = BuiltInProcedures.childrenStatutory
        let lifecycle = Lifecycle(procedure: procedure, calendar: .englandAndWales, today: date("2023-12-01"))
        let r = Representation(
            id: "r", reference: "CSC-2023-00001", kind: .complaint, serviceArea: .childrensSocialCare,
            procedureID: procedure.id,
            receivedOn: date("2023-11-01"), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "fostering", summary: "s",
            stages: [
                ClockEngine(calendar: .englandAndWales).openingStage(for: procedure, receivedOn: date("2023-11-01"))!
            ])
        for bad in ["zzz", "<b>made-up</b>", "withdrawn", "refused", "escalated-unanswered"] {
            #expect(throws: LifecycleError.self, "\(bad)") {
                try lifecycle.apply(.respond(on: date("2023-11-10"), outcome: bad), to: r)
            }
            do { _ = try lifecycle.apply(.respond(on: date("2023-11-10"), outcome: bad), to: r) } catch {
                #expect(error.field == "outcome")
            }
        }
        #expect(
            try lifecycle.apply(.respond(on: date("2023-11-10"), outcome: "partly-upheld"), to: r).stages[0].outcome
                == "partly-upheld")
    }

    @Test("a stage brought in from the previous system is only ever a case's first step, checked for order and codes")
    func migrated() throws {
        let procedure = BuiltInProcedures.childrenStatutory
        let lifecycle = Lifecycle(procedure: procedure, calendar: .englandAndWales, today: date("2023-12-01"))
        let fresh = Representation(
            id: "r", reference: "LEG-1", kind: .complaint, serviceArea: .childrensSocialCare, procedureID: procedure.id,
            receivedOn: date("2022-05-03"), methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "fostering", summary: "s",
            stages: [
                ClockEngine(calendar: .englandAndWales).openingStage(for: procedure, receivedOn: date("2022-05-03"))!
            ])
        let step = CaseCommand.migrated(
            stage: "stage-2", openedOn: date("2022-06-01"), respondedOn: date("2022-07-01"), outcome: "upheld",
            dueOn: nil)
        let moved = try lifecycle.apply(step, to: fresh)
        #expect(
            moved.stages.map(\.key) == ["stage-2"] && moved.stages[0].respondedOn == date("2022-07-01") && !moved.isOpen
        )
        #expect(throws: LifecycleError.self, "never after another step") { try lifecycle.apply(step, to: moved) }
        let answered = try lifecycle.apply(.record(.acknowledged, on: date("2022-05-04")), to: fresh)
        #expect(throws: LifecycleError.self) { try lifecycle.apply(step, to: answered) }
        #expect(throws: LifecycleError.self, "unknown stage") {
            try lifecycle.apply(
                .migrated(stage: "stage-9", openedOn: date("2022-06-01"), respondedOn: nil, outcome: nil, dueOn: nil),
                to: fresh)
        }
        #expect(throws: LifecycleError.self, "responded before it opened") {
            try lifecycle.apply(
                .migrated(
                    stage: "stage-1", openedOn: date("2022-06-01"), respondedOn: date("2022-05-30"), outcome: nil,
                    dueOn: nil), to: fresh)
        }
        #expect(throws: LifecycleError.self, "an outcome with no response") {
            try lifecycle.apply(
                .migrated(
                    stage: "stage-1", openedOn: date("2022-06-01"), respondedOn: nil, outcome: "upheld", dueOn: nil),
                to: fresh)
        }
        #expect(throws: LifecycleError.self, "not a code") {
            try lifecycle.apply(
                .migrated(
                    stage: "stage-1", openedOn: date("2022-06-01"), respondedOn: date("2022-06-02"), outcome: "zzz",
                    dueOn: nil), to: fresh)
        }
    }

    @Test("a date received before 1 January 1990 is a typing mistake, refused by the form")
    func earliestDate() {
        let result = NewComplaint.validateDate(
            day: "1", month: "1", year: "1899", name: "Date received", field: "received", today: date("2023-12-01"))
        guard case .failure(let error) = result else { Issue.record("1899 accepted"); return }
        #expect(error.message == "Date received must be on or after 1 January 1990" && error.field == "received-year")
    }

    @Test("public submission references are random, from an alphabet without look-alikes")
    func submissionReferences() {
        let references = (0..<200).map { _ in PublicSubmission.newReference() }
        #expect(Set(references).count == 200)
        #expect(references.allSatisfy { $0.wholeMatch(of: /WEB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/) != nil })
    }
}
