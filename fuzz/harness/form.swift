// Form bodies as the pages post them: every case, record and intake step's parser, the
// recording form and the public feedback form's checks.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        let fields = FormFields(String(decoding: bytes, as: UTF8.self))
        for step in CaseStep.allCases { _ = step.command(from: fields, today: fuzzToday, newID: "new") }
        for step in RecordStep.allCases { _ = step.command(from: fields, today: fuzzToday, newID: "new") }
        for step in IntakeStep.allCases { _ = step.command(from: fields, today: fuzzToday, newID: "new") }
        var flat: [String: String] = [:]
        for (key, values) in fields.values { flat[key] = values.last ?? "" }
        if let data = try? JSONEncoder().encode(flat), let input = try? JSONDecoder().decode(NewComplaintInput.self, from: data) {
            _ = NewComplaint.validate(input, reference: fuzzReference, procedures: BuiltInProcedures.all, today: fuzzToday)
        }
        let answers = FeedbackAnswers(flat)
        for page in FeedbackAnswers.order {
            _ = answers.problems(on: page, young: true)
            _ = answers.problems(on: page, young: false)
        }
        _ = answers.submission(id: "id", reference: "WEB-AAAA-AAAA", on: fuzzToday, young: false, equalityCodes: fuzzReference)
    }
}
