import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!

private func withCase(_ engine: DatabaseEngine, test: String = #function, _ body: @Sendable @escaping (any TestClientProtocol, Database, Representation) async throws -> Void) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let command = NewComplaint(
            serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory, receivedOn: CalendarDate(iso: "2022-06-01")!,
            methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "child-in-need", summary: "s")
        let r = try await RepresentationStore(database: database).record(command, engine: ClockEngine(calendar: .englandAndWales))
        let deps = WebDependencies(database: database, today: { today }, logger: TestDatabase.logger)
        let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
        try await app.test(.router) { client in try await body(client, database, r) }
    }
}

private func body(_ fields: [String: String]) -> ByteBuffer {
    var c = URLComponents()
    c.queryItems = fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    return ByteBuffer(string: (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
}

private func dateFields(_ name: String, _ iso: String) -> [String: String] {
    let d = CalendarDate(iso: iso)!
    return ["\(name)-day": "\(d.day)", "\(name)-month": "\(d.month)", "\(name)-year": "\(d.year)"]
}

private let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// Posts a step and returns (status, location or page).
private func step(_ client: any TestClientProtocol, _ id: String, _ name: String, version: Int, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
    var all = fields
    all["version"] = "\(version)"
    return try await client.execute(uri: "/complaints/\(id)/steps/\(name)", method: .post, headers: headers, body: body(all)) { response in
        (response.status, response.headers[.location] ?? String(buffer: response.body))
    }
}

@Suite("Web: case steps")
struct CaseStepTests {
    @Test("a children's complaint is taken through stage 1, escalation and stage 2 in the browser forms", arguments: TestDatabase.engines)
    func throughTheForms(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let steps: [(String, [String: String])] = [
                ("record", ["record-milestone": "acknowledged"].merging(dateFields("record-date", "2022-06-06")) { a, _ in a }),
                ("extend", ["extend-clock": "stage-1-response", "extend-reason": "Advocate needed"]
                    .merging(dateFields("extend-to", "2022-07-01")) { a, _ in a }.merging(dateFields("extend-agreed-on", "2022-06-10")) { a, _ in a }),
                ("respond", ["respond-outcome": "partly-upheld"].merging(dateFields("respond-date", "2022-06-28")) { a, _ in a }),
                ("escalate", dateFields("escalate-date", "2022-07-12")),
                ("record", ["record-milestone": "allocated"].merging(dateFields("record-date", "2022-07-20")) { a, _ in a }),
                ("record", ["record-milestone": "statement-agreed"].merging(dateFields("record-date", "2022-08-01")) { a, _ in a }),
            ]
            for (index, (name, fields)) in steps.enumerated() {
                let (status, location) = try await step(client, r.id, name, version: index + 1, fields)
                #expect(status == .seeOther, "\(name): \(location.prefix(300))")
                #expect(location == "/complaints/\(r.id)?done=\(name)")
            }
            try await client.execute(uri: "/complaints/\(r.id)?done=record", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h2 class=\"app-notification__title\" id=\"notice-title\">Step recorded</h2>"))
                #expect(html.contains("Open at stage 2: investigation"))
                #expect(html.contains("<th scope=\"row\">Stage 1 response sent</th><td>Tue 28 Jun 2022</td>"))
                #expect(html.contains("<th scope=\"row\">Statement of complaint agreed</th><td>Mon 1 Aug 2022</td>"))
                #expect(html.contains("Tue 6 Sep 2022"))  // stage 2 due: 25 wd after the statement
                #expect(html.contains("Stage 1 response due Fri 1 Jul 2022, agreed Fri 10 Jun 2022: Advocate needed"))
                #expect(html.contains("Escalate to") == false)  // stage 2 is open
                #expect(html.contains("Stage 2: investigation: Statement of complaint agreed on 1 August 2022"))  // audit trail
            }
            #expect(try await CaseEventLog.events(of: r.id, in: database).count == 6)
        }
    }

    @Test("a refused step shows the reason against the field and changes nothing", arguments: TestDatabase.engines)
    func refusedStep(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let (status, page) = try await step(client, r.id, "extend", version: 1, ["extend-clock": "stage-1-response", "extend-reason": "x"]
                .merging(dateFields("extend-to", "2022-07-05")) { a, _ in a }.merging(dateFields("extend-agreed-on", "2022-06-10")) { a, _ in a })
            #expect(status == .unprocessableContent)
            #expect(page.contains("<title>Error: Complaint \(r.reference) – Redress</title>"))
            #expect(page.contains("<li><a href=\"#extend-to-day\">An extension cannot take stage 1 response past 20 working days from 1 June 2022, which is 1 July 2022</a></li>"))
            #expect(page.contains("id=\"extend-to-day\" name=\"extend-to-day\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"5\""))
            let (missing, missingPage) = try await step(client, r.id, "respond", version: 1, dateFields("respond-date", "2022-06-10"))
            #expect(missing == .unprocessableContent)
            #expect(missingPage.contains("<li><a href=\"#respond-outcome\">Select the outcome</a></li>"))
            #expect(try await RepresentationStore(database: database).representation(id: r.id)?.version == 1)
        }
    }

    @Test("a form rendered before someone else's change is refused with a conflict, not merged", arguments: TestDatabase.engines)
    func staleForm(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let ack = ["record-milestone": "acknowledged"].merging(dateFields("record-date", "2022-06-06")) { a, _ in a }
            #expect(try await step(client, r.id, "record", version: 1, ack).0 == .seeOther)
            let (status, page) = try await step(client, r.id, "respond", version: 1, ["respond-outcome": "upheld"].merging(dateFields("respond-date", "2022-06-10")) { a, _ in a })
            #expect(status == .conflict)
            #expect(page.contains("was changed by someone else since you opened it. Reload it and make your change again."))
            #expect(try await RepresentationStore(database: database).representation(id: r.id)?.stages[0].respondedOn == nil)
        }
    }
}
