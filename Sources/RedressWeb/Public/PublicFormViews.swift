import RedressCore

/// The public feedback pages: GOV.UK question pages, "Check your answers" and the confirmation,
/// worded twice — for adults, and in plain language for children and young people.
enum PublicFormViews {
    static func start(council: CouncilIdentity) -> HTML {
        let ways: [HTML] = [council.complaintsTeam, council.address.replacingOccurrences(of: "\n", with: ", ")]
            .filter { !$0.isEmpty }.map { "<li>\($0)</li>" }
        let contact: HTML =
            ways.isEmpty ? "" : "<ul class=\"app-list app-list--bullet\">\(ways)</ul>"
        return Layout.page(
            title: "Complaints, compliments and comments", forPublic: true,
            """
            <h1>Tell us what you think about a council service</h1>
            <p class="app-body">Use this form to make a complaint, pay a compliment or make a comment about adult \
            social care, children's social care or any other council service.</p>
            <p class="app-body">It takes about 10 minutes. You can tell us who you are so we can reply; for a \
            complaint we need a way to contact you.</p>
            <p class="app-body"><a class="app-button" role="button" href="/feedback/form">Start now</a></p>
            <h2>Under 18, or a care leaver?</h2>
            <p class="app-body"><a class="app-link" href="/feedback/form?for=young">Use the form for children and \
            young people</a>. It is shorter and you can ask for an advocate — someone on your side who helps you say \
            what you want.</p>
            <h2>Other ways to contact us</h2>
            <p class="app-body">You can also tell us by telephone, by letter or in person. If you need help to make a \
            complaint, we will help you.</p>
            \(contact)
            """)
    }

    static func privacy() -> HTML {
        Layout.page(
            title: "How we use your information", forPublic: true,
            """
            <h1>How we use your information</h1>
            <p class="app-body">We use what you tell us only to deal with your complaint, compliment or comment, to \
            learn from it and to report on complaints each year. Reports never name anyone.</p>
            <p class="app-body">Only the people who deal with it can see it. The equality questions are optional; \
            your answers are kept apart from your complaint and used only to count who uses the complaints \
            procedure.</p>
            <p class="app-body">We keep complaint records for 6 years after they close (15 years for children's \
            social care), then delete them. You can ask for a copy of the information we hold about you.</p>
            <p class="app-body"><a class="app-link" href="/feedback">Back to the start</a></p>
            """)
    }

    static func tooMany() -> HTML {
        Layout.page(
            title: "Too many forms sent", forPublic: true,
            """
            <h1>Too many forms have been sent from your network</h1>
            <p class="app-body">Please try again in an hour, or contact us by telephone or letter.</p>
            """)
    }

    static func sent(reference: String, steps: [String], young: Bool) -> HTML {
        let items: [HTML] = steps.map { "<li>\($0)</li>" }
        return Layout.page(
            title: young ? "We have got your form" : "Form sent", forPublic: true,
            """
            <div class="app-panel">
              <h1 class="app-panel__title">\(young ? "We have got your form" : "Form sent")</h1>
              <div class="app-panel__body">Your reference number<br><strong>\(reference)</strong></div>
            </div>
            <p class="app-body">\(young ? "Keep this number. It helps us find your form if you contact us." : "Keep this reference. Quote it if you contact us about your feedback.")</p>
            <h2>What happens next</h2>
            <ul class="app-list app-list--bullet">\(items)</ul>
            <p class="app-body"><a class="app-link" \
            href="/feedback">\(young ? "Tell us something else" : "Send more feedback")</a></p>
            """)
    }

    /// The hidden fields carrying every answer not asked on this page.
    static func carried(_ answers: FeedbackAnswers, except: Set<String>) -> HTML {
        let fields: [HTML] = PublicFormRoutes.keys.filter { !except.contains($0) && !answers[$0].isEmpty }.map {
            "<input type=\"hidden\" name=\"\($0)\" value=\"\(answers[$0])\">"
        }
        return "\(fields)"
    }

    static func radios(
        _ name: String, legend: String, hint: String? = nil, options: [(String, String)], selected: String,
        errors: [FieldError], headingLegend: Bool = false
    ) -> HTML {
        let hasError = errors.contains { $0.field == name }
        let items: [HTML] = options.enumerated().map { i, option in
            let id = i == 0 ? name : "\(name)-\(i + 1)"
            return
                """
                    <div class=\"app-radios__item\"><input id=\"\(id)\" name=\"\(name)\" type=\"radio\" \
                    value=\"\(option.0)\"\(HTML.attribute("checked", option.0 == selected ? "checked" : nil))><label \
                    for=\"\(id)\">\(option.1)</label></div>
                    """
        }
        let described = [hint == nil ? nil : "\(name)-hint", hasError ? "\(name)-error" : nil].compactMap { $0 }.joined(
            separator: " ")
        let legendHTML: HTML =
            headingLegend
            ? "<legend class=\"app-fieldset__legend--l\"><h1 class=\"app-fieldset__heading\">\(legend)</h1></legend>"
            : "<legend class=\"app-label--s\">\(legend)</legend>"
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <fieldset\(HTML.attribute("aria-describedby", described.isEmpty ? nil : described))>
                \(legendHTML)
                \(hint.map { "<p class=\"app-hint\" id=\"\(name)-hint\">\($0)</p>" as HTML })
                \(CaseActionsView.errorMessage(name, errors))
                <div class="app-radios">\(items)</div>
              </fieldset>
            </div>
            """
    }

    static func textField(
        _ name: String, label: String, hint: String? = nil, value: String, errors: [FieldError], type: String = "text",
        autocomplete: String, area: Bool = false
    ) -> HTML {
        let hasError = errors.contains { $0.field == name }
        let described = [hint == nil ? nil : "\(name)-hint", hasError ? "\(name)-error" : nil].compactMap { $0 }.joined(
            separator: " ")
        let input: HTML =
            area
            ? """
                <textarea class=\"app-textarea\(hasError ? " app-input--error" : "")\" id=\"\(name)\" \
                name=\"\(name)\" \
                rows=\"8\"\(HTML.attribute("aria-describedby", described.isEmpty ? nil : described))>\(value)</textarea>
                """
            : """
                <input class=\"app-input\(hasError ? " app-input--error" : "")\" id=\"\(name)\" name=\"\(name)\" \
                type=\"\(type)\" autocomplete=\"\(autocomplete)\" \
                value=\"\(value)\"\(HTML.attribute("aria-describedby", described.isEmpty ? nil : described))>
                """
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              \(hint.map { "<p class=\"app-hint\" id=\"\(name)-hint\">\($0)</p>" as HTML })
              \(CaseActionsView.errorMessage(name, errors))
              \(input)
            </div>
            """
    }

    static func kindOptions(young: Bool) -> [(String, String)] {
        young
            ? [
                ("complaint", "Something is wrong and I want it sorted out (a complaint)"),
                ("compliment", "Say thank you (a compliment)"),
                ("comment", "Tell you an idea or something you think (a comment)"),
            ]
            : [
                ("complaint", "Make a complaint"), ("compliment", "Pay a compliment"),
                ("comment", "Make a comment or suggestion"),
            ]
    }

    static func serviceOptions(young: Bool) -> [(String, String)] {
        young
            ? [
                ("children", "My social worker, foster carer, children's home or the children's team"),
                ("adults", "Help or care for an adult, like a parent"),
                ("corporate", "Something else the council does, like school transport"),
            ]
            : [
                ("adults", "Adult social care: care and support for adults and carers"),
                (
                    "children",
                    "Children's social care: social workers, fostering, adoption, children in care and care leavers"
                ), ("corporate", "Another council service"),
            ]
    }

    static func behalfOptions(young: Bool) -> [(String, String)] {
        young
            ? [("self", "Me"), ("other", "Someone else")]
            : [
                ("self", "Myself"), ("parent", "My child — I am their parent or carer"), ("relative", "A relative"),
                ("friend-or-neighbour", "A friend or neighbour"), ("advocate", "Someone I am an advocate for"),
                ("other", "Someone else"),
            ]
    }

    static func label(_ options: [(String, String)], _ value: String) -> String {
        options.first { $0.0 == value }?.1 ?? ""
    }

    /// One question page, or "Check your answers".
    /// `returning`: the person came from "Check your answers" to change something, and goes back there.
    static func page(
        _ page: FeedbackAnswers.Page, answers: FeedbackAnswers, young: Bool, reference: ReferenceData,
        errors: [FieldError], returning: Bool = false
    ) -> HTML {
        let complaint = answers["kind"] == "complaint"
        var asked: Set<String> = []
        let title: String
        var body: HTML
        switch page {
        case .kind:
            asked = ["kind"]
            title = young ? "What do you want to tell us?" : "What would you like to do?"
            body = radios(
                "kind", legend: title, options: kindOptions(young: young), selected: answers["kind"], errors: errors,
                headingLegend: true)
        case .service:
            asked = ["service"]
            title = young ? "Who is it about?" : "Which service is it about?"
            body = radios(
                "service", legend: title, options: serviceOptions(young: young), selected: answers["service"],
                errors: errors, headingLegend: true)
        case .details:
            asked = ["details", "put-right"]
            title = young ? "Tell us what happened" : "What happened?"
            body = """
                <h1>\(title)</h1>
                \(textField("details", label: young ? "What happened" : "Tell us what happened",
                hint: young ? "Say what happened, when, and who was there if you know. Write as much or as little as you like." : "Include dates, places and the names of any staff if you know them. Do not include bank details.", value: answers["details"], errors: errors, autocomplete: "off", area: true))
                \(complaint ? textField("put-right",
                label: young ? "What would make it better? (optional)" : "What would you like us to do to put it right? (optional)", value: answers["put-right"], errors: errors, autocomplete: "off", area: true) : "")
                """
        case .aboutYou:
            asked = ["name", "email", "phone", "on-behalf-of", "advocate"]
            title = young ? "About you" : "Your details"
            body = """
                <h1>\(title)</h1>
                <p class="app-body">\(complaint ? (young ? "We need to know how to get back to you." : "We need your name and a way to contact you to deal with your complaint.") : "These are optional. Leave them blank if you do not want a reply.")</p>
                \(textField("name", label: complaint ? "Your name" : "Your name (optional)", value: answers["name"],
                errors: errors, autocomplete: "name"))
                \(textField("email", label: young ? "Email address" : "Email address",
                hint: complaint ? "Give an email address, a telephone number or both." : nil,
                value: answers["email"], errors: errors, type: "email", autocomplete: "email"))
                \(textField("phone", label: young ? "Phone number" : "Telephone number", value: answers["phone"],
                errors: errors, type: "tel", autocomplete: "tel"))
                \(complaint ? radios("on-behalf-of",
                legend: young ? "Who is the complaint for?" : "Who is the complaint for?",
                options: behalfOptions(young: young), selected: answers["on-behalf-of"], errors: errors) : "")
                \(young && complaint ? radios("advocate", legend: "Would you like an advocate to help you?",
                hint: "An advocate is someone who is on your side. They help you say what you want and make sure you are listened to. It is free and they do not work for the children's team.", options: [("yes", "Yes, please"), ("no", "No, thank you")], selected: answers["advocate"], errors: errors) : "")
                """
        case .equality:
            asked = ["disability", "gender", "age-band", "ethnicity"]
            title = young ? "About you (optional)" : "Equality monitoring (optional)"
            let questions: [HTML] = [
                (
                    "disability", CategoryList.disability,
                    young ? "Do you have a disability?" : "Do you consider yourself to have a disability?"
                ),
                ("gender", .gender, young ? "Are you…" : "What is your gender?"),
                ("age-band", .ageBand, young ? "How old are you?" : "What is your age?"),
                ("ethnicity", .ethnicity, young ? "What is your ethnic group?" : "What is your ethnic group?"),
            ].map { field, list, question in
                let chosen = answers[field].isEmpty ? "not-stated" : answers[field]
                let options: [HTML] = FeedbackAnswers.publicChoices(list, young: young, from: reference).map {
                    """
                        <option value=\"\($0.code)\"\(HTML.attribute("selected",
                        $0.code == chosen ? "selected" : nil))>\
                        \($0.code == "not-stated" ? "Prefer not to say" : $0.label)</option>
                        """
                }
                return """
                    <div class="app-form-group">
                      <label class="app-label" for="\(field)">\(question)</label>
                      <select class="app-select" id="\(field)" name="\(field)">\(options)</select>
                    </div>
                    """
            }
            body = """
                <h1>\(title)</h1>
                <p class="app-body">\(young ? "You do not have to answer these. They help us check that all young people can tell us things." : "You do not have to answer these questions. Your answers are kept apart from your feedback and only used to count who uses our complaints procedure.")</p>
                \(questions)
                """
        case .check:
            title = "Check your answers"
            let rows: [(String, String, FeedbackAnswers.Page)] =
                [
                    (
                        young ? "What you want to tell us" : "What you want to do",
                        label(kindOptions(young: young), answers["kind"]), .kind
                    ),
                    (
                        young ? "Who it is about" : "Service", label(serviceOptions(young: young), answers["service"]),
                        .service
                    ),
                    ("What happened", answers["details"], .details),
                ]
                + (complaint
                    ? [
                        (
                            young ? "What would make it better" : "What would put it right",
                            answers["put-right"].isEmpty ? "Not given" : answers["put-right"], .details
                        )
                    ] : []) + [
                    ("Name", answers["name"].isEmpty ? "Not given" : answers["name"], .aboutYou),
                    (
                        "Contact",
                        [answers["email"], answers["phone"]].filter { !$0.isEmpty }.joined(separator: ", ").nonEmpty
                            ?? "Not given", .aboutYou
                    ),
                ]
                + (complaint
                    ? [("Who it is for", label(behalfOptions(young: young), answers["on-behalf-of"]), .aboutYou)] : [])
                + (young && complaint
                    ? [("Advocate", answers["advocate"] == "yes" ? "Yes, please" : "No, thank you", .aboutYou)] : [])
                + [
                    (
                        young ? "About you" : "Equality monitoring",
                        [answers["disability"], answers["gender"], answers["age-band"], answers["ethnicity"]].contains {
                            !$0.isEmpty && $0 != "not-stated"
                        } ? "Answered" : "Not answered", .equality
                    )
                ]
            let list: [HTML] = rows.map { row in
                """
                <div class="app-summary-list__row">
                  <dt class="app-summary-list__key">\(row.0)</dt>
                  <dd class="app-summary-list__value">\(row.1)</dd>
                  <dd class="app-summary-list__actions"><button type="submit" class="app-button-link" name="goto" \
                value="\(row.2.rawValue)">Change<span class="app-visually-hidden"> \
                \(row.0.lowercased())</span></button></dd>
                </div>
                """
            }
            let consentError = errors.contains { $0.field == "consent" }
            body = """
                <h1>\(title)</h1>
                <dl class="app-summary-list">\(list)</dl>
                <h2>\(young ? "Sending your form" : "Now send your feedback")</h2>
                <div class="app-form-group\(consentError ? " app-form-group--error" : "")">
                  \(CaseActionsView.errorMessage("consent", errors))
                  <div class="app-radios__item"><input id="consent" name="consent" type="checkbox" \
                value="yes"\(HTML.attribute("aria-describedby", consentError ? "consent-error" : nil))><label \
                for="consent">\(young ? "It is OK for the council to use what I have told them to sort this out" : "I agree that the council can use this information to deal with my feedback, as described in how we use your information")</label></div>
                </div>
                <p class="app-body"><a class="app-link" href="/feedback/privacy">How we use your information</a> \
                (opens in this tab: your answers are kept if you go back)</p>
                """
        }
        let previous = FeedbackAnswers.order.firstIndex(of: page).flatMap {
            $0 > 0 ? FeedbackAnswers.order[$0 - 1] : nil
        }
        let back: HTML =
            previous.map {
                """
                    <button type=\"submit\" class=\"app-button-link app-back\" name=\"goto\" \
                    value=\"\($0.rawValue)\">Back</button>
                    """
            } ?? "<a class=\"app-link app-back\" href=\"/feedback\">Back</a>"
        return Layout.page(
            title: title, hasErrors: !errors.isEmpty, forPublic: true,
            """
            \(Layout.errorSummary(errors))
            <form method="post" action="/feedback/form" novalidate>
              <input type="hidden" name="for" \
            value="\(young ? "young" : "adult")">\(returning ? "<input type=\"hidden\" name=\"returning\" value=\"yes\">" as HTML : "")
              <input type="hidden" name="page" value="\(page.rawValue)">
              \(carried(answers, except: asked))
              <div class="app-honeypot"><label for="website">Leave this empty</label><input id="website" \
            name="website" type="text" tabindex="-1" autocomplete="off"></div>
              \(body)
              <div class="app-button-group">
                <button type="submit" \
            class="app-button">\(page == .check ? (young ? "Send my form" : "Send") : "Continue")</button>
                \(back)
              </div>
            </form>
            """)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
