import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// Documents and the contact log of a case. Every page finds its case through `lookUpCase`
/// (the one place that decides who sees a case) and reads documents and entries through
/// `CaseAccess`; a download is written to the audit trail.
struct CorrespondenceRoutes: Sendable {
    let deps: WebDependencies

    enum Found { case found(Representation, Viewer), page(Page) }

    private func find(_ context: AppRequestContext, _ permission: Permission, _ detail: String) async throws -> Found {
        switch try await context.lookUpCase(in: deps.database, permission: permission, detail: detail) {
        case .missing: .page(Page(status: .notFound, html: ErrorPages.notFound))
        case .refused: .page(Page(status: .forbidden, html: AccessPages.forbidden))
        case .found(let r, let viewer): .found(r, viewer)
        }
    }

    // MARK: - Documents

    func documentsPage(
        _ r: Representation, _ viewer: Viewer, added: Int? = nil, errors: [FieldError] = [], kind: String = ""
    ) async throws -> HTML {
        let access = CaseAccess(database: deps.database, viewer: viewer)
        let staff = try await UserStore(database: deps.database).all()
        return CorrespondenceViews.documents(
            r, documents: try await access.documents(of: r),
            staff: Dictionary(uniqueKeysWithValues: staff.map { ($0.username, $0.displayName) }),
            canAdd: viewer.may(.takeCaseSteps, on: r),
            canWithhold: viewer.may(.subjectAccess, on: r), limit: WebDependencies.words(deps.documentLimit),
            added: added, errors: errors, kind: kind)
    }

    @Sendable func documents(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await find(context, .viewCase, "documents") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let added = request.uri.queryParameters.get("added").flatMap(Int.init)
            return try await documentsPage(r, viewer, added: added).response(from: request, context: context)
        }
    }

    /// `POST /complaints/{id}/documents`: one or more files, all kept or none. The middleware has
    /// already refused a body over the limit (413) and checked the form's CSRF token.
    @Sendable func addDocuments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard case .found(let r, let viewer) = try await find(context, .takeCaseSteps, "add documents") else {
            return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        }
        let limit = Endpoint.addCaseDocuments.uploadLimit(deps)!.bytes
        let body = Array(buffer: try await request.body.collect(upTo: limit))
        func refuse(_ message: String, kind: String = "") async throws -> Response {
            try Page(
                status: .unprocessableContent,
                html: try await documentsPage(
                    r, viewer, errors: [FieldError(field: "files", message: message)], kind: kind)
            ).response(from: request, context: context)
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            return try await refuse("Choose one or more files to upload")
        }
        let form: MultipartForm
        do { form = try MultipartForm(body, boundary: boundary) } catch { return try await refuse(error.description) }
        let kind = CaseDocument.Kind(rawValue: form["kind"]) ?? .other
        let files = form.files("files")
        guard !files.isEmpty else { return try await refuse("Choose one or more files to upload", kind: kind.rawValue) }
        for file in files {
            let name = CaseDocument.safeFilename(file.filename ?? "")
            guard CaseDocument.mediaType(of: name) != nil else {
                return try await refuse(
                    """
                    \(name) cannot be kept: choose PDF, Word or OpenDocument, picture, email, spreadsheet or text \
                    files
                    """,
                    kind: kind.rawValue)
            }
            guard !file.body.isEmpty else { return try await refuse("\(name) is empty", kind: kind.rawValue) }
        }
        let uploads = files.map { DocumentStore.Upload(filename: $0.filename ?? "", kind: kind, bytes: $0.body) }
        _ = try await DocumentStore(database: deps.database).add(uploads, to: r.id, by: viewer.username)
        try await AuditLog(database: deps.database).append(
            context.audit(.changedCase, r, detail: "\(files.count) document(s) added"))
        return Response(
            status: .seeOther, headers: [.location: "/complaints/\(r.id)/documents?added=\(files.count)"])
    }

    /// The document named in the path with its bytes, read (and audited as `reading`) for a
    /// viewer who may see its case; `nil` with the page to answer otherwise.
    private func readDocument(
        _ request: Request, _ context: AppRequestContext, reading: String, onlyText: Bool = false,
        _ answer: (Representation, CaseDocument, [UInt8]) async throws -> Response
    ) async throws -> Response {
        switch try await find(context, .viewCase, "document") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let id = try context.parameters.require("document")
            guard
                let (document, bytes) = try await CaseAccess(database: deps.database, viewer: viewer)
                    .document(id, of: r), !onlyText || document.hasTextPreview
            else { throw HTTPError(.notFound) }
            try await AuditLog(database: deps.database).append(
                context.audit(.downloadedDocument, r, detail: "\(reading), \(document.id)"))
            return try await answer(r, document, bytes)
        }
    }

    @Sendable func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await readDocument(request, context, reading: "downloaded") { _, document, bytes in
            let ascii = String(document.filename.unicodeScalars.map { $0.isASCII && $0 != "\\" ? Character($0) : "_" })
            let encoded = document.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return Response(
                status: .ok,
                headers: [
                    .contentType: document.mediaType,
                    .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    @Sendable func documentText(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await readDocument(request, context, reading: "read as text", onlyText: true) { r, document, bytes in
            let shown = bytes.prefix(200 * 1024)
            return try CorrespondenceViews.text(
                r, document: document, text: String(decoding: shown, as: UTF8.self), cut: shown.count < bytes.count
            ).response(from: request, context: context)
        }
    }

    @Sendable func withholdForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await withholding(request, context, fields: nil)
    }

    @Sendable func withhold(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        return try await withholding(request, context, fields: fields)
    }

    private func withholding(
        _ request: Request, _ context: AppRequestContext, fields: FormFields?
    ) async throws -> Response {
        switch try await find(context, .subjectAccess, "withhold document") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let id = try context.parameters.require("document")
            let store = DocumentStore(database: deps.database)
            guard
                let document = try await CaseAccess(database: deps.database, viewer: viewer).documentRecord(id, of: r)
            else { throw HTTPError(.notFound) }
            guard let fields else {
                return try CorrespondenceViews.withhold(r, document: document, reason: "", errors: [])
                    .response(from: request, context: context)
            }
            let reason = fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
            if fields["action"] == "withhold" {
                let problem =
                    reason.isEmpty
                    ? "Enter why the document is withheld"
                    : reason.count > 500 ? "The reason must be 500 characters or fewer" : nil
                if let problem {
                    return try Page(
                        status: .unprocessableContent,
                        html: CorrespondenceViews.withhold(
                            r, document: document, reason: reason,
                            errors: [FieldError(field: "reason", message: problem)])
                    ).response(from: request, context: context)
                }
                try await store.withhold(
                    id: id, .init(reason: reason, by: viewer.displayName, on: deps.today()))
            } else {
                try await store.withhold(id: id, nil)
            }
            try await AuditLog(database: deps.database).append(
                context.audit(
                    .changedCase, r,
                    detail: "\(fields["action"] == "withhold" ? "withheld" : "included") document \(document.id)"))
            return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)/documents"])
        }
    }
}
