import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressDocuments
import RedressStorage
import RedressTestSupport
import Testing

@testable import RedressWeb

/// A PNG of `width` × `height` grey pixels, made here so the test needs no file.
func testPNG(width: Int, height: Int) -> [UInt8] {
    func be(_ n: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((n >> $0) & 0xFF) } }
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        // The CRC is not checked by the logo check (Chromium and LibreOffice tolerate none of a bad
        // one, but this picture is only read by the check and the page's `<img>` test).
        be(data.count) + Array(type.utf8) + data + [0, 0, 0, 0]
    }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + chunk("IHDR", be(width) + be(height) + [8, 2, 0, 0, 0]) + chunk("IEND", [])
}

@Suite("Web: the council's logo")
struct CouncilLogoTests {
    static let boundary = "----redress-test-boundary"

    /// A multipart body as a browser sends it: fields, then files.
    static func multipart(
        fields: [String: String], file: (name: String, filename: String, bytes: [UInt8])?
    )
        -> ByteBuffer
    {
        multipart(fields: fields, files: file.map { [$0] } ?? [])
    }

    static func multipart(
        fields: [String: String], files: [(name: String, filename: String, bytes: [UInt8])]
    )
        -> ByteBuffer
    {
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body +=
                Array(
                    """
                    --\(boundary)\r\nContent-Disposition: form-data; name="\(file.name)"; filename="\(file.filename)"\r
                    Content-Type: application/octet-stream\r\n\r\n
                    """.utf8) + file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    @Test(
        "a PNG logo is uploaded, printed on the report's cover and in Word; too large, not a picture, stale refused",
        arguments: TestDatabase.engines)
    func logo(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let admin = try await signIn(client, database, as: .administrator)
                let headers: HTTPFields = [
                    .contentType: "multipart/form-data; boundary=\(Self.boundary)",
                    .cookie: "\(SessionCookie.name)=\(admin.session.token)",
                ]
                func upload(_ bytes: [UInt8], version: String, csrf: String? = nil) async throws -> TestResponse {
                    // Straight to the base client: the signed-in client appends its token URL-encoded.
                    try await admin.base.execute(
                        uri: "/council/logo", method: .post,
                        headers: headers,
                        body: Self.multipart(
                            fields: ["csrf": csrf ?? admin.session.csrfToken, "logo-version": version],
                            file: ("logo", "crest.png", bytes)))
                }
                let page = String(buffer: try await admin.execute(uri: "/council", method: .get).body)
                let version = String(try #require(page.firstMatch(of: /name="logo-version" value="([0-9a-z]+)"/)?.1))
                #expect(page.contains("No logo yet"))

                let forged = try await upload(testPNG(width: 300, height: 100), version: version, csrf: "forged")
                #expect(forged.status == .forbidden, "the CSRF token is read from the multipart form")
                let big = try await upload(Array(repeating: 0x41, count: 600 * 1024), version: version)
                #expect(big.status == .contentTooLarge)
                #expect(String(buffer: big.body).contains("512 KB or smaller"))
                let text = try await upload(Array("not a picture".utf8), version: version)
                #expect(text.status == .unprocessableContent)
                #expect(String(buffer: text.body).contains("The logo must be a PNG or SVG picture"))
                #expect(try await SettingsStore(database: database).councilIdentity().logo == nil, "nothing stored")

                let saved = try await upload(testPNG(width: 300, height: 100), version: version)
                #expect(saved.status == .seeOther)
                let logo = try #require(try await SettingsStore(database: database).councilIdentity().logo)
                #expect(logo.kind == .png && logo.width == 300 && logo.height == 100)
                let stale = try await upload(testPNG(width: 10, height: 10), version: version)
                #expect(stale.status == .conflict)
                #expect(try await SettingsStore(database: database).councilIdentity().logo?.width == 300)
                let shown = String(buffer: try await admin.execute(uri: "/council", method: .get).body)
                #expect(shown.contains("src=\"data:image/png;base64,"))

                let html = try await admin.execute(uri: "/reports/annual?year=2022&format=html", method: .get)
                #expect(
                    String(buffer: html.body).contains("<img class=\"app-cover__logo\" src=\"data:image/png;base64,"))
                let docx = try await admin.execute(uri: "/reports/annual?year=2022&format=docx", method: .get)
                let entries = try ZipReader.entries(Array(buffer: docx.body))
                #expect(entries["word/media/logo.png"] == Array(logo.bytes))
                #expect(
                    String(decoding: entries["word/document.xml"] ?? [], as: UTF8.self).contains("r:embed=\"rIdLogo\""))

                // Letters carry it too.
                let r = try await CaseCorrespondenceTests.complaint(database)
                let manager = try await signIn(client, database, as: .complaintsManager)
                let made = try await manager.execute(
                    uri: "/complaints/\(r.id)/letters", method: .post,
                    body: ByteBuffer(string: "template=acknowledgement"))
                let letterURI = try #require(made.headers[.location])
                let letterPage = String(buffer: try await manager.execute(uri: letterURI, method: .get).body)
                #expect(letterPage.contains("<img class=\"app-letter__logo\" src=\"data:image/png;base64,"))
                let letterDocx = try await manager.execute(uri: letterURI + "?format=docx", method: .get)
                #expect(
                    try ZipReader.entries(Array(buffer: letterDocx.body))["word/media/logo.png"] == Array(logo.bytes))

                let current = String(
                    try #require(shown.firstMatch(of: /name="logo-version" value="([0-9a-z]+)"/)?.1))
                let removed = try await admin.execute(
                    uri: "/council/logo", method: .post,
                    body: ByteBuffer(string: "remove=yes&logo-version=\(current)"))
                #expect(removed.status == .seeOther)
                #expect(try await SettingsStore(database: database).councilIdentity().logo == nil)
            }
        }
    }
}

@Suite("Uploads: the multipart reader and the logo check")
struct MultipartFormTests {
    @Test("fields, files, quoted parameters and an empty file input")
    func parts() throws {
        let body = Array(
            """
            preamble\r
            --b\r
            Content-Disposition: form-data; name="csrf"\r
            \r
            token\r
            --b\r
            Content-Disposition: form-data; name="logo"; filename="a \\"b\\"; c.svg"\r
            Content-Type: image/svg+xml\r
            \r
            <svg width="120px" height="40"/>\r
            --b\r
            Content-Disposition: form-data; name="logo"; filename=""\r
            \r
            \r
            --b--\r

            """.utf8)
        let form = try MultipartForm(body, boundary: "b")
        #expect(form["csrf"] == "token")
        #expect(form.files("logo").count == 1)
        #expect(form.files("logo").first?.filename == "a \"b\"; c.svg")
        #expect(form.files("logo").first?.contentType == "image/svg+xml")
        let logo = try CouncilLogo.check(form.files("logo")[0].body).get()
        #expect(logo.kind == .svg && logo.width == 120 && logo.height == 40)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"x y\"") == "x y")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
    }

    @Test("a body cut short, without boundaries or with too many parts is refused whole")
    func refused() {
        let cut = Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf".utf8)
        #expect(throws: MultipartForm.Problem.malformed("the last part is cut short")) {
            try MultipartForm(cut, boundary: "b")
        }
        #expect(throws: MultipartForm.Problem.malformed("no first boundary")) {
            try MultipartForm(Array("nothing".utf8), boundary: "b")
        }
        let many =
            (0...MultipartForm.partLimit).map { "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nx\r\n" }
            .joined() + "--b--"
        #expect(throws: MultipartForm.Problem.tooManyParts) { try MultipartForm(Array(many.utf8), boundary: "b") }
    }

    @Test("the logo check reads PNG headers and SVG roots, and refuses everything else")
    func logoCheck() throws {
        #expect(try CouncilLogo.check(testPNG(width: 640, height: 200)).get().width == 640)
        #expect(CouncilLogo.check(Array(testPNG(width: 1, height: 1).prefix(16))) == .failure(.brokenPNG))
        #expect(CouncilLogo.check([]) == .failure(.empty))
        #expect(CouncilLogo.check(Array("<html><svg/></html>".utf8)) == .failure(.notAPicture))
        let svg =
            "<?xml version=\"1.0\"?>\n<!-- crest -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 90 30\">"
        let logo = try CouncilLogo.check(Array(svg.utf8)).get()
        #expect((logo.width, logo.height) == (90, 30))
        #expect(CouncilLogo.check(Array(repeating: 0, count: CouncilLogo.sizeLimit + 1)) == .failure(.tooLarge))
    }
}

@Suite("Web: the complaints mailbox settings")
struct MailboxSettingsTests {
    @Test(
        "an administrator sets where the mailbox is (no password on the page); bad values and a stale form are refused",
        arguments: TestDatabase.engines)
    func settings(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let app = Application(
                router: buildRouter(testDependencies(database, today: CalendarDate(iso: "2023-06-01")!)),
                logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let admin = try await signIn(client, database, as: .administrator)
                let page = String(buffer: try await admin.execute(uri: "/mailbox", method: .get).body)
                #expect(page.contains("<h1>Complaints mailbox</h1>") && !page.contains("type=\"password\""))
                let version = String(try #require(page.firstMatch(of: /name="version" value="([0-9a-z]+)"/)?.1))
                var fields = [
                    "host": "imap example", "port": "99999", "security": "tls", "username": "complaints",
                    "folder": "INBOX", "version": version,
                ]
                let bad = try await admin.execute(
                    uri: "/mailbox", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(bad.status == .unprocessableContent)
                #expect(String(buffer: bad.body).contains("Enter the mail server&#39;s name"))
                fields["host"] = "imap.anyshire.example"
                fields["port"] = "993"
                let saved = try await admin.execute(
                    uri: "/mailbox", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(saved.status == .seeOther)
                let stored = try await SettingsStore(database: database).load(
                    MailboxSettings.key, default: MailboxSettings())
                #expect(stored == MailboxSettings(host: "imap.anyshire.example", username: "complaints"))
                let stale = try await admin.execute(
                    uri: "/mailbox", method: .post, body: CouncilDetailsTests.form(fields))
                #expect(stale.status == .conflict)
                let officer = try await signIn(client, database, as: .complaintsOfficer)
                #expect(try await officer.execute(uri: "/mailbox", method: .get).status == .forbidden)
            }
        }
    }
}
