// The RFC 4180 CSV reader, and the writer on whatever it read.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        guard let text = String(validating: bytes, as: UTF8.self) else { _ = CSV.firstLineNotUTF8(bytes); return }
        if let records = try? CSV.records(text) {
            for record in records { _ = CSV.line(record.fields) }
        }
    }
}
