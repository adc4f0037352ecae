import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

@Suite("Web: annual report")
struct ReportPageTests {
    @Test("a report reader sees the annual report page and downloads it as JSON, CSV, XLSX, DOCX and HTML", arguments: TestDatabase.engines)
    func downloads(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory, receivedOn: CalendarDate(iso: "2022-05-03")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "home-care", summary: "s")
            _ = try await RepresentationStore(database: database).record(command, engine: ClockEngine(calendar: .englandAndWales))
            let app = Application(router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let reader = try await signIn(client, database, as: .reportReader)
                let page = try await reader.execute(uri: "/reports/annual?year=2022&scope=adults", method: .get)
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("<h1>Annual complaints report 2022/23: Adult social care</h1>"))
                let json = try await reader.execute(uri: "/reports/annual?year=2022&scope=adults&format=json", method: .get)
                let report = try JSONDecoder().decode(AnnualReport.self, from: Data(buffer: json.body))
                #expect(report.figures.first { $0.id == "received.complaint.2022" }?.display == "1")
                for (format, type, prefix) in [("xlsx", "spreadsheetml", "PK"), ("docx", "wordprocessingml", "PK"), ("csv", "text/csv", "section,table"), ("html", "text/html", "<!DOCTYPE html>")] {
                    let file = try await reader.execute(uri: "/reports/annual?year=2022&scope=adults&format=\(format)", method: .get)
                    #expect(file.status == .ok)
                    #expect(file.headers[.contentType]?.contains(type) == true, "\(format)")
                    #expect(file.headers[.contentDisposition] == "attachment; filename=\"annual-report-2022-adults.\(format)\"")
                    #expect(String(decoding: Data(buffer: file.body).prefix(prefix.utf8.count), as: UTF8.self) == prefix, "\(format)")
                }
            }
        }
    }
}
