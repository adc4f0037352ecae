// The interchange file reader: the sealed file, and (since the fuzzer cannot forge a checksum)
// each UTF-8 line straight to the record decoder, code checks and history replay.
import Foundation

let interchangeValidator = InterchangeValidator(
    reference: fuzzReference, procedures: BuiltInProcedures.all, calendar: fuzzCalendar,
    people: PeopleDirectory(DemoCouncil.pool(reference: fuzzReference)), today: fuzzToday)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterchange(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        _ = interchangeValidator.check(file: bytes)
        let lines = InterchangeFile.splitLines(bytes).compactMap { line in
            String(validating: line.bytes, as: UTF8.self).map { InterchangeFile.Line(number: line.number, text: Substring($0)) }
        }
        _ = interchangeValidator.check(lines: lines)
    }
}
