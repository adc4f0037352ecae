import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!

private func withCase(
    _ engine: DatabaseEngine, test: String = #function,
    _ body: @Sendable @escaping (any TestClientProtocol, Database, Representation) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, test: test) { database in
        let command = NewComplaint(
            serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
            receivedOn: CalendarDate(iso: "2022-06-01")!,
            methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
            serviceCategory: "child-in-need", summary: "s")
        let r = try await RepresentationStore(database: database).record(
            command, engine: ClockEngine(calendar: .englandAndWales))
        try await PeopleStore(database: database).save([
            Person(
                id: "io-1", name: "Ines Officer", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true,
                worksIn: ["fostering"]),
            Person(
                id: "io-cin", name: "Carl Needham", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true,
                worksIn: ["child-in-need"]),
            Person(id: "ip-1", name: "Ida Person", roles: [.independentPerson], isCouncilOfficerOrMember: false),
        ])
        let app = Application(
            router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
        try await app.test(.router) { client in
            try await body(try await signIn(client, database, as: .complaintsManager), database, r)
        }
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
private func step(
    _ client: any TestClientProtocol, _ id: String, _ name: String, version: Int, _ fields: [String: String]
) async throws -> (HTTPResponse.Status, String) {
    var all = fields
    all["version"] = "\(version)"
    return try await client.execute(
        uri: "/complaints/\(id)/steps/\(name)", method: .post, headers: headers, body: body(all)
    ) { response in
        (response.status, response.headers[.location] ?? String(buffer: response.body))
    }
}

/// Posts steps to one case as a person would, each form carrying the version the previous
/// step left (as a freshly loaded case page would).
private actor CaseSession {
    let client: any TestClientProtocol
    let id: String
    private(set) var version = 1

    init(client: any TestClientProtocol, id: String) {
        self.client = client
        self.id = id
    }

    func post(_ name: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
        let result = try await step(client, id, name, version: version, fields)
        if result.0 == .seeOther { version += 1 }
        return result
    }

    /// Posts an already encoded body (repeated checkbox fields).
    func post(_ name: String, encoded: String) async throws -> (HTTPResponse.Status, String) {
        let result = try await client.execute(
            uri: "/complaints/\(id)/steps/\(name)", method: .post, headers: headers,
            body: ByteBuffer(string: "version=\(version)&" + encoded)
        ) { ($0.status, String(buffer: $0.body)) }
        if result.0 == .seeOther { version += 1 }
        return result
    }
}

@Suite("Web: case steps")
struct CaseStepTests {
    @Test(
        "a children's complaint is taken through stage 1, escalation and stage 2 in the browser forms",
        arguments: TestDatabase.engines)
    func throughTheForms(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let steps: [(String, [String: String])] = [
                (
                    "record",
                    ["record-milestone": "acknowledged"].merging(dateFields("record-date", "2022-06-06")) { a, _ in a }
                ),
                (
                    "extend",
                    ["extend-clock": "stage-1-response", "extend-reason": "Advocate needed"]
                        .merging(dateFields("extend-to", "2022-07-01")) { a, _ in a }.merging(
                            dateFields("extend-agreed-on", "2022-06-10")
                        ) { a, _ in a }
                ),
                (
                    "respond",
                    ["respond-outcome": "partly-upheld"].merging(dateFields("respond-date", "2022-06-28")) { a, _ in a }
                ),
                ("escalate", dateFields("escalate-date", "2022-07-12")),
                (
                    "appoint",
                    ["appoint-role": "investigating-officer", "appoint-person": "io-1"].merging(
                        dateFields("appoint-date", "2022-07-19")
                    ) { a, _ in a }
                ),
                (
                    "appoint",
                    ["appoint-role": "independent-person", "appoint-person": "ip-1"].merging(
                        dateFields("appoint-date", "2022-07-20")
                    ) { a, _ in a }
                ),
                (
                    "record",
                    ["record-milestone": "statement-agreed"].merging(dateFields("record-date", "2022-08-01")) { a, _ in
                        a
                    }
                ),
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
                #expect(
                    html.contains(
                        "<li>Stage 1 response due Fri 1 Jul 2022, agreed Fri 10 Jun 2022: Advocate needed</li>"))
                #expect(!html.contains("&lt;li&gt;"))  // no markup escaped into text
                #expect(html.contains("Escalate to") == false)  // stage 2 is open
                #expect(html.contains("Stage 2: investigation: Statement of complaint agreed on 1 August 2022"))  // audit trail
                #expect(
                    html.contains(
                        """
                        <th scope=\"row\">Investigating Officer and Independent Person appointed</th><td>Wed 20 \
                        Jul 2022</td>
                        """
                    ))
                #expect(html.contains("<li>Investigating Officer: Ines Officer, appointed Tue 19 Jul 2022</li>"))
            }
            #expect(try await CaseEventLog.events(of: r.id, in: database).count == 7)
        }
    }

    @Test("a refused step shows the reason against the field and changes nothing", arguments: TestDatabase.engines)
    func refusedStep(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let (status, page) = try await step(
                client, r.id, "extend", version: 1,
                ["extend-clock": "stage-1-response", "extend-reason": "x"]
                    .merging(dateFields("extend-to", "2022-07-05")) { a, _ in a }.merging(
                        dateFields("extend-agreed-on", "2022-06-10")
                    ) { a, _ in a })
            #expect(status == .unprocessableContent)
            #expect(
                page.contains("<title>Error: Agree or extend a due date – \(r.reference) – Redress</title>"),
                "the step's own page")
            #expect(!page.contains("=&quot;") && !page.contains("&lt;li&gt;"))
            #expect(page.contains("<fieldset role=\"group\" aria-describedby=\"extend-to-error\">"))
            #expect(
                page.contains(
                    """
                    <li><a href=\"#extend-to-day\">An extension cannot take stage 1 response past 20 working days \
                    from 1 June 2022, which is 1 July 2022</a></li>
                    """
                ))
            #expect(
                page.contains(
                    """
                    id=\"extend-to-day\" name=\"extend-to-day\" type=\"text\" inputmode=\"numeric\" \
                    autocomplete=\"off\" value=\"5\"
                    """
                ))
            let (missing, missingPage) = try await step(
                client, r.id, "respond", version: 1, dateFields("respond-date", "2022-06-10"))
            #expect(missing == .unprocessableContent)
            #expect(missingPage.contains("<li><a href=\"#respond-outcome\">Select the outcome</a></li>"))
            #expect(try await RepresentationStore(database: database).representation(id: r.id)?.version == 1)
        }
    }

    @Test(
        "an Investigating Officer from the service complained about is refused with the reason",
        arguments: TestDatabase.engines)
    func independenceInTheBrowser(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, _, r in
            let steps: [(String, [String: String])] = [
                (
                    "respond",
                    ["respond-outcome": "not-upheld"].merging(dateFields("respond-date", "2022-06-10")) { a, _ in a }
                ),
                ("escalate", dateFields("escalate-date", "2022-06-20")),
            ]
            for (i, (name, fields)) in steps.enumerated() {
                #expect(try await step(client, r.id, name, version: i + 1, fields).0 == .seeOther)
            }
            let (status, page) = try await step(
                client, r.id, "appoint", version: 3,
                ["appoint-role": "investigating-officer", "appoint-person": "io-cin"].merging(
                    dateFields("appoint-date", "2022-06-21")
                ) { a, _ in a })
            #expect(status == .unprocessableContent)
            #expect(
                page.contains(
                    """
                    <li><a href=\"#appoint-person\">Carl Needham works in the service complained about, so cannot \
                    investigate it</a></li>
                    """
                ))
        }
    }

    @Test(
        "a form rendered before someone else's change is refused with a conflict, not merged",
        arguments: TestDatabase.engines)
    func staleForm(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let ack = ["record-milestone": "acknowledged"].merging(dateFields("record-date", "2022-06-06")) { a, _ in a
            }
            #expect(try await step(client, r.id, "record", version: 1, ack).0 == .seeOther)
            let (status, page) = try await step(
                client, r.id, "respond", version: 1,
                ["respond-outcome": "upheld"].merging(dateFields("respond-date", "2022-06-10")) { a, _ in a })
            #expect(status == .conflict)
            #expect(
                page.contains("was changed by someone else since you opened it. Reload it and make your change again."))
            #expect(
                try await RepresentationStore(database: database).representation(id: r.id)?.stages[0].respondedOn == nil
            )
        }
    }
}

@Suite("Web: people and pools")
struct PeoplePageTests {
    @Test("people are added to pools, errors are named, and availability toggles", arguments: TestDatabase.engines)
    func pools(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, _ in
            let bad = try await client.execute(
                uri: "/people", method: .post, headers: headers, body: ByteBuffer(string: "name=&council=maybe")
            ) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(bad.0 == .unprocessableContent)
            #expect(bad.1.contains("<li><a href=\"#name\">Enter the person&#39;s name</a></li>"))
            #expect(bad.1.contains("<li><a href=\"#roles\">Select at least one pool</a></li>"))
            #expect(
                bad.1.contains("<li><a href=\"#council\">Select yes if they are a council officer or member</a></li>"))
            #expect(!bad.1.contains("=&quot;"))
            let added = try await client.execute(
                uri: "/people", method: .post, headers: headers,
                body: ByteBuffer(
                    string: "name=Rita+Review&roles=panel-member&roles=independent-person&council=no&works-in=")
            ) { $0.status }
            #expect(added == .seeOther)
            let people = try await PeopleStore(database: database).load()
            let rita = try #require(people.people.values.first { $0.name == "Rita Review" })
            #expect(rita.roles == [.independentPerson, .panelMember])
            #expect(!rita.isCouncilOfficerOrMember && rita.isAvailable)
            #expect(
                try await client.execute(uri: "/people/\(rita.id)/availability", method: .post) { $0.status }
                    == .seeOther)
            #expect(try await PeopleStore(database: database).load()[rita.id]?.isAvailable == false)
            try await client.execute(uri: "/people", method: .get) { response in
                #expect(String(buffer: response.body).contains("Rita Review"))
            }
        }
    }
}

@Suite("Web: case records")
struct CaseRecordFormTests {
    @Test(
        """
        an Ombudsman case is recorded, decided upheld, given a remedy completed late; costs, coding, learning and \
        actions too
        """,
        arguments: TestDatabase.engines)
    func recordsThroughTheForms(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let session = CaseSession(client: client, id: r.id)
            func post(_ name: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
                try await session.post(name, fields)
            }
            #expect(
                try await post(
                    "respond",
                    ["respond-outcome": "partly-upheld"].merging(dateFields("respond-date", "2022-06-14")) { a, _ in a }
                ).0 == .seeOther)
            #expect(
                try await post(
                    "refer",
                    ["refer-reference": "22 004 123"].merging(dateFields("refer-notified-on", "2022-09-01")) { a, _ in a
                    }
                ).0 == .seeOther)
            let referral = try #require(
                try await RepresentationStore(database: database).representation(id: r.id)?.records.ombudsman.first)
            let decided = try await post(
                "decide",
                [
                    "referral": referral.id, "decide-decision": "upheld", "decide-fault": "yes",
                    "decide-injustice": "yes", "decide-satisfactory": "no",
                ]
                .merging(dateFields("decide-decided-on", "2023-01-10")) { a, _ in a })
            #expect(decided.0 == .seeOther)
            let badAmount = try await post(
                "remedy",
                [
                    "referral": referral.id, "remedy-kind": "payment", "remedy-description": "Pay for distress",
                    "remedy-amount": "three hundred",
                ]
                .merging(dateFields("remedy-due-on", "2023-02-10")) { a, _ in a })
            #expect(badAmount.0 == .unprocessableContent)
            #expect(
                badAmount.1.contains(
                    "<li><a href=\"#remedy-amount\">Amount must be in pounds and pence, "
                        + "for example 250.00, and no more than £999,999,999</a></li>"))
            #expect(
                badAmount.1.contains("<h1>Add a remedy the Ombudsman asked for on 22 004 123</h1>"),
                "the step's own page, with the error")
            #expect(badAmount.1.contains("value=\"three hundred\""), "what was typed is kept")
            #expect(
                try await post(
                    "remedy",
                    [
                        "referral": referral.id, "remedy-kind": "payment", "remedy-description": "Pay for distress",
                        "remedy-amount": "300",
                    ]
                    .merging(dateFields("remedy-due-on", "2023-02-10")) { a, _ in a }
                ).0 == .seeOther)
            let remedy = try #require(
                try await RepresentationStore(database: database).representation(id: r.id)?.records.ombudsman.first?
                    .remedies.first)
            #expect(
                try await post(
                    "complete-remedy",
                    ["referral": referral.id, "remedy": remedy.id].merging(
                        dateFields("complete-remedy-completed-on", "2023-02-14")
                    ) { a, _ in a }
                ).0 == .seeOther)
            #expect(
                try await post(
                    "cost",
                    ["cost-heading": "ombudsman-settlement", "cost-amount": "£300.00", "cost-stage": "stage-1"].merging(
                        dateFields("cost-paid-on", "2023-02-14")
                    ) { a, _ in a }
                ).0 == .seeOther)
            let coding =
                "code-natures=poor-communication&code-natures=conduct-of-worker&code-outcomes-sought=apology&code-actual-outcomes=apology-and-explanation&code-remedial=yes"
            #expect(try await session.post("code", encoded: coding).0 == .seeOther)
            // Other services besides the main one (child in need); the main one given again is dropped, an
            // unknown code refuses the step.
            let services =
                "services-others=fostering&services-others=child-in-need&services-others=social-work-practice"
            #expect(try await session.post("services", encoded: services).0 == .seeOther)
            let unknown = try await session.post("services", encoded: "services-others=zoo-keeping")
            #expect(unknown.0 == .unprocessableContent && unknown.1.contains("is not a service of children"))
            #expect(
                try await post(
                    "learning",
                    ["learning-theme": "communication", "learning-description": "Return calls within a day"]
                ).0 == .seeOther)
            #expect(
                try await post(
                    "action",
                    [
                        "action-kind": "staff-training", "action-description": "Refresher on recording",
                        "action-owner": "Team manager",
                    ]
                    .merging(dateFields("action-due-on", "2024-01-31")) { a, _ in a }
                ).0 == .seeOther)

            let saved = try #require(try await RepresentationStore(database: database).representation(id: r.id))
            #expect(saved.records.ombudsman[0].decision == .upheld && saved.records.ombudsman[0].councilHadUpheld)
            #expect(
                saved.records.ombudsman[0].remedies[0].amountPence == 30000
                    && saved.records.ombudsman[0].remedies[0].isLate)
            #expect(saved.records.costs.map(\.amountPence) == [30000])
            #expect(
                saved.records.natures == ["poor-communication", "conduct-of-worker"]
                    && saved.records.remedialActionTaken == true)
            #expect(saved.records.learning.count == 1 && saved.records.actions.count == 1)
            #expect(saved.records.otherServices == ["fostering", "social-work-practice"])
            try await client.execute(uri: "/complaints/\(r.id)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h3>Ombudsman case 22 004 123</h3>"))
                #expect(html.contains("Upheld (investigated), Tue 10 Jan 2023"))
                #expect(
                    html.contains("<strong class=\"app-tag app-tag--orange\">Completed late</strong> Tue 14 Feb 2023"))
                #expect(html.contains("<td class=\"app-numeric\">£300</td>"))
                #expect(html.contains("Poor communication; Conduct of worker"))
                #expect(
                    html.contains(
                        "Staff training (service-wide): Refresher on recording — Team manager, due Wed 31 Jan 2024"))
                #expect(!html.contains("=&quot;") && !html.contains("&lt;li&gt;") && !html.contains("&lt;form"))
            }
        }
    }
}

@Suite("Web: work queues")
struct WorkQueuePageTests {
    @Test("the dashboard counts each queue and lists the chosen one", arguments: TestDatabase.engines)
    func queues(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, _, r in
            try await client.execute(uri: "/?queue=overdue", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(
                    html.contains(
                        """
                        <a class=\"app-link\" href=\"/?queue=overdue\" aria-current=\"true\">Cases overdue</a> \
                        <strong class=\"app-tag app-tag--red\" id=\"queue-overdue\">1</strong>
                        """
                    ))
                #expect(html.contains("<caption>Cases overdue</caption>"))
                #expect(
                    html.contains("<strong id=\"count-overdue\" data-figure=\"due.overdue.cases\">1</strong> overdue"),
                    "the headline counts what the queue lists")
                #expect(
                    html.contains(
                        """
                        <td>Stage 1 response</td><td><strong class=\"app-tag app-tag--red\">Overdue</strong> Fri \
                        17 Jun 2022</td>
                        """
                    ))
                #expect(html.contains("href=\"/complaints/\(r.id)\""))
            }
            try await client.execute(uri: "/?queue=remedies", method: .get) { response in
                #expect(String(buffer: response.body).contains("<p>Nothing in this queue.</p>"))
            }
        }
    }
}

@Suite("Web: triage")
struct TriageFormTests {
    @Test(
        """
        a pre-complaint recorded through the form becomes a complaint keeping its first date; a complaint is \
        refused with a coded reason
        """,
        arguments: TestDatabase.engines)
    func triage(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let fields = [
                "kind": "pre-complaint", "service-area": "children", "method": "email", "relationship": "parent",
                "child-or-young-person": "no",
                "service-category": "child-in-need", "summary": "Wants to talk about the plan",
            ].merging(dateFields("received", "2022-05-03")) { a, _ in a }
            let location = try await client.execute(
                uri: "/complaints", method: .post, headers: headers, body: body(fields)
            ) { $0.headers[.location] ?? "" }
            let id = String(location.dropFirst("/complaints/".count).prefix { $0 != "?" })
            try await client.execute(uri: location, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>Pre-complaint CSC-2022-00002</h1>"))
                #expect(html.contains("Open for triage"))
            }
            #expect(
                try await step(client, id, "convert", version: 1, dateFields("convert-date", "2022-05-10")).0
                    == .seeOther)
            let converted = try #require(try await RepresentationStore(database: database).representation(id: id))
            #expect(converted.kind == .complaint && converted.stages[0].openedOn == CalendarDate(iso: "2022-05-03")!)
            #expect(converted.records.intake.convertedFrom?.convertedOn == CalendarDate(iso: "2022-05-10")!)

            let bad = try await step(client, r.id, "refuse", version: 1, dateFields("refuse-date", "2022-06-05"))
            #expect(
                bad.0 == .unprocessableContent
                    && bad.1.contains("<li><a href=\"#refuse-reason\">Select the refusal reason</a></li>"))
            #expect(
                try await step(
                    client, r.id, "refuse", version: 1,
                    ["refuse-reason": "court-proceedings"].merging(dateFields("refuse-date", "2022-06-05")) { a, _ in a
                    }
                ).0 == .seeOther)
            try await client.execute(uri: "/complaints/\(r.id)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<dt>Where it stands</dt><dd>Refused</dd>"))
                #expect(html.contains("<tr><th scope=\"row\">Refused</th><td>Court proceedings, 5 June 2022</td></tr>"))
                #expect(!html.contains("=&quot;"))
            }
        }
    }
}

@Suite("Web: statement points, findings and corrections")
struct PointsAndCorrectionTests {
    @Test(
        """
        points are agreed and each gets a finding; a wrong response date is corrected and a closure reopened, \
        with reasons
        """,
        arguments: TestDatabase.engines)
    func pointsFindingsCorrections(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let session = CaseSession(client: client, id: r.id)
            func post(_ name: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
                try await session.post(name, fields)
            }
            #expect(
                try await post(
                    "respond",
                    ["respond-outcome": "not-upheld"].merging(dateFields("respond-date", "2022-06-10")) { a, _ in a }
                ).0 == .seeOther)
            #expect(
                try await post(
                    "correct",
                    ["correct-milestone": "responded", "correct-reason": "Date mistyped"].merging(
                        dateFields("correct-date", "2022-06-13")
                    ) { a, _ in a }
                ).0 == .seeOther)
            #expect(try await post("reopen", ["reopen-reason": ""]).1.contains("Enter why the case is reopened"))
            #expect(try await post("reopen", ["reopen-reason": "Sent to the wrong address"]).0 == .seeOther)
            #expect(
                try await post(
                    "respond",
                    ["respond-outcome": "not-upheld"].merging(dateFields("respond-date", "2022-06-14")) { a, _ in a }
                ).0 == .seeOther)
            #expect(try await post("escalate", dateFields("escalate-date", "2022-06-20")).0 == .seeOther)
            #expect(
                try await post(
                    "appoint",
                    ["appoint-role": "investigating-officer", "appoint-person": "io-1"].merging(
                        dateFields("appoint-date", "2022-06-21")
                    ) { a, _ in a }
                ).0 == .seeOther)
            #expect(
                try await post(
                    "appoint",
                    ["appoint-role": "independent-person", "appoint-person": "ip-1"].merging(
                        dateFields("appoint-date", "2022-06-21")
                    ) { a, _ in a }
                ).0 == .seeOther)
            #expect(
                try await post(
                    "record",
                    ["record-milestone": "statement-agreed"].merging(dateFields("record-date", "2022-06-28")) { a, _ in
                        a
                    }
                ).0 == .seeOther)
            #expect(try await post("points", ["points-points": "Visits were late\nCalls not returned"]).0 == .seeOther)
            #expect(
                try await post(
                    "record",
                    ["record-milestone": "reports-received"].merging(dateFields("record-date", "2022-07-20")) { a, _ in
                        a
                    }
                ).0 == .seeOther)
            #expect(try await post("finding", ["point": "1", "finding-finding": "upheld"]).0 == .seeOther)
            let blocked = try await post(
                "respond",
                ["respond-outcome": "partly-upheld"].merging(dateFields("respond-date", "2022-07-25")) { a, _ in a })
            #expect(
                blocked.0 == .unprocessableContent
                    && blocked.1.contains("Record a finding on point 2 before “Adjudication sent”"))
            #expect(try await post("finding", ["point": "2", "finding-finding": "not-upheld"]).0 == .seeOther)
            #expect(
                try await post(
                    "respond",
                    ["respond-outcome": "partly-upheld"].merging(dateFields("respond-date", "2022-07-25")) { a, _ in a }
                ).0 == .seeOther)
            let saved = try #require(try await RepresentationStore(database: database).representation(id: r.id))
            #expect(saved.stages[1].points.map(\.finding) == ["upheld", "not-upheld"])
            let summaries = try await CaseEventLog.events(of: r.id, in: database).map(\.summary)
            #expect(
                summaries.contains(
                    "Stage 1: local resolution: Corrected: Stage 1 response sent now 13 June 2022 (Date mistyped)"))
            #expect(summaries.contains("Stage 1: local resolution: Reopened (Sent to the wrong address)"))
            try await client.execute(uri: "/complaints/\(r.id)", method: .get) { response in
                #expect(String(buffer: response.body).contains("<li>Visits were late — <strong>Upheld</strong></li>"))
            }
        }
    }
}

extension CaseStepTests {
    @Test(
        """
            a reasonable adjustment is recorded with an error named first, joins the review queue, and leaves it when \
            kept
            """,
        arguments: TestDatabase.engines)
    func reasonableAdjustment(engine: DatabaseEngine) async throws {
        try await withCase(engine) { client, database, r in
            let session = CaseSession(client: client, id: r.id)
            let missing = try await session.post(
                "adjustment",
                dateFields("adjustment-agreed-on", "2022-06-02").merging(
                    dateFields("adjustment-review-on", "2023-12-05")
                ) { a, _ in a })
            #expect(missing.0 == .unprocessableContent)
            #expect(missing.1.contains("Describe the adjustment agreed"))
            let early = try await session.post(
                "adjustment",
                ["adjustment-description": "Letters in large print"].merging(
                    dateFields("adjustment-agreed-on", "2022-06-02").merging(
                        dateFields("adjustment-review-on", "2022-06-01")
                    ) { a, _ in a }
                ) { a, _ in a })
            #expect(early.0 == .unprocessableContent)
            #expect(early.1.contains("The review date must be after the date it was agreed"))
            let saved = try await session.post(
                "adjustment",
                ["adjustment-description": "Letters in large print"].merging(
                    dateFields("adjustment-agreed-on", "2022-06-02").merging(
                        dateFields("adjustment-review-on", "2023-12-05")
                    ) { a, _ in a }
                ) { a, _ in a })
            #expect(saved.0 == .seeOther)
            let stored = try #require(try await RepresentationStore(database: database).representation(id: r.id))
            let adjustment = try #require(stored.records.adjustments.first)
            let queue = try await client.execute(uri: "/?queue=adjustments", method: .get) { String(buffer: $0.body) }
            #expect(queue.contains("Review: Letters in large print") && queue.contains(r.reference))
            let page = try await client.execute(uri: "/complaints/\(r.id)", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("Reasonable adjustments") && page.contains("review by Tue 5 Dec 2023"))
            let kept = try await session.post(
                "review-adjustment",
                ["adjustment": adjustment.id, "review-adjustment-keep": "yes"].merging(
                    dateFields("review-adjustment-reviewed-on", "2023-12-01").merging(
                        dateFields("review-adjustment-next-review-on", "2024-03-01")
                    ) { a, _ in a }
                ) { a, _ in a })
            #expect(kept.0 == .seeOther)
            let after = try await client.execute(uri: "/?queue=adjustments", method: .get) { String(buffer: $0.body) }
            #expect(!after.contains("Review: Letters in large print"))
        }
    }
}
