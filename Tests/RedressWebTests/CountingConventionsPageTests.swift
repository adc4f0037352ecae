import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: counting conventions")
struct CountingConventionsPageTests {
    @Test(
        "a manager chooses a preset or their own conventions; the annual report counts that way and says so",
        arguments: TestDatabase.engines)
    func choose(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let page = try await manager.execute(uri: "/reports/conventions", method: .get)
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("Now in use: <strong>Redress standard</strong>"))
                let version = try ReportTemplateTests.version(String(buffer: page.body))

                let unknown = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form(["version": version, "use": "preset", "preset": "Nowhere 1999"]))
                #expect(unknown.status == .unprocessableContent)
                #expect(String(buffer: unknown.body).contains("Choose a preset"))

                let lancashire = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form([
                        "version": version, "use": "preset", "preset": "Lancashire 2021/22",
                    ]))
                #expect(lancashire.status == .seeOther)
                let (saved, newVersion) = try await SettingsStore(database: database).countingConventions()
                #expect(saved == .lancashire2021)

                let json = try await manager.execute(uri: "/reports/annual?year=2022&format=json", method: .get)
                let report = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: json.body))
                #expect(report.figures.contains { $0.id == "closed-at.children-statutory.stage-0" })
                #expect(report.figures.contains { $0.id == "closed-at.adults-statutory.ombudsman" })
                let note = report.sections.flatMap(\.tables).first { $0.id == "closed-by-stage-children-statutory" }?
                    .notes.last
                #expect(note?.hasPrefix("Counting convention (Lancashire 2021/22)") == true)

                let stale = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form(["version": version, "use": "preset", "preset": "Redress standard"]))
                #expect(stale.status == .conflict)

                let custom = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form([
                        "version": newVersion, "use": "custom", "corporate-outcomes": "received",
                        "corporate-ombudsman-count": "decisions",
                    ]))
                #expect(custom.status == .seeOther)
                let mine = try await SettingsStore(database: database).countingConventions().conventions
                #expect(mine.name == "Custom")
                #expect(mine.procedures == ["corporate": .init(outcomesOf: .received)])
                let (_, thirdVersion) = try await SettingsStore(database: database).countingConventions()

                // A choice that is not one offered names its field; nothing is saved.
                let tampered = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form([
                        "version": thirdVersion, "use": "custom", "corporate-timed-from": "noon",
                    ]))
                #expect(tampered.status == .unprocessableContent)
                let error = String(buffer: tampered.body)
                #expect(error.contains("Choose what response times count from, from the choices given"))
                #expect(error.contains("href=\"#corporate-timed-from\""))
                #expect(try await SettingsStore(database: database).countingConventions().conventions == mine)

                // Shares that total 100% and response times from the day requested.
                let rounded = try await manager.execute(
                    uri: "/reports/conventions", method: .post,
                    body: CouncilDetailsTests.form([
                        "version": thirdVersion, "use": "custom", "shares-total-100": "yes",
                        "corporate-timed-from": "request",
                    ]))
                #expect(rounded.status == .seeOther)
                let chosen = try await SettingsStore(database: database).countingConventions().conventions
                #expect(chosen.sharesTotal100 && chosen.procedures == ["corporate": .init(timedFrom: .request)])
                let annual = try await manager.execute(uri: "/reports/annual?year=2022&format=json", method: .get)
                let counted = try JSONDecoder().decode(ComplaintsReport.self, from: Data(buffer: annual.body))
                #expect(counted.rounding.contains("total 100% instead"))
                let form = try await manager.execute(uri: "/reports/conventions", method: .get)
                #expect(
                    String(buffer: form.body).contains(
                        "name=\"shares-total-100\" type=\"checkbox\" value=\"yes\" checked"))

                let reader = try await signIn(client, database, as: .reportReader)
                #expect(try await reader.execute(uri: "/reports/conventions", method: .get).status == .forbidden)
            }
        }
    }
}
