import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

extension CLITests {
    @Test(
        """
        `redress calendar import` of the GOV.UK file with the State Funeral moves a stage 1 opened on 12 September \
        2022 from 26 to 27 September, and leaves a stage whose period does not contain it
        """
    )
    func calendarImportMovesDeadlines() async throws {
        try await withTemporaryFolder { folder in
            let govuk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("../shared/reference/data/govuk-bank-holidays.json").standardized
            // The same file as it stood before the funeral was proclaimed.
            var root = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: govuk)) as? [String: [String: Any]])
            var division = try #require(root["england-and-wales"])
            let events = try #require(division["events"] as? [[String: Any]])
            division["events"] = events.filter { ($0["date"] as? String) != "2022-09-19" }
            root["england-and-wales"] = division
            let earlier = folder.appendingPathComponent("before-funeral.json")
            try JSONSerialization.data(withJSONObject: root).write(to: earlier)

            let path = folder.appendingPathComponent("redress.sqlite").path
            let first = try await Command.run(["calendar", "import", earlier.path, "--database", "sqlite:\(path)"])
            #expect(first.status == 0, "\(first.errors)")
            let (spanning, later) = try await Database.with(.sqlite(path: path), logger: TestDatabase.logger) {
                database in
                let calendar = WorkingDayCalendar(feed: try await CalendarStore(database: database).effectiveFeed())
                func record(_ name: String, _ received: String) async throws -> Representation {
                    try await TestCases.complaint(
                        in: database, name: name, area: .childrensSocialCare, service: "fostering",
                        received: received, calendar: calendar)
                }
                return (try await record("Ann Parent", "2022-09-12"), try await record("Bob Parent", "2022-09-20"))
            }
            #expect(spanning.stages[0].dueOn == CalendarDate(iso: "2022-09-26"))

            let second = try await Command.run(["calendar", "import", govuk.path, "--database", "sqlite:\(path)"])
            #expect(second.status == 0, "\(second.errors)")
            #expect(second.output.contains("Response deadlines moved on 1 open case"))
            #expect(second.output.contains(spanning.reference) && !second.output.contains(later.reference))
            let (moved, unmoved) = try await Database.with(.sqlite(path: path), logger: TestDatabase.logger) {
                database in
                let store = RepresentationStore(database: database)
                return (try await store.representation(id: spanning.id), try await store.representation(id: later.id))
            }
            #expect(moved?.stages[0].dueOn == CalendarDate(iso: "2022-09-27"))
            #expect(unmoved?.stages[0].dueOn == later.stages[0].dueOn && unmoved?.version == later.version)
        }
    }
}

extension CLITests {
    @Test("`redress conventions use` takes a preset or a convention file, refuses a bad one, and the report follows")
    func conventions() async throws {
        try await withTemporaryFolder { folder in
            let database = ["--data-dir", folder.path]
            let preset = try await Command.run(["conventions", "use", "Lincolnshire 2019/20"] + database)
            #expect(preset.status == 0, "\(preset.errors)")
            #expect(preset.output == "Reports now count with Lincolnshire 2019/20.\n")
            let report = try await Command.run(
                ["report", "annual", "--year", "2019", "--format", "json", "--scope", "children", "--quiet"] + database)
            #expect(report.status == 0, "\(report.errors)")
            #expect(report.output.contains("\"lgsco.children.referrals\""))
            #expect(report.output.contains("Counting convention (Lincolnshire 2019"))

            let bad = folder.appendingPathComponent("bad.json")
            try Data(#"{"name": 3}"#.utf8).write(to: bad)
            let refused = try await Command.run(["conventions", "use", bad.path] + database)
            #expect(refused.status != 0)
            #expect(refused.errors.contains("is not a convention file: name has the wrong type of value"))
            let shown = try await Command.run(["conventions", "show"] + database)
            #expect(shown.output.contains("\"name\" : \"Lincolnshire 2019\\/20\""), "the refused file changed nothing")
        }
    }
}
