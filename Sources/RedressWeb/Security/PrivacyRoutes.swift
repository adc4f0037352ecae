import Foundation
import Hummingbird
import Logging
import RedressCore
import RedressStorage

/// Subject access (find and export everything held about a person) and the retention schedule
/// (dry run and purge). Names travel only in POST bodies, never in URLs or logs.
struct PrivacyRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func subjectAccessForm(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        SubjectAccessView.form(name: "", errors: [])
    }

    @Sendable func subjectAccessSearch(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let name = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))["name"]
            .trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else {
            return Page(
                status: .unprocessableContent,
                html: SubjectAccessView.form(
                    name: name,
                    errors: [
                        FieldError(
                            field: "name",
                            message: name.isEmpty
                                ? "Enter the person's full name" : "Name must be 200 characters or fewer")
                    ]))
        }
        let hits = try await context.cases(deps.database).subjectAccessHits(name: name).map(\.hit)
        try await AuditLog(database: deps.database).append(
            context.audit(.subjectAccessSearch, detail: "\(hits.count) case(s) found"))
        return Page(status: .ok, html: SubjectAccessView.results(name: name, hits: hits))
    }

    @Sendable func subjectAccessExport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let name = fields["name"].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw HTTPError(.badRequest) }
        let viewer = try context.requireViewer()
        let document = try await SubjectAccessDocument.build(
            name: name, access: CaseAccess(database: deps.database, viewer: viewer),
            generatedBy: viewer.username, today: deps.today())
        try await AuditLog(database: deps.database).append(
            context.audit(
                .subjectAccessExport,
                detail: "\(document.cases.count) case(s), \(fields["format"] == "json" ? "JSON" : "HTML")"))
        let casework = try await Casework.load(deps)
        let (body, type, ext) =
            fields["format"] == "json"
            ? (try document.json(), "application/json", "json")
            : (SubjectAccessView.document(document, casework: casework).description, "text/html; charset=utf-8", "html")
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"subject-access-\(deps.today().iso).\(ext)\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Sendable func retention(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let due = try await RetentionStore(database: deps.database).review(today: deps.today())
        let schedule = try await SettingsStore(database: deps.database).retentionSchedule()
        try await AuditLog(database: deps.database).append(
            context.audit(.retentionReviewed, detail: "\(due.count) case(s) due"))
        let purged = request.uri.queryParameters.get("purged").flatMap(Int.init)
        return RetentionView.render(schedule: schedule, due: due, today: deps.today(), purged: purged, error: nil)
    }

    @Sendable func purge(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        guard fields["confirm"] == "yes" else {
            let due = try await RetentionStore(database: deps.database).review(today: deps.today())
            let schedule = try await SettingsStore(database: deps.database).retentionSchedule()
            let html = RetentionView.render(
                schedule: schedule, due: due, today: deps.today(), purged: nil,
                error: FieldError(
                    field: "confirm", message: "Confirm that the cases listed should lose their personal data"))
            return try Page(status: .unprocessableContent, html: html).response(from: request, context: context)
        }
        let viewer = try context.requireViewer()
        let purged = try await RetentionStore(database: deps.database).purge(
            today: deps.today(), by: viewer.username, userID: viewer.userID)
        context.logger.info("retention purge", metadata: ["cases": "\(purged.count)"])
        return Response(status: .seeOther, headers: [.location: "/retention?purged=\(purged.count)"])
    }
}

/// Everything held about a person, for a subject access response: each case's full record and
/// its history, with the basis of each match and the free-text hits to review.
struct SubjectAccessDocument: Codable, Sendable {
    struct Case: Codable, Sendable {
        var hit: SubjectAccessHit
        var needsReview: Bool
        var representation: Representation
        var history: [HistoryEntry]
        /// Every document on the case but those withheld from subject access, with its bytes.
        var documents: [DocumentCopy] = []
        var contacts: [ContactEntry] = []
    }

    struct DocumentCopy: Codable, Sendable {
        var filename: String
        var kind: String
        var mediaType: String
        var size: Int
        var sha256: String
        var base64: String
    }

    struct HistoryEntry: Codable, Sendable {
        var recordedAt: String
        var recordedBy: String
        var summary: String
    }

    var requestedName: String
    var generatedOn: CalendarDate
    var generatedBy: String
    var cases: [Case]

    /// Everything `access` may see about the named person: a restricted case is in it only for
    /// those named on it, so a subject access search cannot reach round a restriction.
    static func build(
        name: String, access: CaseAccess, generatedBy: String, today: CalendarDate
    ) async throws -> SubjectAccessDocument {
        var cases: [Case] = []
        for (hit, r) in try await access.subjectAccessHits(name: name) {
            let events = try await access.history(of: r)
            var documents: [DocumentCopy] = []
            for document in try await access.documents(of: r) where document.withheld == nil {
                guard let (d, bytes) = try await access.document(document.id, of: r) else { continue }
                documents.append(
                    DocumentCopy(
                        filename: d.filename, kind: d.kind.displayName, mediaType: d.mediaType, size: d.size,
                        sha256: d.sha256, base64: Data(bytes).base64EncodedString()))
            }
            cases.append(
                Case(
                    hit: hit, needsReview: hit.needsReview, representation: r,
                    history: events.map {
                        HistoryEntry(recordedAt: $0.recordedAt, recordedBy: $0.recordedBy, summary: $0.summary)
                    }, documents: documents, contacts: try await access.contacts(of: r)))
        }
        return SubjectAccessDocument(requestedName: name, generatedOn: today, generatedBy: generatedBy, cases: cases)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Subject access export for the command line: the same document the web page downloads.
/// Returns the document and the number of cases in it.
public func subjectAccessExport(
    name: String, json: Bool, database: Database, generatedBy: String, today: CalendarDate, logger: Logger
) async throws -> (document: String, cases: Int) {
    let document = try await SubjectAccessDocument.build(
        name: name, access: .commandLine(database), generatedBy: generatedBy, today: today)
    let deps = WebDependencies(database: database, today: { today }, logger: logger)
    let text =
        json
        ? try document.json()
        : SubjectAccessView.document(document, casework: try await Casework.load(deps)).description
    return (text, document.cases.count)
}
