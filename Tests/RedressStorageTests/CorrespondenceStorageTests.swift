import Foundation
import Logging
import RedressCore
import RedressNotifications
import RedressStorage
import RedressTestSupport
import Testing

/// A sender that fails until told otherwise, recording what it was given.
final class FlakySender: MessageSender, @unchecked Sendable {
    private let lock = NSLock()
    private var _failing: SendFailure?
    private var _sent: [String] = []
    init(failing: SendFailure?) { _failing = failing }
    var failing: SendFailure? {
        get { lock.withLock { _failing } }
        set { lock.withLock { _failing = newValue } }
    }
    var sent: [String] { lock.withLock { _sent } }
    func send(_ message: OutboxMessage) async throws {
        if let failure = failing { throw failure }
        lock.withLock { _sent.append(message.recipient) }
    }
}

@Suite("Storage: submissions, letters, outbox and reminders")
struct CorrespondenceStorageTests {
    @Test(
        """
            the outbox keeps a message the sender refuses, retries it after the back-off, and sends it when the \
            sender is back
            """,
        arguments: TestDatabase.engines)
    func outboxRetries(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = OutboxStore(database: database)
            let t0 = 1_700_000_000
            try await store.enqueue(
                [OutboxMessage(recipient: "a@example.org", subject: "s", body: "b", nextAttemptAt: t0)], now: t0)
            let sender = FlakySender(failing: SendFailure("connection refused"))
            let delivery = OutboxDelivery(store: store, sender: sender, maxAttempts: 3, logger: TestDatabase.logger)
            #expect(try await delivery.deliverDue(now: t0) == 0)
            var kept = try #require(try await store.all().first)
            #expect(
                kept.status == .pending && kept.attempts == 1 && kept.nextAttemptAt == t0 + 60
                    && kept.lastError == "connection refused")
            #expect(try await delivery.deliverDue(now: t0 + 59) == 0 && sender.sent.isEmpty, "not before the back-off")
            #expect(try await delivery.deliverDue(now: t0 + 60) == 0)
            kept = try #require(try await store.all().first)
            #expect(kept.attempts == 2 && kept.nextAttemptAt == t0 + 60 + 120, "doubled")
            sender.failing = nil
            #expect(try await delivery.deliverDue(now: t0 + 180) == 1 && sender.sent == ["a@example.org"])
            kept = try #require(try await store.all().first)
            #expect(kept.status == .sent && kept.attempts == 3 && kept.sentAt == t0 + 180 && kept.lastError == nil)
            #expect(try await delivery.deliverDue(now: t0 + 10_000) == 0, "sent once only")

            try await store.enqueue(
                [OutboxMessage(id: "bad", recipient: "x@example.org", subject: "s", body: "b", nextAttemptAt: t0)],
                now: t0)
            sender.failing = SendFailure("address rejected", isRetryable: false)
            _ = try await delivery.deliverDue(now: t0 + 20_000)
            #expect(
                try await store.all().first { $0.id == "bad" }?.status == .failed,
                "not retried when retrying cannot help")
            #expect(
                OutboxDelivery.backoff(afterAttempt: 1) == 60 && OutboxDelivery.backoff(afterAttempt: 30) == 6 * 60 * 60
            )
        }
    }

    @Test(
        "reminder digests are prepared once a working day, to the appointed person's address or the team's",
        arguments: TestDatabase.engines)
    func reminderJob(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await PeopleStore(database: database).save([
                Person(
                    id: "rm-1", name: "Rhea Manager", roles: [.respondingManager], isCouncilOfficerOrMember: true,
                    email: "rhea@example.org")
            ])
            var stage = Stage(
                key: "stage-1", openedOn: CalendarDate(iso: "2021-12-14")!, dueOn: CalendarDate(iso: "2021-12-29")!)
            stage.appointments = [
                Appointment(role: .respondingManager, personID: "rm-1", appointedOn: CalendarDate(iso: "2021-12-14")!)
            ]
            let overdue = Stage(
                key: "stage-1", openedOn: CalendarDate(iso: "2021-12-01")!, dueOn: CalendarDate(iso: "2021-12-15")!)
            let cases = [("A", stage), ("B", overdue)].map { id, s in
                Representation(
                    id: id, reference: "CS-\(id)", kind: .complaint, serviceArea: .childrensSocialCare,
                    procedureID: BuiltInProcedures.childrenStatutory.id,
                    receivedOn: s.openedOn, methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                    serviceCategory: "fostering", summary: "s", stages: [s])
            }
            try await RepresentationStore(database: database).insertAll(cases)
            let job = ReminderJob(database: database, teamEmail: "complaints@example.org")
            let t = 1_700_000_000
            #expect(
                try await job.run(today: CalendarDate(iso: "2021-12-27")!, now: t, settings: .standard) == 0,
                "a bank holiday: nothing")
            #expect(try await job.run(today: CalendarDate(iso: "2021-12-23")!, now: t, settings: .standard) == 2)
            #expect(
                try await job.run(today: CalendarDate(iso: "2021-12-23")!, now: t + 60, settings: .standard) == 0,
                "once a day")
            let messages = try await OutboxStore(database: database).all()
            #expect(Set(messages.map(\.recipient)) == ["rhea@example.org", "complaints@example.org"])
            #expect(
                messages.first { $0.recipient == "rhea@example.org" }?.body.contains(
                    "- CS-A: Stage 1 response, due 29 December 2021") == true)
            #expect(!messages.contains { $0.body.contains("Rhea") }, "references, not names")
            #expect(
                try await job.run(
                    today: CalendarDate(iso: "2021-12-24")!, now: t, settings: ReminderSettings(enabled: false)) == 0)
        }
    }

    @Test(
        """
            submissions get random WEB references that say nothing about how many came; a stale triage decision is \
            refused; letter templates are seeded and version-checked
            """,
        arguments: TestDatabase.engines)
    func submissionsAndTemplates(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = SubmissionStore(database: database)
            let answers = FeedbackAnswers(["kind": "compliment", "service": "adults", "details": "Thank you"])
            let first = try await store.add(
                answers, on: CalendarDate(iso: "2026-05-01")!, young: false, equalityCodes: .defaults)
            let second = try await store.add(
                answers, on: CalendarDate(iso: "2026-05-02")!, young: false, equalityCodes: .defaults)
            #expect(
                first.reference.wholeMatch(of: /WEB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/) != nil
                    && first.reference != second.reference)
            var declined = first
            declined.status = .declined
            declined.declinedReason = "Duplicate"
            try await store.update(declined, expectedVersion: 1)
            await #expect(throws: DatabaseError.conflict(reference: first.reference)) {
                try await store.update(declined, expectedVersion: 1)
            }
            #expect(try await store.list(status: .new).map(\.reference) == [second.reference])
            #expect(try await store.submission(id: first.id)?.declinedReason == "Duplicate")

            let letters = LetterStore(database: database)
            let templates = try await letters.templates()
            #expect(
                Set(templates.map(\.key)) == [
                    "acknowledgement", "extension", "stage-response", "adjudication", "panel-outcome", "refusal",
                ])
            try await letters.saveTemplate(key: "extension", body: "New text {{reference}}", expectedVersion: 1)
            await #expect(throws: DatabaseError.self) {
                try await letters.saveTemplate(key: "extension", body: "Older edit", expectedVersion: 1)
            }
            #expect(try await letters.templates().first { $0.key == "extension" }?.body == "New text {{reference}}")
        }
    }
}
