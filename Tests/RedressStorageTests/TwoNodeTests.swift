import Foundation
import Logging
import RedressCore
import RedressNotifications
import RedressStorage
import RedressTestSupport
import Testing

/// Background work with more than one server node on one database: every message sent once and a
/// day's reminders prepared once, whichever node's pass gets there first.
@Suite("Two nodes: background work runs once")
struct TwoNodeTests {
    @Test(
        "eight delivery passes at once over two nodes send each of 200 messages exactly once",
        arguments: TestDatabase.engines)
    func outboxOnce(engine: DatabaseEngine) async throws {
        try await TestDatabase.withTwoNodes(engine) { first, second in
            let now = 1_800_000_000
            let messages = (0..<200).map {
                OutboxMessage(recipient: "person\($0)@example.org", subject: "Reminder", body: "b", nextAttemptAt: now)
            }
            try await OutboxStore(database: first).enqueue(messages, now: now)
            let sender = FlakySender(failing: nil)
            let logger = Logger(label: "two-nodes")
            let sent = try await withThrowingTaskGroup(of: Int.self) { group in
                for pass in 0..<8 {
                    let database = pass % 2 == 0 ? first : second
                    group.addTask {
                        try await OutboxDelivery(store: OutboxStore(database: database), sender: sender, logger: logger)
                            .deliverDue(now: now)
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(sent == 200)
            #expect(sender.sent.count == 200 && Set(sender.sent).count == 200, "each message once")
            let stored = try await OutboxStore(database: second).all()
            #expect(stored.allSatisfy { $0.status == .sent && $0.attempts == 1 })
            // A pass later finds nothing left to send.
            #expect(
                try await OutboxDelivery(store: OutboxStore(database: second), sender: sender, logger: logger)
                    .deliverDue(now: now + 3600) == 0)
        }
    }

    @Test("a day's reminders prepared by both nodes at once are enqueued once", arguments: TestDatabase.engines)
    func remindersOnce(engine: DatabaseEngine) async throws {
        try await TestDatabase.withTwoNodes(engine) { first, second in
            let day = CalendarDate(iso: "2026-12-01")!
            let won = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<10 {
                    let database = attempt % 2 == 0 ? first : second
                    group.addTask {
                        try await OutboxStore(database: database).recordReminderRun(
                            day: day,
                            messages: [
                                OutboxMessage(
                                    recipient: "team@example.org", subject: "Today's deadlines", body: "b",
                                    nextAttemptAt: 0)
                            ], now: 0)
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(won.count(where: { $0 }) == 1)
            #expect(try await OutboxStore(database: first).all().count == 1)
        }
    }
}
