import Foundation
import RedressCore
@testable import RedressStorage
import SQLKit
import Testing

/// A row of the cases-with-stages statement, as far as the pipeline looks at it.
private struct Row: SQLRow {
    var id: String?
    var stage: Int?

    var allColumns: [String] { ["id", "stage"] }
    func contains(column: String) -> Bool { column == "id" ? id != nil : column == "stage" }
    func decodeNil(column: String) throws -> Bool { column == "id" ? id == nil : stage == nil }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard column == "id", let id, let text = id as? D else {
            throw DecodingError.valueNotFound(D.self, .init(codingPath: [], debugDescription: "no \(column)"))
        }
        return text
    }
}

private struct Refused: Error, Equatable { var id: String }

/// Cases `0..<count`, case `i` with `i % 4` stages (a case with none is one row without a stage).
private func rows(_ count: Int) -> [Row] {
    (0..<count).flatMap { i in
        i % 4 == 0 ? [Row(id: "case-\(i)", stage: nil)] : (0..<(i % 4)).map { Row(id: "case-\(i)", stage: $0) }
    }
}

/// Each run is one case: its id, and a stage per row that has one (the stage's key is its row's number).
private func decode(refusing refused: String? = nil) -> CaseRowPipeline.Decode {
    { rows, runs in
        try runs.map { run in
            let first = rows[run.lowerBound] as! Row
            if first.id == refused { throw Refused(id: first.id!) }
            var r = Representation(
                id: first.id!, reference: first.id!, kind: .complaint, serviceArea: .corporate, procedureID: nil,
                receivedOn: CalendarDate(iso: "2026-04-01")!, methodOfReceipt: "email",
                complainant: Complainant(relationship: "self"), serviceCategory: "x", summary: "s")
            r.stages = rows[run].compactMap { ($0 as! Row).stage }.map {
                Stage(key: "stage-\($0)", openedOn: CalendarDate(iso: "2026-04-01")!)
            }
            return r
        }
    }
}

private func run(
    _ rows: [Row], batchRows: Int, decode: @escaping CaseRowPipeline.Decode
) async throws
    -> [Representation]
{
    let pipeline = CaseRowPipeline(batchRows: batchRows, decode: decode)
    for row in rows { pipeline.add(row) }
    return try await pipeline.finish()
}

@Suite("Cases decoded while their rows arrive")
struct CaseRowPipelineTests {
    @Test(
        "every case once, in the rows' order, with all its stages, whatever the batch size",
        arguments: [1, 2, 3, 7, 1_000, 100_000])
    func order(batchRows: Int) async throws {
        let cases = try await run(rows(500), batchRows: batchRows, decode: decode())
        #expect(cases.map(\.id) == (0..<500).map { "case-\($0)" })
        #expect(cases.map(\.stages.count) == (0..<500).map { $0 % 4 })
        #expect(cases[3].stages.map(\.key) == ["stage-0", "stage-1", "stage-2"])
        #expect(try await run([], batchRows: batchRows, decode: decode()).isEmpty)
    }

    @Test("a case that cannot be decoded, in a batch decoded elsewhere or in the last one, is the error")
    func refused() async throws {
        for (refused, batchRows) in [("case-137", 5), ("case-499", 5), ("case-3", 100_000)] {
            await #expect(throws: Refused(id: refused)) {
                try await run(rows(500), batchRows: batchRows, decode: decode(refusing: refused))
            }
        }
    }

    @Test("a row without its case's id is an error, not a case quietly dropped")
    func noID() async throws {
        var broken = rows(100)
        broken[40].id = nil
        await #expect(throws: DecodingError.self) { try await run(broken, batchRows: 4, decode: decode()) }
    }

    @Test("many reads at once each get their own cases, in order")
    func concurrent() async throws {
        try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for n in 0..<24 {
                group.addTask {
                    (n, try await run(rows(50 + n * 10), batchRows: 3 + n % 5, decode: decode()).map(\.id))
                }
            }
            for try await (n, ids) in group { #expect(ids == (0..<(50 + n * 10)).map { "case-\($0)" }) }
        }
    }
}
