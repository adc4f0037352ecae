import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!
private let lifecycle = Lifecycle(
    procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: today)

/// `count` open children's complaints, received a day apart from 1 September 2023 (the first
/// received is the most urgent), oldest first.
private func openComplaints(_ count: Int, in database: Database) async throws -> [Representation] {
    var recorded: [Representation] = []
    for i in 0..<count {
        recorded.append(
            try await RepresentationStore(database: database).record(
                NewComplaint(
                    serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                    receivedOn: CalendarDate(iso: "2023-09-01")!.adding(days: i), methodOfReceipt: "email",
                    complainant: Complainant(relationship: "parent"), serviceCategory: "child-in-need",
                    summary: "Case \(i)"),
                engine: ClockEngine(calendar: .englandAndWales)))
    }
    return recorded
}

/// Two nodes (each its own router, dependencies and kept work) over one database, as behind a
/// load balancer: `body` gets a client for each.
private func withTwoNodes(
    _ engine: DatabaseEngine, test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, any TestClientProtocol, Database) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let first = Application(
            router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
        let second = Application(
            router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
        try await first.test(.router) { a in
            try await second.test(.router) { b in try await body(a, b, database) }
        }
    }
}

private extension SignedInClient {
    func dashboard(_ query: String = "") async throws -> String {
        try await execute(uri: "/" + query, method: .get) { response in
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }
}

private extension String {
    /// The references in the dashboard's tables, in order.
    var listedReferences: [String] {
        components(separatedBy: "<th scope=\"row\"><a class=\"app-link\" href=\"/complaints/").dropFirst().compactMap {
            $0.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
        }
    }

    var openCount: Int? {
        guard let range = range(of: "data-figure=\"open.complaints\">") else { return nil }
        return Int(self[range.upperBound...].prefix { $0.isNumber })
    }
}

@Suite("Dashboard: work queues kept between requests, paged, held to each viewer")
struct DashboardTests {
    @Test("the open cases are listed 50 to a page, most urgent first", arguments: TestDatabase.engines)
    func paged(engine: DatabaseEngine) async throws {
        try await withTwoNodes(engine) { client, _, database in
            let cases = try await openComplaints(60, in: database)
            let manager = try await signIn(client, database, as: .complaintsManager)
            let first = try await manager.dashboard()
            #expect(first.listedReferences == cases.prefix(50).map(\.reference))
            #expect(first.contains("Showing 1 to 50 of 60 open cases"))
            #expect(first.contains("href=\"/?page=2\" rel=\"next\""))
            #expect(!first.contains("rel=\"prev\""))
            #expect(first.openCount == 60)
            let second = try await manager.dashboard("?page=2")
            #expect(second.listedReferences == cases.suffix(10).map(\.reference))
            #expect(second.contains("Showing 51 to 60 of 60 open cases"))
            #expect(second.contains("href=\"/\" rel=\"prev\"") && !second.contains("rel=\"next\""))
            // Past the last page, or not a number: the nearest page there is.
            #expect(try await manager.dashboard("?page=9").listedReferences == second.listedReferences)
            #expect(try await manager.dashboard("?page=x").listedReferences == first.listedReferences)
            // The queue chosen pages by itself and keeps the list's page in its links.
            let queue = try await manager.dashboard("?queue=overdue&page=2")
            #expect(queue.contains("Showing 1 to 50 of 60 items in this queue"))
            #expect(queue.contains("href=\"/?queue=overdue&amp;page=2&amp;queue-page=2\" rel=\"next\""))
        }
    }

    @Test(
        "what one node kept is worked out again when a case changes through another, and held to each viewer",
        arguments: TestDatabase.engines)
    func keptWorkFollowsChanges(engine: DatabaseEngine) async throws {
        try await withTwoNodes(engine) { a, b, database in
            let cases = try await openComplaints(3, in: database)
            let officer = try await signIn(b, database, as: .complaintsOfficer)
            let managerOnA = try await signIn(a, database, as: .complaintsManager)
            let managerOnB = SignedInClient(base: b, session: managerOnA.session)
            #expect(try await managerOnA.dashboard().listedReferences == cases.map(\.reference))
            // A case restricted to the officer: node A worked the queue out with it for the manager
            // above; now the officer's request on A fills what A keeps, and the manager still may
            // not see it there.
            let store = RepresentationStore(database: database)
            _ = try await store.restrict(
                cases[1].id, to: [officer.user.id], expectedVersion: 1,
                audit: AuditEntry(userID: nil, username: "t", action: .restrictedCase))
            let officerOnA = SignedInClient(base: a, session: officer.session)
            #expect(try await officerOnA.dashboard().listedReferences == cases.map(\.reference))
            #expect(try await managerOnA.dashboard().listedReferences == [cases[0].reference, cases[2].reference])
            #expect(try await managerOnA.dashboard().openCount == 2)
            // A response recorded elsewhere (here, straight to the store) closes the first case:
            // both nodes show it gone on their next request.
            _ = try await store.apply(
                .respond(on: today, outcome: "upheld"), to: cases[0].id, expectedVersion: 1, lifecycle: lifecycle,
                recordedBy: "t")
            #expect(try await managerOnA.dashboard().listedReferences == [cases[2].reference])
            #expect(try await managerOnB.dashboard().listedReferences == [cases[2].reference])
            #expect(try await officerOnA.dashboard().listedReferences == [cases[1].reference, cases[2].reference])
        }
    }

    @Test(
        "dashboards asked for on two nodes while cases close show no case twice, and all of the changes after",
        arguments: TestDatabase.engines)
    func underConcurrency(engine: DatabaseEngine) async throws {
        try await withTwoNodes(engine) { a, b, database in
            let cases = try await openComplaints(12, in: database)
            let manager = try await signIn(a, database, as: .complaintsManager)
            let nodes = [manager, SignedInClient(base: b, session: manager.session)]
            let store = RepresentationStore(database: database)
            let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
                for i in 0..<24 {
                    group.addTask {
                        let page = try await nodes[i % 2].dashboard()
                        let listed = page.listedReferences
                        #expect(Set(listed).count == listed.count)
                        return [listed.count]
                    }
                }
                for r in cases.prefix(6) {
                    group.addTask {
                        _ = try await store.apply(
                            .respond(on: today, outcome: "upheld"), to: r.id, expectedVersion: 1,
                            lifecycle: lifecycle, recordedBy: "t")
                        return []
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(counts.count == 24 && counts.allSatisfy { (6...12).contains($0) })
            for node in nodes {
                let after = try await node.dashboard()
                #expect(after.listedReferences == cases.suffix(6).map(\.reference))
                #expect(after.openCount == 6)
            }
        }
    }
}
