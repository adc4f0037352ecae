import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let fixedToday = CalendarDate(iso: "2022-06-10")!

/// Runs `body` with a test client for the application over a fresh database.
private func withApp(
    _ engine: DatabaseEngine, test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, Database) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let app = Application(
            router: buildRouter(testDependencies(database, today: fixedToday)), logger: TestDatabase.logger)
        try await app.test(.router) { client in
            try await body(try await signIn(client, database, as: .complaintsManager), database)
        }
    }
}

private func form(_ fields: [String: String]) -> ByteBuffer {
    var components = URLComponents()
    components.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    return ByteBuffer(string: encoded)
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func validForm(_ overrides: [String: String] = [:]) -> [String: String] {
    var fields = [
        "service-area": "children", "received-day": "1", "received-month": "6", "received-year": "2022",
        "method": "email", "relationship": "parent", "child-or-young-person": "no", "advocate": "",
        "service-category": "child-in-need", "summary": "Worker did not return calls.",
    ]
    for (k, v) in overrides { fields[k] = v }
    return fields
}

private extension TestResponse {
    var text: String { String(buffer: body) }
}

@Suite("Web")
struct WebTests {
    @Test("health reports the engine and schema version", arguments: TestDatabase.engines)
    func health(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(
                    response.text
                        == #"{"status":"ok","database":"\#(engine.rawValue)","schemaVersion":\#(Migrator.latestVersion)}"#
                )
            }
        }
    }

    @Test(
        "a complaint recorded through the form appears on the dashboard with its statutory deadline",
        arguments: TestDatabase.engines)
    func recordThroughForm(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            try await client.execute(uri: "/complaints/new", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<form method=\"post\" action=\"/complaints\""))
            }
            let location = try await client.execute(
                uri: "/complaints", method: .post, headers: formHeaders, body: form(validForm())
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/complaints/") && location.hasSuffix("?recorded=1"))
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Complaint recorded"))
                #expect(response.text.contains("CSC-2022-00001"))
                #expect(response.text.contains("Fri 17 Jun 2022"))
                #expect(response.text.contains("5 working days left"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("CSC-2022-00001"))
                #expect(html.contains("Stage 1 response<br><span class=\"app-hint-inline\">Fri 17 Jun 2022</span>"))
                #expect(
                    html.contains("<strong id=\"count-open\" data-figure=\"open.complaints\">1</strong> open complaint")
                )
            }
            #expect(try await RepresentationStore(database: database).count() == 1)
        }
    }

    @Test(
        "invalid input re-renders with an error summary, keeps the values and stores nothing",
        arguments: TestDatabase.engines)
    func invalidInput(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let cases: [([String: String], String, String)] = [
                (
                    ["received-day": "", "received-month": "", "received-year": ""], "received-day",
                    "Enter the date the complaint was received"
                ),
                (
                    ["received-day": "31", "received-month": "4"], "received-day",
                    "Date the complaint was received must be a real date"
                ),
                (
                    ["received-day": "11"], "received-day",
                    "Date the complaint was received must be today or in the past"
                ),
                (
                    ["service-category": "support-planning"], "service-category",
                    "Select a service from the children&#39;s social care list"
                ),
                (
                    ["service-category": "made-up-service"], "service-category",
                    "Select a service from the children&#39;s social care list"
                ),
                (
                    ["service-area": "housing"], "service-area",
                    "Select adult social care, children&#39;s social care or corporate"
                ),
            ]
            for (overrides, field, message) in cases {
                try await client.execute(
                    uri: "/complaints", method: .post, headers: formHeaders, body: form(validForm(overrides))
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let html = response.text
                    #expect(html.contains("<title>Error: Record a complaint – Redress</title>"))
                    #expect(!html.contains("=&quot;"))  // no attribute escaped into text
                    #expect(html.contains("<h2 class=\"app-error-summary__title\">There is a problem</h2>"))
                    #expect(html.contains("<li><a href=\"#\(field)\">\(message)</a></li>"), "\(overrides)")
                    #expect(html.contains("id=\"\(field)\""))
                    #expect(html.contains("Worker did not return calls.</textarea>"))
                    #expect(html.contains("value=\"\(overrides["received-day"] ?? "1")\""))
                }
            }
            try await client.execute(
                uri: "/complaints", method: .post, headers: formHeaders, body: ByteBuffer(string: "%%%garbage")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Select which service the complaint is about"))
            }
            #expect(try await RepresentationStore(database: database).count() == 0)
        }
    }

    @Test(
        "escaping replaces exactly the five markup characters and keeps every other character, accents and emoji included"
    )
    func escapeFunction() {
        #expect(
            HTML.escape("Zoë's \"café\" <b>&</b> 👩🏽‍⚕️ ok") == "Zoë&#39;s &quot;café&quot; &lt;b&gt;&amp;&lt;/b&gt; 👩🏽‍⚕️ ok")
        #expect(HTML.escape("plain text, nothing to do: ŵ") == "plain text, nothing to do: ŵ")
        #expect(HTML.escape("") == "" && HTML.escape("a&b"[...]) == "a&amp;b")
        let named: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        for byte in UInt8(0)...127 {
            let c = Character(UnicodeScalar(byte))
            // Short (stored inline), long (stored apart) and a substring of it: one rule for each.
            let long = String(repeating: "x", count: 40) + String(c)
            #expect(HTML.escape(String(c)) == named[c, default: String(c)])
            #expect(HTML.escape(long) == String(repeating: "x", count: 40) + named[c, default: String(c)])
            #expect(HTML.escape(long.dropFirst(39)) == "x" + named[c, default: String(c)])
        }
    }

    @Test("text is escaped, never interpreted as markup", arguments: TestDatabase.engines)
    func escaping(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, _ in
            let location = try await client.execute(
                uri: "/complaints", method: .post, headers: formHeaders,
                body: form(validForm(["summary": "<script>alert('x')</script> & more"]))
            ) { $0.headers[.location] ?? "" }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
                #expect(!response.text.contains("<script>"))
            }
        }
    }

    @Test(
        "unknown cases and addresses get a 404 page; every response carries the security headers",
        arguments: TestDatabase.engines)
    func notFoundAndHeaders(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, _ in
            for uri in ["/complaints/00000000-0000-0000-0000-000000000000", "/no/such/page"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.text.contains("<h1>Page not found</h1>"))
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
        }
    }

    @Test("the statistics page shows the year's figures with basis and rounding", arguments: TestDatabase.engines)
    func statistics(engine: DatabaseEngine) async throws {
        try await withApp(engine) { client, database in
            let store = RepresentationStore(database: database)
            for received in ["2021-06-01", "2021-09-01", "2022-03-01"] {
                var input = NewComplaintInput()
                (
                    input.serviceArea, input.methodOfReceipt, input.relationship, input.childOrYoungPerson,
                    input.serviceCategory, input.summary
                ) =
                    ("children", "email", "parent", "no", "child-in-need", "x")
                let d = CalendarDate(iso: received)!
                (input.receivedDay, input.receivedMonth, input.receivedYear) = ("\(d.day)", "\(d.month)", "\(d.year)")
                let command = try NewComplaint.validate(
                    input, reference: .defaults, procedures: BuiltInProcedures.all, today: fixedToday
                ).get()
                _ = try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
            }
            try await client.execute(uri: "/statistics?year=2021", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Statistics for 2021/22</h1>"))
                #expect(
                    html.contains(
                        "<tr><th scope=\"row\">Children&#39;s social care</th><td class=\"app-numeric\">3</td>"))
                #expect(html.contains("Counted on the date received"))
                #expect(html.contains("halves upwards"))
            }
            try await client.execute(uri: "/statistics?year=banana", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Select a financial year from the list"))
                #expect(
                    response.text.contains(
                        "<select class=\"app-select\" id=\"year\" name=\"year\" aria-describedby=\"year-error\">"))
            }
        }
    }
}
