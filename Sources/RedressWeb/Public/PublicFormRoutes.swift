import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/feedback`: the public online forms for complaints, compliments and comments — one for adults
/// and one in plain language for children and young people. No sign-in and no JavaScript: each
/// page carries the earlier answers as hidden fields, so nothing is stored until the person
/// sends it from "Check your answers".
struct PublicFormRoutes: Sendable {
    let deps: WebDependencies

    /// Every answer the form collects.
    static let keys = [
        "kind", "service", "details", "put-right", "name", "email", "phone", "on-behalf-of", "advocate", "disability",
        "gender", "age-band", "ethnicity",
    ]

    @Sendable func start(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        PublicFormViews.start(council: try await SettingsStore(database: deps.database).councilIdentity())
    }

    @Sendable func privacy(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        PublicFormViews.privacy()
    }

    @Sendable func sent(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let query = request.uri.queryParameters
        let reference =
            query.get("reference").flatMap {
                $0.count <= 20 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil
            } ?? ""
        let kind = query.get("kind").flatMap(PublicSubmission.Kind.init(rawValue:)) ?? .comment
        let area = query.get("service").flatMap(ServiceArea.init(rawValue:)) ?? .corporate
        let young = query.get("for") == "young"
        let steps = PublicSubmission(
            id: "", reference: reference, submittedOn: deps.today(), kind: kind, youngPerson: young, serviceArea: area,
            details: "", name: "", wantsAdvocate: young ? query.get("advocate") == "yes" : nil
        )
        .whatHappensNext()
        return PublicFormViews.sent(reference: reference, steps: steps, young: young)
    }

    @Sendable func first(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let young = request.uri.queryParameters.get("for") == "young"
        return PublicFormViews.page(
            .kind, answers: FeedbackAnswers([:]), young: young, reference: try await equalityCodes(), errors: [])
    }

    func equalityCodes() async throws -> ReferenceData { try await ReferenceStore(database: deps.database).load() }

    @Sendable func step(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let young = fields["for"] == "young"
        var values: [String: String] = [:]
        for key in Self.keys { values[key] = fields[key] }
        values["consent"] = fields["consent"]
        let answers = FeedbackAnswers(values)
        let reference = try await equalityCodes()
        let returning = fields["returning"] == "yes"
        func show(_ page: FeedbackAnswers.Page, _ errors: [FieldError] = [], returning: Bool = false) throws -> Response
        {
            let html = PublicFormViews.page(
                page, answers: answers, young: young, reference: reference, errors: errors,
                returning: returning && page != .check)
            return try Page(status: errors.isEmpty ? .ok : .unprocessableContent, html: html).response(
                from: request, context: context)
        }
        if let target = FeedbackAnswers.Page(rawValue: fields["goto"]) {
            // "Change" on Check your answers: after that page, straight back to the check.
            return try show(target, returning: fields["page"] == "check" || (returning && target != .kind))
        }
        guard let page = FeedbackAnswers.Page(rawValue: fields["page"]) else { return try show(.kind) }
        let errors = answers.problems(on: page, young: young)
        guard errors.isEmpty else { return try show(page, errors, returning: returning) }
        if let next = FeedbackAnswers.page(after: page) {
            return try show(returning ? .check : next)
        }
        // Sending: every page is checked again, in case hidden answers were altered.
        for earlier in FeedbackAnswers.order {
            let problems = answers.problems(on: earlier, young: young)
            if !problems.isEmpty { return try show(earlier, problems) }
        }
        let address = context.address ?? "unknown"
        let now = deps.security.now()
        let key = AttemptCounter.address(address, for: "submission")
        if let wait = try await AttemptCounter(database: deps.database).reserve(
            key, now: now, limit: deps.security.submissions
        ).refusedFor {
            var response = try Page(status: .tooManyRequests, html: PublicFormViews.tooMany()).response(
                from: request, context: context)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        var sentReference = ""
        if fields["website"].isEmpty {  // the honeypot: a field people never see, that robots fill in
            let saved = try await SubmissionStore(database: deps.database).add(
                answers, on: deps.today(), young: young, equalityCodes: reference)
            sentReference = saved.reference
            deps.logger.info(
                "public submission received",
                metadata: ["kind": "\(saved.kind.rawValue)", "area": "\(saved.serviceArea.rawValue)"])
        } else {
            sentReference = PublicSubmission.newReference()
        }
        let query =
            "reference=\(sentReference)&kind=\(answers["kind"])&service=\(answers["service"])"
            + "&for=\(young ? "young" : "adult")\(young && answers["advocate"] == "yes" ? "&advocate=yes" : "")"
        return Response(status: .seeOther, headers: [.location: "/feedback/sent?\(query)"])
    }
}
