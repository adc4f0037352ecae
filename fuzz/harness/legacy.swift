// A legacy import: the mapping file (JSON, up to the first NUL byte) and the CSV after it.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacy(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        guard let mapping = try? JSONDecoder().decode(LegacyMapping.self, from: Data(bytes[..<split])) else { return }
        let rest = split < bytes.count ? Array(bytes[(split + 1)...]) : []
        guard let text = String(validating: rest, as: UTF8.self), let records = try? CSV.records(text) else { return }
        _ = LegacyImport(mapping: mapping, reference: fuzzReference, procedures: BuiltInProcedures.all, importedAt: "2026-12-01T00:00:00Z")
            .convert(records)
    }
}
