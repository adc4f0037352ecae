import Foundation
import RedressCore
import RedressFixtures
import RedressStorage
import RedressTestSupport
import Testing

/// A small council with everything the format carries: stages with findings and extensions,
/// history from real steps, equality answers, a letter, an Ombudsman referral and costs.
private func fill(_ database: Database) async throws {
    let store = RepresentationStore(database: database)
    let year = HandBuiltYear.representations()
    try await store.insertAll(year, histories: [year[0].id: [CaseHistoryEntry(command: .record(.acknowledged, on: year[0].receivedOn.adding(days: 1)), summary: "Acknowledged")]], recordedBy: "Olu Officer")
    let command = NewComplaint(
        serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory, receivedOn: CalendarDate(iso: "2023-11-20")!,
        methodOfReceipt: "email", complainant: Complainant(relationship: "parent", name: "Sam Parent", contact: "sam@example.org"), serviceCategory: "fostering", summary: "Visits – “missed”")
    let r = try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
    try await ReportInputStore(database: database).setEquality([r.id: EqualityMonitoring(disability: "no", ageBand: "25-to-59")])
    try await LetterStore(database: database).add(Letter(id: "l1", representationID: r.id, templateKey: "acknowledgement", title: "Acknowledgement", body: "Dear Sam\n\nThanks", createdOn: CalendarDate(iso: "2023-11-21")!, createdBy: "Olu"))
}

@Suite("Interchange: export and import")
struct InterchangeTests {
    @Test("export → import into an empty database → export gives identical output", arguments: TestDatabase.engines)
    func roundTrip(engine: DatabaseEngine) async throws {
        let first = try await TestDatabase.with(engine) { database -> String in
            try await fill(database)
            var text = ""
            _ = try await InterchangeStore(database: database).export { text += $0 + "\n" }
            return text
        }
        let lines = first.split(separator: "\n")
        #expect(lines.count == HandBuiltYear.representations().count + 1)
        #expect(first.contains(#""recordedBy":"Olu Officer""#))
        #expect(first.contains(#""equality":{"ageBand":"25-to-59""#) && first.contains(#""templateKey":"acknowledgement""#))
        try await TestDatabase.with(engine) { database in
            let validator = InterchangeValidator(reference: try await ReferenceStore(database: database).load(), procedures: try await ProcedureStore(database: database).load())
            let (records, problems) = validator.check(lines: lines)
            #expect(problems.isEmpty)
            let result = try await InterchangeStore(database: database).importRecords(records)
            #expect(try result.get() == .init(imported: lines.count, alreadyPresent: 0))
            var second = ""
            _ = try await InterchangeStore(database: database).export { second += $0 + "\n" }
            #expect(second == first)
            let again = try await InterchangeStore(database: database).importRecords(records)
            #expect(try again.get() == .init(imported: 0, alreadyPresent: lines.count), "idempotent on the reference")
            let next = try await RepresentationStore(database: database).record(NewComplaint(
                serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory, receivedOn: CalendarDate(iso: "2023-11-22")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "fostering", summary: "s"), engine: ClockEngine(calendar: .englandAndWales))
            #expect(!first.contains("\"reference\":\"\(next.reference)\""), "the reference counter moved past the imported references")
        }
    }

    @Test("a malformed file imports nothing and names each problem's line and field", arguments: TestDatabase.engines)
    func malformed(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await fill(database)
            var exported: [String] = []
            _ = try await InterchangeStore(database: database).export { exported.append($0) }
            let lines = exported
            try await TestDatabase.with(engine) { empty in
                let good = lines[0], other = lines[1]
                let badDate = good.replacingOccurrences(of: #""receivedOn":"20"#, with: #""receivedOn":"31-13-"#)
                let unknownCode = other.replacingOccurrences(of: #""methodOfReceipt":""#, with: #""methodOfReceipt":"carrier-pigeon-"#)
                let missing = lines[2].replacingOccurrences(of: #""summary":"#, with: #""notes":"#)
                let truncated = String(lines[3].prefix(lines[3].count / 2))
                let file = [good, badDate, unknownCode, missing, truncated, good].map { Substring($0) }
                let validator = InterchangeValidator(reference: try await ReferenceStore(database: empty).load(), procedures: try await ProcedureStore(database: empty).load())
                let (_, problems) = validator.check(lines: file)
                let byLine = Dictionary(grouping: problems, by: \.line)
                #expect(byLine[2]?.first?.field == "representation.receivedOn" && byLine[2]?.first?.message.contains("is not a real date") == true)
                #expect(byLine[3]?.first?.field == "representation.methodOfReceipt" && byLine[3]?.first?.message.contains("is not a method of receipt code") == true)
                #expect(byLine[4]?.first?.field == "representation.summary" && byLine[4]?.first?.message.contains("is missing \"summary\"") == true)
                #expect(byLine[5]?.first?.field == "the line" && byLine[5]?.first?.message == "is not complete JSON (cut short, or not JSON at all)")
                #expect(byLine[6]?.first?.field == "representation.reference" && byLine[6]?.first?.message.hasSuffix("is also on line 1") == true)
                #expect(byLine[1] == nil)
                #expect(try await RepresentationStore(database: empty).count() == 0, "nothing imported")
            }
        }
    }

    @Test("the JSON Schema names the kinds and service areas the code has, and the keys a line has")
    func schema() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/interchange.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let representation = try #require((properties["representation"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(((representation["kind"] as? [String: Any])?["enum"] as? [String]) ?? []) == Set(RepresentationKind.allCases.map(\.rawValue)))
        #expect(Set(((representation["serviceArea"] as? [String: Any])?["enum"] as? [String]) ?? []) == Set(ServiceArea.allCases.map(\.rawValue)))
        let line = try InterchangeRecord(representation: HandBuiltYear.representations()[0]).line()
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set((schema["required"] as? [String]) ?? []).isSubset(of: Set(decoded.keys)))
        let encodedRepresentation = try #require(decoded["representation"] as? [String: Any])
        #expect(Set(encodedRepresentation.keys).isSubset(of: Set(representation.keys)), "every key written is described")
    }
}
