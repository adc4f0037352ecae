import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/triage`: the inbox of public form submissions. A complaints officer records each as the
/// right representation — complaint, compliment or comment, with its service and who made it —
/// or declines it with a reason, in a few clicks.
struct TriageRoutes: Sendable {
    let deps: WebDependencies

    var store: SubmissionStore { SubmissionStore(database: deps.database) }

    @Sendable func inbox(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let notice = request.uri.queryParameters.get("done").map {
            $0 == "declined" ? "Submission declined" : "Submission recorded"
        }
        return TriageViews.inbox(try await store.list(status: .new), notice: notice)
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let id = try context.parameters.require("id")
        guard id.count <= 64, let s = try await store.submission(id: id) else {
            return Page(status: .notFound, html: ErrorPages.notFound)
        }
        let casework = try await Casework.load(deps)
        return Page(
            status: .ok,
            html: TriageViews.submission(s, reference: casework.reference, input: Self.defaults(for: s), errors: []))
    }

    /// What the record form starts with: the submission's own answers mapped to the code lists.
    static func defaults(for s: PublicSubmission) -> FormFields {
        let relationship: String =
            switch s.onBehalfOf {
            case "self":
                s.youngPerson
                    ? "service-user-young-person"
                    : (s.serviceArea == .childrensSocialCare ? "parent" : "service-user-adult")
            case "relative": "other-relative"
            default: s.onBehalfOf
            }
        return FormFields(values: [
            "kind": s.kind.representationKind.rawValue, "service-area": s.serviceArea.rawValue,
            "relationship": relationship,
            "method": s.youngPerson ? "young-person-s-complaint-form" : "online-form", "version": "\(s.version)",
        ])
    }

    @Sendable func record(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard id.count <= 64, let s = try await store.submission(id: id) else { throw HTTPError(.notFound) }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let casework = try await Casework.load(deps)
        var errors: [FieldError] = []
        guard s.status == .new else {
            return try Page(
                status: .conflict,
                html: TriageViews.submission(
                    s, reference: casework.reference, input: fields,
                    errors: [FieldError(field: "kind", message: "\(s.reference) has already been dealt with")])
            ).response(from: request, context: context)
        }
        let kind = RepresentationKind(rawValue: fields["kind"])
        if kind == nil { errors.append(FieldError(field: "kind", message: "Select what it is")) }
        let area = ServiceArea(rawValue: fields["service-area"])
        if area == nil { errors.append(FieldError(field: "service-area", message: "Select the service area")) }
        let service = fields["service"]
        if let area, !casework.reference.active(.service, group: area.rawValue).contains(where: { $0.code == service })
        {
            errors.append(
                FieldError(
                    field: "service",
                    message: "Select the service it is about, from the \(area.displayName.lowercased()) list"))
        }
        let relationship = fields["relationship"]
        if casework.reference.category(.relationship, relationship) == nil {
            errors.append(FieldError(field: "relationship", message: "Select who made it"))
        }
        let method = fields["method"]
        if casework.reference.category(.method, method) == nil {
            errors.append(FieldError(field: "method", message: "Select how it was received"))
        }
        guard errors.isEmpty, let kind, let area else {
            return try Page(
                status: .unprocessableContent,
                html: TriageViews.submission(s, reference: casework.reference, input: fields, errors: errors)
            ).response(from: request, context: context)
        }
        let procedure =
            casework.procedures.first { $0.id == BuiltInProcedures.defaultProcedure(for: area).id }
            ?? BuiltInProcedures.defaultProcedure(for: area)
        let contact = [s.email, s.phone].filter { !$0.isEmpty }.joined(separator: ", ")
        var command = NewComplaint(
            serviceArea: area, procedure: procedure, receivedOn: s.submittedOn, methodOfReceipt: method,
            complainant: Complainant(
                relationship: relationship, isChildOrYoungPerson: s.youngPerson, name: s.name.isEmpty ? nil : s.name,
                contact: contact.isEmpty ? nil : contact),
            serviceCategory: service,
            summary: String(
                (s.putRight.isEmpty ? s.details : "\(s.details)\n\nWhat would put it right: \(s.putRight)").prefix(
                    NewComplaint.summaryLimit)))
        command.kind = kind
        var changed = s
        do {
            // Version first, so two officers cannot both record it.
            changed.status = .recorded
            try await store.update(changed, expectedVersion: Int(fields["version"]) ?? 0)
        } catch DatabaseError.conflict {
            return try Page(
                status: .conflict,
                html: TriageViews.submission(
                    s, reference: casework.reference, input: fields,
                    errors: [
                        FieldError(
                            field: "kind",
                            message:
                                """
                                    Someone else dealt with \(s.reference) while you had it open. It is no longer in \
                                    the inbox.
                                    """
                        )
                    ])
            ).response(from: request, context: context)
        }
        let r: Representation
        do {
            r = try await context.cases(deps.database).record(
                command, engine: ClockEngine(calendar: casework.calendar),
                audit: context.audit(.recordedCase, detail: "from \(s.reference)"))
        } catch {
            // Put it back in the inbox: a submission is never marked recorded without its case.
            changed.status = .new
            try? await store.update(changed, expectedVersion: (Int(fields["version"]) ?? 0) + 1)
            throw error
        }
        changed.representationID = r.id
        try await store.update(changed, expectedVersion: (Int(fields["version"]) ?? 0) + 1)
        if let files = s.attachments, !files.isEmpty {
            try await DocumentStore(database: deps.database).attach(
                files, to: r.id, by: context.viewer?.username ?? "")
        }
        if let equality = s.equality, kind == .complaint {
            try await ReportInputStore(database: deps.database).setEquality([r.id: equality])
        }
        if s.wantsAdvocate == true {
            deps.logger.info("young person asked for an advocate", metadata: ["reference": "\(r.reference)"])
        }
        return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?recorded=1"])
    }

    @Sendable func decline(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard id.count <= 64, let s = try await store.submission(id: id) else { throw HTTPError(.notFound) }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let reason = fields["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
        let casework = try await Casework.load(deps)
        guard !reason.isEmpty, reason.count <= 1000 else {
            let message =
                reason.isEmpty
                ? "Enter why it is declined (for example, a duplicate of another submission, or spam)"
                : "The reason must be 1,000 characters or fewer"
            return try Page(
                status: .unprocessableContent,
                html: TriageViews.submission(
                    s, reference: casework.reference, input: Self.defaults(for: s),
                    errors: [FieldError(field: "reason", message: message)])
            )
            .response(from: request, context: context)
        }
        var changed = s
        changed.status = .declined
        changed.declinedReason = reason
        do { try await store.update(changed, expectedVersion: Int(fields["version"]) ?? 0) } catch DatabaseError
            .conflict
        {
            return try Page(
                status: .conflict,
                html: TriageViews.submission(
                    s, reference: casework.reference, input: Self.defaults(for: s),
                    errors: [
                        FieldError(
                            field: "reason", message: "Someone else dealt with \(s.reference) while you had it open.")
                    ])
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "declined submission \(s.reference)"))
        return Response(status: .seeOther, headers: [.location: "/triage?done=declined"])
    }
}

enum TriageViews {
    static func inbox(_ submissions: [PublicSubmission], notice: String?) -> HTML {
        let rows: [HTML] = submissions.map { s in
            """
            <tr>
              <th scope="row"><a class="app-link" href="/triage/\(s.id)">\(s.reference)</a></th>
              <td>\(s.submittedOn.shortDisplay)</td>
              <td>\(s.kind.representationKind.displayName)\(s.youngPerson ? " (young person)" : "")</td>
              <td>\(s.serviceArea.displayName)</td>
              <td>\(String(s.details.prefix(80)))\(s.details.count > 80 ? "…" : "")</td>
            </tr>
            """
        }
        let banner: HTML =
            notice.map {
                """
                    <div class=\"app-notification\" role=\"region\" aria-labelledby=\"notice-title\"><h2 \
                    class=\"app-notification__title\" id=\"notice-title\">\($0)</h2></div>
                    """
            } ?? ""
        return Layout.page(
            title: "Online submissions", section: .triage,
            """
            \(banner)
            <h1>Online submissions</h1>
            <p class="app-body">\(submissions.count) waiting. Record each as a complaint, compliment or comment, or decline it with a reason.</p>
            \(submissions.isEmpty ? "<p class=\"app-body\">Nothing is waiting.</p>" as HTML : """
              <div class="app-table-wrap"><table class="app-table">
                <caption class="app-visually-hidden">Submissions waiting, oldest first</caption>
                <thead><tr><th scope="col">Reference</th><th scope="col">Sent</th><th scope="col">What</th><th \
              scope="col">Service</th><th scope="col">Beginning</th></tr></thead>
                <tbody>\(rows)</tbody>
              </table></div>
              """)
            """)
    }

    static func submission(
        _ s: PublicSubmission, reference: ReferenceData, input: FormFields, errors: [FieldError]
    ) -> HTML {
        let kinds = [RepresentationKind.complaint, .compliment, .comment].map { ($0.rawValue, $0.displayName) }
        let areas = ServiceArea.allCases.map { ($0.rawValue, $0.displayName) }
        let area = ServiceArea(rawValue: input["service-area"]) ?? s.serviceArea
        let services = reference.active(.service, group: area.rawValue).map { ($0.code, $0.label) }
        let relationships = reference.active(.relationship).map { ($0.code, $0.label) }
        let methods = reference.active(.method).map { ($0.code, $0.label) }
        let rows: [(String, String)] = [
            ("Sent", s.submittedOn.longDisplay),
            ("What", s.kind.representationKind.displayName + (s.youngPerson ? ", from the young people's form" : "")),
            ("Service", s.serviceArea.displayName), ("What happened", s.details),
            ("What would put it right", s.putRight.isEmpty ? "Not given" : s.putRight),
            ("Name", s.name.isEmpty ? "Not given" : s.name), ("Email", s.email.isEmpty ? "Not given" : s.email),
            ("Telephone", s.phone.isEmpty ? "Not given" : s.phone),
            ("For", s.onBehalfOf),
            ("Advocate", s.wantsAdvocate.map { $0 ? "Asked for an advocate" : "No advocate wanted" } ?? "Not asked"),
            (
                "Equality monitoring",
                s.equality == nil
                    ? "Not answered" : "Answered (kept apart; moved to the case's monitoring when recorded)"
            ),
        ]
        let list: [HTML] = rows.map {
            """
                <div class=\"app-summary-list__row\"><dt class=\"app-summary-list__key\">\($0.0)</dt><dd \
                class=\"app-summary-list__value\">\($0.1)</dd></div>
                """
        }
        return Layout.page(
            title: "Submission \(s.reference)", section: .triage, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <p><a class="app-link" href="/triage">Back to online submissions</a></p>
            <h1>Submission \(s.reference)</h1>
            <dl class="app-summary-list">\(list)</dl>
            \(s.status == .new ? """
            <h2 id="record">Record it</h2>
            <p class="app-body">It will be received on \(s.submittedOn.longDisplay), the day it was sent, and its \
            clocks start then.</p>
            <form method="post" action="/triage/\(s.id)/record" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(s.version)">
              \(CaseActionsView.select("kind", label: "Record it as", options: kinds, selected: input["kind"],
            errors: errors))
              \(CaseActionsView.select("service-area", label: "Service area", options: areas,
            selected: input["service-area"], errors: errors))
              \(CaseActionsView.select("service",
            label: """
                Service it is about (\(area.displayName.lowercased()) list; change the area and save to see \
                another list)
                """,
            options: services, selected: input["service"], errors: errors))
              \(CaseActionsView.select("relationship", label: "Who made it", options: relationships,
            selected: input["relationship"], errors: errors))
              \(CaseActionsView.select("method", label: "How it was received", options: methods,
            selected: input["method"], errors: errors))
              <button type="submit" class="app-button">Record</button>
            </form>
            <h2 id="decline">Decline it</h2>
            <form method="post" action="/triage/\(s.id)/decline" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(s.version)">
              <div class="app-form-group\(errors.contains { $0.field == "reason" } ? " app-form-group--error" : "")">
                <label class="app-label" for="reason">Why it is declined</label>
                \(CaseActionsView.errorMessage("reason", errors))
                <textarea class="app-textarea" id="reason" name="reason" rows="3"></textarea>
              </div>
              <button type="submit" class="app-button app-button--secondary">Decline</button>
            </form>
            """ as HTML : "<p class=\"app-body\">This submission has been dealt with (\(s.status.rawValue)).</p>")
            """)
    }
}
