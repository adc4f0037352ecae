import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@Suite("Storage: passwords, sessions, retention")
struct SecurityStorageTests {
    @Test("scrypt hashes verify only the right password, carry their parameters and are salted")
    func hashing() throws {
        let hash = try PasswordHasher.testing.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(PasswordHasher.verify("correct horse battery staple", against: hash))
        #expect(!PasswordHasher.verify("correct horse battery stapler", against: hash))
        #expect(!PasswordHasher.verify("anything", against: "$scrypt$ln=10,r=8,p=1$not-base64$"))
        #expect(try PasswordHasher.testing.hash("same") != PasswordHasher.testing.hash("same"), "a new salt each time")
        #expect(PasswordHasher.standard.isWeaker(hash) && !PasswordHasher.testing.isWeaker(hash))
        #expect(UserStore.passwordProblem("short", username: "jo") == "Password must be 12 characters or more")
        #expect(UserStore.passwordProblem("jo-jo-jo-jo-jo", username: "jo") == "Password must not contain the username")
        #expect(Tokens.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(
        "sessions end after 30 idle minutes or 10 hours, when the user is disabled, and only their hash is stored",
        arguments: TestDatabase.engines)
    func sessions(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let users = UserStore(database: database), sessions = SessionStore(database: database)
            let policy = SignInPolicy()
            let user = try await users.add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer, password: "a long enough password",
                hasher: .testing)
            let t0 = 1_700_000_000
            let idle = try await sessions.start(for: user, now: t0)
            #expect(try await sessions.resume(token: idle.token, now: t0 + 29 * 60, policy: policy)?.user.id == user.id)
            #expect(
                try await sessions.resume(token: idle.token, now: t0 + 29 * 60 + 30 * 60 + 1, policy: policy) == nil,
                "idle")
            let busy = try await sessions.start(for: user, now: t0)
            var now = t0
            while now < t0 + 10 * 60 * 60 - 20 * 60 {
                now += 20 * 60
                #expect(try await sessions.resume(token: busy.token, now: now, policy: policy) != nil)
            }
            #expect(
                try await sessions.resume(token: busy.token, now: t0 + 10 * 60 * 60 + 1, policy: policy) == nil,
                "absolute")
            let stored = try await database.withSQL { sql in
                try await sql.raw("SELECT token_hash FROM user_session").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            let third = try await sessions.start(for: user, now: t0)
            let after = try await database.withSQL { sql in
                try await sql.raw("SELECT token_hash FROM user_session").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(Set(after).subtracting(stored) == [Tokens.digest(third.token)])
            try await users.setDisabled(true, userID: user.id)
            #expect(try await sessions.resume(token: third.token, now: t0, policy: policy) == nil)
            await #expect(throws: UserError.self) {
                _ = try await users.add(
                    username: "JO", displayName: "Another Jo", role: .administrator, password: "a long enough password",
                    hasher: .testing)
            }
        }
    }

    @Test(
        """
        the retention dry run lists closed cases past their period; the purge keeps the counts and removes every \
        name and word
        """,
        arguments: TestDatabase.engines)
    func retention(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            func make(_ area: ServiceArea, received: String, responded: String?, name: String) -> Representation {
                let day = CalendarDate(iso: received)!
                var r = Representation(
                    id: UUID().uuidString.lowercased(),
                    reference: "\(area.referencePrefix)-\(name.prefix(3).uppercased())", kind: .complaint,
                    serviceArea: area,
                    procedureID: BuiltInProcedures.defaultProcedure(for: area).id, receivedOn: day,
                    methodOfReceipt: "email",
                    complainant: Complainant(
                        relationship: "parent", advocate: "Advocacy for \(name)", name: name,
                        contact: "\(name)@example.org"),
                    serviceCategory: "child-in-need", summary: "\(name) says the worker did not call",
                    subjectName: "Child of \(name)")
                var stage = Stage(
                    key: BuiltInProcedures.defaultProcedure(for: area).stages[0].key, openedOn: day,
                    milestones: [.requested: day], outcome: "upheld")
                if let responded { stage.milestones[.responded] = CalendarDate(iso: responded)! }
                stage.extensions = [
                    Extension(
                        clockKey: "x", agreedOn: day, newDueOn: day.adding(days: 20), reason: "\(name) was in hospital")
                ]
                r.stages = [stage]
                r.records.learning = [
                    LearningPoint(id: "l1", theme: "communication", description: "Call \(name) back", recordedOn: day)
                ]
                return r
            }
            let old = make(.adultSocialCare, received: "2016-05-02", responded: "2016-05-20", name: "Amira Ahmed")
            let recent = make(.adultSocialCare, received: "2022-05-02", responded: "2022-05-20", name: "Ben Baker")
            let child = make(
                .childrensSocialCare, received: "2016-05-02", responded: "2016-05-20", name: "Chloe Clarke")
            let open = make(.adultSocialCare, received: "2016-05-02", responded: nil, name: "Daniel Davies")
            try await RepresentationStore(database: database).insertAll(
                [old, recent, child, open],
                histories: [
                    old.id: [
                        CaseHistoryEntry(
                            command: .record(.acknowledged, on: CalendarDate(iso: "2016-05-03")!),
                            summary: "Acknowledged")
                    ]
                ])
            try await ReportInputStore(database: database).setEquality([
                old.id: EqualityMonitoring(disability: "yes"), recent.id: EqualityMonitoring(gender: "female"),
            ])
            let store = RetentionStore(database: database)
            let today = CalendarDate(iso: "2023-12-01")!
            let due = try await store.review(today: today)
            #expect(
                due.map(\.reference) == [old.reference], "adults 6 years after closure; children's 15; open cases never"
            )
            #expect(due.first?.destroyAfter == CalendarDate(iso: "2022-05-20"))
            #expect(
                try await RepresentationStore(database: database).representation(id: old.id)?.complainant.name
                    == "Amira Ahmed", "the dry run changes nothing")

            let before = FirstFigures.compute(
                year: FinancialYear(startYear: 2016),
                representations: try await RepresentationStore(database: database).all(), calendar: .englandAndWales,
                procedures: BuiltInProcedures.all)
            let purged = try await store.purge(today: today, by: "manager")
            #expect(purged.map(\.id) == [old.id])
            let after = FirstFigures.compute(
                year: FinancialYear(startYear: 2016),
                representations: try await RepresentationStore(database: database).all(), calendar: .englandAndWales,
                procedures: BuiltInProcedures.all)
            #expect(before.text() == after.text(), "the statistics still count the purged case")
            let kept = try #require(try await RepresentationStore(database: database).representation(id: old.id))
            #expect(
                kept.purgedOn == today && kept.stages.first?.outcome == "upheld"
                    && kept.stages.first?.respondedOn == CalendarDate(iso: "2016-05-20"))
            let encoder = JSONEncoder()
            let everything = String(decoding: try encoder.encode(kept), as: UTF8.self)
            #expect(!everything.contains("Amira") && !everything.contains("Ahmed"))
            #expect(try await CaseEventLog.events(of: old.id, in: database).isEmpty)
            #expect(
                try await ReportInputStore(database: database).equality() == [
                    recent.id: EqualityMonitoring(gender: "female")
                ], "the purged case's equality answers are deleted")
            #expect(
                try await RepresentationStore(database: database).representation(id: recent.id)?.complainant.name
                    == "Ben Baker")
            #expect(try await store.review(today: today).isEmpty)
            let trail = try await AuditLog(database: database).search(AuditLog.Query())
            #expect(
                trail.map(\.action) == [.purgedCase] && trail.first?.reference == old.reference
                    && trail.first?.username == "manager")
        }
    }

    @Test(
        "audit entries appended at once by many requests are each kept once, in each request's order",
        .timeLimit(.minutes(5)), arguments: TestDatabase.engines)
    func auditUnderConcurrency(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let log = AuditLog(database: database)
            let (requests, each) = (16, 5)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in 0..<requests {
                    group.addTask {
                        for n in 0..<each {
                            try await log.append(
                                AuditEntry(
                                    userID: nil, username: "user\(request)", action: .viewedCase,
                                    detail: "\(request)/\(n)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            var query = AuditLog.Query()
            query.limit = 1000
            let trail = try await log.search(query).reversed()
            #expect(trail.count == requests * each)
            #expect(Set(trail.map(\.detail)).count == requests * each, "none twice")
            for request in 0..<requests {
                let mine = trail.filter { $0.username == "user\(request)" }.map(\.detail)
                #expect(mine == (0..<each).map { "\(request)/\($0)" }, "each request's entries in its order")
            }
        }
    }
}
