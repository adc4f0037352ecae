// Uploads as browsers send them: the first line is the Content-Type header, the rest the body.
// Every file part is then checked as a logo (the PNG header and SVG root readers).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    fuzzInput(start, count) { bytes in
        let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let header = String(decoding: bytes[..<split], as: UTF8.self)
        let body = split < bytes.count ? Array(bytes[(split + 1)...]) : []
        guard let boundary = MultipartForm.boundary(contentType: header),
            let form = try? MultipartForm(body, boundary: boundary)
        else { return }
        _ = form["csrf"]
        for part in form.parts { _ = CouncilLogo.check(part.body) }
    }
}
