import Foundation
import RedressCore
import RedressFixtures
import RedressStorage
import RedressTestSupport
import Testing

/// The validator as `redress import` builds it, for `database`.
func validator(_ database: Database, today: CalendarDate = importDay) async throws -> InterchangeValidator {
    InterchangeValidator(
        reference: try await ReferenceStore(database: database).load(),
        procedures: try await ProcedureStore(database: database).load(),
        calendar: WorkingDayCalendar(feed: try await CalendarStore(database: database).effectiveFeed()),
        people: try await PeopleStore(database: database).load(), today: today)
}

/// Lines of a file as the validator reads them (numbered from 1).
func numbered(_ lines: [String]) -> [InterchangeFile.Line] {
    lines.enumerated().map { InterchangeFile.Line(number: $0.offset + 1, text: Substring($0.element)) }
}

/// The whole export of `database` as text.
func exportText(_ database: Database) async throws -> String {
    nonisolated(unsafe) var text = ""
    _ = try await InterchangeStore(database: database).export { text += $0 }
    return text
}

/// A small council with everything the format carries: stages with findings and extensions,
/// history from real steps, equality answers, a letter, an Ombudsman referral and costs.
private let importDay = CalendarDate(iso: "2024-01-15")!

private func fill(_ database: Database) async throws {
    let store = RepresentationStore(database: database)
    let (year, histories) = HandBuiltYear.withHistories(today: importDay)
    try await store.insertAll(year, histories: histories, recordedBy: "Olu Officer")
    let command = NewComplaint(
        serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
        receivedOn: CalendarDate(iso: "2023-11-20")!,
        methodOfReceipt: "email",
        complainant: Complainant(relationship: "parent", name: "Sam Parent", contact: "sam@example.org"),
        serviceCategory: "fostering", summary: "Visits – “missed”")
    let r = try await store.record(command, engine: ClockEngine(calendar: .englandAndWales))
    try await ReportInputStore(database: database).setEquality([
        r.id: EqualityMonitoring(disability: "no", ageBand: "25-to-59")
    ])
    try await LetterStore(database: database).add(
        Letter(
            id: "l1", representationID: r.id, templateKey: "acknowledgement", title: "Acknowledgement",
            body: "Dear Sam\n\nThanks", createdOn: CalendarDate(iso: "2023-11-21")!, createdBy: "Olu"))
}

@Suite("Interchange: export and import")
struct InterchangeTests {
    @Test(
        "export streams a page at a time: pages of 1, 2, 3 and 7 cases give the file the whole council in memory gives",
        arguments: TestDatabase.engines)
    func pagedExport(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await fill(database)
            // Three more on the day `fill` recorded one: pages must break ties by reference.
            for summary in ["One", "Two", "Three"] {
                _ = try await RepresentationStore(database: database).record(
                    NewComplaint(
                        serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                        receivedOn: CalendarDate(iso: "2023-11-20")!, methodOfReceipt: "email",
                        complainant: Complainant(relationship: "parent"), serviceCategory: "fostering",
                        summary: summary),
                    engine: ClockEngine(calendar: .englandAndWales))
            }
            let store = InterchangeStore(database: database)
            // Built from every record at once, as export did before it streamed.
            nonisolated(unsafe) var whole = ""
            var writer = InterchangeFile.Writer { whole += $0 }
            let records = try await store.records()
            for record in records { try writer.append(record) }
            _ = try writer.finish()
            #expect(Set(records.map(\.representation.receivedOn)).count < records.count, "some share a day")
            for size in [1, 2, 3, 7] {
                nonisolated(unsafe) var paged = ""
                let count = try await store.export(pageSize: size) { paged += $0 }
                #expect(count == records.count)
                #expect(paged == whole, "pages of \(size)")
            }
        }
    }

    @Test(
        "a file read in chunks of any size gives the lines and problems the whole file gives",
        arguments: TestDatabase.engines)
    func chunkedReading(engine: DatabaseEngine) async throws {
        let text = try await TestDatabase.with(engine) { database in
            try await fill(database)
            return try await exportText(database)
        }
        let good = Array(text.utf8)
        let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let cut = Array(good.dropLast(40))
        var notUTF8 = good
        notUTF8[200] = 0xFF
        for file in [good, crlf, cut, notUTF8, Array(good.dropLast())] {
            let whole = InterchangeFile.recordLines(of: file)
            for size in [1, 2, 7, 100, 4096, file.count] {
                var reader = InterchangeFile.RecordLineReader()
                var lines: [InterchangeFile.Line] = []
                var start = 0
                while start < file.count {
                    lines += reader.feed(file[start..<min(start + size, file.count)])
                    start += size
                }
                lines += reader.finish()
                #expect(reader.problems == whole.problems, "chunks of \(size)")
                if whole.problems.isEmpty { #expect(lines == whole.lines, "chunks of \(size)") }
            }
        }
        #expect(InterchangeFile.recordLines(of: good).problems.isEmpty)
        #expect(!InterchangeFile.recordLines(of: cut).problems.isEmpty)
        #expect(!InterchangeFile.recordLines(of: notUTF8).problems.isEmpty)
    }

    @Test("export → import into an empty database → export gives identical output", arguments: TestDatabase.engines)
    func roundTrip(engine: DatabaseEngine) async throws {
        let first = try await TestDatabase.with(engine) { database -> String in
            try await fill(database)
            return try await exportText(database)
        }
        let lines = first.split(separator: "\n")
        #expect(
            lines.count == HandBuiltYear.representations().count + 1 + 1,
            "a line per record, the new one, and the trailer")
        #expect(lines.last?.hasPrefix(#"{"format":"redress-interchange/1","trailer":{"records":16,"sha256":""#) == true)
        #expect(first.contains(#""recordedBy":"Olu Officer""#))
        #expect(
            first.contains(#""equality":{"ageBand":"25-to-59""#) && first.contains(#""templateKey":"acknowledgement""#))
        try await TestDatabase.with(engine) { database in
            let (records, problems) = try await validator(database).check(file: Array(first.utf8))
            #expect(problems.isEmpty, "\(problems.prefix(3))")
            let result = try await InterchangeStore(database: database).importRecords(records)
            #expect(try result.get() == .init(imported: lines.count - 1, alreadyPresent: 0))
            let second = try await exportText(database)
            #expect(second == first)
            let again = try await InterchangeStore(database: database).importRecords(records)
            #expect(
                try again.get() == .init(imported: 0, alreadyPresent: lines.count - 1), "idempotent on the reference")
            let next = try await RepresentationStore(database: database).record(
                NewComplaint(
                    serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                    receivedOn: CalendarDate(iso: "2023-11-22")!,
                    methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                    serviceCategory: "fostering", summary: "s"), engine: ClockEngine(calendar: .englandAndWales))
            #expect(
                !first.contains("\"reference\":\"\(next.reference)\""),
                "the reference counter moved past the imported references")
        }
    }

    @Test("a malformed file imports nothing and names each problem's line and field", arguments: TestDatabase.engines)
    func malformed(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await fill(database)
            let lines = try await exportText(database).split(separator: "\n").map(String.init)
            try await TestDatabase.with(engine) { empty in
                let good = lines[0], other = lines[1]
                let badDate = good.replacingOccurrences(of: #""receivedOn":"20"#, with: #""receivedOn":"31-13-"#)
                let unknownCode = other.replacingOccurrences(
                    of: #""methodOfReceipt":""#, with: #""methodOfReceipt":"carrier-pigeon-"#)
                let missing = lines[2].replacingOccurrences(of: #""summary":"#, with: #""notes":"#)
                let truncated = String(lines[3].prefix(lines[3].count / 2))
                let all = numbered([good, badDate, unknownCode, missing, truncated, good])
                let (records, problems) = try await validator(empty).check(lines: all)
                // Checked as a batch (lines examined side by side, as `redress import` does): the same.
                var batch = InterchangeValidator.Checker(validator: try await validator(empty))
                #expect(batch.check(all) == records && batch.problems == problems)
                let byLine = Dictionary(grouping: problems, by: \.line)
                #expect(
                    byLine[2]?.first?.field == "representation.receivedOn"
                        && byLine[2]?.first?.message.contains("is not a real date") == true)
                #expect(
                    byLine[3]?.first?.field == "representation.methodOfReceipt"
                        && byLine[3]?.first?.message.contains("is not a method of receipt code") == true)
                #expect(
                    byLine[4]?.first?.field == "representation.summary"
                        && byLine[4]?.first?.message.contains("is missing \"summary\"") == true)
                #expect(
                    byLine[5]?.first?.field == "the line"
                        && byLine[5]?.first?.message == "is not complete JSON (cut short, or not JSON at all)")
                #expect(
                    byLine[6]?.first?.field == "representation.reference"
                        && byLine[6]?.first?.message.hasSuffix("is also on line 1") == true)
                #expect(byLine[1] == nil)
                #expect(try await RepresentationStore(database: empty).count() == 0, "nothing imported")
            }
        }
    }

    @Test(
        "a file cut short at a line, changed after export, or not UTF-8 is refused before any record is read",
        arguments: TestDatabase.engines)
    func sealed(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await fill(database)
            let text = try await exportText(database)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let check = try await validator(database)
            let cut = lines.prefix(5).joined(separator: "\n") + "\n"
            #expect(check.check(file: Array(cut.utf8)).problems.map(\.field) == ["trailer"])
            #expect(check.check(file: Array(cut.utf8)).problems.first?.message.contains("cut short") == true)
            let dropped = (lines.prefix(3) + lines.dropFirst(4)).joined(separator: "\n")
            #expect(
                check.check(file: Array(dropped.utf8)).problems.map(\.field) == ["trailer.records"], "a line removed")
            let changed = text.replacingOccurrences(of: "Fixture 3\"", with: "Fixture 9\"")
            #expect(changed != text)
            #expect(check.check(file: Array(changed.utf8)).problems.map(\.field) == ["trailer.sha256"])
            var bytes = Array(text.utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "F"))!
            bytes[at] = 0xFF
            let problems = check.check(file: bytes).problems
            #expect(problems.first?.line == 1 && problems.first?.message.contains("is not UTF-8") == true)
        }
    }

    @Test(
        "an import replays each case's history through the lifecycle and refuses what it would refuse",
        arguments: TestDatabase.engines)
    func replayed(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            try await fill(database)
            let check = try await validator(database)
            let record = try #require(
                try await InterchangeStore(database: database).records().first {
                    $0.representation.kind == .complaint && !$0.history.isEmpty
                })
            // A stage 2 answered with no statement of complaint, reports or appointments.
            let requested = try #require(record.representation.stages[0].respondedOn).adding(days: 3)
            var jumped = record
            jumped.history.append(
                InterchangeEvent(
                    sequence: 9, recordedAt: "2024-01-01T00:00:00Z", recordedBy: "x",
                    command: .escalate(requestedOn: requested, lateReason: nil), summary: ""))
            jumped.history.append(
                InterchangeEvent(
                    sequence: 10, recordedAt: "2024-01-01T00:00:00Z", recordedBy: "x",
                    command: .respond(on: requested.adding(days: 30), outcome: "upheld"), summary: ""))
            let stepRefused = check.check(lines: numbered([try jumped.line()])).problems
            #expect(stepRefused.map(\.field) == ["history[\(jumped.history.count - 1)].command"])
            #expect(stepRefused.first?.message.contains("Record") == true, "\(stepRefused)")
            // The same stage 2 written straight into the stages, with no history for it.
            var stated = record
            var stage2 = Stage(key: "stage-2", openedOn: requested)
            stage2.respondedOn = requested.adding(days: 30)
            stage2.outcome = "upheld"
            stated.representation.stages.append(stage2)
            let stateRefused = check.check(lines: numbered([try stated.line()])).problems
            #expect(stateRefused.first?.field == "representation.stages", "\(stateRefused)")
            #expect(stateRefused.first?.message.contains("the case's history gives") == true)
            // A due date no clock gives.
            var moved = record
            moved.representation.stages[0].dueOn = CalendarDate(iso: "2030-01-01")!
            #expect(
                check.check(lines: numbered([try moved.line()])).problems.first?.field
                    == "representation.stages[0].dueOn")
            // An outcome that is not a code.
            var coded = record
            coded.history.append(
                InterchangeEvent(
                    sequence: 11, recordedAt: "2024-01-01T00:00:00Z", recordedBy: "x",
                    command: .code(natures: ["zzz"], outcomesSought: [], actualOutcomes: [], remedialActionTaken: nil),
                    summary: ""))
            #expect(
                check.check(lines: numbered([try coded.line()])).problems.first?.message.contains("\"zzz\" is not in")
                    == true)
            #expect(
                check.check(lines: numbered([try record.line()])).problems.isEmpty, "the record as exported is fine")
        }
    }

    @Test("the JSON Schema names the kinds and service areas the code has, and the keys a line has")
    func schema() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/interchange.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let representation = try #require(
            (properties["representation"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(
            Set(((representation["kind"] as? [String: Any])?["enum"] as? [String]) ?? [])
                == Set(RepresentationKind.allCases.map(\.rawValue)))
        #expect(
            Set(((representation["serviceArea"] as? [String: Any])?["enum"] as? [String]) ?? [])
                == Set(ServiceArea.allCases.map(\.rawValue)))
        let line = try InterchangeRecord(representation: HandBuiltYear.representations()[0]).line()
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set((schema["required"] as? [String]) ?? []).isSubset(of: Set(decoded.keys)))
        let encodedRepresentation = try #require(decoded["representation"] as? [String: Any])
        #expect(
            Set(encodedRepresentation.keys).isSubset(of: Set(representation.keys)), "every key written is described")
    }
}
