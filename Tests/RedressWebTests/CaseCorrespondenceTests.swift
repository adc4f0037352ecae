import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: documents and the contact log on a case")
struct CaseCorrespondenceTests {
    static let today = CalendarDate(iso: "2023-12-01")!

    static func complaint(_ database: Database, name: String = "Jo Bloggs") async throws -> Representation {
        try await TestCases.complaint(
            in: database, name: name, area: .childrensSocialCare, service: "child-in-need", relationship: "parent",
            received: "2023-11-20", summary: "Visits missed")
    }

    /// A multipart post as the signed-in user's browser sends it (token in the form).
    static func upload(
        _ user: SignedInClient, _ uri: String, fields: [String: String] = [:],
        files: [(name: String, filename: String, bytes: [UInt8])]
    ) async throws -> TestResponse {
        var all = fields
        all["csrf"] = user.session.csrfToken
        return try await user.base.execute(
            uri: uri, method: .post,
            headers: [
                .contentType: "multipart/form-data; boundary=\(CouncilLogoTests.boundary)",
                .cookie: "\(SessionCookie.name)=\(user.session.token)",
            ],
            body: CouncilLogoTests.multipart(fields: all, files: files))
    }

    @Test(
        """
        two documents uploaded at once, listed, one downloaded byte for byte (audited), one withheld from subject \
        access; a file over the limit or of a kind not kept is refused whole
        """,
        arguments: TestDatabase.engines)
    func documents(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            var deps = testDependencies(database, today: Self.today)
            deps.documentLimit = 1_048_576
            let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let manager = try await signIn(client, database, as: .complaintsManager)
                let r = try await Self.complaint(database)
                let base = "/complaints/\(r.id)/documents"
                let pdf = Array("%PDF-1.4 evidence".utf8) + (0..<5000).map { UInt8($0 % 256) }
                let email = Array("From: jo@example.org\r\nSubject: My complaint\r\n\r\nPlease call me back.".utf8)

                let big = try await Self.upload(
                    officer, base, files: [("files", "scan.pdf", Array(repeating: 1, count: 1_200_000))])
                #expect(big.status == .contentTooLarge)
                #expect(String(buffer: big.body).contains("1 MB or smaller"))
                let program = try await Self.upload(
                    officer, base, fields: ["kind": "other"], files: [("files", "a.pdf", pdf), ("files", "x.exe", [1])])
                #expect(program.status == .unprocessableContent)
                #expect(String(buffer: program.body).contains("x.exe cannot be kept"))
                #expect(try await DocumentStore(database: database).documents(of: r.id).isEmpty, "nothing partial")

                let added = try await Self.upload(
                    officer, base, fields: ["kind": "complainant-evidence"],
                    files: [("files", "evidence.pdf", pdf), ("files", "first email.eml", email)])
                #expect(added.status == .seeOther && added.headers[.location] == "\(base)?added=2")
                let list = String(buffer: try await officer.execute(uri: "\(base)?added=2", method: .get).body)
                #expect(list.contains("2 documents added") && list.contains("evidence.pdf"))
                #expect(list.contains("first email.eml") && list.contains("Complainant&#39;s evidence"))

                let documents = try await DocumentStore(database: database).documents(of: r.id)
                let evidence = try #require(documents.first { $0.filename == "evidence.pdf" })
                let download = try await officer.execute(uri: "\(base)/\(evidence.id)", method: .get)
                #expect(download.status == .ok && Array(buffer: download.body) == pdf)
                #expect(download.headers[.contentType] == "application/pdf")
                #expect(
                    download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"evidence.pdf\"") == true)
                let audit = try await AuditLog(database: database).search(AuditLog.Query())
                #expect(audit.contains { $0.action == .downloadedDocument && $0.representationID == r.id })
                let mail = try #require(documents.first { $0.filename == "first email.eml" })
                let text = String(buffer: try await officer.execute(uri: "\(base)/\(mail.id)/text", method: .get).body)
                #expect(text.contains("Please call me back."))

                #expect(
                    try await officer.execute(uri: "\(base)/\(evidence.id)/withhold", method: .get).status
                        == .forbidden,
                    "withholding is the complaints manager's decision")
                let noReason = try await manager.execute(
                    uri: "\(base)/\(evidence.id)/withhold", method: .post, body: ByteBuffer(string: "action=withhold"))
                #expect(noReason.status == .unprocessableContent)
                let withheld = try await manager.execute(
                    uri: "\(base)/\(evidence.id)/withhold", method: .post,
                    body: ByteBuffer(string: "action=withhold&reason=Names+a+third+party"))
                #expect(withheld.status == .seeOther)
                let export = try await manager.execute(
                    uri: "/subject-access/export", method: .post, body: ByteBuffer(string: "name=Jo+Bloggs&format=json")
                )
                let json = String(buffer: export.body)
                #expect(json.contains("first email.eml") && !json.contains("evidence.pdf"))
                #expect(json.contains(Data(email).base64EncodedString()), "the document itself is in the export")
                let casePage = String(buffer: try await officer.execute(uri: "/complaints/\(r.id)", method: .get).body)
                #expect(casePage.contains("Withheld from subject access"))
            }
        }
    }

    @Test(
        "a call is added to the contact log, shown among the steps, found by search, corrected only by its author",
        arguments: TestDatabase.engines)
    func contactLog(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let other = try await signIn(client, database, as: .complaintsOfficer, username: "other")
                let r = try await Self.complaint(database)
                let base = "/complaints/\(r.id)/contacts"
                var fields = [
                    "kind": "call", "direction": "in", "occurred-on-day": "2", "occurred-on-month": "12",
                    "occurred-on-year": "2023", "with-whom": "Jo Bloggs", "summary": "Asked about the wheelchair",
                ]
                let future = try await officer.execute(
                    uri: base, method: .post, body: CouncilDetailsTests.form(fields))
                #expect(future.status == .unprocessableContent)
                fields["occurred-on-day"] = "1"
                let added = try await officer.execute(uri: base, method: .post, body: CouncilDetailsTests.form(fields))
                #expect(added.status == .seeOther)
                let page = String(buffer: try await officer.execute(uri: "/complaints/\(r.id)", method: .get).body)
                #expect(page.contains("Telephone call received") && page.contains("Asked about the wheelchair"))
                let search = String(buffer: try await officer.execute(uri: "/search?q=wheelchair", method: .get).body)
                #expect(search.contains(r.reference))

                let entry = try #require(try await ContactLogStore(database: database).entries(of: r.id).first)
                #expect(
                    try await other.execute(uri: "\(base)/\(entry.id)", method: .get).status == .forbidden,
                    "someone else's entry")
                fields["summary"] = "Asked about the wheelchair assessment"
                fields["version"] = "1"
                let corrected = try await officer.execute(
                    uri: "\(base)/\(entry.id)", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(corrected.status == .seeOther)
                let stale = try await officer.execute(
                    uri: "\(base)/\(entry.id)", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(stale.status == .conflict)
                let form = String(buffer: try await officer.execute(uri: "\(base)/\(entry.id)", method: .get).body)
                #expect(form.contains("Earlier versions") && form.contains("Version 1"))
            }
        }
    }

    @Test(
        """
        an email from the case is queued with the chosen document and written in the contact log; a bad address \
        is not
        """,
        arguments: TestDatabase.engines)
    func emailOut(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let r = try await Self.complaint(database)
                let document = try #require(
                    try await DocumentStore(database: database).add(
                        [.init(filename: "response.pdf", kind: .responseLetter, bytes: Array("%PDF-1.4".utf8))],
                        to: r.id, by: "officer"
                    ).first)
                let form = String(
                    buffer: try await officer.execute(uri: "/complaints/\(r.id)/email", method: .get).body)
                #expect(form.contains("Your complaint, reference \(r.reference)") && form.contains("response.pdf"))
                var fields = [
                    "to": "not an address", "subject": "Your complaint, reference \(r.reference)",
                    "message": "Our response is attached.", "attach": document.id,
                ]
                let bad = try await officer.execute(
                    uri: "/complaints/\(r.id)/email", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(bad.status == .unprocessableContent)
                #expect(try await OutboxStore(database: database).all().isEmpty, "nothing queued")
                fields["to"] = "jo@example.org"
                let sent = try await officer.execute(
                    uri: "/complaints/\(r.id)/email", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(sent.status == .seeOther)
                let queued = try #require(try await OutboxStore(database: database).all().first)
                #expect(queued.recipient == "jo@example.org" && queued.attachments.map(\.sha256) == [document.sha256])
                let logged = try #require(try await ContactLogStore(database: database).entries(of: r.id).first)
                #expect(
                    logged.kind == .email && logged.direction == .outgoing && logged.summary.contains("response.pdf"))
            }
        }
    }

    @Test(
        "an emailed submission's attachment, kept while it waits in triage, becomes a document of the case recorded",
        arguments: TestDatabase.engines)
    func emailedSubmission(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let photo = Array("GIF89a".utf8) + (0..<500).map { UInt8($0 % 256) }
                let raw = Array(
                    """
                    From: Ann <ann@example.org>\r
                    Subject: Broken lift at the day centre\r
                    Message-ID: <lift@example.org>\r
                    Content-Type: multipart/mixed; boundary=x\r
                    \r
                    --x\r
                    Content-Type: text/plain\r
                    \r
                    The lift has been broken for a month.\r
                    --x\r
                    Content-Type: image/gif; name="lift.gif"\r
                    Content-Transfer-Encoding: base64\r
                    \r
                    \(Data(photo).base64EncodedString())\r
                    --x--\r

                    """.utf8)
                let filed = try await MailInStore(database: database).file(
                    MailMessage(raw), raw: raw, today: Self.today)
                guard case .inTriage = filed else {
                    Issue.record("a message without a reference goes to triage")
                    return
                }
                let submission = try #require(try await SubmissionStore(database: database).list(status: .new).first)
                #expect(submission.attachments?.map(\.filename) == ["lift.gif"])
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let recorded = try await officer.execute(
                    uri: "/triage/\(submission.id)/record", method: .post,
                    body: CouncilDetailsTests.form([
                        "version": "1", "kind": "complaint", "service-area": "adults", "service": "assessment",
                        "relationship": "service-user-adult", "method": "email",
                    ]))
                #expect(recorded.status == .seeOther)
                let id = try #require(
                    recorded.headers[.location]?.split(separator: "/").last?.split(separator: "?").first)
                let documents = try await DocumentStore(database: database).documents(of: String(id))
                #expect(documents.map(\.filename) == ["lift.gif"])
                #expect(try await DocumentStore(database: database).content(of: try #require(documents.first)) == photo)
            }
        }
    }

    @Test("the history shows when each event was recorded as a date, a time and UTC")
    func recordedAt() {
        #expect(HistoryText.when("2026-12-02T09:10:11Z") == "2026-12-02 09:10:11 UTC")
        // Any other form is shown with its T and Z replaced, as before.
        #expect(HistoryText.when("2026-12-02T09:10Z") == "2026-12-02 09:10 UTC")
        #expect(HistoryText.when("") == "")
    }
}
