import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

private func complaint(_ database: Database, name: String) async throws -> Representation {
    try await TestCases.complaint(in: database, name: name, summary: "Late visits")
}

private func chunks(_ database: Database) async throws -> Int {
    try await database.read { sql in
        try await sql.raw("SELECT COUNT(*) AS n FROM document_chunk").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

private func found(_ database: Database, _ text: String) async throws -> [String] {
    try await RepresentationStore(database: database).search(
        try #require(SearchQuery(text)), scope: .everything, limit: 10
    ).map(\.reference)
}

@Suite("Documents and the contact log: storage")
struct CorrespondenceStoreTests {
    @Test(
        "a file is kept once however often it is uploaded, read back checked, and purged with its last case",
        arguments: TestDatabase.engines)
    func documents(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = DocumentStore(database: database)
            let (a, b) = (try await complaint(database, name: "Ann"), try await complaint(database, name: "Bob"))
            let shared = Array(repeating: UInt8(7), count: DocumentStore.chunkSize * 2 + 1)
            let own = Array("only Ann's".utf8)
            let added = try await store.add(
                [
                    .init(filename: "../x/letter.pdf", kind: .responseLetter, bytes: shared),
                    .init(filename: "note.txt", kind: .other, bytes: own),
                ], to: a.id, by: "officer")
            _ = try await store.add([.init(filename: "copy.pdf", kind: .other, bytes: shared)], to: b.id, by: "officer")
            #expect(added.map(\.filename) == ["letter.pdf", "note.txt"], "no folders in a kept name")
            #expect(try await chunks(database) == 3 + 1, "the shared file's three pieces once, and the note")
            #expect(try await store.content(of: added[0]) == shared)

            try await database.transaction { sql in
                try await sql.raw("UPDATE document_chunk SET data = 'AAAA' WHERE sha256 = \(bind: added[1].sha256)")
                    .run()
            }
            await #expect(throws: DatabaseError.self, "a changed file is never handed out") {
                _ = try await store.content(of: added[1])
            }

            let closedOn = CalendarDate(iso: "2024-02-20")!
            let lifecycle = Lifecycle(
                procedure: try #require(BuiltInProcedures.all.first { $0.id == a.procedureID }),
                calendar: .englandAndWales, today: closedOn)
            _ = try await RepresentationStore(database: database).apply(
                .respond(on: closedOn, outcome: "upheld"), to: a.id, expectedVersion: 1, lifecycle: lifecycle,
                recordedBy: "officer")
            var schedule = RetentionSchedule.standard
            for i in schedule.rules.indices { schedule.rules[i].yearsAfterClosure = 0 }
            try await SettingsStore(database: database).save(SettingsStore.retentionScheduleKey, schedule)
            let purged = try await RetentionStore(database: database).purge(
                today: CalendarDate(iso: "2024-03-01")!, by: "manager")
            #expect(purged.map(\.id) == [a.id])
            #expect(try await store.documents(of: a.id).isEmpty)
            #expect(try await store.documents(of: b.id).count == 1, "Bob's copy stays")
            #expect(try await chunks(database) == 3, "the note's piece is gone; the shared file's stay for Bob")
        }
    }

    @Test(
        """
        a note is found by its words; only its author corrects it, from the version seen; ten corrections at once \
        keep one
        """,
        arguments: TestDatabase.engines)
    func contactLog(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ContactLogStore(database: database)
            let r = try await complaint(database, name: "Cara")
            let entry = try await store.add(
                ContactEntry(
                    id: "e1", representationID: r.id, kind: .call, direction: .incoming,
                    occurredOn: CalendarDate(iso: "2024-02-02")!, withWhom: "Cara", summary: "Asked about the hoist",
                    author: "officer", authorName: "Olu"))
            #expect(try await found(database, "hoist") == [r.reference])

            let corrected = {
                var corrected = entry
                corrected.summary = "Asked about the stairlift"
                return corrected
            }()
            await #expect(throws: DatabaseError.conflict(reference: "This contact log entry"), "not the author") {
                try await store.correct(corrected, expectedVersion: 1, by: "someone-else")
            }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        var mine = corrected
                        mine.summary += " (\(n))"
                        do {
                            try await store.correct(mine, expectedVersion: 1, by: "officer")
                            return true
                        } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.history(of: "e1").map(\.version) == [2, 1])
            #expect(try await found(database, "stairlift") == [r.reference])
            #expect(try await found(database, "hoist").isEmpty, "the corrected word is gone from the index")
        }
    }
}

@Suite("Email in: filing on a case")
struct MailFilingTests {
    @Test(
        "an email on an owned case tells its owner once, naming the case and not the sender; filed twice, once",
        arguments: TestDatabase.engines)
    func ownerTold(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let owner = try await UserStore(database: database).add(
                username: "olu", displayName: "Olu", role: .complaintsOfficer, password: "a long enough password",
                hasher: .testing)
            try await UserStore(database: database).setEmail("olu@anyshire.example", userID: owner.id)
            let r = try await complaint(database, name: "Dee")
            let day = CalendarDate(iso: "2024-02-05")!
            _ = try await RepresentationStore(database: database).apply(
                .assignOwner(userID: owner.id, on: day), to: r.id, expectedVersion: 1,
                lifecycle: Lifecycle(
                    procedure: BuiltInProcedures.defaultProcedure(for: .adultSocialCare), calendar: .englandAndWales,
                    today: day),
                recordedBy: "manager")
            let raw = Array(
                "From: Dee <dee@example.org>\r\nSubject: \(r.reference) update\r\nMessage-ID: <d1@x>\r\n\r\nHello\r\n"
                    .utf8)
            let store = MailInStore(database: database)
            #expect(
                try await store.file(MailMessage(raw), raw: raw, today: day)
                    == .onCase(
                        representationID: r.id, reference: r.reference, owner: owner.id))
            #expect(try await store.file(MailMessage(raw), raw: raw, today: day) == .alreadyStored)
            let notices = try await OutboxStore(database: database).all()
            #expect(notices.map(\.recipient) == ["olu@anyshire.example"])
            #expect(notices.first?.subject == "Email received on \(r.reference)")
            #expect(notices.first.map { !$0.body.contains("dee") && !$0.body.contains("Hello") } == true)
        }
    }
}

@Suite("The case page's one read")
struct CaseWorkspaceReadTests {
    @Test(
        "one unit reads what the separate reads give, for this case only; letters only when asked",
        arguments: TestDatabase.engines)
    func sameAsSeparateReads(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let (a, b) = (try await complaint(database, name: "Ann"), try await complaint(database, name: "Bob"))
            let day = CalendarDate(iso: "2024-02-02")!
            for r in [a, b] {
                try await LetterStore(database: database).add(
                    Letter(
                        id: "l-\(r.id)", representationID: r.id, templateKey: "acknowledgement",
                        title: "Acknowledgement", body: "Dear \(r.reference)", createdOn: day, createdBy: "manager"))
                _ = try await DocumentStore(database: database).add(
                    [.init(filename: "\(r.reference).txt", kind: .other, bytes: Array(r.id.utf8))], to: r.id,
                    by: "officer")
                _ = try await ContactLogStore(database: database).add(
                    ContactEntry(
                        id: "c-\(r.id)", representationID: r.id, kind: .call, direction: .incoming, occurredOn: day,
                        withWhom: "Cara", summary: "Rang about \(r.reference)", author: "officer",
                        authorName: "Olu"))
            }
            let lifecycle = Lifecycle(
                procedure: try #require(BuiltInProcedures.all.first { $0.id == a.procedureID }),
                calendar: .englandAndWales, today: day)
            _ = try await RepresentationStore(database: database).apply(
                .respond(on: day, outcome: "upheld"), to: a.id, expectedVersion: 1, lifecycle: lifecycle,
                recordedBy: "officer")
            let read = try await CaseWorkspaceRead.read(caseID: a.id, withLetters: true, in: database)
            #expect(read.events == (try await CaseEventLog.events(of: a.id, in: database)))
            #expect(!read.events.isEmpty)
            #expect(read.documents == (try await DocumentStore(database: database).documents(of: a.id)))
            #expect(read.documents.map(\.filename) == ["\(a.reference).txt"])
            #expect(read.contacts == (try await ContactLogStore(database: database).entries(of: a.id)))
            #expect(read.contacts.map(\.id) == ["c-\(a.id)"])
            #expect(read.letters == (try await LetterStore(database: database).letters(of: a.id)))
            #expect(read.letters.map(\.id) == ["l-\(a.id)"])
            #expect(read.templates == (try await LetterStore(database: database).templates()))
            #expect(!read.templates.isEmpty)
            #expect(read.users.map(\.id) == (try await UserStore(database: database).all()).map(\.id))

            let without = try await CaseWorkspaceRead.read(caseID: b.id, withLetters: false, in: database)
            #expect(without.letters.isEmpty && without.templates.isEmpty)
            #expect(without.contacts.map(\.id) == ["c-\(b.id)"])
        }
    }
}
