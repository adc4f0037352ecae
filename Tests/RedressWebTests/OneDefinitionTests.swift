import Foundation
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

/// One definition per figure: wherever two views show a figure with the same id, on the same
/// data and for the same period, they show the same value.
@Suite("Web: one definition per figure")
struct OneDefinitionTests {
    /// `data-figure="id">value<` pairs of a page.
    static func pageFigures(_ html: String) -> [String: String] {
        var found: [String: String] = [:]
        let pattern = /data-figure="([^"]+)">([^<]*)</
        for match in html.matches(of: pattern) {
            found[String(match.1)] = String(match.2).replacingOccurrences(of: "&lt;", with: "<")
        }
        return found
    }

    static func reportFigures(_ data: Data) throws -> [String: String] {
        let report = try JSONDecoder().decode(ComplaintsReport.self, from: data)
        return Dictionary(report.figures.map { ($0.id, $0.display) }, uniquingKeysWith: { a, _ in a })
    }

    /// Ids both views show, and those whose values differ (which must be none).
    static func compare(_ a: [String: String], _ b: [String: String]) -> (shared: Set<String>, differing: [String]) {
        let shared = Set(a.keys).intersection(b.keys)
        return (shared, shared.sorted().filter { a[$0] != b[$0] }.map { "\($0): \(a[$0]!) ≠ \(b[$0]!)" })
    }

    @Test(
        """
        the statistics page and the annual report, and the dashboard and the quarterly report on its last day, \
        show each shared figure id with one value
        """,
        arguments: TestDatabase.engines)
    func sameIdSameValue(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let today = CalendarDate(iso: "2026-09-30")!  // the last day of 2026/27 Q2
            let cases = DemoCouncil(seed: 11, today: today, completeYears: 1, scale: 0.15).representations()
            try await RepresentationStore(database: database).insertAll(cases)
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                func page(_ uri: String) async throws -> String {
                    let response = try await manager.execute(uri: uri, method: .get)
                    #expect(response.status == .ok, "\(uri)")
                    return String(buffer: response.body)
                }
                func report(_ uri: String) async throws -> [String: String] {
                    try Self.reportFigures(Data(buffer: try await manager.execute(uri: uri, method: .get).body))
                }
                let statistics = Self.pageFigures(try await page("/statistics?year=2025"))
                let annual = try await report("/reports/annual?year=2025&format=json")
                let yearly = Self.compare(statistics, annual)
                #expect(yearly.differing == [])
                for id in [
                    "received.complaint.2025", "received.compliment.2025",
                    "timeliness.children-statutory.stage-1.band1.share", "timeliness.corporate.stage-1.band1.share",
                    "timeliness.corporate.stage-1.average", "timeliness.corporate.stage-1.responses",
                ] {
                    #expect(yearly.shared.contains(id), "\(id) is on the statistics page and in the annual report")
                }
                #expect(statistics["timeliness.corporate.stage-1.responses"] != "0")

                // Counted another way, every view counts that way: early resolutions as contacts,
                // corporate times from receipt, shares of one whole to total 100%.
                let settings = SettingsStore(database: database)
                let conventions = CountingConventions(
                    name: "Custom",
                    procedures: [
                        "children-statutory": .init(earlyResolutionsAreComplaints: false),
                        "corporate": .init(timedFrom: .request),
                    ], sharesTotal100: true)
                try await settings.save(
                    SettingsStore.countingConventionsKey, conventions,
                    expectedVersion: try await settings.countingConventions().version)
                let counted = Self.pageFigures(try await page("/statistics?year=2025"))
                let countedAnnual = try await report("/reports/annual?year=2025&format=json")
                #expect(Self.compare(counted, countedAnnual).differing == [])
                #expect(
                    counted["timeliness.corporate.stage-1.average"]
                        != statistics["timeliness.corporate.stage-1.average"])
                #expect(counted["received.complaint.2025"] != statistics["received.complaint.2025"])

                let dashboard = Self.pageFigures(try await page("/"))
                let quarterly = try await report("/reports/quarterly?quarter=2026-Q2&format=json")
                let snapshot = Self.compare(dashboard, quarterly)
                #expect(snapshot.differing == [])
                #expect(snapshot.shared == ["open.complaints", "due.overdue.cases", "due.due-soon.cases"])
                #expect(dashboard["open.complaints"] != "0")
            }
        }
    }
}
