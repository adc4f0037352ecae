import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!

/// Who may use each endpoint, written out independently of `Endpoint.access`. The switch has no
/// default: a new endpoint does not compile until someone decides here who may use it.
private func allowed(_ endpoint: Endpoint, _ role: Role) -> Bool {
    switch endpoint {
    case .health, .metrics, .stylesheet, .signInForm, .signIn, .signOut, .signOutEverywhere, .dashboard,
        .choosePasswordForm, .choosePassword,
        .feedbackStart, .feedbackPrivacy, .feedbackForm, .feedbackStep, .feedbackSent:
        return true
    case .triageInbox, .triageSubmission, .recordSubmission, .declineSubmission:
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .makeLetter, .showLetter:
        // Case-level: the case has no appointments, so appointment-scoped roles are refused.
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .letterTemplates, .saveLetterTemplate:
        return role == .complaintsManager
    case .search, .cases, .myCases, .casesExport, .deadlineCalendar:
        // Lists hold only the cases each role may see; every case role has them.
        return ![.reportReader, .administrator].contains(role)
    case .newCompliment, .stepForm, .caseDetailsForm, .saveCaseDetails, .caseOwnerForm, .saveCaseOwner, .caseLinksForm,
        .addCaseLink,
        .removeCaseLink, .caseMergeForm, .mergeCase:
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .showCase, .newRepresentation, .recordRepresentation, .takeCaseStep, .equalityForm, .recordEquality:
        // The case used is unrestricted and has no appointments, so appointment-scoped roles
        // are refused at case level.
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .caseDocuments, .caseDocument, .caseDocumentText, .addCaseDocuments, .caseContactForm, .addCaseContact,
        .caseContactEntry, .saveCaseContact, .caseEmailForm, .sendCaseEmail:
        // As the case page: the case has no appointments.
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .restrictCase, .subjectAccessForm, .subjectAccessSearch, .subjectAccessExport, .withholdDocumentForm,
        .withholdDocument:
        return role == .complaintsManager
    case .reportInputs, .saveContextMeasure, .addRecommendation, .updateRecommendation, .ombudsmanLetter,
        .saveOmbudsmanLetter, .reportCommentary,
        .reportCommentaryChapter, .saveReportCommentary, .reportTemplate, .saveReportTemplate, .countingConventions,
        .saveCountingConventions, .codeAssessment, .codeProvision, .saveCodeProvision, .codeGoverningBody,
        .saveCodeGoverningBody:
        return role == .complaintsManager
    case .statistics, .annualReport, .quarterlyReport, .codeReport, .benchmark, .compareBenchmark, .benchmarkFile:
        return [.complaintsManager, .complaintsOfficer, .reportReader, .administrator].contains(role)
    case .people, .addPerson, .personAvailability, .audit, .retention, .retentionPurge, .accessGrants:
        return [.complaintsManager, .administrator].contains(role)
    case .users, .addUser, .changeUser:
        return role == .administrator
    case .councilDetails, .saveCouncilDetails, .saveCouncilLogo, .mailboxSettings, .saveMailboxSettings:
        return [.complaintsManager, .administrator].contains(role)
    // The API: the same people as the matching screens.
    case .apiContract, .apiReferenceData, .apiProcedures, .apiCalendar:
        return true
    case .apiRepresentations:
        // The list itself is open to every case role; it holds only the cases they may see.
        return ![.reportReader, .administrator].contains(role)
    case .apiRecordRepresentation, .apiRepresentation, .apiCaseStep, .apiSubmissions:
        return [.complaintsManager, .complaintsOfficer].contains(role)
    case .apiRestriction:
        return role == .complaintsManager
    case .apiPeople, .apiAddPerson, .apiPersonAvailability, .apiAudit:
        return [.complaintsManager, .administrator].contains(role)
    case .apiAnnualReport, .apiQuarterlyReport:
        return [.complaintsManager, .complaintsOfficer, .reportReader, .administrator].contains(role)
    }
}

/// Whether a response is a refusal: forbidden, or sent to sign in.
private func refused(_ response: TestResponse) -> Bool {
    response.status == .forbidden || response.status == .unauthorized
        || (response.status == .seeOther && response.headers[.location] == "/sign-in")
}

/// A complaint with no appointments, and a person in the pool, for the routes with ids.
private func seed(_ database: Database) async throws -> (caseID: String, personID: String) {
    let command = NewComplaint(
        serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
        receivedOn: CalendarDate(iso: "2023-11-20")!,
        methodOfReceipt: "email", complainant: Complainant(relationship: "parent", name: "Sam Parent"),
        serviceCategory: "child-in-need", summary: "s")
    let r = try await RepresentationStore(database: database).record(
        command, engine: ClockEngine(calendar: .englandAndWales))
    try await PeopleStore(database: database).save([
        Person(id: "io-1", name: "Ines Officer", roles: [.investigatingOfficer], isCouncilOfficerOrMember: true)
    ])
    return (r.id, "io-1")
}

private func uri(_ endpoint: Endpoint, caseID: String, personID: String, userID: String) -> String {
    endpoint.path.replacingOccurrences(of: ":step", with: "extend")
        .replacingOccurrences(of: "/complaints/:id", with: "/complaints/\(caseID)")
        .replacingOccurrences(of: "/links/:other", with: "/links/no-such-case")
        .replacingOccurrences(of: ":document", with: "no-such-document")
        .replacingOccurrences(of: ":contact", with: "no-such-contact")
        .replacingOccurrences(of: "/representations/:id", with: "/representations/\(caseID)")
        .replacingOccurrences(of: "/people/:id", with: "/people/\(personID)")
        .replacingOccurrences(of: "/users/:id", with: "/users/\(userID)")
        .replacingOccurrences(of: "/recommendations/:id", with: "/recommendations/demo-rec")
        .replacingOccurrences(of: "/letters/:letter", with: "/letters/no-such-letter")
        .replacingOccurrences(of: ":year/:provision", with: "2025/stage-1-acknowledge")
        .replacingOccurrences(of: "/governing-body/:year", with: "/governing-body/2025")
        .replacingOccurrences(of: "/letters/:key", with: "/letters/acknowledgement")
        .replacingOccurrences(of: "/triage/:id", with: "/triage/no-such-submission")
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

@Suite("Authorization")
struct AuthorizationTests {
    @Test("every route is registered from the endpoint table, with one rule each", arguments: TestDatabase.engines)
    func routeTableIsComplete(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let router = buildRouter(testDependencies(database, today: today))
            let registered = Set(router.routes.map { "\($0.method) \($0.path)" })
            let table = Set(Endpoint.allCases.map { "\($0.method) \(RouterPath($0.path))" })
            #expect(registered == table)
            #expect(registered.count == Endpoint.allCases.count)
        }
    }

    @Test(
        "every endpoint × every role: allowed roles get through, every other role is refused",
        arguments: TestDatabase.engines)
    func matrix(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let (caseID, personID) = try await seed(database)
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                for role in Role.allCases {
                    let user = try await UserStore(database: database).add(
                        username: "user-\(role.rawValue)", displayName: role.displayName, role: role,
                        personID: role == .investigatingOfficer ? personID : nil, password: "a long enough password",
                        hasher: .testing)
                    let (_, token) = try await APITokenStore(database: database).create(
                        userID: user.id, name: "matrix", now: testNow)
                    for endpoint in Endpoint.allCases where endpoint.isAPI {
                        // API calls carry the user's token, never a session cookie.
                        let response = try await client.execute(
                            uri: uri(endpoint, caseID: caseID, personID: personID, userID: user.id),
                            method: endpoint.method,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: endpoint.method == .get ? nil : ByteBuffer(string: "{}"))
                        #expect(
                            refused(response) == !allowed(endpoint, role),
                            "\(role.rawValue) \(endpoint.method) \(endpoint.path): status \(response.status.code)")
                        if refused(response) { #expect(response.headers[.contentType] == "application/problem+json") }
                    }
                    for endpoint in Endpoint.allCases where !endpoint.isAPI {
                        // A new session per request: signing out ends it.
                        let session = try await SessionStore(database: database).start(for: user, now: testNow)
                        let signedIn = SignedInClient(base: client, session: session)
                        var headers: HTTPFields = endpoint.method == .post ? formHeaders : [:]
                        var body = "version=1"
                        if endpoint == .signIn {
                            // Signing in again (as a browser would, with the form's own token) is allowed.
                            headers.append(HTTPField(name: .cookie, value: "\(SessionCookie.signInName)=form-token"))
                            body =
                                "sign-in-token=form-token&username=\(user.username)&password=a%20long%20enough%20password"
                        }
                        let response = try await signedIn.execute(
                            uri: uri(endpoint, caseID: caseID, personID: personID, userID: user.id),
                            method: endpoint.method,
                            headers: headers, body: endpoint.method == .post ? ByteBuffer(string: body) : nil)
                        let expected = allowed(endpoint, role)
                        #expect(
                            refused(response) == !expected,
                            "\(role.rawValue) \(endpoint.method) \(endpoint.path): status \(response.status.code)")
                    }
                }
            }
        }
    }

    @Test(
        "without a session, only public endpoints answer; pages send you to sign in, posts are refused",
        arguments: TestDatabase.engines)
    func anonymous(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let (caseID, personID) = try await seed(database)
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                for endpoint in Endpoint.allCases {
                    let response = try await client.execute(
                        uri: uri(endpoint, caseID: caseID, personID: personID, userID: "nobody"),
                        method: endpoint.method,
                        headers: endpoint.method == .post ? formHeaders : [:],
                        body: endpoint.method == .post ? ByteBuffer(string: "a=b") : nil)
                    if endpoint.access == .anyone {
                        #expect(!refused(response) || endpoint == .signIn, "\(endpoint.path)")
                    } else if endpoint.isAPI {
                        #expect(
                            response.status == .unauthorized
                                && response.headers[.wwwAuthenticate] == #"Bearer realm="redress""#, "\(endpoint.path)")
                    } else if endpoint.method == .get {
                        #expect(
                            response.status == .seeOther && response.headers[.location] == "/sign-in",
                            "\(endpoint.path)")
                    } else {
                        #expect(response.status == .unauthorized, "\(endpoint.path)")
                    }
                    // Security headers on every response, whatever its status.
                    #expect(
                        response.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true,
                        "\(endpoint.path)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                }
                #expect(
                    try await RepresentationStore(database: database).count() == 1, "no anonymous post changed anything"
                )
            }
        }
    }
}
