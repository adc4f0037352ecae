import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

private let day = CalendarDate(iso: "2024-06-03")!

/// A small demo council with a little of everything a backup must carry besides cases.
private func fillCouncil(_ database: Database) async throws {
    let demo = DemoCouncil(seed: 5, today: day, completeYears: 1, scale: 0.04)
    try await PeopleStore(database: database).save(demo.people)
    let cases = demo.cases()
    try await RepresentationStore(database: database).insertAll(
        cases.map(\.representation),
        histories: Dictionary(uniqueKeysWithValues: cases.map { ($0.representation.id, $0.history) }),
        recordedBy: "demo")
    let users = UserStore(database: database)
    let manager = try await users.add(
        username: "manager", displayName: "Morgan", role: .complaintsManager, password: "a long enough password",
        hasher: .testing)
    _ = try await users.add(
        username: "io", displayName: "Ines", role: .investigatingOfficer, personID: "demo-io-1",
        password: "another long password", hasher: .testing, mustChangePassword: true)
    _ = try await APITokenStore(database: database).create(userID: manager.id, name: "CRM", now: 1_700_000_000)
    for action in [AuditAction.signedIn, .viewedCase, .userAdded] {
        try await AuditLog(database: database).append(
            AuditEntry(userID: manager.id, username: "manager", action: action, detail: "fixture"))
    }
    _ = try await SubmissionStore(database: database).add(
        FeedbackAnswers(["kind": "compliment", "service": "adults", "details": "Thank you", "name": "Pat"]), on: day,
        young: false, equalityCodes: .defaults)
    try await ReportInputStore(database: database).setContextMeasure(
        ContextMeasure(year: 2023, serviceArea: .adultSocialCare, measure: "People supported", value: 4210),
        previous: nil)
    try await ReportInputStore(database: database).add(
        ReportRecommendation(
            id: "rec-1", year: 2023, serviceArea: nil, title: "Faster replies", detail: "d", dueOn: day))
    let first = try #require(cases.first { $0.representation.kind == .complaint }?.representation)
    try await ReportInputStore(database: database).setEquality([
        first.id: EqualityMonitoring(disability: "no", ageBand: "25-to-59")
    ])
    try await LetterStore(database: database).add(
        Letter(
            id: "l1", representationID: first.id, templateKey: "acknowledgement", title: "Acknowledgement",
            body: "Dear Pat", createdOn: day, createdBy: "manager"))
    // A document of more than one piece, and a contact log entry corrected once.
    let evidence = (0..<(DocumentStore.chunkSize + 10)).map { UInt8($0 % 251) }
    _ = try await DocumentStore(database: database).add(
        [.init(filename: "evidence.pdf", kind: .complainantEvidence, bytes: evidence)], to: first.id, by: "manager")
    let entry = try await ContactLogStore(database: database).add(
        ContactEntry(
            id: "c1", representationID: first.id, kind: .call, direction: .incoming, occurredOn: day,
            withWhom: "Pat", summary: "Rang about the care plan", author: "manager", authorName: "Morgan"))
    var corrected = entry
    corrected.summary = "Rang about the care plan review"
    try await ContactLogStore(database: database).correct(corrected, expectedVersion: 1, by: "manager")
    let template = try #require(try await LetterStore(database: database).templates().first)
    try await LetterStore(database: database).saveTemplate(
        key: template.key, body: template.body + "\n\nYours sincerely", expectedVersion: template.version)
    try await OutboxStore(database: database).enqueue(
        [OutboxMessage(recipient: "team@example.org", subject: "Digest", body: "b", nextAttemptAt: 0)], now: 1)
    try await SettingsStore(database: database).save(SettingsStore.councilNameKey, "Anyshire County Council")
}

/// The number of rows in every table a backup carries.
private func counts(_ database: Database) async throws -> [String: Int] {
    try await database.read { sql in
        var result: [String: Int] = [:]
        for table in BackupStoreTesting.tables {
            result[table] =
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
                    column: "n", as: Int.self) ?? 0
        }
        return result
    }
}

private func backupText(_ database: Database) async throws -> String {
    let box = TextBox()
    _ = try await BackupStore(database: database).backup { box.append($0) }
    return box.text
}

private final class TextBox: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ s: String) { lock.withLock { parts.append(s) } }
    var text: String { lock.withLock { parts.joined() } }
}

private func export(_ database: Database) async throws -> String {
    let box = TextBox()
    _ = try await InterchangeStore(database: database).export { box.append($0) }
    return box.text
}

@Suite("Backup and restore")
struct BackupTests {
    @Test(
        """
            a backup restored into an empty store gives back the same users, audit trail, people, cases, submissions, \
            templates and report inputs
            """,
        arguments: TestDatabase.engines)
    func roundTrip(engine: DatabaseEngine) async throws {
        let (backup, before, exported, audit) = try await TestDatabase.with(engine) { database in
            try await fillCouncil(database)
            return (
                try await backupText(database), try await counts(database), try await export(database),
                try await AuditLog(database: database).search(AuditLog.Query())
            )
        }
        #expect(before["representation"]! > 20 && before["app_user"] == 2 && before["submission"] == 1)
        try await TestDatabase.with(engine) { database in
            let rows = try await BackupStore(database: database).restore(Array(backup.utf8))
            #expect(rows == before.values.reduce(0, +) - 0)
            #expect(try await counts(database) == before)
            #expect(try await export(database) == exported, "cases, histories, equality answers and letters identical")
            let restored = try await AuditLog(database: database).search(AuditLog.Query())
            #expect(restored == audit, "the audit trail, ids and times included")
            try await AuditLog(database: database).append(AuditEntry(userID: nil, username: "after", action: .signedIn))
            let newest = try #require(try await AuditLog(database: database).search(AuditLog.Query()).first)
            #expect(
                newest.username == "after" && (newest.id ?? 0) > (audit.first?.id ?? 0),
                "new audit entries follow the restored ones")
            let io = try #require(try await UserStore(database: database).user(username: "io"))
            #expect(io.mustChangePassword && io.personID == "demo-io-1")
            let signIn = try await UserStore(database: database).signIn(
                username: "manager", password: "a long enough password", hasher: .testing)
            #expect(signIn != .refused, "password hashes restored")
            #expect(
                try await SettingsStore(database: database).load(SettingsStore.councilNameKey, default: "")
                    == "Anyshire County Council")
            #expect(
                try await LetterStore(database: database).templates().contains { $0.body.hasSuffix("Yours sincerely") })
            let representationID = try #require(try await ContactLogStore(database: database).entry(id: "c1"))
                .representationID
            let documents = try await DocumentStore(database: database).documents(of: representationID)
            let bytes = try await DocumentStore(database: database).content(of: try #require(documents.first))
            #expect(bytes == (0..<(DocumentStore.chunkSize + 10)).map { UInt8($0 % 251) }, "the file, byte for byte")
            #expect(try await ContactLogStore(database: database).history(of: "c1").count == 2)
            await #expect(throws: BackupError.self, "a store with data is never restored into") {
                _ = try await BackupStore(database: database).restore(Array(backup.utf8))
            }
        }
    }

    @Test("a backup cut short or changed is refused and restores nothing", arguments: TestDatabase.engines)
    func damaged(engine: DatabaseEngine) async throws {
        let backup = try await TestDatabase.with(engine) { database in
            try await fillCouncil(database)
            return try await backupText(database)
        }
        let lines = backup.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(lines.count / 2).joined(separator: "\n") + "\n"
        let changed = backup.replacingOccurrences(of: "Anyshire County Council", with: "Anyshire County Counci1")
        try await TestDatabase.with(engine) { database in
            for (bytes, words) in [(cut, "no trailer"), (changed, "checksum")] {
                do {
                    _ = try await BackupStore(database: database).restore(Array(bytes.utf8))
                    Issue.record("a damaged backup was restored")
                } catch let error as BackupError {
                    #expect(error.description.contains(words), "\(error)")
                }
            }
            #expect(try await RepresentationStore(database: database).count() == 0)
            #expect(try await UserStore(database: database).all().isEmpty)
        }
    }

    @Test(
        """
            the backup carries every table and column of the schema, except sessions, attempt counters and the \
            migration log
            """,
        arguments: TestDatabase.engines)
    func schemaCovered(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let actual: [String: Set<String>] = try await database.read { sql in
                var columns: [String: Set<String>] = [:]
                if engine == .sqlite {
                    let tables = try await sql.raw(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    ).all()
                        .map { try $0.decode(column: "name", as: String.self) }
                    for table in tables {
                        columns[table] = Set(
                            try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
                                .map { try $0.decode(column: "name", as: String.self) })
                    }
                } else {
                    for row in try await sql.raw(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
                    ).all() {
                        columns[try row.decode(column: "table_name", as: String.self), default: []]
                            .insert(try row.decode(column: "column_name", as: String.self))
                    }
                }
                return columns
            }
            let covered = BackupStoreTesting.columns
            #expect(Set(actual.keys.filter { !BackupStoreTesting.isExcluded($0) }) == Set(covered.keys))
            for (table, columns) in covered { #expect(actual[table] == columns, "\(table)") }
        }
    }

    @Test("SQLite: a copy of the database file made while in use passes its integrity check")
    func sqliteFile() async throws {
        // SQLite's own file copy: no PostgreSQL twin, so CI's engine count leaves it out by name.
        try await TestDatabase.with(.sqlite, test: "sqlite-only/sqliteFile") { database in
            try await fillCouncil(database)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "redress-copy-\(UUID().uuidString).sqlite"
            ).path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let cases = try await SQLiteFileBackup.copy(database, to: path)
            #expect(cases == (try await RepresentationStore(database: database).count()))
        }
    }
}
