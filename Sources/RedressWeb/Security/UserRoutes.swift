import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// User administration: add users, disable or re-enable them, reset passwords. Users are never
/// deleted, because the audit trail names them.
struct UserRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        try await page(
            notice: request.uri.queryParameters.get("done").map { _ in "User saved" }, fields: FormFields(values: [:]),
            errors: []
        ).html
    }

    private func page(
        notice: String?, fields: FormFields, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Page {
        let users = try await UserStore(database: deps.database).all()
        let people = try await PeopleStore(database: deps.database).load()
        return Page(
            status: status,
            html: UserAdminView.render(users: users, people: people, notice: notice, fields: fields, errors: errors))
    }

    @Sendable func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let f = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        var errors: [FieldError] = []
        let role = Role(rawValue: f["role"])
        if role == nil { errors.append(FieldError(field: "role", message: "Select the user's role")) }
        let person = f["person"].isEmpty ? nil : f["person"]
        if let person, try await PeopleStore(database: deps.database).load()[person] == nil {
            errors.append(FieldError(field: "person", message: "Select a person from the people pool"))
        }
        if let role,
            role == .investigatingOfficer || role == .independentPerson || role == .panelMember
                || role == .respondingManager, person == nil
        {
            errors.append(
                FieldError(
                    field: "person",
                    message:
                        """
                            Select who this user is in the people pool: a \(role.displayName) sees only the cases \
                            they are appointed to
                            """
                ))
        }
        if errors.isEmpty, let role {
            do {
                let user = try await UserStore(database: deps.database).add(
                    username: f["username"], displayName: f["display-name"], role: role, personID: person,
                    password: f["password"],
                    hasher: deps.security.hasher, work: deps.security.passwordWork, mustChangePassword: true)
                if !f["email"].trimmingCharacters(in: .whitespaces).isEmpty {
                    try await UserStore(database: deps.database).setEmail(f["email"], userID: user.id)
                }
                try await AuditLog(database: deps.database).append(
                    context.audit(.userAdded, detail: "\(user.username) as \(role.displayName)"))
                return Response(status: .seeOther, headers: [.location: "/users?done=1"])
            } catch let error as UserError {
                errors.append(FieldError(field: error.field, message: error.message))
            }
        }
        let kept = FormFields(values: [
            "username": f["username"], "display-name": f["display-name"], "role": f["role"], "person": f["person"],
            "email": f["email"],
        ])
        return try await page(notice: nil, fields: kept, errors: errors, status: .unprocessableContent).response(
            from: request, context: context)
    }

    @Sendable func change(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let store = UserStore(database: deps.database)
        guard id.count <= 64, let user = try await store.user(id: id) else { throw HTTPError(.notFound) }
        let f = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        switch f["action"] {
        case "disable", "enable":
            if user.id == context.viewer?.userID && f["action"] == "disable" {
                return try await page(
                    notice: nil, fields: FormFields(values: [:]),
                    errors: [FieldError(field: "users", message: "You cannot disable your own account")],
                    status: .unprocessableContent
                ).response(from: request, context: context)
            }
            try await store.setDisabled(f["action"] == "disable", userID: id)
        case "set-email":
            do { try await store.setEmail(f["email"], userID: id) } catch let error as UserError {
                return try await page(
                    notice: nil, fields: FormFields(values: [:]),
                    errors: [FieldError(field: "email-\(id)", message: "\(user.username): \(error.message)")],
                    status: .unprocessableContent
                ).response(from: request, context: context)
            }
        case "reset-password":
            do {
                try await store.setPassword(
                    f["password"], userID: id, hasher: deps.security.hasher, work: deps.security.passwordWork,
                    mustChangePassword: true)
            } catch let error as UserError {
                return try await page(
                    notice: nil, fields: FormFields(values: [:]),
                    errors: [FieldError(field: "password-\(id)", message: "\(user.username): \(error.message)")],
                    status: .unprocessableContent
                ).response(from: request, context: context)
            }
        default: throw HTTPError(.badRequest)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.userChanged, detail: "\(user.username) (\(user.role.displayName)): \(f["action"])"))
        return Response(status: .seeOther, headers: [.location: "/users?done=1"])
    }
}

enum UserAdminView {
    static func render(
        users: [User], people: PeopleDirectory, notice: String?, fields: FormFields, errors: [FieldError]
    ) -> HTML {
        func error(_ field: String) -> HTML {
            guard let e = errors.first(where: { $0.field == field }) else { return "" }
            return
                """
                    <p id=\"\(field)-error\" class=\"app-error-message\"><span \
                    class=\"app-visually-hidden\">Error:</span> \(e.message)</p>
                    """
        }
        func described(_ field: String) -> HTML {
            HTML.attribute("aria-describedby", errors.contains { $0.field == field } ? "\(field)-error" : nil)
        }
        let rows: [HTML] = users.map { u in
            let toggle = u.isDisabled ? "enable" : "disable"
            return """
                <tr><td>\(u.username)</td><td>\(u.displayName)</td><td>\(u.role.displayName)</td><td>\(u.personID.flatMap { people[$0]?.name } ?? "")</td>
                <td>\(u.isDisabled ? "Disabled" : "Active")</td>
                <td><form method="post" action="/users/\(u.id)">\(HTML.csrfField)<input type="hidden" name="action" \
                value="\(toggle)">
                  <button type="submit" class="app-button app-button--secondary \
                app-button--small">\(u.isDisabled ? "Enable" : "Disable")<span class="app-visually-hidden"> \
                \(u.username)</span></button></form>
                  <form method="post" action="/users/\(u.id)" class="app-inline-form">\(HTML.csrfField)<input \
                type="hidden" name="action" value="reset-password">
                  <div class="app-form-group"><label class="app-label app-label--s" for="password-\(u.id)">New \
                password for \(u.username)</label>
                  \(error("password-\(u.id)"))<input class="app-input app-input--width-20" id="password-\(u.id)" \
                name="password" type="password" autocomplete="new-password"\(described("password-\(u.id)"))></div>
                  <button type="submit" class="app-button app-button--secondary app-button--small">Reset \
                password</button></form>
                  <form method="post" action="/users/\(u.id)" class="app-inline-form">\(HTML.csrfField)<input \
                type="hidden" name="action" value="set-email">
                  <div class="app-form-group"><label class="app-label app-label--s" for="email-\(u.id)">Email for \
                notices to \(u.username)</label>
                  \(error("email-\(u.id)"))<input class="app-input app-input--width-20" id="email-\(u.id)" \
                name="email" type="email" autocomplete="off" \
                value="\(u.email ?? "")"\(described("email-\(u.id)"))></div>
                  <button type="submit" class="app-button app-button--secondary app-button--small">Save \
                email</button></form></td></tr>
                """
        }
        let roles: [HTML] = Role.allCases.map {
            """
                <option value=\"\($0.rawValue)\"\(HTML.attribute("selected",
                fields["role"] == $0.rawValue ? "selected" : nil))>\($0.displayName)</option>
                """
        }
        let pool: [HTML] = people.people.values.sorted { $0.name < $1.name }.map {
            """
                <option value=\"\($0.id)\"\(HTML.attribute("selected",
                fields["person"] == $0.id ? "selected" : nil))>\($0.name)</option>
                """
        }
        let noticeHTML: HTML =
            notice.map {
                "<div class=\"app-notification\" role=\"status\"><p class=\"app-notification__title\">\($0)</p></div>"
            } ?? ""
        func group(_ f: String) -> String {
            errors.contains { $0.field == f } ? "app-form-group app-form-group--error" : "app-form-group"
        }
        return Layout.page(
            title: "Users", section: .users, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(noticeHTML)
            <h1 id="users">Users</h1>
            <div class="app-table-wrap"><table class="app-table">
              <caption>Everyone who can sign in</caption>
              <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th \
            scope="col">In the people pool as</th><th scope="col">Status</th><th \
            scope="col">Change</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            <h2>Add a user</h2>
            <form method="post" action="/users" novalidate>
              \(HTML.csrfField)
              <div class="\(group("username"))"><label class="app-label" \
            for="username">Username</label>\(error("username"))
                <input class="app-input app-input--width-20" id="username" name="username" type="text" \
            value="\(fields["username"])" autocomplete="off" spellcheck="false"\(described("username"))></div>
              <div class="\(group("display-name"))"><label class="app-label" \
            for="display-name">Name</label>\(error("display-name"))
                <input class="app-input" id="display-name" name="display-name" type="text" \
            value="\(fields["display-name"])" autocomplete="off"\(described("display-name"))></div>
              <div class="\(group("role"))"><label class="app-label" for="role">Role</label>\(error("role"))
                <select class="app-select" id="role" name="role"\(described("role"))><option value="">Select a \
            role</option>\(roles)</select></div>
              <div class="\(group("person"))"><label class="app-label" for="person">In the people pool as \
            (Investigating Officers, Independent Persons, panel members and responding \
            managers)</label>\(error("person"))
                <select class="app-select" id="person" name="person"\(described("person"))><option value="">Not in \
            the pool</option>\(pool)</select></div>
              <div class="\(group("email"))"><label class="app-label" for="email">Email for notices (optional)</label>
                <p class="app-hint" id="email-hint">Cases assigned to them are notified here.</p>\(error("email"))
                <input class="app-input" id="email" name="email" type="email" autocomplete="off" \
            value="\(fields["email"])" aria-describedby="email-hint"></div>
              <div class="\(group("password"))"><label class="app-label" for="password">Password</label>
                <p class="app-hint" id="password-hint">12 characters or more, for one use: the user chooses their own \
            when they first sign in. Give it to them in person or by a separate channel.</p>\(error("password"))
                <input class="app-input app-input--width-20" id="password" name="password" type="password" \
            autocomplete="new-password" \
            aria-describedby="password-hint\(errors.contains { $0.field == "password" } ? " password-error" : "")"></div>
              <button type="submit" class="app-button">Add user</button>
            </form>
            """)
    }
}
