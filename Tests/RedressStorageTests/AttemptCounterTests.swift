import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@Suite("Attempt counters: sign-in and submission limits in the database")
struct AttemptCounterTests {
    @Test(
        "thirty attempts at once: exactly the limit go ahead, the rest are refused, and the key stays locked",
        arguments: TestDatabase.engines)
    func concurrentReservations(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let counter = AttemptCounter(database: database)
            let limit = AttemptLimit(limit: 5, windowSeconds: 86_400, lockoutSeconds: 900)
            let results = try await withThrowingTaskGroup(of: AttemptCounter.Reservation.self) { group in
                for _ in 0..<30 { group.addTask { try await counter.reserve("account:jo", now: 1000, limit: limit) } }
                return try await group.reduce(into: [AttemptCounter.Reservation]()) { $0.append($1) }
            }
            #expect(results.filter { $0.refusedFor == nil }.count == 5)
            #expect(results.filter(\.isLast).count == 1)
            #expect(results.compactMap(\.refusedFor).allSatisfy { $0 == 900 })
            #expect(
                try await counter.reserve("account:jo", now: 1500, limit: limit).refusedFor == 400,
                "locked until 15 minutes after the limit was reached")
            #expect(
                try await counter.reserve("account:ann", now: 1500, limit: limit).refusedFor == nil,
                "other keys are not affected")
            #expect(
                try await counter.reserve("account:jo", now: 1901, limit: limit).refusedFor == nil,
                "the lockout is over")
        }
    }

    @Test(
        "a window: twenty in fifteen minutes, then refused until the window has passed; giving back frees a place",
        arguments: TestDatabase.engines)
    func window(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let counter = AttemptCounter(database: database)
            let limit = AttemptLimit(limit: 20, windowSeconds: 900, lockoutSeconds: 900)
            for i in 0..<19 {
                #expect(try await counter.reserve("sign-in:192.0.2.1", now: 1000 + i, limit: limit).refusedFor == nil)
            }
            try await counter.giveBack("sign-in:192.0.2.1", limit: limit)
            #expect(try await counter.reserve("sign-in:192.0.2.1", now: 1050, limit: limit).refusedFor == nil)
            let twentieth = try await counter.reserve("sign-in:192.0.2.1", now: 1100, limit: limit)
            #expect(twentieth.refusedFor == nil && twentieth.isLast)
            #expect(try await counter.reserve("sign-in:192.0.2.1", now: 1101, limit: limit).refusedFor == 899)
            #expect(try await counter.reserve("sign-in:198.51.100.7", now: 1101, limit: limit).refusedFor == nil)
            #expect(
                try await counter.reserve("sign-in:192.0.2.1", now: 2001, limit: limit).refusedFor == nil,
                "a new window")
            try await counter.clear("sign-in:192.0.2.1")
            #expect(try await counter.lockedFor("sign-in:192.0.2.1", now: 2001) == nil)
        }
    }

    @Test("a password reset clears the username's lockout", arguments: TestDatabase.engines)
    func resetClears(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let user = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer,
                password: "a long enough password", hasher: .testing)
            let counter = AttemptCounter(database: database)
            let limit = SignInPolicy().account
            for _ in 0..<6 { _ = try await counter.reserve(AttemptCounter.account("jo"), now: 1000, limit: limit) }
            #expect(try await counter.lockedFor(AttemptCounter.account("JO "), now: 1001) != nil)
            try await UserStore(database: database).setPassword(
                "another long password", userID: user.id, hasher: .testing)
            #expect(try await counter.lockedFor(AttemptCounter.account("jo"), now: 1001) == nil)
        }
    }
}
