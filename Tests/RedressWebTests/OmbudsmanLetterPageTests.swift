import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: Ombudsman comparison inputs")
struct OmbudsmanLetterPageTests {
    static let today = CalendarDate(iso: "2026-06-01")!

    @Test(
        "a manager enters residents and similar authorities; the annual report compares; bad and stale saves refused",
        arguments: TestDatabase.engines)
    func enterAndCompare(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let page = try await manager.execute(uri: "/reports/inputs/ombudsman?year=2025", method: .get)
                #expect(page.status == .ok)
                let version = try ReportTemplateTests.version(String(buffer: page.body))
                #expect(version == SettingsStore.unsavedVersion)

                let bad = [
                    "version": version, "year": "2025", "residents": "about a million", "upheld-0": "0.9",
                    "name-1": "Westvale", "compliance-1": "120",
                ]
                let refused = try await manager.execute(
                    uri: "/reports/inputs/ombudsman", method: .post, body: CouncilDetailsTests.form(bad))
                #expect(refused.status == .unprocessableContent)
                let body = String(buffer: refused.body)
                for message in [
                    "Enter the number of residents as a whole number", "Enter the authority&#39;s name",
                    "Enter the compliance rate as a number from 0 to 100",
                ] {
                    #expect(body.contains(message), "\(message)")
                }
                #expect(body.contains("value=\"about a million\""), "what was typed is shown again")
                #expect(try await ReportInputStore(database: database).ombudsmanLetters().isEmpty)

                let good = [
                    "version": version, "year": "2025", "residents": "1,240,500", "name-0": "Northshire",
                    "upheld-0": "0.9", "compliance-0": "100", "remedy-0": "25",
                ]
                let saved = try await manager.execute(
                    uri: "/reports/inputs/ombudsman", method: .post, body: CouncilDetailsTests.form(good))
                #expect(saved.status == .seeOther)
                let stored = try await ReportInputStore(database: database).ombudsmanLetter(year: 2025)
                #expect(stored.letter.residents == 1_240_500 && stored.letter.similar.map(\.name) == ["Northshire"])

                let stale = try await manager.execute(
                    uri: "/reports/inputs/ombudsman", method: .post, body: CouncilDetailsTests.form(good))
                #expect(stale.status == .conflict, "made from the version before the save")
                #expect(String(buffer: stale.body).contains("Someone else saved these figures"))

                let json = try await manager.execute(uri: "/reports/annual?year=2025&format=json", method: .get)
                let report = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: json.body))
                func figure(_ id: String) -> String? { report.figures.first { $0.id == id }?.display }
                #expect(figure("lgsco.all.upheld-per-100k") == "0.0")
                #expect(figure("lgsco.similar.1.upheld-per-100k") == "0.9")
                #expect(figure("lgsco.similar.1.compliance") == "100%")

                let reader = try await signIn(client, database, as: .reportReader)
                let forbidden = try await reader.execute(uri: "/reports/inputs/ombudsman", method: .get)
                #expect(forbidden.status == .forbidden)
            }
        }
    }

    @Test(
        "ten saves of one year's figures from one version at once: exactly one is kept", arguments: TestDatabase.engines
    )
    func concurrentSaves(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ReportInputStore(database: database)
            let version = try await store.ombudsmanLetter(year: 2025).version
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        do {
                            try await store.saveOmbudsmanLetter(
                                OmbudsmanLetter(year: 2025, residents: 1_000_000 + n), expectedVersion: version)
                            return true
                        } catch DatabaseError.conflict { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let kept = try await store.ombudsmanLetters()
            #expect(kept.count == 1 && (kept[0].residents ?? 0) >= 1_000_000)
        }
    }
}
