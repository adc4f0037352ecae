import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

@Suite("Storage: lifecycle transitions")
struct TransitionStorageTests {
    let lifecycle = Lifecycle(
        procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: day("2023-12-01"))

    func newComplaint(_ store: RepresentationStore) async throws -> Representation {
        let command = NewComplaint(
            serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
            receivedOn: day("2022-06-01"),
            methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "child-in-need", summary: "s")
        return try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
    }

    @Test(
        "each step is saved with the next version and an audit event; the case reads back as the lifecycle left it",
        arguments: TestDatabase.engines)
    func stepsAreSavedAndAudited(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            var r = try await newComplaint(store)
            let steps: [CaseCommand] = [
                .record(.acknowledged, on: day("2022-06-06")),
                .extend(
                    clock: "stage-1-response", agreedOn: day("2022-06-10"), to: day("2022-07-01"),
                    reason: "Advocate needed", complainantInformedOn: day("2022-06-10")),
                .pause(.awaitingConsent, from: day("2022-06-13")), .resume(on: day("2022-06-15")),
                .respond(on: day("2022-06-28"), outcome: "partly-upheld"),
                .escalate(requestedOn: day("2022-07-12"), lateReason: nil),
            ]
            var expected = r
            for step in steps {
                expected = try lifecycle.apply(step, to: expected)
                expected.version += 1
                r = try await store.apply(
                    step, to: r.id, expectedVersion: r.version, lifecycle: lifecycle, recordedBy: "tester")
                #expect(r == expected)
            }
            #expect(try await store.representation(id: r.id) == expected)
            #expect(r.version == 7)
            let events = try await CaseEventLog.events(of: r.id, in: database)
            #expect(events.map(\.command) == steps)
            #expect(events.map(\.sequence) == Array(1...6))
            #expect(events.allSatisfy { $0.recordedBy == "tester" })
            #expect(
                events[4].summary == "Stage 1: local resolution: Stage 1 response sent on 28 June 2022 (partly-upheld)")
            #expect(try await store.openComplaints().map(\.id) == [r.id])  // open again, at stage 2
        }
    }

    @Test(
        "a stale version is refused and nothing changes: concurrent edits never overwrite silently",
        arguments: TestDatabase.engines)
    func staleVersion(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let r = try await newComplaint(store)
            _ = try await store.apply(
                .record(.acknowledged, on: day("2022-06-06")), to: r.id, expectedVersion: 1, lifecycle: lifecycle,
                recordedBy: "first")
            await #expect(throws: DatabaseError.conflict(reference: r.reference)) {
                try await store.apply(
                    .respond(on: day("2022-06-10"), outcome: "upheld"), to: r.id, expectedVersion: 1,
                    lifecycle: lifecycle, recordedBy: "second")
            }
            let now = try await store.representation(id: r.id)
            #expect(now?.version == 2 && now?.stages[0].respondedOn == nil)
            #expect(try await CaseEventLog.events(of: r.id, in: database).count == 1)
        }
    }

    @Test("two people saving at once: exactly one wins, the other gets a conflict", arguments: TestDatabase.engines)
    func raceForTheSameVersion(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let r = try await newComplaint(store)
            let lifecycle = self.lifecycle
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for outcome in ["upheld", "not-upheld", "partly-upheld", "no-finding"] {
                    group.addTask {
                        (try? await store.apply(
                            .respond(on: day("2022-06-10"), outcome: outcome), to: r.id, expectedVersion: 1,
                            lifecycle: lifecycle, recordedBy: outcome)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await CaseEventLog.events(of: r.id, in: database).count == 1)
            #expect(try await store.representation(id: r.id)?.version == 2)
        }
    }

    @Test("a refused step changes nothing and records no event", arguments: TestDatabase.engines)
    func refusedStep(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let r = try await newComplaint(store)
            await #expect(throws: LifecycleError.self) {
                try await store.apply(
                    .escalate(requestedOn: day("2022-06-10"), lateReason: nil), to: r.id, expectedVersion: 1,
                    lifecycle: lifecycle, recordedBy: "x")
            }
            #expect(try await store.representation(id: r.id) == r)
            #expect(try await CaseEventLog.events(of: r.id, in: database).isEmpty)
        }
    }
}

extension TransitionStorageTests {
    @Test(
        "the audit trail is complete: replaying a demo case's stored events reproduces the stored case",
        arguments: TestDatabase.engines)
    func replayReproducesTheCase(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let demo = DemoCouncil(today: day("2026-11-21"))
            let cases = demo.cases()
            let histories = Dictionary(
                uniqueKeysWithValues: cases.filter { !$0.history.isEmpty }.map { ($0.representation.id, $0.history) })
            let store = RepresentationStore(database: database)
            try await store.insertAll(cases.map(\.representation), histories: histories, recordedBy: "demo data")
            let people = PeopleDirectory(demo.people)
            // Every twentieth complaint with a history, across all procedures.
            let sample = cases.filter { !$0.history.isEmpty }.enumerated().filter { $0.offset % 20 == 0 }.map(
                \.element.representation)
            #expect(sample.count > 100)
            for original in sample {
                let procedure = BuiltInProcedures.defaultProcedure(for: original.serviceArea)
                let lifecycle = Lifecycle(
                    procedure: procedure, calendar: .englandAndWales, today: day("2026-11-21"), people: people)
                // The case as first recorded: a converted one started as a pre-complaint or case concern.
                var replayed = original
                replayed.records = CaseRecords()
                if let conversion = original.records.intake.convertedFrom {
                    replayed.kind = conversion.from
                    replayed.receivedOn = conversion.firstReceivedOn
                    replayed.stages = []
                } else if original.kind.canBecomeComplaint {
                    replayed.stages = []
                } else {
                    replayed.stages = [
                        ClockEngine(calendar: .englandAndWales).openingStage(
                            for: procedure, receivedOn: original.receivedOn)!
                    ]
                }
                let events = try await CaseEventLog.events(of: original.id, in: database)
                #expect(events.map(\.summary) == histories[original.id]!.map(\.summary))
                for event in events { replayed = try lifecycle.apply(event.command, to: replayed) }
                #expect(replayed == original, "\(original.reference)")
            }
        }
    }
}
