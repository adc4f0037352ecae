import Foundation
import HTTPTypes
import Hummingbird
import RedressCore
import RedressStorage

/// The session cookie: `HttpOnly` (no script can read it), `SameSite=Lax` (not sent on
/// cross-site form posts), `Secure` behind TLS, no expiry of its own (the server ends sessions).
enum SessionCookie {
    static let name = "redress_session"
    /// Before sign-in: the double-submit token that protects the sign-in form itself.
    static let signInName = "redress_sign_in"

    static func value(_ name: String, _ token: String, secure: Bool, clear: Bool = false) -> String {
        var parts = ["\(name)=\(clear ? "" : token)", "Path=/", "HttpOnly", "SameSite=Lax"]
        if secure { parts.append("Secure") }
        if clear { parts.append("Max-Age=0") }
        return parts.joined(separator: "; ")
    }

    /// A cookie's value from the request's `Cookie` headers.
    static func read(_ name: String, from request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2, kv[0] == name { return kv[1] }
            }
        }
        return nil
    }

    /// Whether to mark cookies `Secure`: configured, or the request came over TLS (directly or
    /// through a proxy that says so).
    static func secure(_ request: Request, deps: WebDependencies) -> Bool {
        deps.security.secureCookies || request.uri.scheme == .https
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }
}

/// Resumes the session named by the cookie, puts the user on the context and the CSRF token in
/// the request scope for the views.
struct SessionMiddleware: RouterMiddleware {
    let deps: WebDependencies

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        var configuration: Configuration?
        if request.uri.path.hasPrefix(Endpoint.apiPrefix) {
            // The API answers to tokens only: a browser's session cookie never authorises an API
            // call, so a page on another site cannot use someone's session through it.
            if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                let (_, user) = try await APITokenStore(database: deps.database).resolve(
                    String(header.dropFirst(7)), now: deps.security.now()),
                !user.mustChangePassword
            {
                // A token of an account whose password is still one-time acts for no one.
                let loaded = try await deps.configuration()
                (configuration, context.viewer) = (loaded, user.viewer(policy: loaded.accessPolicy))
            }
        } else if let token = SessionCookie.read(SessionCookie.name, from: request),
            let session = try await SessionStore(database: deps.database).resume(
                token: token, now: deps.security.now(), policy: deps.security.signIn)
        {
            let loaded = try await deps.configuration(stamp: session.configurationStamp)
            (configuration, context.session, context.viewer) = (
                loaded, session, session.user.viewer(policy: loaded.accessPolicy)
            )
        }
        let current = RequestScope.Current(
            viewer: context.viewer, csrfToken: context.session?.csrfToken, configuration: configuration)
        return try await RequestScope.$current.withValue(current) { try await next(request, context) }
    }
}

/// Refusals a person can understand, as pages.
enum AccessPages {
    static var forbidden: HTML {
        Layout.page(
            title: "You do not have access to this page",
            """
            <h1>You do not have access to this page</h1>
            <p>Your role does not include this, or the case is restricted to named people.</p>
            <p>If you need access, ask your complaints manager. The attempt has been recorded.</p>
            <p><a class="app-link" href="/">Go to your start page</a></p>
            """)
    }
    static var expiredForm: HTML {
        Layout.page(
            title: "The form has expired",
            """
            <h1>The form has expired</h1>
            <p>Nothing was saved. This happens when you signed in again after opening the form, or the form was sent \
            from another site.</p>
            <p>Go back, reload the page and try again.</p>
            """)
    }
    static var choosePasswordFirst: HTML {
        Layout.page(
            title: "Choose your password first",
            """
            <h1>Choose your password first</h1>
            <p>Nothing was saved. You signed in with a password someone else set: <a class="app-link" \
            href="/choose-password">choose your own</a> before you go on.</p>
            """)
    }
    static var signInNeeded: HTML {
        Layout.page(
            title: "Sign in to continue",
            """
            <h1>Sign in to continue</h1>
            <p>Your session has ended, so nothing was saved. <a class="app-link" href="/sign-in">Sign in</a> and try \
            again.</p>
            """)
    }
}

extension Endpoint {
    /// Checks the endpoint's access rule, and the CSRF token on every state-changing request
    /// of a signed-in user, before the handler runs.
    /// `uploadLimit`: for an endpoint that takes files, the most its multipart body may be.
    func guarded(
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response, database: Database,
        uploadLimit: (bytes: Int, words: String)? = nil
    ) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        let endpoint = self
        return { request, context in
            var request = request
            switch endpoint.access {
            case .anyone:
                return try await handler(request, context)
            case .signedIn, .permission:
                if endpoint.isAPI {
                    // Token callers: no session and no CSRF token (no cookie is involved).
                    guard let viewer = context.viewer else { return APIProblem.unauthorized.response() }
                    if case .permission(let permission) = endpoint.access, !viewer.may(permission) {
                        try await AuditLog(database: database).append(
                            context.audit(.refusedAccess, detail: "API \(endpoint.rawValue)"))
                        return APIProblem.forbidden.response()
                    }
                    return try await handler(request, context)
                }
                guard let viewer = context.viewer, let session = context.session else {
                    if endpoint.method == .get {
                        return Response(status: .seeOther, headers: [.location: "/sign-in"])
                    }
                    return try Page(status: .unauthorized, html: AccessPages.signInNeeded).response(
                        from: request, context: context)
                }
                if session.user.mustChangePassword && !endpoint.allowedBeforeChoosingPassword {
                    if endpoint.method == .get {
                        return Response(status: .seeOther, headers: [.location: Endpoint.choosePassword.path])
                    }
                    return try Page(status: .forbidden, html: AccessPages.choosePasswordFirst).response(
                        from: request, context: context)
                }
                if case .permission(let permission) = endpoint.access, !viewer.may(permission) {
                    return try Page(status: .forbidden, html: AccessPages.forbidden).response(
                        from: request, context: context)
                }
                if endpoint.method == .post {
                    let sent: String
                    if let limit = uploadLimit,
                        let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "")
                    {
                        let body: ByteBuffer
                        do { body = try await request.collectBody(upTo: limit.bytes) } catch let error
                            as any HTTPResponseError where error.status == .contentTooLarge
                        {
                            return try Page(status: .contentTooLarge, html: ErrorPages.fileTooLarge(limit.words))
                                .response(from: request, context: context)
                        }
                        sent = (try? MultipartForm(Array(buffer: body), boundary: boundary))?["csrf"] ?? ""
                    } else {
                        sent = FormFields(String(buffer: try await request.collectBody(upTo: 256 * 1024)))["csrf"]
                    }
                    guard !sent.isEmpty, Tokens.constantTimeEqual(sent, session.csrfToken) else {
                        return try Page(status: .forbidden, html: AccessPages.expiredForm).response(
                            from: request, context: context)
                    }
                }
                return try await handler(request, context)
            }
        }
    }
}
