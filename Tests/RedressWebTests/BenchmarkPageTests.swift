import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: councils compared")
struct BenchmarkPageTests {
    @Test(
        "this council's signed file downloads; other councils' files compare with its own, problems named",
        arguments: TestDatabase.engines)
    func compare(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let today = CalendarDate(iso: "2026-11-30")!
            try await RepresentationStore(database: database).insertAll(
                DemoCouncil(seed: 11, today: today, completeYears: 1, scale: 0.1).representations())
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let reader = try await signIn(client, database, as: .reportReader)
                let own = try await reader.execute(uri: "/reports/benchmark/file?year=2025", method: .get) {
                    ($0.status, Data(buffer: $0.body))
                }
                #expect(own.0 == .ok)
                let file = try JSONDecoder().decode(BenchmarkFile.self, from: own.1)
                #expect(file.year == 2025 && BenchmarkSigner.check(file).contains("signature checked"))
                let neighbour = try BenchmarkSigner.signedWithNewKey(
                    BenchmarkFile.make(
                        council: "Northshire County Council", year: FinancialYear(startYear: 2025),
                        records: DemoCouncil(seed: 12, today: today, completeYears: 1, scale: 0.1).representations(),
                        residents: 780_000, children: 161_000, calendar: .englandAndWales))
                let headers: HTTPFields = [
                    .contentType: "multipart/form-data; boundary=\(CouncilLogoTests.boundary)",
                    .cookie: "\(SessionCookie.name)=\(reader.session.token)",
                ]
                #expect(try await reader.execute(uri: "/reports/benchmark", method: .get).status == .ok)
                func post(_ files: [(String, [UInt8])]) async throws -> (HTTPResponse.Status, String) {
                    // Straight to the base client: the signed-in client appends its token URL-encoded.
                    try await reader.base.execute(
                        uri: "/reports/benchmark", method: .post, headers: headers,
                        body: CouncilLogoTests.multipart(
                            fields: ["csrf": reader.session.csrfToken, "include-own": "yes"],
                            files: files.map { ("files", $0.0, $0.1) })
                    ) { ($0.status, String(buffer: $0.body)) }
                }
                let compared = try await post([("northshire.json", Array(try JSONEncoder().encode(neighbour)))])
                #expect(compared.0 == .ok)
                #expect(compared.1.contains("(this council)") && compared.1.contains("Northshire County Council"))
                #expect(compared.1.contains("Northshire County Council: signature checked"))
                #expect(compared.1.contains("Per 10,000 children"))
                let bad = try await post([("notes.json", Array("{}".utf8))])
                #expect(bad.0 == .unprocessableContent && bad.1.contains("notes.json: not a Redress benchmark file"))
                var changed = neighbour
                changed.council = "Someone Else"
                let tampered = try await post([("changed.json", Array(try JSONEncoder().encode(changed)))])
                #expect(tampered.1.contains("Someone Else: the signature does not match"))
            }
        }
    }
}
