import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /complaints/{id}/contacts` to add to a case's contact log, and
/// `GET/POST /complaints/{id}/contacts/{contact}` for the author to correct an entry (from the
/// version they saw; a stale or someone else's correction is refused and nothing changes).
struct ContactLogRoutes: Sendable {
    let deps: WebDependencies

    private func workable(
        _ context: AppRequestContext, _ detail: String
    ) async throws
        -> CorrespondenceRoutes.Found
    {
        switch try await context.lookUpCase(in: deps.database, permission: .takeCaseSteps, detail: detail) {
        case .missing: .page(Page(status: .notFound, html: ErrorPages.notFound))
        case .refused: .page(Page(status: .forbidden, html: AccessPages.forbidden))
        case .found(let r, let viewer): .found(r, viewer)
        }
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await workable(context, "contact log") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, _):
            return try ContactLogViews.form(
                r, values: ContactLogViews.blank(today: deps.today()), errors: [], editing: nil, history: []
            ).response(from: request, context: context)
        }
    }

    @Sendable func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        switch try await workable(context, "contact log") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let (entry, errors) = ContactLogViews.entry(
                from: fields, id: UUID().uuidString.lowercased(), r: r,
                author: (viewer.username, viewer.displayName), today: deps.today())
            guard let entry else {
                return try Page(
                    status: .unprocessableContent,
                    html: ContactLogViews.form(r, values: fields, errors: errors, editing: nil, history: [])
                ).response(from: request, context: context)
            }
            _ = try await ContactLogStore(database: deps.database).add(entry)
            try await AuditLog(database: deps.database).append(
                context.audit(.changedCase, r, detail: "contact log: \(entry.kind.rawValue) added"))
            return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=contact#changes"])
        }
    }

    /// The entry of this case named in the path with its versions, if the viewer wrote it.
    private func ownEntry(
        _ context: AppRequestContext, _ r: Representation, _ viewer: Viewer
    ) async throws
        -> (entry: ContactEntry, history: [ContactEntry])?
    {
        let id = try context.parameters.require("contact")
        guard
            let (entry, history) = try await CaseAccess(database: deps.database, viewer: viewer)
                .contactEntry(id, of: r)
        else { throw HTTPError(.notFound) }
        return entry.author == viewer.username ? (entry, history) : nil
    }

    @Sendable func entry(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await workable(context, "contact log") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            guard let (entry, history) = try await ownEntry(context, r, viewer) else {
                return try Page(status: .forbidden, html: AccessPages.forbidden).response(
                    from: request, context: context)
            }
            return try ContactLogViews.form(
                r, values: ContactLogViews.values(entry), errors: [], editing: entry, history: history
            ).response(from: request, context: context)
        }
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        switch try await workable(context, "contact log") {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            guard let (current, history) = try await ownEntry(context, r, viewer) else {
                return try Page(status: .forbidden, html: AccessPages.forbidden).response(
                    from: request, context: context)
            }
            let store = ContactLogStore(database: deps.database)
            let (entry, errors) = ContactLogViews.entry(
                from: fields, id: current.id, r: r, author: (viewer.username, viewer.displayName), today: deps.today())
            func reshow(_ errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
                try Page(
                    status: status,
                    html: ContactLogViews.form(r, values: fields, errors: errors, editing: current, history: history)
                ).response(from: request, context: context)
            }
            guard let entry else { return try await reshow(errors, status: .unprocessableContent) }
            do {
                try await store.correct(entry, expectedVersion: Int(fields["version"]) ?? -1, by: viewer.username)
            } catch DatabaseError.conflict {
                let message =
                    "This entry was changed since you opened it. Your text is below; compare it with the earlier "
                    + "versions and save again."
                return try await reshow([FieldError(field: "summary", message: message)], status: .conflict)
            }
            try await AuditLog(database: deps.database).append(
                context.audit(.changedCase, r, detail: "contact log: entry corrected"))
            return Response(
                status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=contact-corrected#changes"])
        }
    }
}
