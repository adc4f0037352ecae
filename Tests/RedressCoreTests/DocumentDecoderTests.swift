import Foundation
import Testing

@testable import RedressCore

/// The case documents must decode to exactly what Foundation's `JSONDecoder` gives, and every
/// document it cannot answer itself must get Foundation's answer or error.
@Suite("Documents: the fast decoder of case documents")
struct DocumentDecoderTests {
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// `text` decoded by both, with whether the fast path answered it itself.
    func both<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> (same: Bool, fast: Bool) {
        let foundation = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        let fast = Document(text).flatMap { try? DocumentReader($0, node: 0).read(T.self) }
        return (
            try DocumentDecoder().decode(T.self, from: text) == foundation && (fast.map { $0 == foundation } ?? true),
            fast != nil
        )
    }

    @Test("every document of a demo council decodes as Foundation decodes it, without falling back")
    func demoDocuments() throws {
        let demo = DemoCouncil(seed: 5, today: CalendarDate(iso: "2026-11-30")!, completeYears: 2, scale: 0.5).cases()
        #expect(demo.count > 1_000)
        var documents = 0
        for (r, history) in demo {
            let records = try both(CaseRecords.self, String(decoding: try encoder.encode(r.records), as: UTF8.self))
            #expect(records.same && records.fast, "records of \(r.reference)")
            for stage in r.stages {
                let read = try both(Stage.self, String(decoding: try encoder.encode(stage), as: UTF8.self))
                #expect(read.same && read.fast, "a stage of \(r.reference)")
            }
            for entry in history {
                let read = try both(
                    CaseCommand.self, String(decoding: try encoder.encode(entry.command), as: UTF8.self))
                #expect(read.same && read.fast, "a step of \(r.reference)")
            }
            let whole = try both(Representation.self, String(decoding: try encoder.encode(r), as: UTF8.self))
            #expect(whole.same && whole.fast, "\(r.reference) whole")
            // The line an export writes and an import reads.
            let events = history.enumerated().map { index, entry in
                InterchangeEvent(
                    sequence: index + 1, recordedAt: "2026-11-30T09:00:00Z", recordedBy: "officer",
                    command: entry.command, summary: entry.summary)
            }
            let line = try InterchangeRecord(representation: r, history: events).line()
            let record = try both(InterchangeRecord.self, line)
            #expect(record.same && record.fast, "\(r.reference) as an export line")
            documents += 3 + r.stages.count + history.count
        }
        #expect(documents > 3_000)
    }

    struct Sample: Codable, Equatable {
        var text: String
        var number: Int
        var real: Double?
        var flag: Bool?
        var list: [String]?
        var nested: [String: Int]?
        var when: Date?
    }

    @Test(
        "text with every escape, numbers, nulls, missing and unknown keys, as Foundation reads them",
        arguments: [
            #"{"text":"plain","number":0}"#,
            #"{"text":"a \"quoted\" back\\slash \/ slash\n\t\r\b\f \u0001 end","number":-42}"#,
            #"{"text":"Zoë — 学校 🏫 \u00e9 \ud83c\udfeb","number":9223372036854775807,"real":-0.125}"#,
            #"{"text":"","number":-9223372036854775808,"real":1e300,"flag":null,"list":["a","",null]}"#,
            #" { "text" : "spaced" , "number" : 7 , "unknown" : {"deep":[1,2,{"x":null}]} } "#,
            #"{"text":"x","number":1,"nested":{"b":2,"a":1,"":0},"list":[]}"#,
            #"{"text":"x","number":1,"real":3,"flag":true}"#,
            #"{"text":"x","number":1,"real":2.5E-3,"flag":false,"when":12.5}"#,
        ])
    func samples(text: String) throws {
        let foundation = Result { try JSONDecoder().decode(Sample.self, from: Data(text.utf8)) }
        let fast = Result { try DocumentDecoder().decode(Sample.self, from: text) }
        #expect(same(foundation, fast))
        // Whatever Foundation reads, the fast path reads itself, but for a date (Foundation's own).
        let own = Document(text).flatMap { try? DocumentReader($0, node: 0).read(Sample.self) }
        #expect((own != nil) == ((try? foundation.get()) != nil && !text.contains(#""when""#)))
        if let own { #expect(same(foundation, .success(own))) }
    }

    @Test("escapes and a surrogate pair read by the fast path itself, to the values written")
    func escapesOwn() throws {
        let text = #"{"text":"a \"q\" \/ \\ \n \u00e9 \ud83c\udfeb","number":-42,"real":2.5,"list":["x",""]}"#
        let own = try DocumentReader(#require(Document(text)), node: 0).read(Sample.self)
        #expect(own == Sample(text: "a \"q\" / \\ \n é 🏫", number: -42, real: 2.5, list: ["x", ""]))
    }

    /// Equal values, or the same error.
    func same(_ a: Result<Sample, any Error>, _ b: Result<Sample, any Error>) -> Bool {
        switch (a, b) {
        case (.success(let a), .success(let b)): a == b
        case (.failure(let a), .failure(let b)): "\(a)" == "\(b)"
        default: false
        }
    }

    @Test(
        "what the fast path refuses gets Foundation's answer or error",
        arguments: [
            #"{"text":"x","number":1.5}"#,  // a fraction read as a whole number
            #"{"text":"x","number":1e2}"#,
            #"{"text":"x","number":01}"#,  // not JSON
            #"{"text":"x","number":99999999999999999999}"#,  // too large
            #"{"text":"x"}"#,  // missing
            #"{"text":null,"number":1}"#,
            #"{"text":"x","number":1,"real":1e400}"#,
            #"{"text":"\ud83c","number":1}"#,  // half a pair
            #"{"text":"x","number":1,}"#,
            #"{"text":"x","number":1} trailing"#,
            #"["not","an","object"]"#,
            "",
        ])
    func refused(text: String) throws {
        let foundation = Result { try JSONDecoder().decode(Sample.self, from: Data(text.utf8)) }
        let fast = Result { try DocumentDecoder().decode(Sample.self, from: text) }
        #expect(same(foundation, fast))
    }
}

@Test(
    "a line mentions the trailer key wherever it is, and only the whole key",
    arguments: [
        (#"{"format":"x","trailer":{}}"#, true), (#""trailer":"#, true), (#"{"a":1,"b":"trailer","trailer":2}"#, true),
        (#"{"format":"x","history":[]}"#, false), (#"{"trailer" :1}"#, false), (#""trailer""#, false), ("", false),
        (#"{"summary":"the \"trailer\" word"}"#, false),
    ])
func mentionsTrailer(line: String, mentions: Bool) {
    #expect(InterchangeFile.RecordLineReader.mentionsTrailer(Array(line.utf8)[...]) == mentions)
}

@Test("a document nested deeper than the stack should bear is refused with Foundation's error, not a crash")
func deepDocument() {
    struct Nested: Decodable { var text: String }
    let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
    #expect(Document(deep) == nil)
    #expect(throws: DecodingError.self) { try DocumentDecoder().decode([[String]].self, from: deep) }
    let object = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
    #expect(throws: DecodingError.self) { try DocumentDecoder().decode(Nested.self, from: object) }
}
