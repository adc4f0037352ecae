import Foundation
import Hummingbird
import RedressCore
import RedressStorage

extension Endpoint {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    /// The handler for each endpoint. Exhaustive: a new endpoint without a handler (or without
    /// an access rule in `Endpoint.access`) does not compile.
    func handler(_ deps: WebDependencies) -> Handler {
        func wrap<R: ResponseGenerator>(
            _ f: @escaping @Sendable (Request, AppRequestContext) async throws -> R
        ) -> Handler {
            { request, context in try await f(request, context).response(from: request, context: context) }
        }
        let casework = CaseworkRoutes(deps: deps), steps = CaseActionRoutes(deps: deps),
            people = PeopleRoutes(deps: deps)
        let signIn = SignInRoutes(deps: deps), privacy = PrivacyRoutes(deps: deps), users = UserRoutes(deps: deps)
        switch self {
        case .health:
            return { _, _ in
                // A load balancer takes a node whose database is unreachable out of service.
                let version: Int
                do {
                    version = try await Migrator(database: deps.database).appliedVersions().max() ?? 0
                } catch DatabaseError.unavailable {
                    return Response(
                        status: .serviceUnavailable, headers: [.contentType: "application/json", .retryAfter: "5"],
                        body: .init(byteBuffer: ByteBuffer(string: #"{"status":"database unavailable"}"#)))
                }
                let body =
                    #"{"status":"ok","database":"\#(deps.database.engine.rawValue)","schemaVersion":\#(version)}"#
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        case .metrics:
            return { request, _ in
                // Off unless a token is configured; then only for a caller that sends it.
                guard let registry = deps.metrics, let digest = deps.security.metricsTokenDigest else {
                    throw HTTPError(.notFound)
                }
                let sent =
                    request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
                    ?? ""
                guard Tokens.constantTimeEqual(Tokens.digest(sent), digest) else {
                    return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"metrics\""])
                }
                var buffer = [UInt8]()
                registry.emit(into: &buffer)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
            }
        case .stylesheet:
            return { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                    body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
            }
        case .signInForm: return signIn.form
        case .signIn: return signIn.signIn
        case .signOut: return signIn.signOut
        case .signOutEverywhere: return signIn.signOutEverywhere
        case .choosePasswordForm: return wrap(ChoosePasswordRoutes(deps: deps).form)
        case .choosePassword: return ChoosePasswordRoutes(deps: deps).choose
        case .accessGrants: return wrap(AccessGrantsRoutes(deps: deps).page)
        case .dashboard: return casework.dashboard
        case .feedbackStart: return wrap(PublicFormRoutes(deps: deps).start)
        case .feedbackPrivacy: return wrap(PublicFormRoutes(deps: deps).privacy)
        case .feedbackForm: return wrap(PublicFormRoutes(deps: deps).first)
        case .feedbackStep: return PublicFormRoutes(deps: deps).step
        case .feedbackSent: return wrap(PublicFormRoutes(deps: deps).sent)
        case .triageInbox: return wrap(TriageRoutes(deps: deps).inbox)
        case .triageSubmission: return wrap(TriageRoutes(deps: deps).show)
        case .recordSubmission: return TriageRoutes(deps: deps).record
        case .declineSubmission: return TriageRoutes(deps: deps).decline
        case .makeLetter: return LetterRoutes(deps: deps).make
        case .showLetter: return LetterRoutes(deps: deps).show
        case .letterTemplates: return wrap(LetterRoutes(deps: deps).templates)
        case .saveLetterTemplate: return LetterRoutes(deps: deps).saveTemplate
        case .newRepresentation: return wrap(casework.newComplaint)
        case .recordRepresentation: return casework.createComplaint
        case .showCase: return wrap(casework.showComplaint)
        case .takeCaseStep: return steps.takeStep
        case .newCompliment: return wrap(casework.newCompliment)
        case .stepForm: return CasePageRoutes(deps: deps).stepPage
        case .caseDetailsForm, .caseOwnerForm, .caseLinksForm, .caseMergeForm:
            return CaseManagementRoutes(deps: deps).form
        case .saveCaseDetails, .saveCaseOwner, .addCaseLink, .mergeCase: return CaseManagementRoutes(deps: deps).save
        case .caseDocuments: return CorrespondenceRoutes(deps: deps).documents
        case .addCaseDocuments: return CorrespondenceRoutes(deps: deps).addDocuments
        case .caseDocument: return CorrespondenceRoutes(deps: deps).download
        case .caseDocumentText: return CorrespondenceRoutes(deps: deps).documentText
        case .withholdDocumentForm: return CorrespondenceRoutes(deps: deps).withholdForm
        case .withholdDocument: return CorrespondenceRoutes(deps: deps).withhold
        case .caseContactForm: return ContactLogRoutes(deps: deps).form
        case .addCaseContact: return ContactLogRoutes(deps: deps).add
        case .caseContactEntry: return ContactLogRoutes(deps: deps).entry
        case .saveCaseContact: return ContactLogRoutes(deps: deps).save
        case .caseEmailForm: return CaseEmailRoutes(deps: deps).form
        case .sendCaseEmail: return CaseEmailRoutes(deps: deps).send
        case .removeCaseLink: return CaseManagementRoutes(deps: deps).unlink
        case .search: return wrap(CaseListRoutes(deps: deps).search)
        case .cases, .myCases: return wrap(CaseListRoutes(deps: deps).list)
        case .casesExport: return CaseListRoutes(deps: deps).export
        case .deadlineCalendar: return wrap(DeadlineCalendarRoutes(deps: deps).month)
        case .restrictCase: return steps.restrict
        case .equalityForm: return wrap(EqualityRoutes(deps: deps).form)
        case .recordEquality: return EqualityRoutes(deps: deps).record
        case .statistics: return wrap(casework.statistics)
        case .annualReport: return ReportRoutes(deps: deps).annual
        case .quarterlyReport: return ReportRoutes(deps: deps).quarterly
        case .reportInputs: return wrap(ReportInputRoutes(deps: deps).page)
        case .councilDetails: return CouncilDetailsRoutes(deps: deps).form
        case .reportCommentary: return wrap(ReportCommentaryRoutes(deps: deps).list)
        case .reportCommentaryChapter: return ReportCommentaryRoutes(deps: deps).form
        case .saveReportCommentary: return ReportCommentaryRoutes(deps: deps).save
        case .saveCouncilDetails: return CouncilDetailsRoutes(deps: deps).save
        case .saveCouncilLogo: return CouncilDetailsRoutes(deps: deps).saveLogo
        case .mailboxSettings: return MailboxRoutes(deps: deps).form
        case .saveMailboxSettings: return MailboxRoutes(deps: deps).save
        case .reportTemplate: return ReportTemplateRoutes(deps: deps).form
        case .saveReportTemplate: return ReportTemplateRoutes(deps: deps).save
        case .countingConventions: return CountingConventionsRoutes(deps: deps).form
        case .saveCountingConventions: return CountingConventionsRoutes(deps: deps).save
        case .codeReport: return CodeRoutes(deps: deps).report
        case .benchmark: return BenchmarkRoutes(deps: deps).page
        case .compareBenchmark: return BenchmarkRoutes(deps: deps).compare
        case .benchmarkFile: return BenchmarkRoutes(deps: deps).file
        case .codeAssessment: return CodeRoutes(deps: deps).assessment
        case .codeProvision: return CodeRoutes(deps: deps).provision
        case .saveCodeProvision: return CodeRoutes(deps: deps).saveProvision
        case .codeGoverningBody: return CodeRoutes(deps: deps).governingBody
        case .saveCodeGoverningBody: return CodeRoutes(deps: deps).saveGoverningBody

        case .saveContextMeasure: return ReportInputRoutes(deps: deps).saveContextMeasure
        case .addRecommendation: return ReportInputRoutes(deps: deps).addRecommendation
        case .updateRecommendation: return ReportInputRoutes(deps: deps).updateRecommendation
        case .ombudsmanLetter: return OmbudsmanLetterRoutes(deps: deps).form
        case .saveOmbudsmanLetter: return OmbudsmanLetterRoutes(deps: deps).save
        case .people: return wrap(people.list)
        case .addPerson: return wrap(people.add)
        case .personAvailability: return wrap(people.toggleAvailability)
        case .audit: return wrap(AuditRoutes(deps: deps).search)
        case .subjectAccessForm: return wrap(privacy.subjectAccessForm)
        case .subjectAccessSearch: return wrap(privacy.subjectAccessSearch)
        case .subjectAccessExport: return privacy.subjectAccessExport
        case .retention: return wrap(privacy.retention)
        case .retentionPurge: return privacy.purge
        case .users: return wrap(users.list)
        case .addUser: return users.add
        case .changeUser: return users.change
        case .apiContract:
            return { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                    body: .init(byteBuffer: ByteBuffer(data: OpenAPIDocument.json)))
            }
        case .apiRepresentations: return CaseAPI(deps: deps).list
        case .apiRecordRepresentation: return CaseAPI(deps: deps).create
        case .apiRepresentation: return CaseAPI(deps: deps).show
        case .apiCaseStep: return CaseAPI(deps: deps).step
        case .apiRestriction: return CaseAPI(deps: deps).restrict
        case .apiReferenceData: return CouncilAPI(deps: deps).referenceData
        case .apiProcedures: return CouncilAPI(deps: deps).procedures
        case .apiCalendar: return CouncilAPI(deps: deps).calendar
        case .apiPeople: return CouncilAPI(deps: deps).people
        case .apiAddPerson: return CouncilAPI(deps: deps).addPerson
        case .apiPersonAvailability: return CouncilAPI(deps: deps).setAvailability
        case .apiAnnualReport: return CouncilAPI(deps: deps).annualReport
        case .apiQuarterlyReport: return CouncilAPI(deps: deps).quarterlyReport
        case .apiSubmissions: return CouncilAPI(deps: deps).submissions
        case .apiAudit: return CouncilAPI(deps: deps).audit
        }
    }
}
