import Foundation
import HTTPTypes
import Hummingbird
import RedressCore
import RedressStorage

/// Signing in and out. The sign-in form is protected by a double-submit token (a cookie and a
/// hidden field that must match), so another site cannot sign someone in as its own user.
struct SignInRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if context.viewer != nil { return Response(status: .seeOther, headers: [.location: "/"]) }
        return try render(
            request, context, status: .ok, username: "", errors: [],
            signedOut: request.uri.queryParameters.get("signed-out") == "1")
    }

    func render(
        _ request: Request, _ context: AppRequestContext, status: HTTPResponse.Status, username: String,
        errors: [FieldError], retryAfter: Int? = nil, signedOut: Bool = false
    ) throws -> Response {
        let token = Tokens.random()
        var response = try Page(
            status: status,
            html: SignInView.render(username: username, token: token, errors: errors, signedOut: signedOut)
        ).response(from: request, context: context)
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: SessionCookie.value(
                    SessionCookie.signInName, token, secure: SessionCookie.secure(request, deps: deps))))
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    /// Checks a sign-in. Attempts are counted before the password is hashed — per address and
    /// per username, existing or not — so many at once cannot pass the limits, and a locked
    /// username looks the same whether or not it has an account. The hash runs on its own
    /// threads; when they are full the answer is 503 at once.
    @Sendable func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let username = String(fields["username"].prefix(64))
        let cookieToken = SessionCookie.read(SessionCookie.signInName, from: request) ?? ""
        guard !cookieToken.isEmpty, Tokens.constantTimeEqual(fields["sign-in-token"], cookieToken) else {
            return try render(
                request, context, status: .forbidden, username: username,
                errors: [FieldError(field: "username", message: "The sign-in form had expired. Try again")])
        }
        var errors: [FieldError] = []
        if username.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "username", message: "Enter your username"))
        }
        if fields["password"].isEmpty { errors.append(FieldError(field: "password", message: "Enter your password")) }
        guard errors.isEmpty else {
            return try render(request, context, status: .unprocessableContent, username: username, errors: errors)
        }

        let now = deps.security.now(), policy = deps.security.signIn
        let counter = AttemptCounter(database: deps.database)
        let addressKey = AttemptCounter.address(context.address ?? "unknown", for: "sign-in")
        let accountKey = AttemptCounter.account(username)
        let audit = AuditLog(database: deps.database)
        let byAddress = try await counter.reserve(addressKey, now: now, limit: policy.address)
        if let wait = byAddress.refusedFor {
            try await audit.append(
                AuditEntry(
                    userID: nil, username: username.lowercased(), action: .signInFailed, detail: "address throttled",
                    address: context.address))
            return try render(
                request, context, status: .tooManyRequests, username: username,
                errors: [
                    FieldError(
                        field: "username",
                        message: "Too many failed sign-ins from this network. Try again in \(Self.minutes(wait))")
                ], retryAfter: wait)
        }
        let byAccount = try await counter.reserve(accountKey, now: now, limit: policy.account)
        func locked(_ wait: Int) throws -> Response {
            try render(
                request, context, status: .tooManyRequests, username: username,
                errors: [
                    FieldError(
                        field: "username",
                        message:
                            """
                                This username is locked after too many failed sign-ins. Try again in \
                                \(Self.minutes(wait)), or ask an administrator to reset your password
                                """
                    )
                ], retryAfter: wait)
        }
        if let wait = byAccount.refusedFor {
            try await audit.append(
                AuditEntry(
                    userID: nil, username: username.lowercased(), action: .signInFailed, detail: "username locked",
                    address: context.address))
            return try locked(wait)
        }
        let result: UserStore.SignInResult
        do {
            result = try await UserStore(database: deps.database).signIn(
                username: username, password: fields["password"], hasher: deps.security.hasher,
                work: deps.security.passwordWork)
        } catch is PasswordWork.Busy {
            // Not the person's failure: give both reservations back.
            try await counter.giveBack(addressKey, limit: policy.address)
            try await counter.giveBack(accountKey, limit: policy.account)
            return try render(
                request, context, status: .serviceUnavailable, username: username,
                errors: [
                    FieldError(
                        field: "username",
                        message: "Too many people are signing in at this moment. Wait a few seconds and try again")
                ], retryAfter: 5)
        }
        switch result {
        case .signedIn(let user):
            try await counter.clear(accountKey)
            try await counter.giveBack(addressKey, limit: policy.address)
            if let old = SessionCookie.read(SessionCookie.name, from: request) {
                try await SessionStore(database: deps.database).end(token: old)
            }
            let session = try await SessionStore(database: deps.database).start(for: user, now: now)
            try await audit.append(
                AuditEntry(userID: user.id, username: user.username, action: .signedIn, address: context.address))
            context.logger.info("signed in", metadata: ["role": .string(user.role.rawValue)])
            let secure = SessionCookie.secure(request, deps: deps)
            var headers = HTTPFields()
            headers[.location] = user.mustChangePassword ? Endpoint.choosePassword.path : "/"
            headers.append(
                HTTPField(
                    name: .setCookie, value: SessionCookie.value(SessionCookie.name, session.token, secure: secure)))
            headers.append(
                HTTPField(
                    name: .setCookie,
                    value: SessionCookie.value(SessionCookie.signInName, "", secure: secure, clear: true)))
            return Response(status: .seeOther, headers: headers)
        case .refused:
            try await audit.append(
                AuditEntry(
                    userID: nil, username: username.lowercased(), action: .signInFailed, address: context.address))
            if byAccount.isLast { return try locked(byAccount.lockedFor) }
            if let wait = byAddress.isLast ? byAddress.lockedFor : nil {
                return try render(
                    request, context, status: .tooManyRequests, username: username,
                    errors: [
                        FieldError(
                            field: "username",
                            message: "Too many failed sign-ins from this network. Try again in \(Self.minutes(wait))")
                    ], retryAfter: wait)
            }
            return try render(
                request, context, status: .unauthorized, username: username,
                errors: [
                    FieldError(
                        field: "username",
                        message:
                            """
                                The username or password is not right. After \(policy.maxFailures) failed attempts \
                                the username is locked for \(Self.minutes(policy.lockoutSeconds))
                                """
                    )
                ])
        }
    }

    static func minutes(_ seconds: Int) -> String {
        let m = max(1, (seconds + 59) / 60)
        return "\(m) minute\(m == 1 ? "" : "s")"
    }

    @Sendable func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let session = context.session { try await SessionStore(database: deps.database).end(token: session.token) }
        try await AuditLog(database: deps.database).append(context.audit(.signedOut))
        return signedOutResponse(request)
    }

    @Sendable func signOutEverywhere(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        try await SessionStore(database: deps.database).endAll(userID: viewer.userID)
        try await AuditLog(database: deps.database).append(context.audit(.signedOutEverywhere))
        return signedOutResponse(request)
    }

    private func signedOutResponse(_ request: Request) -> Response {
        var headers = HTTPFields()
        headers[.location] = "/sign-in?signed-out=1"
        headers.append(
            HTTPField(
                name: .setCookie,
                value: SessionCookie.value(
                    SessionCookie.name, "", secure: SessionCookie.secure(request, deps: deps), clear: true)))
        return Response(status: .seeOther, headers: headers)
    }
}

enum SignInView {
    static func render(username: String, token: String, errors: [FieldError], signedOut: Bool = false) -> HTML {
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
        func described(_ field: String) -> HTML {
            HTML.attribute("aria-describedby", errors.contains { $0.field == field } ? "\(field)-error" : nil)
        }
        return Layout.page(
            title: "Sign in", hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(signedOut ? HTML("<div class=\"app-notification\" role=\"status\"><p class=\"app-notification__title\">You have signed out</p></div>") : "")
            <h1>Sign in to Redress</h1>
            <form method="post" action="/sign-in" novalidate>
              <input type="hidden" name="sign-in-token" value="\(token)">
              <div class="\(group("username"))">
                <label class="app-label" for="username">Username</label>
                \(error("username"))
                <input class="app-input app-input--width-20" id="username" name="username" type="text" \
            value="\(username)" autocomplete="username" spellcheck="false"\(described("username"))>
              </div>
              <div class="\(group("password"))">
                <label class="app-label" for="password">Password</label>
                \(error("password"))
                <input class="app-input app-input--width-20" id="password" name="password" type="password" \
            autocomplete="current-password"\(described("password"))>
              </div>
              <button type="submit" class="app-button">Sign in</button>
            </form>
            <p>Complaint records are confidential. Every case you open is recorded.</p>
            """)
    }
}
