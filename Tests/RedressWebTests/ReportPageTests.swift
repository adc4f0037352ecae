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
    @Test(
        "a report reader sees the annual report page and downloads it as JSON, CSV, XLSX, DOCX and HTML",
        arguments: TestDatabase.engines)
    func downloads(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                receivedOn: CalendarDate(iso: "2022-05-03")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                serviceCategory: "home-care", summary: "s")
            _ = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let reader = try await signIn(client, database, as: .reportReader)
                let page = try await reader.execute(uri: "/reports/annual?year=2022&scope=adults", method: .get)
                #expect(page.status == .ok)
                #expect(
                    String(buffer: page.body).contains("<h1>Annual complaints report 2022/23: Adult social care</h1>"))
                let json = try await reader.execute(
                    uri: "/reports/annual?year=2022&scope=adults&format=json", method: .get)
                let report = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: json.body))
                #expect(report.figures.first { $0.id == "received.complaint.2022" }?.display == "1")
                for (format, type, prefix) in [
                    ("xlsx", "spreadsheetml", "PK"), ("docx", "wordprocessingml", "PK"),
                    ("csv", "text/csv", "section,table"), ("html", "text/html", "<!DOCTYPE html>"),
                ] {
                    let file = try await reader.execute(
                        uri: "/reports/annual?year=2022&scope=adults&format=\(format)", method: .get)
                    #expect(file.status == .ok)
                    #expect(file.headers[.contentType]?.contains(type) == true, "\(format)")
                    #expect(
                        file.headers[.contentDisposition]
                            == "attachment; filename=\"annual-report-2022-adults.\(format)\"")
                    #expect(
                        String(decoding: Data(buffer: file.body).prefix(prefix.utf8.count), as: UTF8.self) == prefix,
                        "\(format)")
                }
            }
        }
    }

    @Test(
        "the quarterly report page and its download; an unknown quarter falls back to the last complete one",
        arguments: TestDatabase.engines)
    func quarterly(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                receivedOn: CalendarDate(iso: "2023-02-01")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                serviceCategory: "fostering", summary: "s")
            _ = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let reader = try await signIn(client, database, as: .reportReader)
                let page = try await reader.execute(
                    uri: "/reports/quarterly?quarter=2023-Q1&scope=children", method: .get)
                let html = String(buffer: page.body)
                #expect(
                    page.status == .ok
                        && html.contains("<h1>Quarterly performance report Q1 2023/24: Children&#39;s social care</h1>")
                )
                let fallback = String(
                    buffer: try await reader.execute(uri: "/reports/quarterly?quarter=1999-Q9", method: .get).body)
                #expect(
                    fallback.contains("<h1>Quarterly performance report Q4 2022/23: All services</h1>"),
                    "the last complete quarter before 1 June 2023")
                let json = try await reader.execute(
                    uri: "/reports/quarterly?quarter=2022-Q4&scope=children&format=json", method: .get)
                #expect(
                    json.headers[.contentDisposition]
                        == "attachment; filename=\"quarterly-report-2022-Q4-children.json\"")
                let report = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: json.body))
                #expect(report.figures.first { $0.id == "trend.received.2022-Q4" }?.display == "1")
                #expect(report.figures.first { $0.id == "service.children.fostering.open" }?.display == "1")
            }
        }
    }

    @Test(
        """
            report inputs: a manager saves a measure and a recommendation; bad input names the field; stale changes \
            are refused
            """,
        arguments: TestDatabase.engines)
    func inputs(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let bad = try await manager.execute(
                    uri: "/reports/inputs/context", method: .post, headers: form,
                    body: ByteBuffer(string: "year=2022&service-area=children&measure=Referrals&value=lots"))
                #expect(bad.status == .unprocessableContent)
                #expect(
                    String(buffer: bad.body).contains(
                        "<a href=\"#value\">Enter the number as a whole number above 0, like 4934</a>"))
                let saved = try await manager.execute(
                    uri: "/reports/inputs/context", method: .post, headers: form,
                    body: ByteBuffer(string: "year=2022&service-area=children&measure=Referrals&value=4%2C934"))
                #expect(saved.status == .seeOther)
                #expect(
                    try await ReportInputStore(database: database).contextMeasures() == [
                        ContextMeasure(
                            year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 4_934)
                    ])
                let stale = try await manager.execute(
                    uri: "/reports/inputs/context", method: .post, headers: form,
                    body: ByteBuffer(
                        string: "year=2022&service-area=children&measure=Referrals&value=5000&previous=4000"))
                #expect(stale.status == .conflict && String(buffer: stale.body).contains("was changed by someone else"))
                #expect(
                    try await ReportInputStore(database: database).contextMeasures().first?.value == 4_934,
                    "nothing overwritten")

                let noTitle = try await manager.execute(
                    uri: "/reports/inputs/recommendations", method: .post, headers: form,
                    body: ByteBuffer(
                        string: "rec-year=2022&rec-title=&rec-due-day=31&rec-due-month=13&rec-due-year=2024"))
                #expect(noTitle.status == .unprocessableContent)
                let body = String(buffer: noTitle.body)
                #expect(
                    body.contains("Enter the recommendation&#39;s title")
                        && body.contains("<a href=\"#rec-due-day\">The due date must be a real date</a>"))
                let added = try await manager.execute(
                    uri: "/reports/inputs/recommendations", method: .post, headers: form,
                    body: ByteBuffer(
                        string:
                            "rec-year=2022&rec-area=&rec-title=Stage+2+recovery&rec-detail=&rec-due-day=31&rec-due-month=3&rec-due-year=2024"
                    ))
                #expect(added.status == .seeOther)
                let made = try #require(try await ReportInputStore(database: database).recommendations().first)
                #expect(
                    made.title == "Stage 2 recovery" && made.dueOn == CalendarDate(iso: "2024-03-31")
                        && made.serviceArea == nil)
                let progress = try await manager.execute(
                    uri: "/reports/inputs/recommendations/\(made.id)", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&status=completed&progress=Done"))
                #expect(progress.status == .seeOther)
                let again = try await manager.execute(
                    uri: "/reports/inputs/recommendations/\(made.id)", method: .post, headers: form,
                    body: ByteBuffer(string: "version=1&status=ongoing&progress=Oops"))
                #expect(again.status == .conflict)
                #expect(try await ReportInputStore(database: database).recommendations().first?.status == .completed)
                let page = String(buffer: try await manager.execute(uri: "/reports/inputs", method: .get).body)
                #expect(page.contains("Stage 2 recovery") && page.contains("value=\"4934\""))
                let report = String(
                    buffer: try await manager.execute(uri: "/reports/annual?year=2022&scope=children", method: .get)
                        .body)
                #expect(
                    report.contains("Children&#39;s social care: complaints in context")
                        && report.contains("Recommendation 1 – Stage 2 recovery."))
                let trail = try await AuditLog(database: database).search(AuditLog.Query())
                #expect(trail.filter { $0.action == .reportInputsChanged }.count == 3)
            }
        }
    }

    @Test(
        """
            equality monitoring: recorded from the case by the complaints team, checked against the lists, kept off \
            the case page
            """,
        arguments: TestDatabase.engines)
    func equality(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                receivedOn: CalendarDate(iso: "2023-05-03")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "self"), serviceCategory: "assessment",
                summary: "s")
            let r = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let casePage = String(buffer: try await officer.execute(uri: "/complaints/\(r.id)", method: .get).body)
                #expect(casePage.contains("href=\"/complaints/\(r.id)/equality\""))
                let page = try await officer.execute(uri: "/complaints/\(r.id)/equality", method: .get)
                #expect(
                    page.status == .ok
                        && String(buffer: page.body).contains(
                            "<option value=\"not-stated\" selected=\"selected\">Not stated</option>")
                )
                let bad = try await officer.execute(
                    uri: "/complaints/\(r.id)/equality", method: .post, headers: form,
                    body: ByteBuffer(
                        string: "version=0&disability=yes&gender=female&age-band=ancient&ethnicity=white-irish"))
                #expect(
                    bad.status == .unprocessableContent
                        && String(buffer: bad.body).contains(
                            "<a href=\"#age-band\">Select an answer for age band from the list, or Not stated</a>")
                )
                #expect(try await ReportInputStore(database: database).equality().isEmpty, "nothing saved")
                let saved = try await officer.execute(
                    uri: "/complaints/\(r.id)/equality", method: .post, headers: form,
                    body: ByteBuffer(
                        string: "version=0&disability=yes&gender=female&age-band=65-and-over&ethnicity=white-irish"))
                #expect(saved.status == .seeOther && saved.headers[.location] == "/complaints/\(r.id)?done=equality")
                // A second person saving from the same (now stale) form is refused, not merged.
                let stale = try await officer.execute(
                    uri: "/complaints/\(r.id)/equality", method: .post, headers: form,
                    body: ByteBuffer(
                        string: "version=0&disability=no&gender=male&age-band=65-and-over&ethnicity=white-irish"))
                #expect(
                    stale.status == .conflict
                        && String(buffer: stale.body).contains("Someone else saved equality answers"))
                #expect(
                    try await ReportInputStore(database: database).equality() == [
                        r.id: EqualityMonitoring(
                            disability: "yes", gender: "female", ageBand: "65-and-over", ethnicity: "white-irish")
                    ])
                let after = String(
                    buffer: try await officer.execute(uri: "/complaints/\(r.id)?done=equality", method: .get).body)
                #expect(
                    after.contains("Equality monitoring answers saved") && !after.contains("White: Irish"),
                    "the answers are not shown with the case")
                let reader = try await signIn(client, database, as: .reportReader, username: "reader")
                #expect(
                    try await reader.execute(uri: "/complaints/\(r.id)/equality", method: .get).status == .forbidden)
            }
        }
    }
}
