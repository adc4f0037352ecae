import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressDocuments
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: council details and the committee report")
struct CouncilDetailsTests {
    static func form(_ values: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: values.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                .joined(separator: "&"))
    }

    @Test(
        "an administrator saves the council's details; a stale form is refused; the report's cover uses them",
        arguments: TestDatabase.engines)
    func details(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let admin = try await signIn(client, database, as: .administrator)
                let page = try await admin.execute(uri: "/council", method: .get)
                #expect(page.status == .ok)
                let body = String(buffer: page.body)
                let version = try #require(body.firstMatch(of: /name="version" value="([0-9a-f]+)"/)?.1)
                let fields = [
                    "name": "Anyshire County Council", "address": "County Hall", "complaints-team": "0300 1",
                    "report-owner": "Head of Customer Relations", "committee": "Scrutiny Committee",
                    "version": String(version),
                ]
                var empty = fields
                empty["name"] = " "
                let refused = try await admin.execute(uri: "/council", method: .post, body: Self.form(empty))
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains("Enter the council&#39;s name"))
                let saved = try await admin.execute(uri: "/council", method: .post, body: Self.form(fields))
                #expect(saved.status == .seeOther)
                var again = fields
                again["committee"] = "Cabinet"
                let stale = try await admin.execute(uri: "/council", method: .post, body: Self.form(again))
                #expect(stale.status == .conflict, "saved from the version before the first save")
                let identity = try await SettingsStore(database: database).councilIdentity()
                #expect(identity.committee == "Scrutiny Committee" && identity.name == "Anyshire County Council")
                #expect(
                    try await SettingsStore(database: database).load(SettingsStore.councilNameKey, default: "")
                        == "Anyshire County Council", "letters sign with the same name")

                let reader = try await signIn(client, database, as: .reportReader)
                #expect(try await reader.execute(uri: "/council", method: .get).status == .forbidden)
                let html = try await reader.execute(uri: "/reports/annual?year=2022&format=html", method: .get)
                #expect(html.status == .ok)
                let document = String(buffer: html.body)
                #expect(document.contains("<p class=\"app-cover__council\">Anyshire County Council</p>"))
                #expect(document.contains("Report to the Scrutiny Committee"))
                let pdf = try await reader.execute(uri: "/reports/annual?year=2022&format=pdf", method: .get)
                if PDFPrinter.browser != nil {
                    #expect(pdf.status == .ok)
                    #expect(pdf.headers[.contentType] == "application/pdf")
                    #expect(String(decoding: Data(buffer: pdf.body).prefix(5), as: UTF8.self) == "%PDF-")
                } else {
                    #expect(pdf.status == .serviceUnavailable)
                    #expect(String(buffer: pdf.body).contains("Chromium"))
                }
            }
        }
    }
}

@Suite("Web: printing is bounded")
struct PrintingBoundTests {
    @Test(
        "while the printing thread and its queue are full, another PDF is refused at once with 503, not queued",
        arguments: TestDatabase.engines)
    func bounded(engine: DatabaseEngine) async throws {
        // Without Chromium nothing is printed (its 503 page is tested above).
        guard PDFPrinter.browser != nil else { return }
        try await TestDatabase.with(engine) { database in
            let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            let printing = PasswordWork(
                workers: 1, queueLimit: 0, purpose: "printing reports and letters",
                beforeEachJob: {
                    entered.signal()
                    release.wait()
                })
            var deps = testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)
            deps.printing = printing
            let app = Application(router: buildRouter(deps), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let reader = try await signIn(client, database, as: .reportReader)
                let first = Task { try await reader.execute(uri: "/reports/annual?year=2022&format=pdf", method: .get) }
                // The first printing holds the only thread (waited for at most a minute, so a
                // failure cannot hang the suite).
                let holding = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
                    DispatchQueue.global().async {
                        done.resume(returning: entered.wait(timeout: .now() + 60) == .success)
                    }
                }
                #expect(holding, "the first PDF request reached the printing thread")
                guard holding else {
                    (release.signal(), release.signal())
                    return
                }
                let second = try await reader.execute(uri: "/reports/annual?year=2022&format=pdf", method: .get)
                #expect(second.status == .serviceUnavailable)
                #expect(String(buffer: second.body).contains("printing reports and letters"))
                #expect(second.headers[.retryAfter] == "5")
                release.signal()
                let printed = try await first.value
                #expect(printed.status == .ok && printed.headers[.contentType] == "application/pdf")
            }
        }
    }
}
