import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: the annual report's commentary")
struct ReportCommentaryTests {
    static func form(_ values: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: values.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                .joined(separator: "&"))
    }

    @Test(
        "a draft from the figures, saved with a live figure, printed in the report; stale and unknown refused",
        arguments: TestDatabase.engines)
    func commentary(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            for day in ["2022-05-03", "2022-06-07"] {
                let command = NewComplaint(
                    serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                    receivedOn: CalendarDate(iso: day)!, methodOfReceipt: "email",
                    complainant: Complainant(relationship: "parent"), serviceCategory: "home-care", summary: "s")
                _ = try await RepresentationStore(database: database).record(
                    command, engine: ClockEngine(calendar: .englandAndWales))
            }
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let list = try await manager.execute(uri: "/reports/annual/commentary?year=2022", method: .get)
                #expect(list.status == .ok)
                #expect(String(buffer: list.body).contains("Not written"))
                let page = try await manager.execute(uri: "/reports/annual/commentary/summary?year=2022", method: .get)
                let body = String(buffer: page.body)
                #expect(body.contains("{received.complaint.2022}"), "the draft quotes figures by name")
                #expect(body.contains("<code>{received.complaint.2022}</code>"), "the figures it can quote")

                let text = "We received {received.complaint.2022} complaints.\n\nThank you to every team."
                var fields = ["text": text, "version": "0", "year": "2022", "scope": "all"]
                let saved = try await manager.execute(
                    uri: "/reports/annual/commentary/summary", method: .post, body: Self.form(fields))
                #expect(saved.status == .seeOther)
                let stale = try await manager.execute(
                    uri: "/reports/annual/commentary/summary", method: .post, body: Self.form(fields))
                #expect(stale.status == .conflict)
                fields["version"] = "1"
                fields["text"] = "We received {no.such.figure} complaints."
                let unknown = try await manager.execute(
                    uri: "/reports/annual/commentary/summary", method: .post, body: Self.form(fields))
                #expect(unknown.status == .unprocessableContent)
                #expect(String(buffer: unknown.body).contains("No figure is called {no.such.figure}"))

                let stored = try #require(
                    try await ReportNarrativeStore(database: database).narratives(year: 2022, scope: .all)["summary"])
                #expect(stored.quoted == ["received.complaint.2022": "2"] && stored.version == 1)
                let html = try await manager.execute(uri: "/reports/annual?year=2022&format=html", method: .get)
                let document = String(buffer: html.body)
                #expect(document.contains("<p class=\"app-body\">We received 2 complaints.</p>"))
                #expect(document.contains("<p class=\"app-body\">Thank you to every team.</p>"))
                let written = try await manager.execute(uri: "/reports/annual/commentary?year=2022", method: .get)
                #expect(String(buffer: written.body).contains("Written"))

                // A third complaint in the year: the text prints 3, and its page says the figure moved.
                let command = NewComplaint(
                    serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                    receivedOn: CalendarDate(iso: "2022-09-01")!, methodOfReceipt: "email",
                    complainant: Complainant(relationship: "parent"), serviceCategory: "home-care", summary: "s")
                _ = try await RepresentationStore(database: database).record(
                    command, engine: ClockEngine(calendar: .englandAndWales))
                let again = try await manager.execute(uri: "/reports/annual?year=2022&format=html", method: .get)
                #expect(String(buffer: again.body).contains("We received 3 complaints."))
                let moved = try await manager.execute(
                    uri: "/reports/annual/commentary/summary?year=2022", method: .get)
                #expect(String(buffer: moved.body).contains("was 2 when written; now 3"))
            }
        }
    }
}
