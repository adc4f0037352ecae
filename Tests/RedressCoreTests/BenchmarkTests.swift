import Foundation
import Testing

@testable import RedressCore

@Suite("Councils compared on common definitions")
struct BenchmarkTests {
    static let year = FinancialYear(startYear: 2025)

    static func file(_ name: String, seed: UInt64, scale: Double) -> BenchmarkFile {
        let demo = DemoCouncil(seed: seed, today: CalendarDate(iso: "2026-11-30")!, completeYears: 1, scale: scale)
        return BenchmarkFile.make(
            council: name, year: year, records: demo.representations(), residents: 1_000_000, children: 200_000,
            calendar: .englandAndWales)
    }

    @Test("a council's file: the common measures counted the standard way, small numbers withheld, no names")
    func file() throws {
        let big = Self.file("Bigshire", seed: 3, scale: 0.5)
        #expect(Set(big.figures.map(\.id)) == Set(BenchmarkFile.measures.map(\.id)))
        #expect(
            big.figure("children.received")?.kind == .count && (big.figure("children.received")?.numerator ?? 0) > 50)
        #expect(big.figure("children.stage-1.within-10")?.kind == .share)
        // A council so small that its Ombudsman upheld decisions are a handful: withheld.
        let tiny = Self.file("Tinyshire", seed: 5, scale: 0.02)
        let upheld = try #require(tiny.figure("ombudsman.upheld"))
        #expect(upheld.kind == .suppressed || upheld.numerator == 0 || (upheld.numerator ?? 0) >= 5)
        #expect(tiny.figures.allSatisfy { f in f.kind == .suppressed || !(1..<5).contains(f.numerator ?? 0) })
        let json = String(decoding: try JSONEncoder().encode(big), as: UTF8.self)
        #expect(!json.contains("reference") && !json.contains("complainant"), "figures only")
    }

    @Test("files compared: a table per measure with the council's own first, problems named")
    func comparison() throws {
        let a = Self.file("Anyshire County Council", seed: 3, scale: 0.5)
        let b = Self.file("Bigshire County Council", seed: 4, scale: 0.8)
        let report = BenchmarkComparison.report([b, a], own: a.council, checks: ["checked"])
        let table = try #require(report.sections[0].tables.first { $0.id == "benchmark-children.received" })
        #expect(table.rows.map(\.label) == ["Anyshire County Council (this council)", "Bigshire County Council"])
        #expect(table.columns == ["Complaints", "Per 10,000 children"])
        let n = try #require(a.figure("children.received")?.numerator)
        #expect(table.rows[0].cells[1].display == Rounding().average(sum: 10_000 * n, count: 200_000))
        let shares = try #require(report.sections[0].tables.first { $0.id == "benchmark-children.fault-found" })
        #expect(!shares.chartBars.isEmpty, "a chart comparing the councils")
        #expect(shares.notes == [BenchmarkFile.measures.first { $0.id == "children.fault-found" }!.definition])
        var other = b
        other.year = 2024
        #expect(
            BenchmarkComparison.problems([("a.json", a), ("b.json", other)]).contains {
                $0.hasPrefix("The files are for different years")
            })
        #expect(BenchmarkComparison.problems([("a.json", a)]) == ["Choose at least two councils' files to compare"])
        #expect(
            BenchmarkComparison.problems([("a.json", a), ("c.json", a)]).contains {
                $0 == "Two files are for Anyshire County Council: choose one"
            })
        var odd = b
        odd.format = "something-else"
        #expect(BenchmarkComparison.problems([("a.json", a), ("odd.json", odd)]).first?.hasPrefix("odd.json") == true)
    }
}
