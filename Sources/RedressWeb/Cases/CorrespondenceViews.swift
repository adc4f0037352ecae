import Foundation
import RedressCore

/// The pages of what is said and sent on a case: its documents (list, upload, text preview,
/// withholding from subject access) and its contact log (add, correct).
enum CorrespondenceViews {
    static func size(_ bytes: Int) -> String {
        bytes < 1024
            ? "\(bytes) bytes"
            : bytes < 1024 * 1024
                ? "\((bytes + 512) / 1024) KB"
                : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    static func when(_ timestamp: String) -> String {
        String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// The documents page: the list, then the upload form for those who may add.
    static func documents(
        _ r: Representation, documents: [CaseDocument], staff: [String: String], canAdd: Bool, canWithhold: Bool,
        limit: String, added: Int?, errors: [FieldError], kind: String
    ) -> HTML {
        let banner: HTML =
            added.map {
                """
                <div class="app-notification" role="region" aria-labelledby="added-title">
                <h2 class="app-notification__title" id="added-title">\($0 == 1 ? "1 document" : "\($0) documents") \
                added</h2></div>
                """
            } ?? ""
        let rows: [HTML] = documents.map { d in
            let base = "/complaints/\(r.id)/documents/\(d.id)"
            let access: HTML =
                d.withheld.map {
                    "<strong class=\"app-tag app-tag--orange\">Withheld</strong> \($0.reason)"
                } ?? "Included"
            let actions: [HTML] = [
                d.hasTextPreview
                    ? """
                    <a class=\"app-link\" href=\"\(base)/text\">Read<span class=\"app-visually-hidden\"> \
                    \(d.filename)</span></a>
                    """
                    : nil,
                canWithhold
                    ? """
                    <a class="app-link" href="\(base)/withhold">\(d.withheld == nil ? "Withhold" : "Include")\
                    <span class="app-visually-hidden"> \(d.filename)</span></a>
                    """ : nil,
            ].compactMap { $0 }
            return """
                <tr><td><a class="app-link" href="\(base)">\(d.filename)</a><br><span class="app-hint">\
                \(size(d.size))</span></td><td>\(d.kind.displayName)</td><td>\(staff[d.uploadedBy] ?? d.uploadedBy)<br>\
                <span class="app-hint">\(when(d.uploadedAt))</span></td><td>\(access)</td><td>\
                \(HTML(trusted: actions.map(\.description).joined(separator: "<br>")))</td></tr>
                """
        }
        let list: HTML =
            documents.isEmpty
            ? "<p class=\"app-body\">No documents are kept on this case yet.</p>"
            : """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">Documents on \(r.reference)</caption>
              <thead><tr><th scope="col">Document</th><th scope="col">Kind</th><th scope="col">Added by</th>\
            <th scope="col">Subject access</th><th scope="col"><span class="app-visually-hidden">Actions</span>\
            </th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            """
        let hasError = errors.contains { $0.field == "files" }
        let form: HTML =
            canAdd
            ? """
            <h2 class="app-heading-m">Add documents</h2>
            <form method="post" action="/complaints/\(r.id)/documents" enctype="multipart/form-data" novalidate>\
            \(HTML.csrfField)
              <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                <label class="app-label" for="files">Choose the files</label>
                <p class="app-hint" id="files-hint">PDF, Word or OpenDocument, pictures, emails (.eml or .msg), \
            spreadsheets or text; you can choose several. Up to \(limit) in all.</p>
                \(CaseActionsView.errorMessage("files", errors))
                <input class="app-file-upload" id="files" name="files" type="file" multiple \
            aria-describedby="files-hint\(hasError ? " files-error" : "")">
              </div>
              \(CaseActionsView.select(
                "kind", label: "What they are",
                options: CaseDocument.Kind.allCases.map { ($0.rawValue, $0.displayName) },
                selected: kind, errors: errors))
              <button type="submit" class="app-button">Upload</button>
            </form>
            """ : ""
        return Layout.page(
            title: "Documents on \(r.reference)", section: .cases, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <span class="app-caption">\(r.kind.displayName) \(r.reference)</span>
            <h1>Documents</h1>
            \(list)
            \(form)
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            """)
    }

    /// A text document (plain text, CSV, an email) shown as its text.
    static func text(_ r: Representation, document: CaseDocument, text: String, cut: Bool) -> HTML {
        Layout.page(
            title: "\(document.filename) on \(r.reference)", section: .cases,
            """
            <span class="app-caption">\(r.kind.displayName) \(r.reference) · \(document.kind.displayName)</span>
            <h1>\(document.filename)</h1>
            \(cut ? "<p class=\"app-body\">The first 200 KB; download the file for all of it.</p>" as HTML : "")
            <pre class="app-preview">\(text)</pre>
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)/documents/\(document.id)">Download \
            it</a> · <a class="app-link" href="/complaints/\(r.id)/documents">Back to the documents</a></p>
            """)
    }

    /// Withholding one document from subject access exports, or including it again.
    static func withhold(_ r: Representation, document: CaseDocument, reason: String, errors: [FieldError]) -> HTML {
        let action = "/complaints/\(r.id)/documents/\(document.id)/withhold"
        let body: HTML =
            if let withheld = document.withheld {
                """
                <p class="app-body">This document is left out of subject access exports: “\(withheld.reason)” \
                (\(withheld.by), \(withheld.on.longDisplay)).</p>
                <form method="post" action="\(action)" novalidate>\(HTML.csrfField)
                  <input type="hidden" name="action" value="include">
                  <button type="submit" class="app-button">Include it in subject access exports again</button>
                </form>
                """
            } else {
                """
                <p class="app-body">A withheld document stays on the case and can be read by the team; it is left \
                out of every subject access export until it is included again.</p>
                <form method="post" action="\(action)" novalidate>\(HTML.csrfField)
                  <input type="hidden" name="action" value="withhold">
                  \(CaseActionsView.textarea(
                    "reason", label: "Why it is withheld",
                    hint: "For example: it is about a third party who has not agreed to its release.",
                    value: reason, errors: errors))
                  <button type="submit" class="app-button">Withhold from subject access</button>
                </form>
                """
            }
        return Layout.page(
            title: "Subject access: \(document.filename)", section: .cases, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <span class="app-caption">\(r.kind.displayName) \(r.reference)</span>
            <h1>Subject access: \(document.filename)</h1>
            \(body)
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)/documents">Back to the documents</a></p>
            """)
    }
}
