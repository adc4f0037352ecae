import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The steps staff take on a case (`POST /complaints/{id}/steps/{step}`): each form is parsed
/// into a `CaseCommand`, checked by the lifecycle and saved with the version the form was
/// rendered from, so two people's changes never overwrite each other silently.
struct CaseActionRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func takeStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let stepName = try context.parameters.require("step")
        guard
            let step: any CaseForm = CaseStep(rawValue: stepName) ?? RecordStep(rawValue: stepName)
                ?? IntakeStep(rawValue: stepName)
        else {
            throw HTTPError(.notFound)
        }
        let casework = try await Casework.load(deps)
        let viewer = try context.requireViewer()
        let access = try context.cases(deps.database)
        let current: Representation
        switch try await access.lookUp(
            id: id, permission: .takeCaseSteps,
            refused: { r in
                try await AuditLog(database: deps.database).append(context.audit(.refusedAccess, r, detail: stepName))
            })
        {
        case .missing: throw HTTPError(.notFound)
        case .refused:
            return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        case .found(let found): current = found
        }
        guard let procedure = HistoryReplay.procedure(for: current, in: casework.procedures) else {
            throw HTTPError(.notFound)
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let today = deps.today()

        func reshow(
            _ errors: [FieldError], status: HTTPResponse.Status, conflict: Bool = false
        ) async throws -> Response {
            // The step's own page again, with what was typed (or, after a conflict, as it is now).
            let latest = try await access.latest(current) ?? current
            // The step's page: by the key its form sent, else by the step and the record it names.
            let named = ["referral", "remedy", "point", "action"].compactMap { name in
                fields[name].isEmpty ? nil : (name, fields[name])
            }
            let keys = [
                String(fields["form-key"].prefix(120)), StepForms.key(step.rawValue, hidden: named), step.rawValue,
            ].filter { !$0.isEmpty }
            let failed = FailedStep(
                step: step.rawValue, fields: conflict ? FormFields(values: [:]) : fields, errors: errors)
            let pages = CasePageRoutes(deps: deps)
            var html: HTML?
            for key in keys where html == nil { html = try await pages.stepPage(latest, key: key, failed: failed) }
            if html == nil {
                html = CasePageView.render(
                    try await pages.page(latest, viewer: viewer, notice: errors.first?.message, extras: ""))
            }
            return try Page(status: status, html: html!).response(from: request, context: context)
        }

        let command: CaseCommand
        switch step.command(from: fields, today: today, newID: UUID().uuidString.lowercased()) {
        case .failure(let errors): return try await reshow(errors.errors, status: .unprocessableContent)
        case .success(let parsed): command = parsed
        }
        guard let version = Int(fields["version"]) else {
            return try await reshow(
                [FieldError(field: step.anchor, message: "The form was incomplete; try again")], status: .badRequest)
        }
        let lifecycle = Lifecycle(
            procedure: procedure, calendar: casework.calendar, today: today, people: casework.people,
            reference: casework.reference)
        do {
            let updated = try await access.apply(
                command, to: current, expectedVersion: version, lifecycle: lifecycle, recordedBy: viewer.username,
                audit: context.audit(.changedCase, detail: step.rawValue))
            context.logger.info(
                "case step recorded",
                metadata: ["reference": .string(updated.reference), "step": .string(step.rawValue)])
            return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=\(step.rawValue)"])
        } catch let error as LifecycleError {
            return try await reshow(
                [FieldError(field: step.fieldID(for: error.field), message: error.message)],
                status: .unprocessableContent)
        } catch let error as DatabaseError {
            guard case .conflict = error else { throw error }
            return try await reshow(
                [FieldError(field: step.anchor, message: error.description)], status: .conflict, conflict: true)
        }
    }
}

extension CaseActionRoutes {
    /// Restricts a case to named users, or lifts the restriction. The person restricting it is
    /// always among the named users, so no one can lock a case away from everyone.
    @Sendable func restrict(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let viewer = try context.requireViewer()
        let access = try context.cases(deps.database)
        let current: Representation
        switch try await access.lookUp(
            id: id, permission: .restrictCase,
            refused: { r in
                try await AuditLog(database: deps.database).append(
                    context.audit(.refusedAccess, r, detail: "restriction"))
            })
        {
        case .missing: throw HTTPError(.notFound)
        case .refused:
            return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        case .found(let found): current = found
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        guard let version = Int(fields["version"]) else { throw HTTPError(.badRequest) }
        let known = Set(try await UserStore(database: deps.database).all().map(\.id))
        let named: [String]? =
            fields["restrict"] == "yes"
            ? Array(Set(fields.all("users").filter(known.contains) + [viewer.userID])).sorted() : nil
        do {
            _ = try await access.restrict(
                current, to: named, expectedVersion: version,
                audit: context.audit(
                    .restrictedCase, detail: named.map { "restricted to \($0.count) user(s)" } ?? "restriction lifted"))
        } catch DatabaseError.conflict {
            return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=restriction-conflict"])
        }
        return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=restriction"])
    }
}
