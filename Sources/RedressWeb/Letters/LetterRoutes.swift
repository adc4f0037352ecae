import Foundation
import Hummingbird
import RedressCore
import RedressDocuments
import RedressStorage

/// Letters: made on a case from a council template (merge fields filled from the case), kept on
/// the case as sent, downloadable as HTML (to print or PDF) and DOCX; and the template editor.
struct LetterRoutes: Sendable {
    let deps: WebDependencies

    var store: LetterStore { LetterStore(database: deps.database) }

    func visibleCase(_ context: AppRequestContext) async throws -> Representation? {
        switch try await context.lookUpCase(in: deps.database) {
        case .missing: return nil
        case .refused: throw HTTPError(.forbidden)
        case .found(let r, _): return r
        }
    }

    @Sendable func make(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let r = try await visibleCase(context) else { throw HTTPError(.notFound) }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        guard let template = try await store.templates().first(where: { $0.key == fields["template"] }) else {
            return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=letter-missing#letters"])
        }
        let casework = try await Casework.load(deps)
        let values = LetterTemplate.values(for: r, procedure: casework.procedure(r.procedureID), reference: casework.reference, calendar: casework.calendar,
                                           today: deps.today(),
                                           council: try await SettingsStore(database: deps.database).councilIdentity(),
                                           signedBy: context.viewer?.displayName ?? "")
        let letter = Letter(id: UUID().uuidString.lowercased(), representationID: r.id, templateKey: template.key, title: "\(template.name), \(deps.today().longDisplay)",
                            body: template.render(values), createdOn: deps.today(), createdBy: context.viewer?.displayName ?? "")
        try await store.add(letter)
        try await AuditLog(database: deps.database).append(context.audit(.changedCase, r, detail: "letter made: \(template.key)"))
        return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)/letters/\(letter.id)"])
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let r = try await visibleCase(context) else { throw HTTPError(.notFound) }
        let letterID = try context.parameters.require("letter")
        guard letterID.count <= 64, let letter = try await store.letter(id: letterID), letter.representationID == r.id else { throw HTTPError(.notFound) }
        try await AuditLog(database: deps.database).append(context.audit(.viewedCase, r, detail: "letter"))
        // The council's logo heads every copy of the letter (PDF, web page, Word when it is a PNG).
        let logo = try await SettingsStore(database: deps.database).councilIdentity().logo
        switch request.uri.queryParameters.get("format") {
        case "docx":
            return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                                   .contentDisposition: """
                                                       attachment; \
                                                       filename=\"\(r.reference)-\(letter.templateKey).docx\"
                                                       """],
                            body: .init(byteBuffer: ByteBuffer(bytes: ReportDocuments.docx(letter, logo: logo))))
        case "html":
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentDisposition: "attachment; filename=\"\(r.reference)-\(letter.templateKey).html\""],
                            body: .init(
                                byteBuffer: ByteBuffer(string: LetterViews.standalone(letter, logo: logo).description)))
        case "pdf" where PDFPrinter.browser != nil:
            // Chromium runs as a child process; off the event loop.
            let html = LetterViews.standalone(letter, logo: logo).description
            let bytes = try await deps.printing.run { try PDFPrinter.pdf(fromHTML: html) }
            return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(r.reference)-\(letter.templateKey).pdf\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        default:
            return try LetterViews.page(letter, r, logo: logo).response(from: request, context: context)
        }
    }

    @Sendable func templates(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let saved = request.uri.queryParameters.get("saved")
        return LetterViews.templates(try await store.templates(), editing: nil, errors: [], notice: saved.map { _ in "Template saved" })
    }

    @Sendable func saveTemplate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let key = try context.parameters.require("key")
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let body = fields["body"].replacingOccurrences(of: "\r\n", with: "\n")
        let all = try await store.templates()
        guard let template = all.first(where: { $0.key == key }) else { throw HTTPError(.notFound) }
        let problems = LetterTemplate.problems(in: body)
        func reshow(_ messages: [String], status: HTTPResponse.Status) throws -> Response {
            var editing = template
            editing.body = body
            return try Page(status: status, html: LetterViews.templates(all, editing: editing, errors: messages.map { FieldError(field: "body-\(key)", message: $0) }, notice: nil))
                .response(from: request, context: context)
        }
        guard problems.isEmpty else { return try reshow(problems, status: .unprocessableContent) }
        do { try await store.saveTemplate(key: key, body: body, expectedVersion: Int(fields["version"]) ?? 0) } catch let error as DatabaseError {
            guard case .conflict = error else { throw error }
            return try reshow([error.description], status: .conflict)
        }
        try await AuditLog(database: deps.database).append(context.audit(.reportInputsChanged, detail: "letter template \(key)"))
        return Response(status: .seeOther, headers: [.location: "/letters?saved=\(key)"])
    }
}

enum LetterViews {
    /// The letters section of the case page: those made, and the form to make another.
    static func onCase(_ r: Representation, letters: [Letter], templates: [LetterTemplate], canMake: Bool) -> HTML {
        let made: [HTML] = letters.map { """
            <li><a class=\"app-link\" href=\"/complaints/\(r.id)/letters/\($0.id)\">\($0.title)</a> <span \
            class=\"app-hint-inline\">by \($0.createdBy)</span></li>
            """ }
        let options: [HTML] = templates.map { "<option value=\"\($0.key)\">\($0.name)</option>" }
        return """
        <section class="app-no-print" aria-labelledby="letters">
          <h2 id="letters">Letters</h2>
          \(made.isEmpty ? "<p class=\"app-body\">No letters yet.</p>" as HTML : "<ul class=\"app-list\">\(made)</ul>")
          \(canMake ? """
          <form method="post" action="/complaints/\(r.id)/letters" class="app-inline-form">\(HTML.csrfField)
            <div class="app-form-group"><label class="app-label" for="template">Letter</label><select \
          class="app-select" id="template" name="template">\(options)</select></div>
            <button type="submit" class="app-button app-button--secondary">Make letter</button>
          </form>
          """ as HTML : "")
        </section>
        """
    }

    static func letterBody(_ letter: Letter) -> HTML {
        let paragraphs: [HTML] = letter.paragraphs.map { lines in
            let joined: [HTML] = lines.enumerated().map { i, line in i == 0 ? "\(line)" : "<br>\(line)" }
            return "<p class=\"app-body\">\(joined)</p>"
        }
        return "\(paragraphs)"
    }

    /// The logo at the head of a letter; the council's name is the letter's first line, so the
    /// picture needs no words of its own.
    static func letterhead(_ logo: CouncilLogo?) -> HTML {
        logo.map { "<p><img class=\"app-letter__logo\" src=\"\($0.dataURL)\" alt=\"\"></p>" } ?? ""
    }

    static func page(_ letter: Letter, _ r: Representation, logo: CouncilLogo? = nil) -> HTML {
        Layout.page(title: "\(letter.title) – \(r.reference)", section: .dashboard, """
            <p class="app-no-print"><a class="app-link" href="/complaints/\(r.id)#letters">Back to \
            \(r.reference)</a></p>
            <h1>\(letter.title)</h1>
            <ul class="app-list app-no-print">
              <li><a class="app-link" href="/complaints/\(r.id)/email?letter=\(letter.id)">Email this letter</a> \
            from the case</li>
              <li><a class="app-link" href="/complaints/\(r.id)/letters/\(letter.id)?format=docx">Download as a Word \
            document (DOCX)</a></li>
              <li><a class="app-link" href="/complaints/\(r.id)/letters/\(letter.id)?format=html">Download as \
            HTML</a> (print it, or save as PDF)</li>
              \(PDFPrinter.browser == nil ? "" : "<li><a class=\"app-link\" href=\"/complaints/\(r.id)/letters/\(letter.id)?format=pdf\">Download as PDF</a></li>" as HTML)
            </ul>
            <div class="app-letter">\(letterhead(logo))\(letterBody(letter))</div>
            """)
    }

    static func standalone(_ letter: Letter, logo: CouncilLogo? = nil) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, \
        initial-scale=1">
        <title>\(letter.title)</title>
        <style>\(HTML(trusted: Stylesheet.css))</style>
        </head><body><main class="app-width-container app-main">
        \(letterhead(logo))
        \(letterBody(letter))
        </main></body></html>
        """
    }

    static func templates(_ all: [LetterTemplate], editing: LetterTemplate?, errors: [FieldError], notice: String?) -> HTML {
        let fields: [HTML] = LetterTemplate.fields.map { "<tr><th scope=\"row\"><code>{{\($0.name)}}</code></th><td>\($0.meaning)</td></tr>" }
        let forms: [HTML] = all.map { t in
            let shown = editing?.key == t.key ? editing! : t
            let id = "body-\(t.key)"
            let hasError = errors.contains { $0.field == id }
            return """
            <div class="app-summary-card">
              <h2>\(t.name)</h2>
              <form method="post" action="/letters/\(t.key)" novalidate>\(HTML.csrfField)
                <input type="hidden" name="version" value="\(t.version)">
                <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                  <label class="app-label" for="\(id)">Text of the \(t.name.lowercased()) letter</label>
                  \(CaseActionsView.errorMessage(id, errors))
                  <textarea class="app-textarea" id="\(id)" name="body" rows="14"\(HTML.attribute("aria-describedby",
            hasError ? "\(id)-error" : nil))>\(shown.body)</textarea>
                </div>
                <button type="submit" class="app-button app-button--secondary">Save<span class="app-visually-hidden"> \
            the \(t.name.lowercased()) template</span></button>
              </form>
            </div>
            """
        }
        let banner: HTML = notice.map { """
            <div class=\"app-notification\" role=\"region\" aria-labelledby=\"notice-title\"><h2 \
            class=\"app-notification__title\" id=\"notice-title\">\($0)</h2></div>
            """ } ?? ""
        return Layout.page(title: "Letter templates", section: .letters, hasErrors: !errors.isEmpty, """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Letter templates</h1>
            <p class="app-body">Paragraphs are separated by a blank line. Merge fields are filled from the case when \
            a letter is made:</p>
            <div class="app-table-wrap"><table class="app-table"><caption class="app-visually-hidden">Merge \
            fields</caption>
              <thead><tr><th scope="col">Field</th><th scope="col">Filled \
            with</th></tr></thead><tbody>\(fields)</tbody></table></div>
            \(forms)
            """)
    }
}
