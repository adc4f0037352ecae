import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!

/// A token-carrying API client for one user.
private struct APIClient {
    let client: any TestClientProtocol
    let token: String

    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, ifMatch: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

private func object(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
}

private func problemFields(_ response: TestResponse) throws -> [String] {
    ((try object(response)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
}

private func apiUser(_ database: Database, _ role: Role, _ name: String) async throws -> (User, String) {
    let user = try await UserStore(database: database).add(
        username: name, displayName: name, role: role, password: "a long enough password", hasher: .testing)
    let (_, token) = try await APITokenStore(database: database).create(userID: user.id, name: "tests", now: testNow)
    return (user, token)
}

private let newComplaint =
    #"{"service-area":"children","received":"2023-11-20","method":"email","relationship":"parent","child-or-young-person":false,"service-category":"child-in-need","summary":"Late visits"}"#

@Suite("API")
struct APITests {
    @Test(
        "tokens: stored hashed; a revoked, expired or unknown token and a session cookie are all refused with 401",
        arguments: TestDatabase.engines)
    func tokens(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let (user, token) = try await apiUser(database, .complaintsOfficer, "officer")
            let stored = try await database.withSQL {
                try await $0.raw("SELECT token_hash FROM api_token").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(stored == [Tokens.digest(token)] && !stored.contains(token))
            let (short, shortToken) = try await APITokenStore(database: database).create(
                userID: user.id, name: "a day", now: testNow - 2 * 86_400, lifetimeDays: 1)
            #expect(!short.isLive(now: testNow))
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                #expect(
                    try await APIClient(client: client, token: token).call(.get, "/api/v1/procedures").status == .ok)
                #expect(
                    try await APIClient(client: client, token: shortToken).call(.get, "/api/v1/procedures").status
                        == .unauthorized, "expired")
                #expect(
                    try await APIClient(client: client, token: "rdr_guess").call(.get, "/api/v1/procedures").status
                        == .unauthorized)
                let session = try await SessionStore(database: database).start(for: user, now: testNow)
                let cookie = try await client.execute(
                    uri: "/api/v1/procedures", method: .get,
                    headers: [.cookie: "\(SessionCookie.name)=\(session.token)"])
                #expect(cookie.status == .unauthorized, "a browser session never authorises the API")
                let id = try #require(
                    try await APITokenStore(database: database).tokens(userID: user.id).first { $0.name == "tests" }?.id
                )
                #expect(try await APITokenStore(database: database).revoke(id: id, userID: user.id, now: testNow))
                let revoked = try await APIClient(client: client, token: token).call(.get, "/api/v1/procedures")
                #expect(revoked.status == .unauthorized && revoked.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test(
        "record, read and change a case: ETag and If-Match, stale and missing tags refused, problems name the field",
        arguments: TestDatabase.engines)
    func caseLifecycle(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let (_, token) = try await apiUser(database, .complaintsOfficer, "officer")
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let api = APIClient(client: client, token: token)
                let bad = try await api.call(
                    .post, "/api/v1/representations",
                    json: #"{"service-area":"children","received":"2023-02-30","method":"email","colour":"red"}"#)
                #expect(bad.status == .unprocessableContent && bad.headers[.contentType] == "application/problem+json")
                #expect(
                    Set(try problemFields(bad)) == [
                        "colour", "received", "relationship", "child-or-young-person", "service-category", "summary",
                    ])
                #expect(try await RepresentationStore(database: database).count() == 0, "nothing written")
                let future = try await api.call(
                    .post, "/api/v1/representations",
                    json: newComplaint.replacingOccurrences(of: "2023-11-20", with: "2024-01-05"))
                #expect(try future.status == .unprocessableContent && (try problemFields(future)) == ["received"])

                let created = try await api.call(.post, "/api/v1/representations", json: newComplaint)
                #expect(created.status == .created && created.headers[.eTag] == #""1""#)
                let id = try #require((try object(created)["representation"] as? [String: Any])?["id"] as? String)
                #expect(created.headers[.location] == "/api/v1/representations/\(id)")
                let read = try await api.call(.get, "/api/v1/representations/\(id)")
                #expect(read.status == .ok && read.headers[.eTag] == #""1""#)
                let deadlines = try #require(try object(read)["deadlines"] as? [[String: Any]])
                #expect(
                    deadlines.contains {
                        $0["clock"] as? String == "stage-1-response" && $0["dueOn"] as? String == "2023-12-04"
                            && $0["status"] as? String == "running"
                    })

                let respond = #"{"date":"2023-11-30","outcome":"upheld"}"#
                let missing = try await api.call(.post, "/api/v1/representations/\(id)/steps/respond", json: respond)
                #expect(missing.status == .preconditionRequired)
                let malformed = try await api.call(
                    .post, "/api/v1/representations/\(id)/steps/respond", json: respond, ifMatch: "1")
                #expect(try malformed.status == .badRequest && (try problemFields(malformed)) == ["If-Match"])
                let early = try await api.call(
                    .post, "/api/v1/representations/\(id)/steps/respond",
                    json: #"{"date":"2023-11-01","outcome":"upheld"}"#, ifMatch: #""1""#)
                #expect(
                    try early.status == .unprocessableContent && (try problemFields(early)) == ["date"],
                    "before the complaint was received")
                let done = try await api.call(
                    .post, "/api/v1/representations/\(id)/steps/respond", json: respond, ifMatch: #""1""#)
                #expect(done.status == .ok && done.headers[.eTag] == #""2""#)
                let stale = try await api.call(
                    .post, "/api/v1/representations/\(id)/steps/reopen", json: #"{"reason":"new evidence"}"#,
                    ifMatch: #""1""#)
                #expect(stale.status == .preconditionFailed)
                let stored = try #require(try await RepresentationStore(database: database).representation(id: id))
                #expect(
                    stored.version == 2 && stored.stages[0].outcome == "upheld"
                        && stored.stages[0].respondedOn == CalendarDate(iso: "2023-11-30"))
                #expect(
                    try await api.call(
                        .post, "/api/v1/representations/\(id)/steps/teleport", json: "{}", ifMatch: #""2""#
                    ).status == .notFound)

                var query = AuditLog.Query()
                query.username = "officer"
                let trail = try await AuditLog(database: database).search(query).map {
                    "\($0.action.rawValue) \($0.detail)"
                }
                #expect(
                    trail.contains("changed-case API respond") && trail.contains("viewed-case API")
                        && trail.contains("recorded-case API complaint"))
            }
        }
    }

    @Test(
        "the list: filters, paging with a next link, restricted cases hidden, bad parameters named",
        arguments: TestDatabase.engines)
    func list(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let engineClock = ClockEngine(calendar: .englandAndWales)
            var recorded: [String] = []
            for (day, area) in [
                ("2023-10-02", ServiceArea.childrensSocialCare), ("2023-10-16", .adultSocialCare),
                ("2023-11-01", .childrensSocialCare), ("2023-11-20", .childrensSocialCare),
            ] {
                let procedure =
                    area == .adultSocialCare ? BuiltInProcedures.adultsStatutory : BuiltInProcedures.childrenStatutory
                let command = NewComplaint(
                    serviceArea: area, procedure: procedure, receivedOn: CalendarDate(iso: day)!,
                    methodOfReceipt: "email",
                    complainant: Complainant(relationship: "parent"),
                    serviceCategory: area == .adultSocialCare ? "home-care" : "fostering", summary: "s")
                recorded.append(try await store.record(command, engine: engineClock).id)
            }
            let ids = recorded
            let (_, token) = try await apiUser(database, .complaintsManager, "manager")
            let (other, _) = try await apiUser(database, .complaintsManager, "other")
            _ = try await store.restrict(
                ids[3], to: [other.id], expectedVersion: 1,
                audit: AuditEntry(userID: nil, username: "test", action: .restrictedCase))
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let api = APIClient(client: client, token: token)
                func references(_ query: String) async throws -> [String] {
                    let response = try await api.call(.get, "/api/v1/representations?\(query)")
                    #expect(response.status == .ok, "\(query)")
                    return (try object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                }
                #expect(
                    try await references("") == Array(ids.prefix(3)),
                    "the case restricted to someone else is not listed")
                #expect(try await references("serviceArea=children") == [ids[0], ids[2]])
                #expect(try await references("service=home-care") == [ids[1]])
                #expect(try await references("receivedFrom=2023-10-10&receivedTo=2023-11-01") == [ids[1], ids[2]])
                #expect(try await references("status=closed").isEmpty)
                #expect(try await references("stage=stage-1&status=open") == [ids[0], ids[2]])
                // Children's stage 1 is due 10 working days after receipt: 16 Oct for the first case, 15 Nov for the third.
                #expect(try await references("dueBefore=2023-10-17") == [ids[0]])
                let page = try await api.call(.get, "/api/v1/representations?limit=2")
                let body = try object(page)
                #expect(body["total"] as? Int == 3 && (body["items"] as? [Any])?.count == 2)
                #expect(body["next"] as? String == "/api/v1/representations?limit=2&offset=2")
                #expect(try await references("limit=2&offset=2") == [ids[2]])
                let bad = try await api.call(.get, "/api/v1/representations?dueBefore=tomorrow&limit=0")
                #expect(try bad.status == .badRequest && (try problemFields(bad)).count == 1)
            }
        }
    }

    @Test("the contract lists every API route and nothing else, with a body schema for every step")
    func contractMatchesRoutes() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, item) in paths {
            for method in item.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        var routed = Set<String>()
        for endpoint in Endpoint.allCases where endpoint.isAPI {
            let path = OpenAPIDocument.openAPIPath(endpoint.path)
            if endpoint == .apiCaseStep {
                for step in APIStep.all {
                    routed.insert("POST \(path.replacingOccurrences(of: "{step}", with: step.name))")
                }
            } else {
                routed.insert("\(endpoint.method.rawValue) \(path)")
            }
        }
        #expect(documented == routed)
        #expect(!paths.keys.contains { !$0.hasPrefix("/api/v1/") }, "only the API is in the contract")
        let stepNames = Set(APIStep.all.map(\.name))
        let forms = Set(
            CaseStep.allCases.map(\.rawValue) + RecordStep.allCases.map(\.rawValue)
                + IntakeStep.allCases.map(\.rawValue)
                + CaseworkStep.allCases.map(\.rawValue))
        #expect(stepNames == forms, "every case form is a step of the API")
    }

    @Test("each step's declared fields are the ones its form reads: a body of sample values makes a command")
    func stepFieldsMatchForms() {
        // The casework steps (details, owner, links, merge) need the case; the API tests take them.
        for step in APIStep.all where CaseworkStep(rawValue: step.name) == nil {
            var json: [String: Any] = [:]
            for field in step.fields {
                switch field.kind {
                case .date: json[field.name] = "2023-11-01"
                case .text: json[field.name] = "x"
                case .choice(let values): json[field.name] = values[0]
                case .boolean: json[field.name] = true
                case .integer(let minimum, _): json[field.name] = minimum
                case .money: json[field.name] = "10.00"
                case .list, .lines: json[field.name] = ["x"]
                }
            }
            let data = try! JSONSerialization.data(withJSONObject: json)
            guard let body = try? APIBody.read(data, fields: step.fields) else {
                Issue.record("\(step.name): sample body refused")
                continue
            }
            let result = step.form.command(from: body.formFields(step: step.name), today: today, newID: "new")
            if case .failure(let errors) = result { Issue.record("\(step.name): \(errors.errors.map(\.message))") }
        }
    }

    @Test("bodies are read strictly: types, unknown fields, lengths, money and lines")
    func strictBodies() {
        let fields: [APIField] = [
            .boolean("flag", "f"), .text("note", "n", maxLength: 3),
            APIField(name: "amount", kind: .money, required: false, description: "a"),
            APIField(name: "lines", kind: .lines(maxItems: 2), required: false, description: "l"),
        ]
        func problems(_ json: String) -> [String] {
            do { _ = try APIBody.read(Data(json.utf8), fields: fields); return [] } catch {
                return error.problems.map(\.field)
            }
        }
        #expect(problems(#"{"flag":true,"note":"abc"}"#).isEmpty)
        #expect(
            problems(#"{"flag":1,"note":"abcd"}"#) == ["flag", "note"], "1 is not true; four characters is too many")
        #expect(problems(#"{"flag":false,"note":"a","amount":"£5"}"#) == ["amount"])
        #expect(problems(#"{"flag":false,"note":"a","lines":["one","two\nthree"]}"#) == ["lines"])
        #expect(problems(#"{"flag":false,"note":"a","other":null}"#) == ["other"])
        #expect(
            problems(#"{"flag":false,"note":"a","amount":null}"#) == ["amount"],
            "null is not a way to leave a field out")
        #expect(problems("[1]") == [""] && problems("") == [""])
        let body = try? APIBody.read(Data(#"{"flag":false,"note":"a","lines":["one","two"]}"#.utf8), fields: fields)
        #expect(body?.formFields(step: "s")["s-lines"] == "one\ntwo" && body?.formFields(step: "s")["s-flag"] == "no")
    }

    @Test(
        "council data over the API: working days across Christmas, pools added and made unavailable, report figures as the report has them",
        arguments: TestDatabase.engines)
    func councilData(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                receivedOn: CalendarDate(iso: "2022-05-03")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                serviceCategory: "home-care-domiciliary-care", summary: "s")
            _ = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let (_, token) = try await apiUser(database, .complaintsManager, "manager")
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let api = APIClient(client: client, token: token)
                // 23 Dec 2022 (Fri) to 3 Jan 2023 (Tue): 27 Dec and 2 Jan are the substitute bank holidays.
                let calendar = try object(try await api.call(.get, "/api/v1/calendar?from=2022-12-23&to=2023-01-03"))
                #expect(
                    calendar["workingDays"] as? Int == 4,
                    "28, 29 and 30 December and 3 January (the day counted from is day zero)")
                let names = (calendar["bankHolidays"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }
                #expect(names == ["2022-12-26", "2022-12-27", "2023-01-02"])
                let backwards = try await api.call(.get, "/api/v1/calendar?from=2023-01-03&to=2022-12-23")
                #expect(try backwards.status == .unprocessableContent && (try problemFields(backwards)) == ["to"])

                let added = try await api.call(
                    .post, "/api/v1/people",
                    json: #"{"name":"Ines Officer","roles":["investigating-officer"],"council":true}"#)
                #expect(added.status == .created)
                let id = try #require(try object(added)["id"] as? String)
                let unknownPool = try await api.call(
                    .post, "/api/v1/people", json: #"{"name":"X","roles":["astronaut"],"council":true}"#)
                #expect(
                    try unknownPool.status == .unprocessableContent && (try problemFields(unknownPool)) == ["roles"])
                #expect(
                    try await api.call(.put, "/api/v1/people/\(id)/availability", json: #"{"available":false}"#).status
                        == .ok)
                #expect(try await PeopleStore(database: database).load()[id]?.isAvailable == false)

                let report = try await api.call(.get, "/api/v1/reports/annual?year=2022&scope=adults")
                let decoded = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: report.body))
                #expect(decoded.figures.first { $0.id == "received.complaint.2022" }?.display == "1")
                #expect(try await api.call(.get, "/api/v1/reports/annual?year=1999").status == .badRequest)
                #expect(try await api.call(.get, "/api/v1/reports/quarterly?quarter=2022-Q5").status == .badRequest)
            }
        }
    }
}
