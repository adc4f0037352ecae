import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The case page's data, and each step's own page (`GET /complaints/{id}/steps/{key}`): the one
/// form, drawn by the same rules that list it on the case page, with the case's summary above.
struct CasePageRoutes: Sendable {
    let deps: WebDependencies

    /// What the case page shows for `r` to `viewer`.
    func page(
        _ r: Representation, viewer: Viewer, workspace read: CaseWorkspaceRead? = nil, notice: String?,
        extras: HTML
    ) async throws -> CasePage {
        let casework = try await Casework.load(deps)
        let access = CaseAccess(database: deps.database, viewer: viewer)
        let workspace: CaseWorkspaceRead
        if let read { workspace = read } else { workspace = try await access.workspace(of: r) }
        let staff = workspace.users
        var merged: [(reference: String, events: [CaseEvent])] = []
        for link in r.records.links where link.kind == .mergedFrom {
            if let duplicate = try await access.visible(id: link.representationID) {
                merged.append((link.reference, try await access.history(of: duplicate)))
            }
        }
        return CasePage(
            representation: r, procedure: HistoryReplay.procedure(for: r, in: casework.procedures),
            events: workspace.events,
            mergedHistories: merged, today: deps.today(), calendar: casework.calendar, reference: casework.reference,
            people: casework.people,
            users: Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) }),
            staffNames: Dictionary(uniqueKeysWithValues: staff.map { ($0.username, $0.displayName) }),
            notice: notice, extras: extras, canTakeSteps: viewer.may(.takeCaseSteps, on: r),
            documents: workspace.documents, contacts: workspace.contacts,
            viewerUsername: viewer.username)
    }

    /// The confirmation shown on the case after a step.
    static func doneMessage(_ done: String) -> String? {
        switch done {
        case "equality": "Equality monitoring answers saved"
        case "restriction": "Who can see this case has been saved"
        case "restriction-conflict":
            "Someone else changed this case at the same time; check who can see it and try again"
        case "details": "Details corrected"
        case "owner": "Owner saved"
        case "link": "Cases linked"
        case "unlink": "Link removed"
        case "merged": "Merged: this case is now the one to work on"
        case "contact": "Added to the contact log"
        case "email": "Email queued to send, and added to the contact log"
        case "contact-corrected": "Contact log entry corrected"
        default:
            (CaseStep(rawValue: done) as (any CaseForm)? ?? RecordStep(rawValue: done) ?? IntakeStep(rawValue: done))?
                .doneMessage
        }
    }

    /// `GET /complaints/{id}/steps/{key}`: one step's page.
    @Sendable func stepPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let key = try context.parameters.require("step")
        switch try await context.lookUpCase(in: deps.database, permission: .takeCaseSteps, detail: key) {
        case .missing: throw HTTPError(.notFound)
        case .refused:
            return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        case .found(let r, _):
            guard let html = try await stepPage(r, key: key, failed: nil) else { throw HTTPError(.notFound) }
            return try Page(status: .ok, html: html).response(from: request, context: context)
        }
    }

    /// A step's page for `r` (with a failed attempt's values and errors), or `nil` when the step
    /// cannot be taken now.
    func stepPage(_ r: Representation, key: String, failed: FailedStep?) async throws -> HTML? {
        let casework = try await Casework.load(deps)
        let procedure = HistoryReplay.procedure(for: r, in: casework.procedures)
        let today = deps.today()
        let (_, forms) = StepForms.collecting(today: today, drawing: key) { () -> Void in
            if let procedure {
                _ = CaseActionsView.render(
                    r, procedure: procedure, engine: ClockEngine(calendar: casework.calendar),
                    reference: casework.reference,
                    people: casework.people, today: today, failed: failed)
            }
            _ = IntakeView.render(r, procedure: procedure, reference: casework.reference, failed: failed)
            _ = CaseRecordsView.render(
                r, procedure: procedure, reference: casework.reference, today: today, failed: failed)
        }
        guard let form = forms.first(where: { $0.key == key }) else { return nil }
        let users = Dictionary(
            uniqueKeysWithValues: try await UserStore(database: deps.database).all().map { ($0.id, $0.displayName) })
        let summary = CaseSummary(
            r, procedure: procedure, reference: casework.reference, calendar: casework.calendar, today: today,
            users: users)
        return StepPageView.render(
            r, title: form.title, form: form.html, summary: summary, errors: failed?.errors ?? [])
    }
}

enum StepPageView {
    /// One step: the case in a line or two, then the form.
    static func render(
        _ r: Representation, title: String, form: HTML, summary: CaseSummary, errors: [FieldError]
    ) -> HTML {
        let next: HTML =
            summary.next.map { n in
                n.due.isEmpty
                    ? "<p class=\"app-body\">Next deadline: \(n.what), no date yet.</p>"
                    : "<p class=\"app-body\">Next deadline: \(n.what), due <strong>\(n.due)</strong>.</p>"
            } ?? ""
        return Layout.page(
            title: "\(title) – \(r.reference)", section: .cases, hasErrors: !errors.isEmpty,
            """
            <p><a class="app-back-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            \(Layout.errorSummary(errors))
            <span class="app-caption">\(r.kind.displayName) \(r.reference) · \(summary.who) · \(summary.status)</span>
            <h1>\(title)</h1>
            \(next)
            \(form)
            """)
    }
}
