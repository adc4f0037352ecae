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
private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func encoded(_ fields: [String: String]) -> ByteBuffer {
    var components = URLComponents()
    components.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    return ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
}

private func complaintForm(_ overrides: [String: String] = [:]) -> [String: String] {
    var fields = [
        "form": "complaint", "service-area": "children", "received-day": "20", "received-month": "11",
        "received-year": "2023",
        "method": "email", "relationship": "parent", "child-or-young-person": "no", "service-category": "child-in-need",
        "summary": "Worker did not return calls.", "complainant-name": "Jon Smtih",
        "complainant-contact": "jon@example.org",
    ]
    for (k, v) in overrides { fields[k] = v }
    return fields
}

private func withApp(
    _ engine: DatabaseEngine, test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, Database) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let app = Application(
            router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
        try await app.test(.router) { client in try await body(client, database) }
    }
}

private extension SignedInClient {
    func page(_ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
    }

    func post(_ uri: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .post, headers: formHeaders, body: encoded(fields)) {
            ($0.status, $0.headers[.location] ?? String(buffer: $0.body))
        }
    }

    /// Records a case through the form, past the duplicate warning; returns its id.
    func record(_ fields: [String: String]) async throws -> String {
        var all = fields
        all["not-a-duplicate"] = "yes"
        let (status, location) = try await post("/complaints", all)
        #expect(status == .seeOther, "\(location.prefix(400))")
        return String(location.dropFirst("/complaints/".count).prefix { $0 != "?" })
    }
}

@Suite("The case workspace")
struct WorkspaceTests {
    @Test(
        "the search box finds a case by part of a name or a reference, audits the search but not its words",
        arguments: TestDatabase.engines)
    func search(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let id = try await officer.record(complaintForm(["complainant-name": "Jonathan Smith"]))
            _ = try await officer.record(
                complaintForm(["complainant-name": "Ann Other", "complainant-contact": "ann@example.org"]))
            let r = try #require(try await RepresentationStore(database: database).representation(id: id))
            let byName = try await officer.page("/search?q=jon+smi")
            #expect(byName.0 == .ok && byName.1.contains(r.reference) && byName.1.contains("1 case</strong> match"))
            let byReference = try await officer.page("/search?q=\(r.reference.dropLast(2))")
            #expect(byReference.1.contains(r.reference))
            #expect(try await officer.page("/").1.contains("id=\"header-search\""), "a search box on every staff page")
            let searches = try await AuditLog(database: database).search(AuditLog.Query()).filter {
                $0.action == .searchedCases
            }
            #expect(searches.count == 2 && searches.allSatisfy { !$0.detail.lowercased().contains("smi") })
        }
    }

    @Test(
        "the case list filters closed compliments for a service, pages, counts, and downloads as CSV without names",
        arguments: TestDatabase.engines)
    func lists(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let compliment = try await officer.record([
                "form": "compliment", "kind": "compliment", "service-area": "adults", "received-day": "3",
                "received-month": "11",
                "received-year": "2023", "method": "email", "service-category": "home-care-domiciliary-care",
                "summary": "Thank you", "complainant-name": "Pat Kind", "team": "Reablement",
            ])
            _ = try await officer.record(complaintForm())
            let (status, html) = try await officer.page(
                "/cases?kind=compliment&status=closed&service=home-care-domiciliary-care")
            let saved = try #require(try await RepresentationStore(database: database).representation(id: compliment))
            #expect(status == .ok && html.contains(saved.reference) && html.contains("Showing 1 to 1 of 1 case"))
            #expect(!html.contains("CSC-2023"), "the complaint is not a compliment")
            let csv = try await officer.page("/cases/export?kind=compliment&status=closed")
            #expect(
                csv.1.hasPrefix("reference,kind,service_area") && csv.1.contains(saved.reference)
                    && !csv.1.contains("Pat Kind"))
            let bad = try await officer.page("/cases?received-from=yesterday")
            #expect(bad.0 == .badRequest && bad.1.contains("Received from must be a date written like 2025-04-01"))
        }
    }

    @Test(
        "a case is given an owner, appears on their My cases, and they are sent a notice",
        arguments: TestDatabase.engines)
    func owner(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager)
            let officer = try await signIn(client, database, as: .complaintsOfficer, username: "olu")
            try await UserStore(database: database).setEmail("olu@council.example", userID: officer.user.id)
            let id = try await manager.record(complaintForm())
            #expect(try await manager.page("/complaints/\(id)/owner").1.contains("Who owns"))
            let saved = try await manager.post("/complaints/\(id)/owner", ["version": "1", "owner": officer.user.id])
            #expect(saved.0 == .seeOther && saved.1.hasSuffix("?done=owner"))
            #expect(try await RepresentationStore(database: database).representation(id: id)?.owner == officer.user.id)
            let mine = try await officer.page("/my-cases")
            let r = try #require(try await RepresentationStore(database: database).representation(id: id))
            #expect(mine.1.contains(r.reference) && mine.1.contains("<h1>My cases</h1>"))
            #expect(!(try await manager.page("/my-cases")).1.contains(r.reference))
            let outbox = try await OutboxStore(database: database).all()
            #expect(
                outbox.count == 1 && outbox[0].recipient == "olu@council.example"
                    && outbox[0].subject.contains(r.reference))
            let casePage = try await manager.page("/complaints/\(id)").1
            #expect(casePage.contains("Owner: \(officer.user.displayName)"), "the record of changes names the owner")
            #expect(
                try await manager.post("/complaints/\(id)/owner", ["version": "2", "owner": "someone-else"]).0
                    == .unprocessableContent)
        }
    }

    @Test(
        """
            a misspelt name is corrected with a reason, shown in the record of changes; no reason or a stale form \
            changes nothing
            """,
        arguments: TestDatabase.engines)
    func correctDetails(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let id = try await officer.record(complaintForm())
            var fields = complaintForm()
            fields = [
                "version": "1", "complainant-name": "Jon Smith", "contact": "jon@example.org", "relationship": "parent",
                "method": "email",
                "service": "child-in-need", "summary": "Worker did not return calls.", "child-or-young-person": "no",
            ]
            let noReason = try await officer.post("/complaints/\(id)/details", fields)
            #expect(
                noReason.0 == .unprocessableContent && noReason.1.contains("Enter why the details are being changed"))
            fields["reason"] = "Misspelt on the phone"
            #expect(try await officer.post("/complaints/\(id)/details", fields).0 == .seeOther)
            let r = try #require(try await RepresentationStore(database: database).representation(id: id))
            #expect(r.complainant.name == "Jon Smith" && r.version == 2)
            let page = try await officer.page("/complaints/\(id)").1
            #expect(page.contains("Details corrected (Misspelt on the phone): Name from “Jon Smtih” to “Jon Smith”"))
            fields["complainant-name"] = "Jonathan Smith"
            let stale = try await officer.post("/complaints/\(id)/details", fields)
            #expect(stale.0 == .conflict && stale.1.contains("changed by someone else"))
            #expect(
                try await RepresentationStore(database: database).representation(id: id)?.complainant.name
                    == "Jon Smith")
        }
    }

    @Test(
        "a compliment has its own form and words; its consent to publish is asked when there are words to publish",
        arguments: TestDatabase.engines)
    func compliment(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let form = try await officer.page("/compliments/new").1
            #expect(
                form.contains("<h1>Record a compliment or comment</h1>") && form.contains("Who gave it")
                    && !form.contains("Who is complaining"))
            var fields = [
                "form": "compliment", "kind": "compliment", "service-area": "adults", "received-day": "3",
                "received-month": "11", "received-year": "2023",
                "method": "email", "service-category": "home-care-domiciliary-care", "summary": "Thank you to Sam",
                "team": "Reablement",
                "publication-quote": "Thank you to xxx",
            ]
            let noConsent = try await officer.post("/complaints", fields)
            #expect(
                noConsent.0 == .unprocessableContent
                    && noConsent.1.contains("Select whether they agreed to their words being published"))
            #expect(noConsent.1.contains("<h1>Record a compliment or comment</h1>"), "shown again on its own form")
            fields["quote-consent"] = "yes"
            let id = try await officer.record(fields)
            let r = try #require(try await RepresentationStore(database: database).representation(id: id))
            #expect(
                r.kind == .compliment && r.records.quoteConsent == true && r.complainant.relationship == "unknown"
                    && !r.isOpen)
            let page = try await officer.page("/complaints/\(id)").1
            #expect(page.contains("What they said") && !page.contains("Complainant's name"))
        }
    }

    @Test(
        """
            the same person's complaint recorded twice gets a warning before saving; merged, the survivor shows both \
            histories and reports count it once
            """,
        arguments: TestDatabase.engines)
    func duplicates(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let first = try await officer.record(complaintForm())
            let warned = try await officer.post("/complaints", complaintForm(["received-day": "22"]))
            #expect(warned.0 == .ok && warned.1.contains("This may already be recorded"))
            #expect(
                try await RepresentationStore(database: database).count() == 1,
                "nothing saved before the officer decides")
            let second = try await officer.record(complaintForm(["received-day": "22"]))
            let survivor = try #require(try await RepresentationStore(database: database).representation(id: first))
            #expect(
                try await officer.post(
                    "/complaints/\(second)/steps/record",
                    [
                        "version": "1", "record-milestone": "acknowledged",
                        "record-date-day": "23", "record-date-month": "11", "record-date-year": "2023",
                    ]
                ).0 == .seeOther)
            let merged = try await officer.post(
                "/complaints/\(second)/merge", ["version": "2", "reference": survivor.reference, "confirm": "yes"])
            #expect(merged.0 == .seeOther && merged.1 == "/complaints/\(first)?done=merged")
            let page = try await officer.page("/complaints/\(first)").1
            let duplicate = try #require(try await RepresentationStore(database: database).representation(id: second))
            #expect(
                page.contains("Merged in from \(duplicate.reference)")
                    && page.contains("Acknowledged on 23 November 2023"))
            #expect(duplicate.mergedInto == first && !duplicate.isOpen)
            let counted = try await RepresentationStore(database: database).representations(
                relevantTo: CalendarDate(iso: "2023-04-01")!, CalendarDate(iso: "2024-03-31")!)
            #expect(counted.map(\.id) == [first], "reports count the survivor only")
            #expect(
                try await officer.post(
                    "/complaints/\(second)/steps/withdraw",
                    [
                        "version": "3", "withdraw-date-day": "24", "withdraw-date-month": "11",
                        "withdraw-date-year": "2023",
                    ]
                ).0 != .seeOther, "a merged case takes no more steps")
        }
    }

    @Test("the dashboard's headline counts the cases its queues list", arguments: TestDatabase.engines)
    func dashboardCounts(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager)
            // Corporate stage 1: acknowledgement and response both overdue on one case.
            _ = try await manager.record(
                complaintForm([
                    "service-area": "corporate", "service-category": "education", "received-day": "1",
                    "received-month": "9",
                    "complainant-name": "Cor Porate",
                ]))
            _ = try await manager.record(
                complaintForm(["received-day": "2", "received-month": "10", "complainant-name": "Chi Ldren"]))
            _ = try await manager.record(
                complaintForm(["received-day": "27", "received-month": "11", "complainant-name": "Soon Due"]))
            let dashboard = try await manager.page("/").1
            func count(_ id: String, in html: String) -> Int? {
                guard let range = html.range(of: "id=\"\(id)\"") else { return nil }
                let rest = html[range.upperBound...].drop { $0 != ">" }.dropFirst()
                return Int(rest.prefix { $0.isNumber })
            }
            for (headline, queue) in [("count-overdue", "overdue"), ("count-due-soon", "due-soon")] {
                let shown = try #require(count(headline, in: dashboard))
                let listed = try await manager.page("/?queue=\(queue)").1
                let table = (listed.components(separatedBy: "<caption>").dropFirst().first ?? "").components(
                    separatedBy: "</table>")[0]
                let rows = table.components(separatedBy: "href=\"/complaints/").count - 1
                #expect(
                    shown == rows && count("queue-\(queue)", in: dashboard) == shown,
                    "\(queue): headline \(shown), queue \(rows)")
            }
            #expect(count("count-overdue", in: dashboard) == 2)
        }
    }

    @Test(
        "each step has its own page, its dates starting at today; the calendar shows the due date",
        arguments: TestDatabase.engines)
    func stepPagesAndCalendar(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let id = try await officer.record(complaintForm(["received-day": "27"]))
            let casePage = try await officer.page("/complaints/\(id)").1
            #expect(
                casePage.contains("href=\"/complaints/\(id)/steps/respond\"")
                    && !casePage.contains("<form class=\"app-step-form\""))
            #expect(
                casePage.contains("10 working days from 27 November 2023 (received)"), "why the date falls when it does"
            )
            let step = try await officer.page("/complaints/\(id)/steps/respond").1
            #expect(step.contains("<h1>Record the response (stage 1 response sent)</h1>"))
            #expect(
                step.contains(
                    """
                        id=\"respond-date-day\" name=\"respond-date-day\" type=\"text\" inputmode=\"numeric\" \
                        autocomplete=\"off\" value=\"1\"
                        """
                ))
            #expect(try await officer.page("/complaints/\(id)/steps/no-such-step").0 == .notFound)
            let calendar = try await officer.page("/calendar?month=2023-12").1
            let r = try #require(try await RepresentationStore(database: database).representation(id: id))
            #expect(calendar.contains("Deadlines in December 2023") && calendar.contains(r.reference))
        }
    }

    @Test(
        "the API searches, filters by owner, corrects details and merges, checked as the pages check",
        arguments: TestDatabase.engines)
    func api(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let officer = try await signIn(client, database, as: .complaintsOfficer)
            let first = try await officer.record(complaintForm(["complainant-name": "Jonathan Smith"]))
            let second = try await officer.record(
                complaintForm(["complainant-name": "Jonathan Smith", "received-day": "21"]))
            let (_, token) = try await APITokenStore(database: database).create(
                userID: officer.user.id, name: "t", now: testNow)
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ json: String? = nil, version: Int? = nil
            ) async throws -> (HTTPResponse.Status, String) {
                var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                if let version { headers[.ifMatch] = "\"\(version)\"" }
                return try await client.execute(
                    uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
                ) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let found = try await call(.get, "/api/v1/representations?q=jon%20smith")
            #expect(found.0 == .ok && found.1.contains(first) && found.1.contains(second))
            let accented = try await call(.get, "/api/v1/representations?q=%C3%B8")
            #expect(accented.0 == .ok, "a letter of another script is a word")
            let noWord = try await call(.get, "/api/v1/representations?q=%C3%97%21")
            #expect(noWord.0 == .unprocessableContent && noWord.1.contains("\"field\":\"q\""))
            let owned = try await call(
                .post, "/api/v1/representations/\(first)/steps/owner", #"{"owner":"\#(officer.user.id)"}"#, version: 1)
            #expect(owned.0 == .ok)
            let mine = try await call(.get, "/api/v1/representations?owner=me")
            #expect(mine.1.contains(first) && !mine.1.contains(second))
            let fixed = try await call(
                .post, "/api/v1/representations/\(first)/steps/details",
                #"{"complainant-name":"Jon Smith","reason":"Misspelt"}"#, version: 2)
            #expect(fixed.0 == .ok && fixed.1.contains("\"name\":\"Jon Smith\""))
            let noReason = try await call(
                .post, "/api/v1/representations/\(first)/steps/details", #"{"complainant-name":"J"}"#, version: 3)
            #expect(noReason.0 == .unprocessableContent && noReason.1.contains("\"field\":\"reason\""))
            let survivor = try #require(try await RepresentationStore(database: database).representation(id: first))
            let merged = try await call(
                .post, "/api/v1/representations/\(second)/steps/merge", #"{"into":"\#(survivor.reference)"}"#,
                version: 1)
            #expect(merged.0 == .ok && merged.1.contains("\"mergedInto\":\"\(first)\""))
            let stale = try await call(
                .post, "/api/v1/representations/\(first)/steps/owner", #"{"owner":"nobody"}"#, version: 1)
            #expect(stale.0 == .preconditionFailed)
        }
    }

    @Test(
        "the People page shows each owner's caseload and overdue count; an administrator sets where notices go",
        arguments: TestDatabase.engines)
    func caseloads(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let manager = try await signIn(client, database, as: .complaintsManager)
            let admin = try await signIn(client, database, as: .administrator)
            let overdue = try await manager.record(
                complaintForm(["received-day": "1", "received-month": "10", "complainant-name": "A One"]))
            let fresh = try await manager.record(complaintForm(["received-day": "29", "complainant-name": "B Two"]))
            for id in [overdue, fresh] {
                _ = try await manager.post("/complaints/\(id)/owner", ["version": "1", "owner": manager.user.id])
            }
            let people = try await manager.page("/people").1
            #expect(
                people.contains(
                    "<th scope=\"row\">\(manager.user.displayName)</th><td class=\"app-numeric\">2</td><td class=\"app-numeric\">1</td>"
                ))
            let set = try await admin.post(
                "/users/\(manager.user.id)", ["action": "set-email", "email": "morgan@council.example"])
            #expect(set.0 == .seeOther)
            #expect(
                try await UserStore(database: database).user(id: manager.user.id)?.email == "morgan@council.example")
            let bad = try await admin.post(
                "/users/\(manager.user.id)", ["action": "set-email", "email": "not an address"])
            #expect(bad.0 == .unprocessableContent)
        }
    }
}
