import Hummingbird
import NIOCore
import RedressCore
import RedressStorage

/// The request context: Hummingbird's core storage plus who is signed in and from where.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The session from the cookie, if it is live.
    var session: UserSession?
    /// The signed-in user as access decisions see them.
    var viewer: Viewer?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Where the request came from, for the audit trail: the connection's IP address.
    var address: String? { remoteAddress?.ipAddress }

    /// The signed-in user; endpoints that need one are guarded, so this only fails on a
    /// programming error, which is reported as 401 rather than a crash.
    func requireViewer() throws -> Viewer {
        guard let viewer else { throw HTTPError(.unauthorized) }
        return viewer
    }

    /// An audit row for this request's user.
    func audit(_ action: AuditAction, _ r: Representation? = nil, detail: String = "") -> AuditEntry {
        AuditEntry(
            userID: viewer?.userID, username: viewer?.username ?? "anonymous", action: action, representationID: r?.id,
            reference: r?.reference, detail: detail, address: address)
    }
}

/// Per-request values the views read while rendering: who is signed in (for the header and
/// navigation) and the CSRF token every form must carry. Set by `SessionMiddleware` for the
/// task handling the request.
enum RequestScope {
    struct Current: Sendable {
        var viewer: Viewer?
        var csrfToken: String?
        /// The configuration read when the request was signed in, so the pages and checks of one
        /// request read the configuration stamp once, not at every use.
        var configuration: Configuration?
    }

    @TaskLocal static var current = Current()
}

extension HTML {
    /// The hidden CSRF field for a state-changing form (empty when no one is signed in).
    static var csrfField: HTML {
        guard let token = RequestScope.current.csrfToken else { return "" }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
    }
}

/// What looking up the case a request names found: the case (and who asked), no such case, or
/// a case the user may not see or act on — a refusal already written to the audit trail.
enum CaseLookup {
    case found(Representation, Viewer)
    case missing
    case refused
}

extension AppRequestContext {
    /// The case named by the route's `:id`, if the signed-in user may see it, hold `permission`
    /// on it (when given) and `allowed` accepts it. Every refusal is audited with `detail`. The
    /// one place the pages and the API decide "may this person have this case".
    func lookUpCase(
        in database: Database, permission: Permission? = nil, detail: String = "",
        allowed: (Representation) -> Bool = { _ in true }
    ) async throws -> CaseLookup {
        let id = try parameters.require("id")
        guard let viewer else { return .missing }
        let access = CaseAccess(database: database, viewer: viewer)
        switch try await access.lookUp(
            id: id, permission: permission, allowed: allowed,
            refused: { r in
                try await AuditLog(database: database).append(audit(.refusedAccess, r, detail: detail))
            })
        {
        case .missing: return .missing
        case .refused: return .refused
        case .found(let r): return .found(r, viewer)
        }
    }
}
