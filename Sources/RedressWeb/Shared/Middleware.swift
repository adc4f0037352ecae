import HTTPTypes
import Hummingbird
import Logging
import RedressStorage

/// Headers on every response: no inline script or framing, no MIME sniffing, no referrer
/// leaking case URLs to other sites, no caching of pages.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            """
            default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
            frame-ancestors 'none'; base-uri 'none'
            """
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // Pages hold personal data: no browser or proxy keeps a copy (assets say otherwise).
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// One log line per request: its method and path, never its query, headers or body. A search
/// query is a name, an address or a reference (`/search?q=…`), and logs must hold no personal
/// data; the paths themselves carry only numbers and fixed words.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        context.logger.info(
            "Request",
            metadata: [
                "hb.request.method": "\(request.method)", "hb.request.path": "\(request.uri.path)",
            ])
        return try await next(request, context)
    }
}

/// Turns errors into pages a person can read: 404 for unknown addresses, and a 500 page that
/// says nothing was lost and logs the error (without request data) for the administrator.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return try Page(status: .notFound, html: ErrorPages.notFound).response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return try Page(status: .contentTooLarge, html: ErrorPages.tooLarge).response(
                from: request, context: context)
        } catch let error as HTTPError where error.status.code < 500 {
            throw error
        } catch is CaseAccessRefused {
            return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        } catch DatabaseError.unavailable {
            var response = try Page(status: .serviceUnavailable, html: ErrorPages.databaseDown).response(
                from: request, context: context)
            response.headers[.retryAfter] = "5"
            return response
        } catch let busy as PasswordWork.Busy {
            var response = try Page(status: .serviceUnavailable, html: ErrorPages.busy(busy.purpose)).response(
                from: request, context: context)
            response.headers[.retryAfter] = "5"
            return response
        } catch {
            logger.error(
                "request failed",
                metadata: ["path": .string(request.uri.path), "error": .string(String(describing: type(of: error)))])
            return try Page(status: .internalServerError, html: ErrorPages.serverError).response(
                from: request, context: context)
        }
    }
}

enum ErrorPages {
    static var tooLarge: HTML {
        Layout.page(
            title: "What you sent is too large",
            """
            <h1>What you sent is too large</h1>
            <p>Nothing was saved. What was sent is larger than this form takes: shorten what you typed, or keep long \
            documents as files instead of pasting them.</p>
            <p>Go back to the form and try again.</p>
            """)
    }
    /// An upload over its endpoint's limit, with the limit in words.
    static func fileTooLarge(_ limit: String) -> HTML {
        Layout.page(
            title: "The file is too large",
            """
            <h1>The file is too large</h1>
            <p>Nothing was saved. Files sent here must be \(limit) or smaller.</p>
            <p>Go back to the form and choose a smaller file.</p>
            """)
    }
    static var databaseDown: HTML {
        Layout.page(
            title: "Redress cannot reach its database",
            """
            <h1>Redress cannot reach its database</h1>
            <p>The database is not answering just now. Redress keeps trying and will work again as soon as it \
            does: wait a minute and try again.</p>
            <p>If you were saving a change as this happened, look at the case before making it again: it may have \
            been saved.</p>
            <p>If this goes on, tell your system administrator.</p>
            """)
    }
    static func busy(_ purpose: String) -> HTML {
        Layout.page(
            title: "The service is busy",
            """
            <h1>The service is busy</h1>
            <p>Nothing was saved. Too many people are \(purpose) at this moment. Wait a few seconds and try \
            again.</p>
            """)
    }
    static var notFound: HTML {
        Layout.page(
            title: "Page not found",
            """
            <h1>Page not found</h1>
            <p>If you typed the web address, check it is correct. If you followed a link to a complaint, it may have \
            been entered with a different reference.</p>
            <p><a class="app-link" href="/">Go to open complaints</a></p>
            """)
    }
    static var serverError: HTML {
        Layout.page(
            title: "Sorry, there is a problem with the service",
            """
            <h1>Sorry, there is a problem with the service</h1>
            <p>Nothing you entered was saved. Try again later.</p>
            <p>If the problem continues, tell your Redress administrator the time it happened.</p>
            """)
    }
}
