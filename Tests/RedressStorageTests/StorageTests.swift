import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

private func command(
    area: ServiceArea = .childrensSocialCare, received: String = "2022-06-01",
    summary: String = "Worker did not return calls"
) -> NewComplaint {
    NewComplaint(
        serviceArea: area, procedure: BuiltInProcedures.defaultProcedure(for: area), receivedOn: day(received),
        methodOfReceipt: "email",
        complainant: Complainant(relationship: "parent", isChildOrYoungPerson: true, advocate: "Advocacy Org"),
        serviceCategory: "child-in-need", summary: summary)
}

private let engine = ClockEngine(calendar: .englandAndWales)

/// One suite, run against every available engine (SQLite always; PostgreSQL in CI).
@Suite("Storage")
struct StorageTests {
    @Test(
        "migrations create and seed the schema once; running them again changes nothing",
        arguments: TestDatabase.engines)
    func migrations(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.appliedVersions() == Set(1...Migrator.latestVersion))
            let reference = try await ReferenceStore(database: database).load()
            #expect(reference.categories.count == ReferenceData.defaults.categories.count)
            #expect(
                reference.active(.service, group: "children").map(\.code)
                    == ReferenceData.defaults.active(.service, group: "children").map(\.code))
            #expect(
                try await ProcedureStore(database: database).load() == BuiltInProcedures.all.sorted { $0.id < $1.id })
        }
    }

    @Test(
        "a recorded complaint reads back whole, with its reference and statutory deadline",
        arguments: TestDatabase.engines)
    func recordAndRead(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            let recorded = try await store.record(command(summary: "Quotes ' and \" and <b>"), engine: engine)
            #expect(recorded.reference == "CSC-2022-00001")
            #expect(recorded.stages == [Stage(key: "stage-1", openedOn: day("2022-06-01"), dueOn: day("2022-06-17"))])
            let read = try await store.representation(id: recorded.id)
            #expect(read == recorded)
            #expect(try await store.record(command(), engine: engine).reference == "CSC-2022-00002")
            #expect(
                try await store.record(command(received: "2022-03-31"), engine: engine).reference == "CSC-2021-00001")
            #expect(
                try await store.record(command(area: .adultSocialCare), engine: engine).reference == "ASC-2022-00001")
            #expect(try await store.representation(id: "no-such-id") == nil)
        }
    }

    @Test("concurrent recording never hands out the same reference twice", arguments: TestDatabase.engines)
    func concurrentReferences(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            let references = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<24 { group.addTask { try await store.record(command(), engine: engine).reference } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(references) == Set((1...24).map { "CSC-2022-\(String.paddedSequence($0))" }))
        }
    }

    @Test("a failing write leaves nothing behind: the transaction rolls back whole", arguments: TestDatabase.engines)
    func rollback(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            var records = DemoCouncil(today: day("2022-06-30")).representations().prefix(50).map { $0 }
            records[40].reference = records[3].reference  // duplicate reference: violates UNIQUE
            await #expect(throws: (any Error).self) { try await store.insertAll(records) }
            #expect(try await store.count() == 0)
            let stages = try await database.withSQL {
                try await $0.raw("SELECT COUNT(*) AS n FROM stage").first()!.decode(column: "n", as: Int.self)
            }
            #expect(stages == 0)
        }
    }

    @Test("the schema refuses values the domain does not allow", arguments: TestDatabase.engines)
    func constraints(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            await #expect(throws: (any Error).self) {
                try await database.withSQL { sql in
                    try await sql.raw(
                        """
                        INSERT INTO representation (id, reference, kind, service_area, received_on, method, \
                        relationship, is_child,
                          service_category, summary, is_open, has_follow_up, detail, version, created_at, updated_at)
                        VALUES ('x', 'X-1', 'grumble', 'children', '2022-01-01', 'email', 'parent', \(bind: false), \
                        'other', '', \(bind: true), \(bind: false), '{}', 1, '', '')
                        """
                    ).run()
                }
            }
        }
    }

    @Test(
        "the demo council round-trips exactly: everything generated is everything read back",
        arguments: TestDatabase.engines)
    func demoRoundTrip(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            let generated = DemoCouncil(today: day("2026-11-21")).representations()
            try await store.insertAll(generated)
            #expect(try await store.count() == generated.count)
            let read = try await store.representations(relevantTo: day("2000-01-01"), day("2100-01-01"))
            let byID = Dictionary(uniqueKeysWithValues: read.map { ($0.id, $0) })
            #expect(read.count == generated.count)
            #expect(generated.allSatisfy { byID[$0.id] == $0 })
            let open = try await store.openComplaints()
            #expect(open.map(\.id).sorted() == generated.filter(\.isOpen).map(\.id).sorted())
            let queued = try await store.workQueueCases()
            #expect(
                queued.map(\.id).sorted() == generated.filter { $0.isOpen || $0.hasOpenFollowUps }.map(\.id).sorted())
            #expect(queued.count > open.count)
            // New complaints continue the demo's numbering.
            let next = try await store.record(command(received: "2026-11-20"), engine: engine)
            let highest = generated.filter { $0.reference.hasPrefix("CSC-2026-") }.count
            #expect(next.reference == "CSC-2026-\(String.paddedSequence(highest + 1))")
        }
    }

    @Test(
        "a year's report inputs: received in the year, closed in it, or responded to in it",
        arguments: TestDatabase.engines)
    func reportInputs(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            let all = DemoCouncil(today: day("2026-11-21")).representations()
            try await store.insertAll(all)
            let year = FinancialYear(startYear: 2024)
            let loaded = try await store.representations(relevantTo: year.firstDay, year.lastDay)
            let expected = all.filter {
                year.contains($0.receivedOn) || ($0.closedOn.map(year.contains) ?? false)
                    || $0.stages.contains { $0.respondedOn.map(year.contains) ?? false }
            }
            #expect(Set(loaded.map(\.id)) == Set(expected.map(\.id)))
            let fromStore = FirstFigures.compute(year: year, representations: loaded, calendar: .englandAndWales)
            let fromMemory = FirstFigures.compute(year: year, representations: all, calendar: .englandAndWales)
            #expect(fromStore == fromMemory)
        }
    }

    @Test(
        "bank holidays imported from a GOV.UK file take effect; a re-import replaces the years it covers",
        arguments: TestDatabase.engines)
    func calendarImport(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = CalendarStore(database: database)
            #expect(try await store.effectiveFeed() == BankHolidayFeed.shipped)
            let first = try BankHolidayFeed.parse(
                Data(
                    """
                    {"england-and-wales": {"division": "england-and-wales", "events": [
                      {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true},
                      {"title": "Proclaimed day", "date": "2029-06-04", "notes": "", "bunting": true}]}}
                    """.utf8))
            #expect(try await store.importFeed(first, today: day("2026-12-01")).holidays == 2)
            var calendar = WorkingDayCalendar(feed: try await store.effectiveFeed())
            #expect(!calendar.isWorkingDay(day("2029-06-04")))
            let second = try BankHolidayFeed.parse(
                Data(
                    """
                    {"england-and-wales": {"division": "england-and-wales", "events": [
                      {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}]}}
                    """.utf8))
            try await store.importFeed(second, today: day("2026-12-01"))
            calendar = WorkingDayCalendar(feed: try await store.effectiveFeed())
            #expect(calendar.isWorkingDay(day("2029-06-04")))
            #expect(!calendar.isWorkingDay(day("2029-01-01")))
            #expect(!calendar.isWorkingDay(day("2022-06-03")))
        }
    }

    @Test("code lists are edited without code: add, retire, bring back", arguments: TestDatabase.engines)
    func codeLists(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = ReferenceStore(database: database)
            try await store.add(Category(list: .method, code: "text-message", label: "Text message"))
            #expect(try await store.load().active(.method).last?.code == "text-message")
            #expect(try await store.retire(list: .method, code: "text-message", group: nil))
            let retired = try await store.load()
            #expect(!retired.active(.method).contains { $0.code == "text-message" })
            #expect(retired.label(.method, "text-message") == "Text message")  // old records still show it
            #expect(try await store.retire(list: .method, code: "no-such-code", group: nil) == false)
            try await store.add(Category(list: .method, code: "text-message", label: "SMS"))
            #expect(try await store.load().active(.method).contains { $0.label == "SMS" })
        }
    }

    @Test(
        "a changed timescale applies to new complaints; open ones keep the deadline fixed when they opened",
        arguments: TestDatabase.engines)
    func procedureChange(engine dbEngine: DatabaseEngine) async throws {
        try await TestDatabase.with(dbEngine) { database in
            let store = RepresentationStore(database: database)
            let before = try await store.record(command(), engine: engine)
            var children = BuiltInProcedures.childrenStatutory
            children.stages[0].clocks[0].limit = .workingDays(15)
            try await ProcedureStore(database: database).save(children)
            let procedures = try await ProcedureStore(database: database).load()
            let changed = procedures.first { $0.id == "children-statutory" }!
            #expect(changed.stages[0].clocks[0].limit == .workingDays(15))
            var next = command()
            next.procedure = changed
            let after = try await store.record(next, engine: engine)
            #expect(after.stages[0].dueOn == day("2022-06-24"))
            #expect(try await store.representation(id: before.id)?.stages[0].dueOn == day("2022-06-17"))
            let deadline = engine.deadlines(for: try await store.representation(id: before.id)!, procedure: changed)[0]
            #expect(deadline.dueOn == day("2022-06-17"))
        }
    }
}

@Suite("Database URLs")
struct DatabaseURLTests {
    @Test("URLs parse, and bad ones get a one-line reason")
    func urls() throws {
        #expect(try DatabaseLocation(url: "sqlite:data/x.sqlite") == .sqlite(path: "data/x.sqlite"))
        #expect(
            try DatabaseLocation(url: "postgres://u:p%40ss@db.example:6543/redress?sslmode=require")
                == .postgres(
                    PostgresSettings(
                        host: "db.example", port: 6543, user: "u", password: "p@ss", database: "redress", tls: .require)
                ))
        #expect(String(describing: try DatabaseLocation(url: "postgres://u:secret@h/d")).contains("secret") == false)
        // libpq's host list: a primary and a standby, only the one accepting writes to be used.
        let listed = try DatabaseLocation(
            url: "postgres://u:p%40ss@db1:6543,db2,[::1]:6544/redress?target_session_attrs=read-write")
        guard case .postgres(let settings) = listed else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(settings.servers.map(\.description) == ["db1:6543", "db2:5432", "[::1]:6544"])
        #expect(settings.readWriteOnly && settings.password == "p@ss" && settings.database == "redress")
        #expect(String(describing: listed) == "PostgreSQL u@db1:6543,db2:5432,[::1]:6544/redress")
        guard case .postgres(let one) = try DatabaseLocation(url: "postgres://u@h/d") else { return }
        #expect(one.servers.count == 1 && !one.readWriteOnly && one.preparedStatements)
        guard case .postgres(let bounced) = try DatabaseLocation(url: "postgres://u@h/d?prepared_statements=off")
        else { return }
        #expect(!bounced.preparedStatements)
        for bad in [
            "mysql://x", "postgres://h/d", "postgres://u@/d", "sqlite:", "postgres://u@h/d?sslmode=maybe",
            "postgres://u@h1,/d", "postgres://u@h1,h2:99999/d", "postgres://u@h1,h2/d?target_session_attrs=standby",
            "postgres://u@h/d?prepared_statements=yes",
        ] {
            #expect(throws: DatabaseError.self) { try DatabaseLocation(url: bad) }
        }
    }
}
