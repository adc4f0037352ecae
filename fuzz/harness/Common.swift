// Shared by every harness: the fixed council the inputs are checked against.
import Foundation

let fuzzToday = CalendarDate(year: 2026, month: 12, day: 1)!
let fuzzReference = ReferenceData.defaults
let fuzzCalendar = WorkingDayCalendar.englandAndWales

/// Runs `body` on each input libFuzzer gives.
func fuzzInput(_ start: UnsafeRawPointer?, _ count: Int, _ body: ([UInt8]) -> Void) -> CInt {
    guard let start else {
        body([])
        return 0
    }
    body(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}
