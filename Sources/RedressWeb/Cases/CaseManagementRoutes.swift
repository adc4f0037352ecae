import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The case as a piece of work: correcting its details, its owner, links to other cases and
/// merging a duplicate — each a page of its own, each a checked, versioned step in the history.
struct CaseManagementRoutes: Sendable {
    let deps: WebDependencies

    enum Form: String { case details, owner, links, merge }

    /// The case for a casework page, if the viewer may take steps on it.
    enum Workable { case success((Representation, Viewer)), failure(Page) }

    private func workable(_ context: AppRequestContext, _ form: Form) async throws -> Workable {
        switch try await context.lookUpCase(in: deps.database, permission: .takeCaseSteps, detail: form.rawValue) {
        case .missing: return .failure(Page(status: .notFound, html: ErrorPages.notFound))
        case .refused: return .failure(Page(status: .forbidden, html: AccessPages.forbidden))
        case .found(let r, let viewer):
            if r.mergedInto != nil { return .failure(Page(status: .conflict, html: CaseManagementViews.merged(r))) }
            return .success((r, viewer))
        }
    }

    /// Staff who can own cases: active users whose role reaches every case and takes steps.
    func owners() async throws -> [User] {
        let policy = try await deps.configuration().accessPolicy
        return try await UserStore(database: deps.database).all().filter {
            !$0.isDisabled && policy.grant(for: $0.role).caseScope == .all
                && policy.grant(for: $0.role).permissions.contains(.takeCaseSteps)
        }
    }

    private func lifecycle(for r: Representation) async throws -> Lifecycle {
        let casework = try await Casework.load(deps)
        guard let procedure = HistoryReplay.procedure(for: r, in: casework.procedures) else {
            throw HTTPError(.notFound)
        }
        return Lifecycle(
            procedure: procedure, calendar: casework.calendar, today: deps.today(), people: casework.people,
            reference: casework.reference)
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let form = Form(rawValue: request.uri.path.split(separator: "/").last.map(String.init) ?? "") else {
            throw HTTPError(.notFound)
        }
        switch try await workable(context, form) {
        case .failure(let page): return try page.response(from: request, context: context)
        case .success(let (r, _)):
            return try Page(status: .ok, html: try await page(form, r, fields: FormFields(values: [:]), errors: []))
                .response(from: request, context: context)
        }
    }

    func page(_ form: Form, _ r: Representation, fields: FormFields, errors: [FieldError]) async throws -> HTML {
        let casework = try await Casework.load(deps)
        switch form {
        case .details:
            return CaseManagementViews.details(r, reference: casework.reference, fields: fields, errors: errors)
        case .owner: return CaseManagementViews.owner(r, owners: try await owners(), fields: fields, errors: errors)
        case .links: return CaseManagementViews.links(r, fields: fields, errors: errors)
        case .merge: return CaseManagementViews.merge(r, fields: fields, errors: errors)
        }
    }

    /// Saves a casework step, or shows its form again with what went wrong.
    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let parts = request.uri.path.split(separator: "/").map(String.init)
        guard let form = Form(rawValue: parts.last ?? "") else { throw HTTPError(.notFound) }
        let r: Representation, viewer: Viewer
        switch try await workable(context, form) {
        case .failure(let page): return try page.response(from: request, context: context)
        case .success(let found): (r, viewer) = found
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        func reshow(
            _ errors: [FieldError], status: HTTPResponse.Status, latest: Representation? = nil
        ) async throws -> Response {
            try Page(
                status: status,
                html: try await page(
                    form, latest ?? r, fields: latest == nil ? fields : FormFields(values: [:]), errors: errors)
            )
            .response(from: request, context: context)
        }
        guard let version = Int(fields["version"]) else {
            return try await reshow(
                [FieldError(field: "reason", message: "The form was incomplete; try again")], status: .badRequest)
        }
        switch try await perform(
            form, on: r, fields: fields, expectedVersion: version, viewer: viewer, context: context)
        {
        case .done(let updated, let survivor):
            let done = form == .links ? "link" : form == .merge ? "merged" : form.rawValue
            return Response(
                status: .seeOther, headers: [.location: "/complaints/\((survivor ?? updated).id)?done=\(done)"])
        case .invalid(let errors, let status, let latest):
            return try await reshow(errors, status: status, latest: latest)
        }
    }

    /// What a casework step did: the case as saved (and, after a merge, the case kept), or
    /// why it was refused.
    enum Outcome {
        case done(Representation, survivor: Representation?)
        case invalid([FieldError], HTTPResponse.Status, latest: Representation?)
    }

    /// Takes a casework step on `r` from the form's (or the API body's) fields. One place for the
    /// pages and the API, so both check and save alike.
    func perform(
        _ form: Form, on r: Representation, fields: FormFields, expectedVersion version: Int, viewer: Viewer,
        context: AppRequestContext
    ) async throws -> Outcome {
        let access = CaseAccess(database: deps.database, viewer: viewer)
        let lifecycle = try await lifecycle(for: r)
        let audit = context.audit(.changedCase, detail: form.rawValue)
        func invalid(_ field: String, _ message: String) -> Outcome {
            .invalid([FieldError(field: field, message: message)], .unprocessableContent, latest: nil)
        }
        do {
            switch form {
            case .details:
                let changes = CaseManagementForms.detailChanges(r, fields: fields)
                guard !changes.isEmpty else {
                    return invalid(CaseManagementForms.fields(for: r)[0].rawValue, "Nothing was changed")
                }
                return .done(
                    try await access.apply(
                        .editDetails(changes, reason: fields["reason"]), to: r, expectedVersion: version,
                        lifecycle: lifecycle,
                        recordedBy: viewer.username, audit: audit), survivor: nil)
            case .owner:
                let chosen = fields["owner"]
                let owner = chosen.isEmpty || chosen == RepresentationFilter.nobody ? nil : chosen
                let staff = try await owners()
                guard owner == nil || staff.contains(where: { $0.id == owner }) else {
                    return invalid("owner", "Select a member of the complaints team")
                }
                let notice = staff.first { $0.id == owner }.flatMap { user in
                    user.email.map { email in
                        OutboxMessage(
                            recipient: email, subject: "Case \(r.reference) is now yours",
                            body:
                                """
                                    \(viewer.displayName) made you the owner of \(r.kind.displayName.lowercased()) \
                                    \(r.reference). It is on your My cases page in Redress.
                                    """,
                            nextAttemptAt: deps.security.now())
                    }
                }
                return .done(
                    try await access.apply(
                        .assignOwner(userID: owner, on: deps.today()), to: r, expectedVersion: version,
                        lifecycle: lifecycle,
                        recordedBy: viewer.username, audit: audit, messages: notice.map { [$0] } ?? []), survivor: nil)
            case .links, .merge:
                let typed = fields["reference"].trimmingCharacters(in: .whitespaces)
                guard !typed.isEmpty else { return invalid("reference", "Enter the other case's reference") }
                guard let other = try await access.visible(reference: typed) else {
                    return invalid("reference", "There is no case \(typed.uppercased()) that you can see")
                }
                let otherLifecycle = try await self.lifecycle(for: other)
                if form == .links {
                    guard let kind = CaseLink.Kind(rawValue: fields["kind"]), CaseLink.Kind.chosen.contains(kind) else {
                        return invalid("kind", "Select how the cases are linked")
                    }
                    let (updated, _) = try await access.applyPair(
                        .link(
                            CaseLink(
                                kind: kind, representationID: other.id, reference: other.reference,
                                linkedOn: deps.today())), to: r,
                        expectedVersion: version, lifecycle: lifecycle,
                        .link(
                            CaseLink(
                                kind: kind.reciprocal, representationID: r.id, reference: r.reference,
                                linkedOn: deps.today())), to: other,
                        otherLifecycle: otherLifecycle, recordedBy: viewer.username, audit: audit)
                    return .done(updated, survivor: nil)
                }
                guard fields["confirm"] == "yes" else {
                    return invalid("confirm", "Confirm that \(r.reference) is a duplicate of \(other.reference)")
                }
                let (updated, survivor) = try await access.applyPair(
                    .mergeInto(survivorID: other.id, reference: other.reference, on: deps.today()), to: r,
                    expectedVersion: version, lifecycle: lifecycle,
                    .absorb(duplicateID: r.id, reference: r.reference, on: deps.today()), to: other,
                    otherLifecycle: otherLifecycle,
                    recordedBy: viewer.username,
                    audit: context.audit(.changedCase, detail: "merged into \(other.reference)"))
                return .done(updated, survivor: survivor)
            }
        } catch let error as LifecycleError {
            return invalid(CaseManagementForms.fieldID(error.field, form: form), error.message)
        } catch DatabaseError.conflict {
            return .invalid(
                [
                    FieldError(
                        field: CaseManagementForms.fieldID("", form: form),
                        message:
                            "\(r.reference) was changed by someone else since you opened it. Check it and try again")
                ],
                .conflict, latest: try await access.latest(r))
        }
    }

    /// `POST /complaints/{id}/links/{other}/remove`: removes a link from both cases.
    @Sendable func unlink(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let r: Representation, viewer: Viewer
        switch try await workable(context, .links) {
        case .failure(let page): return try page.response(from: request, context: context)
        case .success(let found): (r, viewer) = found
        }
        let otherID = try context.parameters.require("other")
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let access = CaseAccess(database: deps.database, viewer: viewer)
        guard let version = Int(fields["version"]), let other = try await access.visible(id: otherID) else {
            throw HTTPError(.notFound)
        }
        do {
            _ = try await access.applyPair(
                .unlink(representationID: other.id), to: r, expectedVersion: version,
                lifecycle: try await lifecycle(for: r),
                .unlink(representationID: r.id), to: other, otherLifecycle: try await lifecycle(for: other),
                recordedBy: viewer.username, audit: context.audit(.changedCase, detail: "unlink"))
        } catch let error as LifecycleError {
            return try Page(
                status: .unprocessableContent,
                html: try await page(
                    .links, r, fields: fields, errors: [FieldError(field: "reference", message: error.message)])
            )
            .response(from: request, context: context)
        } catch DatabaseError.conflict {
            return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)/links"])
        }
        return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=unlink"])
    }
}

/// What the casework forms send, read into steps.
enum CaseManagementForms {
    /// The details form's fields, for the kind of case.
    static func fields(for r: Representation) -> [DetailField] {
        var fields: [DetailField] = [.complainantName, .contact, .relationship, .method, .service, .summary]
        if r.kind.isHandledAsCase { fields += [.subjectName, .childOrYoungPerson, .advocate] }
        if r.kind == .compliment { fields += [.team, .publicationQuote, .quoteConsent] }
        return fields
    }

    /// The corrections a details form makes: each field whose value differs from the case's.
    static func detailChanges(_ r: Representation, fields form: FormFields) -> [DetailChange] {
        fields(for: r).compactMap { field in
            let current = field.value(of: r).flatMap { $0.isEmpty ? nil : $0 }
            let typed = form[field.rawValue].trimmingCharacters(in: .whitespacesAndNewlines)
            let new: String? = typed.isEmpty ? nil : typed
            return new == current ? nil : DetailChange(field: field, from: current, to: new)
        }
    }

    /// The form field a lifecycle error belongs to.
    static func fieldID(_ field: String, form: CaseManagementRoutes.Form) -> String {
        switch form {
        case .details: DetailField(rawValue: field) != nil || field == "reason" ? field : "reason"
        case .owner: "owner"
        case .links: field == "kind" ? "kind" : "reference"
        case .merge: field == "confirm" ? "confirm" : "reference"
        }
    }
}
