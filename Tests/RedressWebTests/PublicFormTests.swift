import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func post(_ client: some TestClientProtocol, _ body: String) async throws -> TestResponse {
    try await client.execute(uri: "/feedback/form", method: .post, headers: form, body: ByteBuffer(string: body))
}

@Suite("Web: public forms, triage and letters")
struct PublicFormTests {
    @Test(
        """
        a young person's complaint, page by page with an error, lands in the triage inbox and is recorded with \
        its equality answers kept apart
        """,
        arguments: TestDatabase.engines)
    func youngPersonsComplaint(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-05")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let start = try await client.execute(uri: "/feedback/form?for=young", method: .get)
                #expect(start.status == .ok && String(buffer: start.body).contains("What do you want to tell us?"))
                let missing = try await post(client, "for=young&page=kind")
                #expect(
                    missing.status == .unprocessableContent
                        && String(buffer: missing.body).contains(
                            "<a href=\"#kind\">Choose what you want to tell us</a>")
                )
                var answers = "for=young&kind=complaint"
                let service = try await post(client, answers + "&page=kind")
                #expect(
                    String(buffer: service.body).contains("Who is it about?")
                        && String(buffer: service.body).contains(
                            #"<input type="hidden" name="kind" value="complaint">"#)
                )
                answers += "&service=children"
                _ = try await post(client, answers + "&page=service")
                answers += "&details=My+social+worker+never+visits&put-right=Visit+me"
                let about = String(buffer: try await post(client, answers + "&page=details").body)
                #expect(about.contains("Would you like an advocate to help you?"))
                let noAdvocate = try await post(
                    client, answers + "&name=Kai&email=kai%40example.org&on-behalf-of=self&page=about-you")
                #expect(
                    String(buffer: noAdvocate.body).contains(
                        "<a href=\"#advocate\">Choose yes if you would like an advocate to help you</a>"))
                answers += "&name=Kai&email=kai%40example.org&on-behalf-of=self&advocate=yes"
                _ = try await post(client, answers + "&page=about-you")
                let equality = String(buffer: try await post(client, answers + "&page=about-you").body)
                #expect(equality.contains(">16 to 19<") && equality.contains(">Under 16<"))
                #expect(!equality.contains("25 to 59") && !equality.contains("65 and over"), "no adult age bands")
                #expect(!equality.contains("Joint complainants"), "a staff code, not a person's answer")
                answers += "&age-band=16-to-19&ethnicity=white-irish&disability=not-stated&gender=not-stated"
                let check = String(buffer: try await post(client, answers + "&page=equality").body)
                #expect(
                    check.contains("<h1>Check your answers</h1>") && check.contains("My social worker never visits"))
                let changed = String(buffer: try await post(client, answers + "&page=check&goto=details").body)
                #expect(changed.contains(#"name="returning" value="yes""#), "Change goes back to the check afterwards")
                let noConsent = try await post(client, answers + "&page=check")
                #expect(noConsent.status == .unprocessableContent)
                #expect(
                    try await SubmissionStore(database: database).list(status: .new).isEmpty,
                    "nothing saved before consent")
                let sent = try await post(client, answers + "&page=check&consent=yes")
                let stored = try #require(try await SubmissionStore(database: database).list(status: .new).first)
                    .reference
                #expect(
                    sent.status == .seeOther
                        && sent.headers[.location]?.hasPrefix(
                            "/feedback/sent?reference=\(stored)&kind=complaint&service=children&for=young") == true
                )
                #expect(
                    stored.wholeMatch(of: /WEB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/) != nil,
                    "a random reference, not a count of submissions")
                let confirmation = String(
                    buffer: try await client.execute(uri: sent.headers[.location]!, method: .get).body)
                #expect(
                    confirmation.contains(stored) && confirmation.contains("within 10 working days")
                        && confirmation.contains("You asked for an advocate")
                        && !confirmation.contains("Tell us if you would like one"))
                try await SettingsStore(database: database).saveCouncilIdentity(
                    CouncilIdentity(name: "Anyshire County Council", complaintsTeam: "0300 123 4567"))
                let front = String(buffer: try await client.execute(uri: "/feedback", method: .get).body)
                #expect(front.contains("<li>0300 123 4567</li>"), "other ways to contact us, from the council")
                #expect(
                    front.contains("<title>Complaints, compliments and comments – Tell us what you think</title>"))
                let adults = String(
                    buffer: try await post(
                        client,
                        "kind=comment&service=adults&details=d&name=&email=&phone=&page=about-you"
                    ).body)
                #expect(adults.contains("25 to 59") && !adults.contains("Joint complainants"))

                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let inbox = String(buffer: try await officer.execute(uri: "/triage", method: .get).body)
                let submission = try #require(try await SubmissionStore(database: database).list(status: .new).first)
                #expect(inbox.contains(stored) && inbox.contains("(young person)"))
                let page = String(buffer: try await officer.execute(uri: "/triage/\(submission.id)", method: .get).body)
                #expect(
                    page.contains(#"<option value="young-person-s-complaint-form" selected>"#)
                        && page.contains(#"<option value="service-user-young-person" selected>"#))
                let noService = try await officer.execute(
                    uri: "/triage/\(submission.id)/record", method: .post, headers: form,
                    body: ByteBuffer(
                        string:
                            "version=1&kind=complaint&service-area=children&service=&relationship=service-user-young-person&method=young-person-s-complaint-form"
                    ))
                #expect(
                    noService.status == .unprocessableContent
                        && String(buffer: noService.body).contains("Select the service it is about"))
                let recorded = try await officer.execute(
                    uri: "/triage/\(submission.id)/record", method: .post, headers: form,
                    body: ByteBuffer(
                        string:
                            "version=1&kind=complaint&service-area=children&service=child-in-need&relationship=service-user-young-person&method=young-person-s-complaint-form"
                    ))
                #expect(recorded.status == .seeOther)
                let cases = try await RepresentationStore(database: database).all()
                let r = try #require(cases.first)
                #expect(
                    cases.count == 1 && r.receivedOn == CalendarDate(iso: "2023-06-05")
                        && r.complainant.isChildOrYoungPerson && r.complainant.name == "Kai")
                #expect(
                    r.stages.first?.dueOn == CalendarDate(iso: "2023-06-19"),
                    "the statutory clock starts the day it was sent")
                #expect(
                    try await ReportInputStore(database: database).equality() == [
                        r.id: EqualityMonitoring(ageBand: "16-to-19", ethnicity: "white-irish")
                    ])
                let again = try await officer.execute(
                    uri: "/triage/\(submission.id)/record", method: .post, headers: form,
                    body: ByteBuffer(
                        string:
                            "version=1&kind=complaint&service-area=children&service=child-in-need&relationship=parent&method=online-form"
                    ))
                let count = try await RepresentationStore(database: database).count()
                #expect(again.status == .conflict && count == 1, "recorded once only")
            }
        }
    }

    @Test(
        "an adult's compliment can be anonymous; the honeypot saves nothing; an officer declines with a reason",
        arguments: TestDatabase.engines)
    func complimentAndDecline(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-05")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let answers = "for=adult&kind=compliment&service=adults&details=Lovely+carers"
                #expect(try await post(client, answers + "&page=about-you").status == .ok)
                let robot = try await post(client, answers + "&page=check&consent=yes&website=http%3A%2F%2Fspam")
                #expect(robot.status == .seeOther)
                #expect(
                    try await SubmissionStore(database: database).list(status: .new).isEmpty,
                    "the honeypot was filled: nothing saved")
                #expect(try await post(client, answers + "&page=check&consent=yes").status == .seeOther)
                let s = try #require(try await SubmissionStore(database: database).list(status: .new).first)
                #expect(s.name.isEmpty && s.kind == .compliment)
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let blank = try await officer.execute(
                    uri: "/triage/\(s.id)/decline", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&reason="))
                #expect(blank.status == .unprocessableContent)
                let declined = try await officer.execute(
                    uri: "/triage/\(s.id)/decline", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&reason=Duplicate+of+WEB-2023-00001"))
                let declinedCount = try await SubmissionStore(database: database).list(status: .declined).count
                #expect(declined.status == .seeOther && declinedCount == 1)
            }
        }
    }

    @Test(
        "a letter is made from a template on the case, kept, and downloaded as HTML and DOCX; a bad template edit names the line",
        arguments: TestDatabase.engines)
    func letters(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                receivedOn: CalendarDate(iso: "2023-06-01")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent", name: "Sam Parent"),
                serviceCategory: "fostering", summary: "s")
            let r = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-02")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let casePage = String(buffer: try await manager.execute(uri: "/complaints/\(r.id)", method: .get).body)
                #expect(casePage.contains(#"<option value="acknowledgement">Acknowledgement</option>"#))
                let made = try await manager.execute(
                    uri: "/complaints/\(r.id)/letters", method: .post, headers: form,
                    body: ByteBuffer(string: "template=acknowledgement"))
                #expect(made.status == .seeOther)
                let letter = try #require(try await LetterStore(database: database).letters(of: r.id).first)
                #expect(letter.body.contains("Dear Sam Parent") && letter.body.contains("respond by 15 June 2023"))
                let html = try await manager.execute(
                    uri: "/complaints/\(r.id)/letters/\(letter.id)?format=html", method: .get)
                #expect(String(buffer: html.body).contains("Dear Sam Parent"))
                let docx = try await manager.execute(
                    uri: "/complaints/\(r.id)/letters/\(letter.id)?format=docx", method: .get)
                #expect(
                    docx.headers[.contentDisposition] == "attachment; filename=\"\(r.reference)-acknowledgement.docx\""
                        && String(decoding: Data(buffer: docx.body).prefix(2), as: UTF8.self) == "PK")
                let bad = try await manager.execute(
                    uri: "/letters/extension", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&body=Dear+%7B%7Bname%7D%7D"))
                #expect(
                    bad.status == .unprocessableContent
                        && String(buffer: bad.body).contains("Line 1: {{name}} is not a merge field"))
                let good = try await manager.execute(
                    uri: "/letters/extension", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&body=Dear+%7B%7Bcomplainant_name%7D%7D"))
                #expect(good.status == .seeOther)
                let stale = try await manager.execute(
                    uri: "/letters/extension", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&body=Overwrite"))
                #expect(stale.status == .conflict)
            }
        }
    }
}
