import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// Choosing your own password. A new or reset account signs in with a one-time password that
/// someone else set; until its owner chooses their own here, every other page sends them back
/// (`Endpoint.guarded`), so an administrator who sets a password cannot then use the account.
struct ChoosePasswordRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        ChoosePasswordView.render(errors: [], mustChoose: context.session?.user.mustChangePassword ?? false)
    }

    @Sendable func choose(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let mustChoose = context.session?.user.mustChangePassword ?? false
        func reshow(_ errors: [FieldError], status: HTTPResponse.Status) throws -> Response {
            try Page(status: status, html: ChoosePasswordView.render(errors: errors, mustChoose: mustChoose)).response(
                from: request, context: context)
        }
        let password = fields["password"], confirm = fields["confirm"]
        guard !password.isEmpty else {
            return try reshow(
                [FieldError(field: "password", message: "Enter a new password")], status: .unprocessableContent)
        }
        guard password == confirm else {
            return try reshow(
                [FieldError(field: "confirm", message: "The two passwords are not the same")],
                status: .unprocessableContent)
        }
        do {
            try await UserStore(database: deps.database).chooseOwnPassword(
                password, userID: viewer.userID, keepingSession: context.session.map { Tokens.digest($0.token) },
                hasher: deps.security.hasher, work: deps.security.passwordWork)
        } catch let error as UserError {
            return try reshow([FieldError(field: "password", message: error.message)], status: .unprocessableContent)
        } catch is PasswordWork.Busy {
            return try reshow(
                [FieldError(field: "password", message: "The server is busy. Wait a few seconds and try again")],
                status: .serviceUnavailable)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.userChanged, detail: "\(viewer.username): chose own password"))
        return Response(status: .seeOther, headers: [.location: "/?done=password"])
    }
}

enum ChoosePasswordView {
    static func render(errors: [FieldError], mustChoose: Bool) -> HTML {
        func error(_ field: String) -> HTML {
            guard let e = errors.first(where: { $0.field == field }) else { return "" }
            return
                """
                    <p id=\"\(field)-error\" class=\"app-error-message\"><span \
                    class=\"app-visually-hidden\">Error:</span> \(e.message)</p>
                    """
        }
        func group(_ field: String) -> String {
            errors.contains { $0.field == field } ? "app-form-group app-form-group--error" : "app-form-group"
        }
        func described(_ field: String, hint: String? = nil) -> HTML {
            let ids = [hint, errors.contains { $0.field == field } ? "\(field)-error" : nil].compactMap { $0 }
            return HTML.attribute("aria-describedby", ids.isEmpty ? nil : ids.joined(separator: " "))
        }
        let lead: HTML =
            mustChoose
            ? """
                <p class=\"app-body\">You signed in with a password someone else set. Choose your own before you go \
                on: no one else will know it.</p>
                """
            : "<p class=\"app-body\">Your other sessions will end when you save.</p>"
        return Layout.page(
            title: "Choose your password", hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Choose your password</h1>
            \(lead)
            <form method="post" action="/choose-password" novalidate>\(HTML.csrfField)
              <div class="\(group("password"))">
                <label class="app-label" for="password">New password</label>
                <p class="app-hint" id="password-hint">12 characters or more, not containing your username. Three \
            random words make a good one.</p>
                \(error("password"))
                <input class="app-input app-input--width-20" id="password" name="password" type="password" \
            autocomplete="new-password"\(described("password", hint: "password-hint"))>
              </div>
              <div class="\(group("confirm"))">
                <label class="app-label" for="confirm">New password again</label>
                \(error("confirm"))
                <input class="app-input app-input--width-20" id="confirm" name="confirm" type="password" \
            autocomplete="new-password"\(described("confirm"))>
              </div>
              <button type="submit" class="app-button">Save password</button>
            </form>
            """)
    }
}
