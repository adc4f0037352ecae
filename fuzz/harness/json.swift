// JSON request bodies as the API reads them: each step's fields, then its form parser.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        let data = Data(bytes)
        for step in APIStep.all {
            guard let body = try? APIBody.read(data, fields: step.fields) else { continue }
            _ = step.form.command(from: body.formFields(step: step.name), today: fuzzToday, newID: "new")
        }
    }
}
