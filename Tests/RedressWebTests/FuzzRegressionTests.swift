import Foundation
import RedressCore
import Testing
@testable import RedressWeb

/// Every input the fuzzers (`scripts/fuzz`) ever crashed on, replayed through the same parsers
/// on every test run, so a fixed crash stays fixed. Inputs live in `fuzz/regressions/TARGET/`,
/// next to the seeds in `fuzz/corpus/TARGET/` (which are replayed too: they must never crash).
@Suite("Fuzzing: saved inputs replayed")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("fuzz")
    static let today = CalendarDate(year: 2026, month: 12, day: 1)!

    static func inputs(_ target: String) -> [URL] {
        ["regressions", "corpus"].flatMap { folder -> [URL] in
            let dir = root.appendingPathComponent("\(folder)/\(target)")
            return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
    }

    @Test("interchange files and lines", arguments: inputs("interchange"))
    func interchange(file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        let validator = InterchangeValidator(
            reference: .defaults, procedures: BuiltInProcedures.all, calendar: .englandAndWales,
            people: PeopleDirectory(DemoCouncil(today: Self.today).people), today: Self.today)
        _ = validator.check(file: bytes)
        let lines = InterchangeFile.splitLines(bytes).compactMap { line in
            String(validating: line.bytes, as: UTF8.self).map {
                InterchangeFile.Line(number: line.number, text: Substring($0))
            }
        }
        _ = validator.check(lines: lines)
    }

    @Test("CSV files", arguments: inputs("csv"))
    func csv(file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        if let records = try? CSV.records(text) { for record in records { _ = CSV.line(record.fields) } }
    }

    @Test("legacy mappings with their CSV", arguments: inputs("legacy"))
    func legacy(file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        guard let mapping = try? JSONDecoder().decode(LegacyMapping.self, from: Data(bytes[..<split])) else { return }
        let rest = split < bytes.count ? Array(bytes[(split + 1)...]) : []
        guard let text = String(validating: rest, as: UTF8.self), let records = try? CSV.records(text) else { return }
        _ = LegacyImport(
            mapping: mapping, reference: .defaults, procedures: BuiltInProcedures.all,
            importedAt: "2026-12-01T00:00:00Z"
        ).convert(records)
    }

    @Test("form bodies through every step's parser", arguments: inputs("form"))
    func form(file: URL) throws {
        let fields = FormFields(String(decoding: try Data(contentsOf: file), as: UTF8.self))
        for step in CaseStep.allCases { _ = step.command(from: fields, today: Self.today, newID: "new") }
        for step in RecordStep.allCases { _ = step.command(from: fields, today: Self.today, newID: "new") }
        for step in IntakeStep.allCases { _ = step.command(from: fields, today: Self.today, newID: "new") }
        let answers = FeedbackAnswers(fields.values.mapValues { $0.last ?? "" })
        for page in FeedbackAnswers.order { _ = answers.problems(on: page, young: true) }
    }

    @Test("JSON bodies through every API step", arguments: inputs("json"))
    func json(file: URL) throws {
        let data = try Data(contentsOf: file)
        for step in APIStep.all {
            guard let body = try? APIBody.read(data, fields: step.fields) else { continue }
            _ = step.form.command(from: body.formFields(step: step.name), today: Self.today, newID: "new")
        }
    }

    @Test("uploads: the multipart reader and the logo check", arguments: inputs("multipart"))
    func multipart(file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
        guard let boundary = MultipartForm.boundary(contentType: String(decoding: bytes[..<split], as: UTF8.self)),
            let form = try? MultipartForm(split < bytes.count ? Array(bytes[(split + 1)...]) : [], boundary: boundary)
        else { return }
        for part in form.parts { _ = CouncilLogo.check(part.body) }
    }
}
