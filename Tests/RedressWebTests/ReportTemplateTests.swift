import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

@Suite("Web: the council's report template")
struct ReportTemplateTests {
    static let today = CalendarDate(iso: "2023-06-01")!

    static func version(_ body: String) throws -> String {
        String(try #require(body.firstMatch(of: /name="version" value="([0-9a-z]+)"/)?.1))
    }

    /// The form as the page fills it for `template`, with `changes` on top.
    static func fields(_ template: ReportTemplate, version: String, _ changes: [String: String]) -> [String: String] {
        var fields = ["version": version]
        for (index, chapter) in template.chapters.enumerated() {
            fields["position-\(chapter.id)"] = String(index + 1)
            fields["title-\(chapter.id)"] = chapter.title
            if chapter.shown { fields["shown-\(chapter.id)"] = "yes" }
        }
        for (key, value) in changes { fields[key] = value.isEmpty ? nil : value }
        return fields
    }

    @Test(
        "a manager moves, renames and hides chapters; the committee report follows; a stale save is refused",
        arguments: TestDatabase.engines)
    func template(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: Self.today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                let page = try await manager.execute(uri: "/reports/annual/template", method: .get)
                #expect(page.status == .ok)
                let version = try Self.version(String(buffer: page.body))
                #expect(version == SettingsStore.unsavedVersion)

                var long = Self.fields(.standard, version: version, [:])
                long["title-adults"] = String(repeating: "x", count: ReportTemplate.titleLimit + 1)
                let refused = try await manager.execute(
                    uri: "/reports/annual/template", method: .post, body: CouncilDetailsTests.form(long))
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains("must be 100 characters or fewer"))

                let changes = [
                    "position-adults": "1", "title-adults": "Adults' services", "shown-equality": "",
                    "zero-rows": "yes",
                ]
                let saved = try await manager.execute(
                    uri: "/reports/annual/template", method: .post,
                    body: CouncilDetailsTests.form(Self.fields(.standard, version: version, changes)))
                #expect(saved.status == .seeOther)
                let (template, newVersion) = try await SettingsStore(database: database).reportTemplate()
                #expect(template.chapters.map(\.id).prefix(3) == ["adults", "introduction", "summary"])
                #expect(template.chapters[0].title == "Adults' services")
                #expect(template.chapters.first { $0.id == "equality" }?.shown == false)
                #expect(template.showZeroRows)
                #expect(newVersion != version)

                let stale = try await manager.execute(
                    uri: "/reports/annual/template", method: .post,
                    body: CouncilDetailsTests.form(Self.fields(.standard, version: version, [:])))
                #expect(stale.status == .conflict, "made from the version before the save")
                #expect(try await SettingsStore(database: database).reportTemplate().template == template)

                let html = try await manager.execute(uri: "/reports/annual?year=2022&format=html", method: .get)
                let document = String(buffer: html.body)
                let adults = try #require(document.range(of: "Adults&#39; services"))
                let introduction = try #require(document.range(of: ">Introduction<"))
                #expect(adults.lowerBound < introduction.lowerBound, "the renamed chapter is printed first")
                #expect(!document.contains(">Equality monitoring<"), "the hidden chapter is left out")
                #expect(document.contains("Rows for codes no case used are shown, with their zeros."))

                let reset = try await manager.execute(
                    uri: "/reports/annual/template", method: .post,
                    body: CouncilDetailsTests.form(["version": newVersion, "standard": "yes"]))
                #expect(reset.status == .seeOther)
                #expect(try await SettingsStore(database: database).reportTemplate().template == .standard)

                let reader = try await signIn(client, database, as: .reportReader)
                #expect(try await reader.execute(uri: "/reports/annual/template", method: .get).status == .forbidden)
            }
        }
    }

    @Test("ten saves of the template from one version at once: exactly one is kept", arguments: TestDatabase.engines)
    func concurrentSaves(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let settings = SettingsStore(database: database)
            let version = try await settings.reportTemplate().version
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        var template = ReportTemplate.standard
                        template.chapters[0].title = "Introduction \(n)"
                        do {
                            try await settings.save(
                                SettingsStore.reportTemplateKey, template, expectedVersion: version)
                            return true
                        } catch DatabaseError.conflict { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let kept = try await settings.reportTemplate()
            #expect(kept.template.chapters[0].title.hasPrefix("Introduction "))
            #expect(kept.version != version)
        }
    }
}
