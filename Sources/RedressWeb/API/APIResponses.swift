import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RedressCore
import RedressStorage

/// A field-level reason in a problem: `field` is the JSON name in the request ("" for the
/// whole body, or the query parameter or header named).
/// An RFC 9457 problem (`application/problem+json`): what every API error looks like, so a
/// program can act on `status` and `errors[].field` and a person can read `detail`.
struct APIProblem: Error, Sendable, Codable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [ProblemField]?

    init(_ status: HTTPResponse.Status, _ detail: String, errors: [ProblemField]? = nil, type: String? = nil) {
        self.type = type ?? "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    static func invalid(_ errors: [ProblemField]) -> APIProblem {
        APIProblem(
            .unprocessableContent, errors.count == 1 ? errors[0].message : "\(errors.count) fields need attention",
            errors: errors,
            type: "https://redress.example/problems/invalid-request")
    }
    static func badRequest(_ field: String, _ message: String) -> APIProblem {
        APIProblem(
            .badRequest, message, errors: [ProblemField(field: field, message: message)],
            type: "https://redress.example/problems/bad-request")
    }
    static var notFound: APIProblem { APIProblem(.notFound, "There is nothing at this address, or it was removed.") }
    static var forbidden: APIProblem {
        APIProblem(
            .forbidden,
            """
            The token's user may not do this, or the case is restricted to named people. The attempt has been \
            recorded.
            """
        )
    }
    static var unauthorized: APIProblem {
        APIProblem(
            .unauthorized,
            "Send a live API token as `Authorization: Bearer rdr_…`; make one with `redress token create`.")
    }

    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = #"Bearer realm="redress""# }
        if status == 503 { headers[.retryAfter] = "5" }
        return Response(
            status: .init(code: status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(data: APIJSON.encode(self))))
    }
}

/// JSON answers: sorted keys and ISO dates, so the same data gives the same bytes.
enum APIJSON {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func response(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, version: Int? = nil, location: String? = nil
    ) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let version { headers[.eTag] = ETag.value(version) }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: encode(value))))
    }
}

/// Optimistic concurrency: a record's `version` is its entity tag, and every change must send
/// the tag it read in `If-Match`. A stale tag is refused with 412, never merged.
enum ETag {
    static func value(_ version: Int) -> String { "\"\(version)\"" }

    /// The version in `If-Match`, or the problem to answer with: 428 when it is missing, 400 when
    /// it is not a tag this API gave out.
    static func expectedVersion(_ request: Request) throws -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw APIProblem(
                .preconditionRequired,
                "Send the record's ETag in If-Match, so a change made since you read it is not overwritten.",
                errors: [ProblemField(field: "If-Match", message: "If-Match is required")])
        }
        let tag = header
        guard tag.wholeMatch(of: /"[0-9]{1,12}"/) != nil, let version = Int(tag.dropFirst().dropLast()) else {
            throw APIProblem.badRequest("If-Match", "If-Match must be an ETag this API sent, like \"3\"")
        }
        return version
    }

    static func stale(_ current: Int) -> APIProblem {
        APIProblem(
            .preconditionFailed,
            "The record has changed since you read it (it is now version \(current)). Read it again, check the change still makes sense and send it with the new ETag.",
            type: "https://redress.example/problems/stale")
    }
}

/// Turns errors on `/api/` addresses into problems instead of pages, and answers 405 with
/// `Allow` when the address exists for other methods.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix(Endpoint.apiPrefix) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return problem.response()
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return APIProblem(
                .contentTooLarge,
                "The request body is larger than this operation takes (\(Endpoint.maximumBodyWords)). Nothing was changed."
            ).response()
        } catch is CaseAccessRefused {
            return APIProblem.forbidden.response()
        } catch DatabaseError.unavailable {
            return APIProblem(
                .serviceUnavailable,
                "The database cannot be reached just now; try again shortly. A change sent as the connection was "
                    + "lost may have been saved: look before sending it again."
            ).response()
        } catch is PasswordWork.Busy {
            return APIProblem(
                .serviceUnavailable, "The service is busy. Nothing was changed; try again in a few seconds."
            ).response()
        } catch let error as HTTPError {
            if error.status == .notFound {
                let allowed = Endpoint.methods(matching: request.uri.path)
                if !allowed.isEmpty {
                    var response = APIProblem(
                        .methodNotAllowed, "This address takes \(allowed.joined(separator: ", "))."
                    ).response()
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                }
                return APIProblem.notFound.response()
            }
            let status = error.status.code < 500 ? error.status : .internalServerError
            return APIProblem(
                status,
                status.code < 500 ? (error.body ?? status.reasonPhrase) : "Nothing was changed. Try again later."
            ).response()
        } catch {
            logger.error(
                "API request failed",
                metadata: ["path": .string(request.uri.path), "error": .string(String(describing: type(of: error)))])
            return APIProblem(
                .internalServerError,
                "Nothing was changed. Try again later; if it continues, tell your Redress administrator the time."
            ).response()
        }
    }
}

extension Endpoint {
    static let apiPrefix = "/api/"
    /// The largest request body any form or API operation takes, in words.
    static let maximumBodyWords = "256 kilobytes"

    var isAPI: Bool { path.hasPrefix(Self.apiPrefix) }

    /// The methods of API endpoints whose path template matches `path`.
    static func methods(matching path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return allCases.filter { endpoint in
            guard endpoint.isAPI else { return false }
            let template = endpoint.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count
                && zip(template, parts).allSatisfy { t, p in t.hasPrefix(":") ? !p.isEmpty : t == p }
        }.map(\.method.rawValue).sorted()
    }
}

/// Reads an API request's JSON body (up to 64 KB) against its fields.
func readBody(_ request: Request, fields: [APIField]) async throws -> APIBody {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: 64 * 1024) } catch {
        throw APIProblem(.contentTooLarge, "The body must be 64 KB or less.")
    }
    do { return try APIBody.read(Data(buffer: buffer), fields: fields) } catch {
        throw APIProblem.invalid(error.problems)
    }
}
