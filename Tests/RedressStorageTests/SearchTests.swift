import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

private let today = CalendarDate(iso: "2024-03-01")!

private func record(
    _ store: RepresentationStore, name: String, contact: String? = nil, subject: String? = nil,
    summary: String = "Visits missed",
    area: ServiceArea = .childrensSocialCare, service: String = "fostering"
) async throws -> Representation {
    var command = NewComplaint(
        serviceArea: area, procedure: BuiltInProcedures.defaultProcedure(for: area),
        receivedOn: CalendarDate(iso: "2024-02-01")!,
        methodOfReceipt: "email", complainant: Complainant(relationship: "parent", name: name, contact: contact),
        serviceCategory: service, summary: summary)
    command.subjectName = subject
    return try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
}

private func find(
    _ store: RepresentationStore, _ text: String, scope: SearchIndex.Scope = .everything
) async throws -> [String] {
    guard let query = SearchQuery(text) else { return [] }
    return try await store.search(query, scope: scope, limit: 50).map(\.reference)
}

@Suite("Case search")
struct SearchTests {
    @Test(
        "finds by reference (whole or part), names (partial, any case or accent), contact details and summary",
        arguments: TestDatabase.engines)
    func fields(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let jonathan = try await record(
                store, name: "Jonathan Smith", contact: "07700 900123, jon@example.org", subject: "Robin Smith")
            let sian = try await record(
                store, name: "Siân O'Neil", summary: "The foster carer's reviews were cancelled")
            let other = try await record(store, name: "Alex Jones", area: .adultSocialCare, service: "assessment")
            #expect(try await find(store, jonathan.reference) == [jonathan.reference], "the whole reference")
            #expect(try await find(store, jonathan.reference.lowercased()).first == jonathan.reference)
            let tail = String(jonathan.reference.suffix(5))
            #expect(try await find(store, tail).contains(jonathan.reference), "part of the reference")
            #expect(
                Set(try await find(store, "CSC-2023")) == [jonathan.reference, sian.reference],
                "the start of a reference")
            #expect(try await find(store, "jon smith") == [jonathan.reference], "Jon Smith finds Jonathan Smith")
            #expect(try await find(store, "SIAN o'neil") == [sian.reference], "case and accents ignored")
            #expect(try await find(store, "robin") == [jonathan.reference], "the person it is about")
            #expect(try await find(store, "07700900123") == [jonathan.reference], "a phone number without spaces")
            #expect(try await find(store, "900123") == [jonathan.reference])
            #expect(try await find(store, "example.org") == [jonathan.reference], "inside an email address")
            #expect(try await find(store, "foster reviews") == [sian.reference], "words of the summary")
            #expect(try await find(store, "jones").contains(other.reference))
            #expect(try await find(store, "nobody-at-all").isEmpty)
        }
    }

    @Test(
        "a restricted case is found only by its named users; an appointed person finds only their cases",
        arguments: TestDatabase.engines)
    func scope(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let open = try await record(store, name: "Kit Marlowe", contact: "kit@marlowe.example")
            let hidden = try await record(store, name: "Kit Marlowe", contact: "kit@marlowe.example")
            _ = try await store.restrict(
                hidden.id, to: ["user-a"], expectedVersion: 1,
                audit: AuditEntry(userID: "user-a", username: "a", action: .restrictedCase))
            #expect(
                Set(try await find(store, "marlowe", scope: .all(userID: "user-a"))) == [
                    open.reference, hidden.reference,
                ])
            #expect(try await find(store, "marlowe", scope: .all(userID: "user-b")) == [open.reference])
            #expect(try await find(store, "marlowe", scope: .only([open.id])) == [open.reference])
            #expect(try await find(store, "marlowe", scope: .only([])).isEmpty)
            // Every step of a search applies the same scope: words of the summary, text inside a contact.
            #expect(try await find(store, "visits missed", scope: .all(userID: "user-b")) == [open.reference])
            #expect(
                Set(try await find(store, "visits missed", scope: .all(userID: "user-a")))
                    == [open.reference, hidden.reference])
            #expect(try await find(store, "visits missed", scope: .only([hidden.id])) == [hidden.reference])
            #expect(try await find(store, "marlowe.example", scope: .all(userID: "user-b")) == [open.reference])
            #expect(try await find(store, hidden.reference, scope: .all(userID: "user-b")).isEmpty)
        }
    }

    @Test("the index stays in step with corrections, merges and the retention purge", arguments: TestDatabase.engines)
    func inStep(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let lifecycle = Lifecycle(
                procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: today)
            let typo = try await record(store, name: "Jon Smtih")
            #expect(try await find(store, "smtih") == [typo.reference])
            let edit = CaseCommand.editDetails(
                [DetailChange(field: .complainantName, from: "Jon Smtih", to: "Jon Smith")], reason: "Misspelt")
            _ = try await store.apply(
                edit, to: typo.id, expectedVersion: 1, lifecycle: lifecycle, recordedBy: "officer")
            #expect(try await find(store, "smtih").isEmpty, "the old spelling is gone from the index")
            #expect(try await find(store, "smith") == [typo.reference])

            let duplicate = try await record(store, name: "Jon Smith")
            _ = try await store.apply(
                .mergeInto(survivorID: typo.id, reference: typo.reference, on: today), to: duplicate.id,
                expectedVersion: 1,
                lifecycle: lifecycle, recordedBy: "officer")
            let merged = try #require(try await store.representation(id: duplicate.id))
            #expect(merged.mergedInto == typo.id && !merged.isOpen)
            #expect(
                Set(try await find(store, "smith")) == [typo.reference, duplicate.reference],
                "a merged case can still be found")

            let closed = try await record(store, name: "Petra Purge")
            _ = try await store.apply(
                .respond(on: CalendarDate(iso: "2024-02-05")!, outcome: "upheld"), to: closed.id, expectedVersion: 1,
                lifecycle: lifecycle, recordedBy: "officer")
            #expect(try await find(store, "petra") == [closed.reference])
            var schedule = RetentionSchedule.standard
            for i in schedule.rules.indices { schedule.rules[i].yearsAfterClosure = 0 }
            try await SettingsStore(database: database).save(SettingsStore.retentionScheduleKey, schedule)
            let purged = try await RetentionStore(database: database).purge(
                today: CalendarDate(iso: "2024-03-01")!, by: "manager")
            #expect(purged.map(\.reference).contains(closed.reference))
            #expect(try await find(store, "petra").isEmpty, "a purged name is gone from the index")
            #expect(try await find(store, closed.reference) == [closed.reference], "its reference is still found")
        }
    }

    @Test(
        "a person's name comes before cases that only mention it; words across fields; a word half typed",
        arguments: TestDatabase.engines)
    func steps(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let mention = try await record(
                store, name: "Grace Hopper",
                summary: "Wants the file of Ada Lovelace corrected")
            let ada = try await record(store, name: "Ada Lovelace")
            #expect(try await find(store, "lovelace") == [ada.reference, mention.reference], "the name first")
            #expect(
                try await find(store, "hopper corrected") == [mention.reference],
                "a name and a word of the summary")
            #expect(try await find(store, "lovela corr") == [mention.reference], "the start of a word in the summary")
            for _ in 0..<4 { _ = try await record(store, name: "Pat Common", summary: "Visits missed again") }
            guard let query = SearchQuery("visits missed") else { throw SearchTestError.noQuery }
            #expect(try await store.searchIDs(query, scope: .everything, limit: 3).count == 3, "no more than asked for")
        }
    }
}

private enum SearchTestError: Error { case noQuery }
