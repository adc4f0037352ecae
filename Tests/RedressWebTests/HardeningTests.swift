import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
import RedressCore
import RedressStorage
import RedressTestSupport
import Synchronization
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!
private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func withApp(
    _ engine: DatabaseEngine, security: WebSecurity = WebSecurity(hasher: .testing, now: { testNow }),
    live: Bool = false,
    test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, Database) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let deps = WebDependencies(
            database: database, today: { today }, logger: TestDatabase.logger, security: security)
        let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
        try await app.test(live ? .live : .router) { client in try await body(client, database) }
    }
}

/// A children's complaint with a complainant and a child named, as recorded through the store.
private func recordComplaint(_ database: Database, name: String) async throws -> Representation {
    try await RepresentationStore(database: database).record(
        NewComplaint(
            serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
            receivedOn: CalendarDate(iso: "2023-11-20")!,
            methodOfReceipt: "email",
            complainant: Complainant(relationship: "parent", name: name, contact: "07700 900456"),
            serviceCategory: "child-in-need", summary: "Visits missed"), engine: ClockEngine(calendar: .englandAndWales)
    )
}

private func postSignIn(
    _ client: any TestClientProtocol, username: String, password: String
) async throws -> TestResponse {
    var headers = formHeaders
    headers.append(HTTPField(name: .cookie, value: "\(SessionCookie.signInName)=t"))
    let body =
        "sign-in-token=t&username=\(username)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
    return try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body))
}

/// Statuses collected from concurrent requests.
private final class Statuses: Sendable {
    private let codes = Mutex<[Int]>([])
    func append(_ code: Int) { codes.withLock { $0.append(code) } }
    var all: [Int] { codes.withLock { $0 } }
}

/// Holds password hashes until released, so a test can see what happens while they run.
private final class HashGate: Sendable {
    let semaphore = DispatchSemaphore(value: 0)
    func release(_ n: Int) { for _ in 0..<n { semaphore.signal() } }
}

@Suite("Hardening: what an attacker and a crash test found")
struct HardeningTests {
    @Test(
        "a manager not named on a restricted case finds nothing of it through subject access, the case list or the API",
        arguments: TestDatabase.engines)
    func restrictedSubjectAccess(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let named = try await signIn(client, database, as: .complaintsManager, username: "named")
            let other = try await signIn(client, database, as: .complaintsManager, username: "other")
            let r = try await recordComplaint(database, name: "Kit Marlowe")
            let restricted = try await named.execute(
                uri: "/complaints/\(r.id)/restriction", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "version=1&restrict=yes"))
            #expect(restricted.status == .seeOther)
            let search = String(
                buffer: try await other.execute(
                    uri: "/subject-access", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "name=Kit+Marlowe")
                ).body)
            #expect(!search.contains(r.reference), "the restricted case is not found")
            let export = try await other.execute(
                uri: "/subject-access/export", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "name=Kit+Marlowe&format=json"))
            let document = try JSONDecoder().decode(SubjectAccessDocument.self, from: Data(buffer: export.body))
            #expect(document.cases.isEmpty)
            #expect(!String(buffer: export.body).contains("07700 900456"))
            let mine = String(
                buffer: try await named.execute(
                    uri: "/subject-access", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "name=Kit+Marlowe")
                ).body)
            #expect(mine.contains(r.reference), "the named manager still finds it")
            #expect(!String(buffer: try await other.execute(uri: "/", method: .get).body).contains(r.reference))
            let (_, token) = try await APITokenStore(database: database).create(
                userID: other.user.id, name: "t", now: testNow)
            let list = try await client.execute(
                uri: "/api/v1/representations", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(!String(buffer: list.body).contains(r.reference))
        }
    }

    @Test(
        """
            thirty sign-ins at once: hashing is held off the request threads, an unrelated request is answered \
            meanwhile, the username is locked and the address throttled
            """,
        arguments: TestDatabase.engines)
    func concurrentSignIns(engine: DatabaseEngine) async throws {
        let gate = HashGate()
        let work = PasswordWork(workers: 1, queueLimit: 2, beforeEachJob: { gate.semaphore.wait() })
        let security = WebSecurity(hasher: .testing, now: { testNow }, passwordWork: work)
        try await withApp(engine, security: security) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager, username: "manager")
            _ = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer,
                password: "the right password", hasher: .testing)
            let statuses = Statuses()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let response = try await postSignIn(client, username: "jo", password: "a wrong password")
                        statuses.append(Int(response.status.code))
                    }
                }
                // Wait until every attempt has either been answered or is holding a hashing place.
                while statuses.all.count < 30 - work.inFlight || work.inFlight < 3 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let unrelated = try await manager.execute(uri: "/", method: .get)
                #expect(unrelated.status == .ok, "answered while three hashes are still held")
                #expect(
                    work.inFlight == 3 && statuses.all.count == 27, "the hashes were still running when it was answered"
                )
                gate.release(3)
                try await group.waitForAll()
            }
            let all = statuses.all
            #expect(all.count == 30)
            #expect(all.filter { $0 == 503 }.count == 2, "more than the queue holds are told at once to try again")
            #expect(all.filter { $0 == 429 }.count >= 25, "\(all.sorted())")
            #expect(all.allSatisfy { [401, 429, 503].contains($0) })
            gate.release(10)
            let right = try await postSignIn(client, username: "jo", password: "the right password")
            #expect(right.status == .tooManyRequests, "the username is locked")
            let elsewhere = try await postSignIn(client, username: "someone-else", password: "whatever it is")
            #expect(
                elsewhere.status == .tooManyRequests && String(buffer: elsewhere.body).contains("from this network"),
                "the address is throttled")
        }
    }

    @Test("unknown and existing usernames get the same answers, lockout included", arguments: TestDatabase.engines)
    func sameAnswers(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            _ = try await UserStore(database: database).add(
                username: "jo", displayName: "Jo", role: .complaintsOfficer,
                password: "the right password", hasher: .testing)
            for _ in 0..<7 {
                let known = try await postSignIn(client, username: "jo", password: "wrong password")
                let unknown = try await postSignIn(client, username: "zz", password: "wrong password")
                #expect(known.status == unknown.status)
                #expect(known.headers[.retryAfter] == unknown.headers[.retryAfter])
                let strip = { (r: TestResponse, name: String) in
                    String(buffer: r.body).replacingOccurrences(of: "value=\"\(name)\"", with: "")
                        .replacingOccurrences(
                            of: #"name="sign-in-token" value="[^"]+""#, with: "", options: .regularExpression)
                }
                #expect(strip(known, "jo") == strip(unknown, "zz"))
            }
        }
    }

    @Test(
        "a response with an outcome that is not a code is refused naming the field, on the page and the API",
        arguments: TestDatabase.engines)
    func unknownOutcome(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let r = try await recordComplaint(database, name: "Ann Other")
            let page = try await officer.execute(
                uri: "/complaints/\(r.id)/steps/respond", method: .post, headers: formHeaders,
                body: ByteBuffer(
                    string:
                        "version=1&respond-date-day=24&respond-date-month=11&respond-date-year=2023&respond-outcome=%3Cb%3Emade-up%3C%2Fb%3E"
                ))
            #expect(page.status == .unprocessableContent)
            #expect(String(buffer: page.body).contains("is not in the"))
            let (_, token) = try await APITokenStore(database: database).create(
                userID: officer.user.id, name: "t", now: testNow)
            let api = try await client.execute(
                uri: "/api/v1/representations/\(r.id)/steps/respond", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .ifMatch: "\"1\""],
                body: ByteBuffer(string: #"{"date":"2023-11-24","outcome":"zzz"}"#))
            #expect(api.status == .unprocessableContent)
            let fields =
                ((try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])?["errors"]
                as? [[String: Any]])?
                .compactMap { $0["field"] as? String }
            #expect(fields == ["outcome"])
            #expect(
                try await RepresentationStore(database: database).representation(id: r.id)?.stages.first?.outcome == nil
            )
            let old = try await client.execute(
                uri: "/api/v1/representations", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(
                    string:
                        #"{"service-area":"adults","received":"1899-01-01","method":"email","relationship":"parent","child-or-young-person":false,"service-category":"assessment","summary":"s"}"#
                ))
            #expect(
                old.status == .unprocessableContent && String(buffer: old.body).contains("on or after 1 January 1990"))
        }
    }

    @Test(
        "a 2 MB form post to sign-in, the public form or the API answers 413 with a page, not 500",
        arguments: TestDatabase.engines)
    func oversized(engine: DatabaseEngine) async throws {
        try await withApp(engine, live: true) { client, database in
            // Eight times the largest of these routes' limits (the API's 256 KB; the public form
            // takes 64 KB, sign-in 16 KB). It was 20 MB, which a debug build on 2 busy cores could
            // not take in within the test client's fixed 20-second read timeout while every suite
            // ran at once.
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024)
            for uri in ["/sign-in", "/feedback/form"] {
                let response = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: huge)
                #expect(response.status == .contentTooLarge, "\(uri)")
                #expect(String(buffer: response.body).contains("too large"), "\(uri)")
            }
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let (_, token) = try await APITokenStore(database: database).create(
                userID: officer.user.id, name: "t", now: testNow)
            let api = try await client.execute(
                uri: "/api/v1/representations", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: huge)
            #expect(api.status == .contentTooLarge && api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("a report CSV cell typed as a formula is written as text", arguments: TestDatabase.engines)
    func csvFormula(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            try await ReportInputStore(database: database).setContextMeasure(
                ContextMeasure(
                    year: 2022, serviceArea: .childrensSocialCare, measure: "=HYPERLINK(\"http://x\",\"cmd\")",
                    value: 10), previous: nil)
            let reader = try await signIn(client, database, as: .reportReader)
            let csv = String(
                buffer: try await reader.execute(uri: "/reports/annual?year=2022&format=csv", method: .get).body)
            #expect(csv.contains("\"'=HYPERLINK("), "neutralised with a leading apostrophe")
            #expect(!csv.contains(",=HYPERLINK(") && !csv.contains("\"=HYPERLINK("))
        }
    }

    @Test(
        "an account an administrator makes or resets can only choose its own password, and every grant is on the managers' page",
        arguments: TestDatabase.engines)
    func oneTimePasswords(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let admin = try await signIn(client, database, as: .administrator)
            let made = try await admin.execute(
                uri: "/users", method: .post, headers: formHeaders,
                body: ByteBuffer(
                    string:
                        "username=newmanager&display-name=New+Manager&role=complaints-manager&person=&password=one+time+password+here"
                ))
            #expect(made.status == .seeOther)
            let first = try await postSignIn(client, username: "newmanager", password: "one time password here")
            #expect(first.status == .seeOther && first.headers[.location] == "/choose-password")
            let cookie = try #require(
                first.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            let token = String(cookie.dropFirst(SessionCookie.name.count + 1).prefix { $0 != ";" })
            let session = try #require(
                try await SessionStore(database: database).resume(token: token, now: testNow, policy: SignInPolicy()))
            let them = SignedInClient(base: client, session: session)
            #expect(try await them.execute(uri: "/", method: .get).headers[.location] == "/choose-password")
            let r = try await recordComplaint(database, name: "Ann Other")
            #expect(
                try await them.execute(uri: "/complaints/\(r.id)", method: .get).headers[.location]
                    == "/choose-password", "no case data yet")
            #expect(
                try await them.execute(
                    uri: "/complaints/\(r.id)/restriction", method: .post, headers: formHeaders,
                    body: ByteBuffer(string: "version=1&restrict=yes")
                ).status == .forbidden)
            let reused = try await them.execute(
                uri: "/choose-password", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "password=one+time+password+here&confirm=one+time+password+here"))
            #expect(
                reused.status == .unprocessableContent
                    && String(buffer: reused.body).contains("different from the one you were given"))
            let chosen = try await them.execute(
                uri: "/choose-password", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "password=my+own+secret+words&confirm=my+own+secret+words"))
            #expect(chosen.status == .seeOther)
            let fresh = try #require(
                try await SessionStore(database: database).resume(token: token, now: testNow, policy: SignInPolicy()))
            #expect(
                try await SignedInClient(base: client, session: fresh).execute(uri: "/complaints/\(r.id)", method: .get)
                    .status == .ok)

            let manager = try await signIn(client, database, as: .complaintsManager, username: "boss")
            let grants = String(buffer: try await manager.execute(uri: "/access", method: .get).body)
            #expect(
                grants.contains("newmanager") && grants.contains("Added user")
                    && grants.contains("newmanager as Complaints manager"))
            #expect(grants.contains(admin.user.username), "who made the grant")
            #expect(try await admin.execute(uri: "/access", method: .get).status == .ok)
        }
    }

    @Test(
        "/metrics answers only with its token, and counts an API refusal under its own status",
        arguments: TestDatabase.engines)
    func metrics(engine: DatabaseEngine) async throws {
        let security = WebSecurity(hasher: .testing, now: { testNow }, metricsToken: "scrape-secret")
        try await withApp(engine, security: security) { client, _ in
            let off = try await client.execute(uri: "/metrics", method: .get)
            #expect(off.status == .notFound, "without a registry the endpoint is off")
        }
        try await TestDatabase.with(engine) { database in
            var deps = WebDependencies(
                database: database, today: { today }, metrics: MetricsForTests.registry, logger: TestDatabase.logger,
                security: security)
            deps.security = security
            let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
                #expect(
                    try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"])
                        .status == .unauthorized)
                let user = try await UserStore(database: database).add(
                    username: "ops", displayName: "Ops", role: .complaintsOfficer,
                    password: "a long enough password", hasher: .testing)
                let (_, token) = try await APITokenStore(database: database).create(
                    userID: user.id, name: "t", now: testNow)
                let missing = try await client.execute(
                    uri: "/api/v1/representations/no-such-case", method: .get,
                    headers: [.authorization: "Bearer \(token)"])
                #expect(missing.status == .notFound)
                let scraped = try await client.execute(
                    uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-secret"])
                #expect(scraped.status == .ok)
                let text = String(buffer: scraped.body)
                #expect(text.contains(#"http_response_status_code="404""#), "\(text.prefix(400))")
                #expect(!text.contains(#"http_response_status_code="500""#))
            }
        }
    }
}

/// One Prometheus registry for the whole test process (the metrics system is bootstrapped once).
enum MetricsForTests {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
