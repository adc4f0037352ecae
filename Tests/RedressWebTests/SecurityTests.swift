import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Synchronization
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!
private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// A clock tests move forward.
private final class TestClock: Sendable {
    let seconds = Mutex(testNow)
    func advance(_ by: Int) { seconds.withLock { $0 += by } }
    var now: Int { seconds.withLock { $0 } }
}

private func withApp(
    _ engine: DatabaseEngine, clock: TestClock = TestClock(), test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, Database) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let deps = testDependencies(database, today: today, now: { clock.now })
        let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
        try await app.test(.router) { client in try await body(client, database) }
    }
}

/// A children's complaint; with `investigator`, stage 2 is open with them appointed.
private func complaint(
    _ database: Database, name: String = "Siân O'Neil", investigator: String? = nil
) async throws -> Representation {
    var r = Representation(
        id: UUID().uuidString.lowercased(), reference: "CSC-2023-\(Int.random(in: 10000...99999))", kind: .complaint,
        serviceArea: .childrensSocialCare,
        procedureID: BuiltInProcedures.childrenStatutory.id, receivedOn: CalendarDate(iso: "2023-10-02")!,
        methodOfReceipt: "email",
        complainant: Complainant(relationship: "parent", name: name, contact: "07700 900123"),
        serviceCategory: "child-in-need",
        summary: "Worker did not return calls", subjectName: "Robin O'Neil")
    r.stages = [Stage(key: "stage-1", openedOn: r.receivedOn, milestones: [.requested: r.receivedOn])]
    if let investigator {
        r.stages[0].milestones[.responded] = CalendarDate(iso: "2023-10-10")!
        r.stages.append(
            Stage(
                key: "stage-2", openedOn: CalendarDate(iso: "2023-10-20")!,
                milestones: [.requested: CalendarDate(iso: "2023-10-20")!],
                appointments: [
                    Appointment(
                        role: .investigatingOfficer, personID: investigator,
                        appointedOn: CalendarDate(iso: "2023-10-23")!)
                ]))
    }
    try await RepresentationStore(database: database).insertAll([r])
    return r
}

/// Sign-in form token, as the sign-in page sets it.
private func signInForm(_ client: any TestClientProtocol) async throws -> String {
    try await client.execute(uri: "/sign-in", method: .get) { response in
        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.signInName + "=") } ?? ""
        return String(cookie.dropFirst(SessionCookie.signInName.count + 1).prefix { $0 != ";" })
    }
}

private func postSignIn(
    _ client: any TestClientProtocol, token: String, username: String, password: String, extra: HTTPFields = [:]
) async throws -> TestResponse {
    var headers = formHeaders
    headers.append(HTTPField(name: .cookie, value: "\(SessionCookie.signInName)=\(token)"))
    headers.append(contentsOf: extra)
    let body =
        "sign-in-token=\(token)&username=\(username)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
    return try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body))
}

@Suite("Security: sign-in, sessions, CSRF")
struct SignInTests {
    @Test(
        """
            signing in sets a new HttpOnly, SameSite=Lax session cookie, Secure behind TLS, and ends the session \
            presented
            """,
        arguments: TestDatabase.engines)
    func cookies(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let user = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer, password: "a long enough password",
                hasher: .testing)
            let old = try await SessionStore(database: database).start(for: user, now: testNow)
            let token = try await signInForm(client)
            #expect(token.count >= 40)
            let response = try await postSignIn(
                client, token: token, username: "JO", password: "a long enough password",
                extra: [.cookie: "\(SessionCookie.name)=\(old.token)"])
            #expect(response.status == .seeOther)
            let cookie = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            let parts = Set(cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(parts.isSuperset(of: ["HttpOnly", "SameSite=Lax", "Path=/"]))
            #expect(!parts.contains("Secure"), "plain HTTP in development")
            #expect(!cookie.contains(old.token), "a new token on every sign-in")
            #expect(
                try await SessionStore(database: database).resume(
                    token: old.token, now: testNow, policy: SignInPolicy()) == nil)
            #expect(try await SessionStore(database: database).count(userID: user.id) == 1)

            let behindTLS = try await postSignIn(
                client, token: try await signInForm(client), username: "jo", password: "a long enough password",
                extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let secure = try #require(
                behindTLS.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            #expect(secure.contains("; Secure"))
            let audit = try await AuditLog(database: database).search(AuditLog.Query())
            #expect(audit.filter { $0.action == .signedIn && $0.username == "jo" }.count == 2)
        }
    }

    @Test(
        "the sign-in form without its token is refused, so another site cannot sign you in",
        arguments: TestDatabase.engines)
    func signInCSRF(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            _ = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer, password: "a long enough password",
                hasher: .testing)
            let response = try await client.execute(
                uri: "/sign-in", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "username=jo&password=a%20long%20enough%20password"))
            #expect(response.status == .forbidden)
            #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(SessionCookie.name + "=") })
        }
    }

    @Test(
        "five wrong passwords lock the account for 15 minutes; the right one then waits; unknown users look the same",
        arguments: TestDatabase.engines)
    func lockout(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await withApp(engine, clock: clock) { client, database in
            _ = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer, password: "a long enough password",
                hasher: .testing)
            let unknown = try await postSignIn(client, token: "t", username: "nobody", password: "whatever")
            let wrong = try await postSignIn(client, token: "t", username: "jo", password: "wrong")
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(String(buffer: unknown.body).contains("The username or password is not right"))
            #expect(String(buffer: wrong.body).contains("The username or password is not right"))
            for _ in 0..<3 { _ = try await postSignIn(client, token: "t", username: "jo", password: "wrong") }
            let fifth = try await postSignIn(client, token: "t", username: "jo", password: "wrong")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.headers[.retryAfter] == "900")
            let right = try await postSignIn(client, token: "t", username: "jo", password: "a long enough password")
            #expect(right.status == .tooManyRequests, "locked even with the right password")
            #expect(String(buffer: right.body).contains("locked"))
            clock.advance(15 * 60 + 1)
            let later = try await postSignIn(client, token: "t", username: "jo", password: "a long enough password")
            #expect(later.status == .seeOther)
            #expect(
                try await AuditLog(database: database).search(AuditLog.Query()).filter { $0.action == .signInFailed }
                    .count == 7)
        }
    }

    @Test(
        "a form post without the session's CSRF token is refused and changes nothing", arguments: TestDatabase.engines)
    func csrf(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager)
            let r = try await complaint(database)
            let cookie: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded",
                .cookie: "\(SessionCookie.name)=\(manager.session.token)",
            ]
            for body in ["version=1&restrict=yes", "version=1&restrict=yes&csrf=wrong-token"] {
                let response = try await client.execute(
                    uri: "/complaints/\(r.id)/restriction", method: .post, headers: cookie,
                    body: ByteBuffer(string: body))
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("The form has expired"))
            }
            #expect(try await RepresentationStore(database: database).representation(id: r.id)?.restrictedTo == nil)
            let withToken = try await manager.execute(
                uri: "/complaints/\(r.id)/restriction", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1&restrict=yes"))
            #expect(withToken.status == .seeOther)
            #expect(
                try await RepresentationStore(database: database).representation(id: r.id)?.restrictedTo == [
                    manager.user.id
                ])
        }
    }

    @Test(
        "every page carries the CSRF token in its forms, and sign out everywhere ends every session",
        arguments: TestDatabase.engines)
    func signOutEverywhere(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            _ = try await SessionStore(database: database).start(for: officer.user, now: testNow)
            let page = String(buffer: try await officer.execute(uri: "/complaints/new", method: .get).body)
            #expect(
                page.components(separatedBy: "name=\"csrf\" value=\"\(officer.session.csrfToken)\"").count - 1 == 3,
                "sign out, sign out everywhere, record")
            let response = try await officer.execute(uri: "/sign-out-everywhere", method: .post)
            #expect(response.status == .seeOther)
            #expect(
                response.headers[values: .setCookie].contains {
                    $0.hasPrefix("\(SessionCookie.name)=;") && $0.contains("Max-Age=0")
                })
            #expect(try await SessionStore(database: database).count(userID: officer.user.id) == 0)
            #expect(try await officer.execute(uri: "/", method: .get).headers[.location] == "/sign-in")
        }
    }
}

@Suite("Security: case access, audit, subject access, retention")
struct CaseAccessTests {
    @Test(
        "an Investigating Officer sees only the stage 2 cases they are appointed to; reads and refusals are audited",
        arguments: TestDatabase.engines)
    func investigatorScope(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            try await PeopleStore(database: database).save([
                Person(
                    id: "io-1", name: "Ines Officer", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true),
                Person(id: "io-2", name: "Ivor Other", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true),
            ])
            let theirs = try await complaint(database, investigator: "io-1")
            let others = try await complaint(database, investigator: "io-2")
            let io = try await signIn(client, database, as: .investigatingOfficer, personID: "io-1")
            let dashboard = String(buffer: try await io.execute(uri: "/", method: .get).body)
            #expect(dashboard.contains(theirs.reference) && !dashboard.contains(others.reference))
            let page = try await io.execute(uri: "/complaints/\(theirs.id)", method: .get)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            #expect(String(buffer: page.body).contains("Siân O&#39;Neil"))
            #expect(
                String(buffer: page.body).contains("<h2 id=\"next-steps\">What to do next</h2>"),
                "an Investigating Officer takes steps")
            #expect(
                !String(buffer: page.body).contains("Who can see this case"), "restricting is for complaints managers")
            #expect(try await io.execute(uri: "/complaints/\(others.id)", method: .get).status == .forbidden)
            let step = try await io.execute(
                uri: "/complaints/\(others.id)/steps/extend", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1"))
            #expect(step.status == .forbidden)

            let trail = try await AuditLog(database: database).search(AuditLog.Query())
            #expect(
                trail.contains {
                    $0.action == .viewedCase && $0.reference == theirs.reference && $0.username == io.user.username
                })
            #expect(trail.filter { $0.action == .refusedAccess && $0.reference == others.reference }.count == 2)
            var byCase = AuditLog.Query()
            byCase.reference = theirs.reference.lowercased()
            #expect(try await AuditLog(database: database).search(byCase).map(\.action) == [.viewedCase])
        }
    }

    @Test(
        "an Independent Person reads their case without any step forms and cannot take steps",
        arguments: TestDatabase.engines)
    func independentPersonReadOnly(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            try await PeopleStore(database: database).save([
                Person(id: "ip-1", name: "Ida Person", roles: [.independentPerson], isCouncilOfficerOrMember: false)
            ])
            var r = try await complaint(database, investigator: "io-x")
            r.stages[1].appointments.append(
                Appointment(role: .independentPerson, personID: "ip-1", appointedOn: CalendarDate(iso: "2023-10-23")!))
            let other = try await complaint(database, investigator: "io-x")
            let id = r.id
            try await database.withSQL { sql in
                try await sql.raw("DELETE FROM stage WHERE representation_id = \(bind: id)").run()
                try await sql.raw("DELETE FROM representation WHERE id = \(bind: id)").run()
            }
            try await RepresentationStore(database: database).insertAll([r])
            let ip = try await signIn(client, database, as: .independentPerson, personID: "ip-1")
            let page = try await ip.execute(uri: "/complaints/\(r.id)", method: .get)
            #expect(page.status == .ok)
            #expect(!String(buffer: page.body).contains("What to do next"))
            #expect(try await ip.execute(uri: "/complaints/\(other.id)", method: .get).status == .forbidden)
            let step = try await ip.execute(
                uri: "/complaints/\(r.id)/steps/points", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1"))
            #expect(step.status == .forbidden)
        }
    }

    @Test(
        "a change is audited in the same transaction, and the audit trail cannot be rewritten",
        arguments: TestDatabase.engines)
    func changesAudited(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let r = try await complaint(database)
            let response = try await officer.execute(
                uri: "/complaints/\(r.id)/steps/record", method: .post, headers: formHeaders,
                body: ByteBuffer(
                    string:
                        "version=1&record-milestone=acknowledged&record-date-day=3&record-date-month=10&record-date-year=2023"
                ))
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let trail = try await AuditLog(database: database).search(AuditLog.Query())
            let change = try #require(trail.first { $0.action == .changedCase })
            #expect(
                change.reference == r.reference && change.username == officer.user.username && change.detail == "record"
            )
            #expect(try await CaseEventLog.events(of: r.id, in: database).last?.recordedBy == officer.user.username)
            await #expect(throws: (any Error).self) {
                try await database.withSQL { sql in
                    try await sql.raw("UPDATE audit_entry SET username = 'someone else'").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await database.withSQL { sql in try await sql.raw("DELETE FROM audit_entry").run() }
            }
            #expect(try await AuditLog(database: database).search(AuditLog.Query()).count == trail.count)
            let page = String(
                buffer: try await signIn(client, database, as: .complaintsManager).execute(
                    uri: "/audit?reference=\(r.reference)", method: .get
                ).body)
            #expect(page.contains("Changed case") && page.contains(officer.user.username))
        }
    }

    @Test("a restricted case is seen only by its named users, whatever their role", arguments: TestDatabase.engines)
    func restriction(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager, username: "manager")
            let colleague = try await signIn(client, database, as: .complaintsManager, username: "colleague")
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let r = try await complaint(database)
            let form = String(buffer: try await manager.execute(uri: "/complaints/\(r.id)", method: .get).body)
            #expect(form.contains("Who can see this case") && form.contains("value=\"\(officer.user.id)\""))
            let saved = try await manager.execute(
                uri: "/complaints/\(r.id)/restriction", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1&restrict=yes&users=\(officer.user.id)&users=not-a-user"))
            #expect(saved.status == .seeOther)
            #expect(
                try await RepresentationStore(database: database).representation(id: r.id)?.restrictedTo
                    == [manager.user.id, officer.user.id].sorted())
            #expect(try await manager.execute(uri: "/complaints/\(r.id)", method: .get).status == .ok)
            #expect(try await officer.execute(uri: "/complaints/\(r.id)", method: .get).status == .ok)
            #expect(try await colleague.execute(uri: "/complaints/\(r.id)", method: .get).status == .forbidden)
            #expect(!String(buffer: try await colleague.execute(uri: "/", method: .get).body).contains(r.reference))
            let stale = try await manager.execute(
                uri: "/complaints/\(r.id)/restriction", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1&restrict=no"))
            #expect(
                stale.headers[.location]?.hasSuffix("restriction-conflict") == true, "a stale form does not overwrite")
            #expect(try await RepresentationStore(database: database).representation(id: r.id)?.restrictedTo != nil)
        }
    }

    @Test(
        "subject access finds the complainant and the child by name and exports everything as JSON and a document",
        arguments: TestDatabase.engines)
    func subjectAccess(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager)
            let asComplainant = try await complaint(database, name: "Siân O'Neil")
            let other = try await complaint(database, name: "Alex Smith")
            let found = String(
                buffer: try await manager.execute(
                    uri: "/subject-access", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "name=sian%20o%27neil")
                ).body)
            #expect(found.contains(asComplainant.reference) && !found.contains(other.reference))
            let byChild = String(
                buffer: try await manager.execute(
                    uri: "/subject-access", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "name=Robin+O%27Neil")
                ).body)
            #expect(
                byChild.contains(asComplainant.reference) && byChild.contains(other.reference),
                "both cases are about Robin")

            let json = try await manager.execute(
                uri: "/subject-access/export", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "name=Si%C3%A2n+O%27Neil&format=json"))
            #expect(json.status == .ok)
            #expect(json.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(json.headers[.cacheControl] == "no-store")
            let decoded = try JSONDecoder().decode(SubjectAccessDocument.self, from: Data(buffer: json.body))
            #expect(decoded.cases.map(\.representation.reference) == [asComplainant.reference])
            #expect(decoded.cases.first?.representation.complainant.contact == "07700 900123")
            #expect(decoded.cases.first?.hit.basis == [.complainant])
            let document = String(
                buffer: try await manager.execute(
                    uri: "/subject-access/export", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "name=Si%C3%A2n+O%27Neil&format=html")
                ).body)
            #expect(document.contains("Information held about Siân O&#39;Neil"))
            #expect(document.contains("Worker did not return calls") && document.contains(asComplainant.reference))
            let trail = try await AuditLog(database: database).search(AuditLog.Query())
            #expect(trail.filter { $0.action == .subjectAccessSearch }.count == 2)
            #expect(trail.filter { $0.action == .subjectAccessExport }.count == 2)
            #expect(trail.allSatisfy { !$0.detail.contains("Neil") }, "no names in the audit trail")
        }
    }

    @Test(
        "the access policy is data: a role given nothing lands on a refusal page, not in a redirect loop",
        arguments: TestDatabase.engines)
    func policyFromSettings(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            var policy = AccessPolicy.standard
            policy.grants[.reportReader] = .init([], caseScope: .none)
            try await SettingsStore(database: database).save(SettingsStore.accessPolicyKey, policy)
            let reader = try await signIn(client, database, as: .reportReader)
            #expect(try await reader.execute(uri: "/", method: .get).status == .forbidden)
            #expect(try await reader.execute(uri: "/statistics", method: .get).status == .forbidden)
        }
    }
}
