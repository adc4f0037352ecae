import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

/// The Complaint Handling Code's pages: service requests recorded and made complaints, the
/// self-assessment answered provision by provision, the governing body's response and the report.
@Suite("Web: the Complaint Handling Code")
struct CodeWebTests {
    static let today = CalendarDate(iso: "2026-11-30")!

    @Test(
        "a service request is numbered apart, resolved or made a complaint; the self-assessment and the report",
        arguments: TestDatabase.engines)
    func code(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            var command = NewComplaint(
                serviceArea: .corporate, procedure: BuiltInProcedures.corporate,
                receivedOn: CalendarDate(iso: "2026-06-01")!, methodOfReceipt: "telephone",
                complainant: Complainant(relationship: "self", name: "Bea Bins"), serviceCategory: "other",
                summary: "Bin not collected")
            command.kind = .serviceRequest
            let request = try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
            #expect(request.reference == "SR-2026-00001" && request.kind == .serviceRequest && request.isOpen)
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
                    try await manager.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
                }
                func post(_ uri: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String) {
                    try await manager.execute(uri: uri, method: .post, body: CouncilDetailsTests.form(fields)) {
                        ($0.status, $0.headers[.location] ?? String(buffer: $0.body))
                    }
                }
                let dashboard = try await get("/")
                #expect(dashboard.1.contains("not counted as complaints: 1 service request."))
                let page = try await get("/complaints/\(request.id)")
                #expect(page.1.contains("The service request is resolved") && page.1.contains("Make it a complaint"))
                let converted = try await post(
                    "/complaints/\(request.id)/steps/convert",
                    ["version": "1", "convert-date-day": "10", "convert-date-month": "6", "convert-date-year": "2026"])
                #expect(converted.0 == .seeOther)
                let complaint = try #require(try await store.representation(id: request.id))
                #expect(complaint.kind == .complaint && complaint.receivedOn == CalendarDate(iso: "2026-06-10")!)
                #expect(complaint.records.intake.convertedFrom?.firstReceivedOn == CalendarDate(iso: "2026-06-01")!)

                // The self-assessment: a task list, then one provision with its counted figure.
                let list = try await get("/reports/code/self-assessment?year=2026")
                #expect(list.0 == .ok && list.1.contains("You have answered 0 of 17"))
                let form = try await get("/reports/code/self-assessment/2026/definitions")
                #expect(form.1.contains("Counted by Redress for 2026/27: 1 service requests recorded; 1 became"))
                let version = try ReportTemplateTests.version(form.1)
                let uri = "/reports/code/self-assessment/2026/definitions"
                let noStatus = try await post(uri, ["version": version, "evidence": "Policy 4.2"])
                #expect(noStatus.0 == .unprocessableContent)
                #expect(noStatus.1.contains("Select whether the council complies with this provision"))
                let noAction = try await post(uri, ["version": version, "status": "partly", "action": " "])
                #expect(noAction.0 == .unprocessableContent && noAction.1.contains("Say what the council will do"))
                let saved = try await post(
                    uri, ["version": version, "status": "partly", "evidence": "Policy 4.2", "action": "Train staff"])
                #expect(saved.0 == .seeOther && saved.1.hasSuffix("saved=definitions"))
                let stale = try await post(uri, ["version": version, "status": "compliant"])
                #expect(stale.0 == .conflict && stale.1.contains("Someone else answered this provision"))
                #expect(try await get("/reports/code/self-assessment?year=2026").1.contains("Partly compliant"))
                #expect(try await get("/reports/code/self-assessment/2026/no-such-provision").0 == .notFound)

                let (_, responseVersion) = try await CodeAssessmentStore(database: database).governingBodyResponse(
                    year: 2026)
                let response = try await post(
                    "/reports/code/governing-body/2026",
                    ["version": responseVersion, "response": "The Committee noted the report."])
                #expect(response.0 == .seeOther)

                let json = try await manager.execute(uri: "/reports/code?year=2026&format=json", method: .get) {
                    try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: $0.body))
                }
                let shown = Dictionary(json.figures.map { ($0.id, $0.display) }, uniquingKeysWith: { a, _ in a })
                #expect(shown["code.self-assessment.definitions.status"] == "Partly compliant")
                #expect(shown["code.service-requests"] == "1" && shown["code.service-requests.complaints"] == "1")
                #expect(json.sections.last?.findings == ["The Committee noted the report."])
                let docx = try await manager.execute(uri: "/reports/code?year=2026&format=docx", method: .get) {
                    ($0.status, $0.headers[.contentType])
                }
                #expect(docx.0 == .ok && docx.1?.contains("wordprocessingml") == true)
                let pack = try await get("/reports/code?quarter=2026-Q1")
                #expect(pack.0 == .ok && pack.1.contains("Member Responsible for Complaints"))

                let reader = try await signIn(client, database, as: .reportReader)
                #expect(try await reader.execute(uri: "/reports/code?year=2026", method: .get).status == .ok)
                #expect(try await reader.execute(uri: uri, method: .get).status == .forbidden)
            }
        }
    }
}
