import HTTPTypes
import RedressCore

/// Every route of the web application with its access rule, in one table. Routes are
/// registered from this table (`Routes.register`), so a route cannot exist without a rule, and
/// the authorization test walks every case of it for every role.
enum Endpoint: String, CaseIterable, Sendable {
    case health, metrics, stylesheet
    case signInForm, signIn, signOut, signOutEverywhere, choosePasswordForm, choosePassword, accessGrants
    case feedbackStart, feedbackPrivacy, feedbackForm, feedbackStep, feedbackSent
    case triageInbox, triageSubmission, recordSubmission, declineSubmission
    case makeLetter, showLetter, letterTemplates, saveLetterTemplate
    case dashboard, newRepresentation, recordRepresentation, showCase, takeCaseStep, restrictCase, equalityForm,
        recordEquality
    case newCompliment, stepForm, caseDetailsForm, saveCaseDetails, caseOwnerForm, saveCaseOwner
    case caseLinksForm, addCaseLink, removeCaseLink, caseMergeForm, mergeCase
    case caseDocuments, addCaseDocuments, caseDocument, caseDocumentText, withholdDocumentForm, withholdDocument
    case caseContactForm, addCaseContact, caseContactEntry, saveCaseContact, caseEmailForm, sendCaseEmail
    case search, cases, myCases, casesExport, deadlineCalendar
    case statistics, annualReport, quarterlyReport
    case reportInputs, saveContextMeasure, addRecommendation, updateRecommendation, ombudsmanLetter,
        saveOmbudsmanLetter
    case councilDetails, saveCouncilDetails, saveCouncilLogo, mailboxSettings, saveMailboxSettings
    case reportCommentary, reportCommentaryChapter, saveReportCommentary, reportTemplate, saveReportTemplate
    case countingConventions, saveCountingConventions
    case codeReport, codeAssessment, codeProvision, saveCodeProvision, codeGoverningBody, saveCodeGoverningBody
    case benchmark, compareBenchmark, benchmarkFile
    case people, addPerson, personAvailability
    case audit
    case subjectAccessForm, subjectAccessSearch, subjectAccessExport
    case retention, retentionPurge
    case users, addUser, changeUser
    // The JSON API (token callers; contract at /api/v1/openapi.json).
    case apiContract, apiRepresentations, apiRecordRepresentation, apiRepresentation, apiCaseStep, apiRestriction
    case apiReferenceData, apiProcedures, apiCalendar, apiPeople, apiAddPerson, apiPersonAvailability
    case apiAnnualReport, apiQuarterlyReport, apiSubmissions, apiAudit

    /// Who may use an endpoint, before any case-level check.
    enum Access: Sendable, Hashable {
        /// No sign-in: health checks, the stylesheet, the sign-in page.
        case anyone
        /// Any signed-in user (signing out).
        case signedIn
        /// A signed-in user whose role grants this permission.
        case permission(Permission)
    }

    var method: HTTPRequest.Method {
        switch self {
        case .signIn, .signOut, .signOutEverywhere, .choosePassword, .recordRepresentation, .takeCaseStep,
            .restrictCase, .addPerson, .personAvailability,
            .subjectAccessSearch, .subjectAccessExport, .retentionPurge, .addUser, .changeUser, .recordEquality,
            .saveContextMeasure, .addRecommendation, .updateRecommendation, .saveOmbudsmanLetter, .feedbackStep,
            .recordSubmission,
            .declineSubmission, .makeLetter, .saveLetterTemplate, .saveCouncilDetails, .saveReportCommentary,
            .saveReportTemplate, .saveCouncilLogo, .saveMailboxSettings, .saveCountingConventions, .saveCodeProvision,
            .compareBenchmark,
            .saveCodeGoverningBody,
            .apiRecordRepresentation, .apiCaseStep, .apiAddPerson,
            .saveCaseDetails, .saveCaseOwner, .addCaseLink, .removeCaseLink, .mergeCase, .addCaseDocuments,
            .withholdDocument, .addCaseContact, .saveCaseContact, .sendCaseEmail:
            .post
        case .apiRestriction, .apiPersonAvailability: .put
        default: .get
        }
    }

    var path: String {
        switch self {
        case .health: "/health"
        case .metrics: "/metrics"
        case .stylesheet: "/assets/redress.css"
        case .signInForm, .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .signOutEverywhere: "/sign-out-everywhere"
        case .choosePasswordForm, .choosePassword: "/choose-password"
        case .accessGrants: "/access"
        case .dashboard: "/"
        case .feedbackStart: "/feedback"
        case .feedbackPrivacy: "/feedback/privacy"
        case .feedbackForm, .feedbackStep: "/feedback/form"
        case .feedbackSent: "/feedback/sent"
        case .triageInbox: "/triage"
        case .triageSubmission: "/triage/:id"
        case .recordSubmission: "/triage/:id/record"
        case .declineSubmission: "/triage/:id/decline"
        case .makeLetter: "/complaints/:id/letters"
        case .showLetter: "/complaints/:id/letters/:letter"
        case .letterTemplates: "/letters"
        case .saveLetterTemplate: "/letters/:key"
        case .newRepresentation: "/complaints/new"
        case .newCompliment: "/compliments/new"
        case .stepForm: "/complaints/:id/steps/:step"
        case .caseDetailsForm, .saveCaseDetails: "/complaints/:id/details"
        case .caseOwnerForm, .saveCaseOwner: "/complaints/:id/owner"
        case .caseLinksForm, .addCaseLink: "/complaints/:id/links"
        case .removeCaseLink: "/complaints/:id/links/:other/remove"
        case .caseMergeForm, .mergeCase: "/complaints/:id/merge"
        case .caseDocuments, .addCaseDocuments: "/complaints/:id/documents"
        case .caseDocument: "/complaints/:id/documents/:document"
        case .caseDocumentText: "/complaints/:id/documents/:document/text"
        case .withholdDocumentForm, .withholdDocument: "/complaints/:id/documents/:document/withhold"
        case .caseContactForm, .addCaseContact: "/complaints/:id/contacts"
        case .caseContactEntry, .saveCaseContact: "/complaints/:id/contacts/:contact"
        case .caseEmailForm, .sendCaseEmail: "/complaints/:id/email"
        case .search: "/search"
        case .cases: "/cases"
        case .myCases: "/my-cases"
        case .casesExport: "/cases/export"
        case .deadlineCalendar: "/calendar"
        case .recordRepresentation: "/complaints"
        case .showCase: "/complaints/:id"
        case .takeCaseStep: "/complaints/:id/steps/:step"
        case .restrictCase: "/complaints/:id/restriction"
        case .equalityForm, .recordEquality: "/complaints/:id/equality"
        case .statistics: "/statistics"
        case .annualReport: "/reports/annual"
        case .quarterlyReport: "/reports/quarterly"
        case .reportInputs: "/reports/inputs"
        case .councilDetails, .saveCouncilDetails: "/council"
        case .saveCouncilLogo: "/council/logo"
        case .mailboxSettings, .saveMailboxSettings: "/mailbox"
        case .reportCommentary: "/reports/annual/commentary"
        case .reportCommentaryChapter, .saveReportCommentary: "/reports/annual/commentary/:chapter"
        case .reportTemplate, .saveReportTemplate: "/reports/annual/template"
        case .countingConventions, .saveCountingConventions: "/reports/conventions"
        case .codeReport: "/reports/code"
        case .benchmark, .compareBenchmark: "/reports/benchmark"
        case .benchmarkFile: "/reports/benchmark/file"
        case .codeAssessment: "/reports/code/self-assessment"
        case .codeProvision, .saveCodeProvision: "/reports/code/self-assessment/:year/:provision"
        case .codeGoverningBody, .saveCodeGoverningBody: "/reports/code/governing-body/:year"

        case .saveContextMeasure: "/reports/inputs/context"
        case .ombudsmanLetter, .saveOmbudsmanLetter: "/reports/inputs/ombudsman"
        case .addRecommendation: "/reports/inputs/recommendations"
        case .updateRecommendation: "/reports/inputs/recommendations/:id"
        case .people, .addPerson: "/people"
        case .personAvailability: "/people/:id/availability"
        case .audit: "/audit"
        case .subjectAccessForm, .subjectAccessSearch: "/subject-access"
        case .subjectAccessExport: "/subject-access/export"
        case .retention: "/retention"
        case .retentionPurge: "/retention/purge"
        case .users, .addUser: "/users"
        case .changeUser: "/users/:id"
        case .apiContract: "/api/v1/openapi.json"
        case .apiRepresentations, .apiRecordRepresentation: "/api/v1/representations"
        case .apiRepresentation: "/api/v1/representations/:id"
        case .apiCaseStep: "/api/v1/representations/:id/steps/:step"
        case .apiRestriction: "/api/v1/representations/:id/restriction"
        case .apiReferenceData: "/api/v1/reference-data"
        case .apiProcedures: "/api/v1/procedures"
        case .apiCalendar: "/api/v1/calendar"
        case .apiPeople, .apiAddPerson: "/api/v1/people"
        case .apiPersonAvailability: "/api/v1/people/:id/availability"
        case .apiAnnualReport: "/api/v1/reports/annual"
        case .apiQuarterlyReport: "/api/v1/reports/quarterly"
        case .apiSubmissions: "/api/v1/submissions"
        case .apiAudit: "/api/v1/audit"
        }
    }

    /// The most a file upload to this endpoint may send (`multipart/form-data`), with the limit
    /// in words for the page that refuses more; `nil` where no file is taken.
    func uploadLimit(_ deps: WebDependencies) -> (bytes: Int, words: String)? {
        // Each with room for the form's other fields and the parts' headers.
        switch self {
        case .saveCouncilLogo: (CouncilLogo.sizeLimit + 16 * 1024, "512 KB")
        case .compareBenchmark: (2 * 1024 * 1024, "2 MB")
        case .addCaseDocuments: (deps.documentLimit + 64 * 1024, WebDependencies.words(deps.documentLimit))
        default: nil
        }
    }

    /// What a user who must still choose their own password may use: choosing it, and leaving.
    var allowedBeforeChoosingPassword: Bool {
        [.choosePasswordForm, .choosePassword, .signOut, .signOutEverywhere, .stylesheet].contains(self)
    }

    var access: Access {
        switch self {
        case .health, .metrics, .stylesheet, .signInForm, .signIn: .anyone
        // The public forms: anyone, without signing in.
        case .feedbackStart, .feedbackPrivacy, .feedbackForm, .feedbackStep, .feedbackSent: .anyone
        case .triageInbox, .triageSubmission, .recordSubmission, .declineSubmission: .permission(.recordRepresentation)
        case .makeLetter: .permission(.takeCaseSteps)
        case .showLetter: .permission(.viewCase)
        case .letterTemplates, .saveLetterTemplate: .permission(.manageLetterTemplates)
        case .signOut, .signOutEverywhere, .choosePasswordForm, .choosePassword: .signedIn
        case .accessGrants: .permission(.viewAudit)
        // Everyone lands here; those without case lists are sent on to their own start page.
        case .dashboard: .signedIn
        case .showCase: .permission(.viewCase)
        case .newRepresentation, .recordRepresentation, .equalityForm, .recordEquality:
            .permission(.recordRepresentation)
        case .takeCaseStep, .stepForm, .caseDetailsForm, .saveCaseDetails, .caseOwnerForm, .saveCaseOwner,
            .caseLinksForm, .addCaseLink, .removeCaseLink, .caseMergeForm, .mergeCase:
            .permission(.takeCaseSteps)
        case .newCompliment: .permission(.recordRepresentation)
        case .caseDocuments, .caseDocument, .caseDocumentText: .permission(.viewCase)
        case .addCaseDocuments, .caseContactForm, .addCaseContact, .caseContactEntry, .saveCaseContact,
            .caseEmailForm, .sendCaseEmail:
            .permission(.takeCaseSteps)
        case .withholdDocumentForm, .withholdDocument: .permission(.subjectAccess)
        case .search, .cases, .myCases, .casesExport, .deadlineCalendar: .permission(.viewCaseList)
        case .restrictCase: .permission(.restrictCase)
        case .statistics, .annualReport, .quarterlyReport, .codeReport, .benchmark, .compareBenchmark, .benchmarkFile:
            .permission(.viewStatistics)
        case .codeAssessment, .codeProvision, .saveCodeProvision, .codeGoverningBody, .saveCodeGoverningBody:
            .permission(.manageReportInputs)

        case .reportInputs, .saveContextMeasure, .addRecommendation, .updateRecommendation, .ombudsmanLetter,
            .saveOmbudsmanLetter, .reportCommentary,
            .reportCommentaryChapter, .saveReportCommentary, .reportTemplate, .saveReportTemplate,
            .countingConventions, .saveCountingConventions:
            .permission(.manageReportInputs)
        case .councilDetails, .saveCouncilDetails, .saveCouncilLogo, .mailboxSettings, .saveMailboxSettings:
            .permission(.manageCouncilDetails)
        case .people, .addPerson, .personAvailability: .permission(.managePeople)
        case .audit: .permission(.viewAudit)
        case .subjectAccessForm, .subjectAccessSearch, .subjectAccessExport: .permission(.subjectAccess)
        case .retention, .retentionPurge: .permission(.manageRetention)
        case .users, .addUser, .changeUser: .permission(.manageUsers)
        // The API: the same permission as the screen that does the same thing.
        case .apiContract: .anyone
        case .apiRepresentations: .permission(.viewCaseList)
        case .apiRecordRepresentation: .permission(.recordRepresentation)
        case .apiRepresentation: .permission(.viewCase)
        case .apiCaseStep: .permission(.takeCaseSteps)
        case .apiRestriction: .permission(.restrictCase)
        case .apiReferenceData, .apiProcedures, .apiCalendar: .signedIn
        case .apiPeople, .apiAddPerson, .apiPersonAvailability: .permission(.managePeople)
        case .apiAnnualReport, .apiQuarterlyReport: .permission(.viewStatistics)
        case .apiSubmissions: .permission(.recordRepresentation)
        case .apiAudit: .permission(.viewAudit)
        }
    }
}
