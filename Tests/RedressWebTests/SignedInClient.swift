import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
@testable import RedressWeb

/// The fixed "now" of web tests, in Unix seconds.
let testNow = 1_700_000_000

/// Web dependencies for tests: cheap password hashing and a fixed clock.
func testDependencies(
    _ database: Database, today: CalendarDate, now: @escaping @Sendable () -> Int = { testNow }
) -> WebDependencies {
    WebDependencies(
        database: database, today: { today }, logger: TestDatabase.logger,
        security: WebSecurity(hasher: .testing, now: now))
}

/// A test client acting as one signed-in user: it sends their session cookie with every request
/// and their CSRF token with every form post, as their browser would.
struct SignedInClient: TestClientProtocol {
    let base: any TestClientProtocol
    let session: UserSession

    var port: Int? { base.port }
    var user: User { session.user }

    func executeRequest(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?
    ) async throws -> TestResponse {
        var headers = headers
        headers.append(HTTPField(name: .cookie, value: "\(SessionCookie.name)=\(session.token)"))
        var body = body
        if method == .post {
            let sent = body.map { String(buffer: $0) } ?? ""
            body = ByteBuffer(string: (sent.isEmpty ? "" : sent + "&") + "csrf=\(session.csrfToken)")
        }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

/// Adds a user with `role` and starts a session for them directly in the store (the sign-in
/// form itself is tested in `SignInTests`).
func signIn(
    _ client: any TestClientProtocol, _ database: Database, as role: Role, username: String? = nil,
    personID: String? = nil
) async throws -> SignedInClient {
    let name = username ?? role.rawValue
    let user = try await UserStore(database: database).add(
        username: name, displayName: "\(role.displayName) \(name)", role: role, personID: personID,
        password: "correct horse battery staple", hasher: .testing)
    let session = try await SessionStore(database: database).start(for: user, now: testNow)
    return SignedInClient(base: client, session: session)
}
