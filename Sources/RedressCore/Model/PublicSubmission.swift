import Foundation

/// What someone sent through the public online form, before the complaints team turns it into
/// a representation (or declines it). Kept whole, as sent; equality answers travel with it
/// only until the team records it, then move to their own table.
public struct PublicSubmission: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case complaint, compliment, comment

        public var representationKind: RepresentationKind {
            switch self {
            case .complaint: .complaint
            case .compliment: .compliment
            case .comment: .comment
            }
        }
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case new, recorded, declined
    }

    public var id: String
    /// Given to the person on the confirmation page: "WEB-2026-00042".
    public var reference: String
    public var submittedOn: CalendarDate
    public var kind: Kind
    /// Sent from the children and young people's version of the form.
    public var youngPerson: Bool
    public var serviceArea: ServiceArea
    public var details: String
    public var putRight: String
    public var name: String
    public var email: String
    public var phone: String
    /// "self" or the code of their relationship to the person the complaint is about.
    public var onBehalfOf: String
    public var wantsAdvocate: Bool?
    /// Files that came with it (an email's attachments), kept by digest until it is recorded,
    /// when they become the case's documents.
    public var attachments: [KeptFile]?
    public var equality: EqualityMonitoring?
    public var status: Status
    /// The representation it became, once recorded.
    public var representationID: String?
    public var declinedReason: String?
    public var version: Int

    /// A reference for the person who sent it: "WEB-" and eight characters from an alphabet
    /// without look-alikes (no 0/O, 1/I), random, so it says nothing about how many others came.
    public static func newReference() -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "WEB-\(String(chars[0..<4]))-\(String(chars[4..<8]))"
    }

    public init(
        id: String, reference: String, submittedOn: CalendarDate, kind: Kind, youngPerson: Bool,
        serviceArea: ServiceArea, details: String, putRight: String = "",
        name: String, email: String = "", phone: String = "", onBehalfOf: String = "self", wantsAdvocate: Bool? = nil,
        equality: EqualityMonitoring? = nil,
        status: Status = .new, representationID: String? = nil, declinedReason: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.reference = reference
        self.submittedOn = submittedOn
        self.kind = kind
        self.youngPerson = youngPerson
        self.serviceArea = serviceArea
        self.details = details
        self.putRight = putRight
        self.name = name
        self.email = email
        self.phone = phone
        self.onBehalfOf = onBehalfOf
        self.wantsAdvocate = wantsAdvocate
        self.equality = equality
        self.status = status
        self.representationID = representationID
        self.declinedReason = declinedReason
        self.version = version
    }

    /// What happens next, in words, for the confirmation page and the acknowledgement.
    public func whatHappensNext() -> [String] {
        switch kind {
        case .compliment: return ["We will pass your compliment on to the team it is about."]
        case .comment: return ["We will read your comment and pass it to the service it is about."]
        case .complaint:
            switch serviceArea {
            case .childrensSocialCare:
                return [
                    "We will contact you within 3 working days to say we have your complaint.",
                    """
                        We aim to send you our response within 10 working days. If we need more time we will tell \
                        you; it can take up to 20 working days.
                        """,
                    youngPerson
                        ? (wantsAdvocate == true
                            ? "You asked for an advocate. We will put you in touch with one, for free, before we reply."
                            : "An advocate can help you say what you want, for free. Tell us if you would like one.")
                        : """
                            If you are not happy with our response, you can ask for it to be looked at again by \
                            someone independent.
                            """
                        ,
                ]
            case .adultSocialCare:
                return [
                    """
                        We will contact you within 3 working days to say we have your complaint and agree with you \
                        how we will deal with it and when we will respond.
                        """,
                    """
                        If you are not happy with our response, you can ask the Local Government and Social Care \
                        Ombudsman to look at it.
                        """,
                ]
            case .corporate:
                return [
                    "We will contact you within 3 working days to say we have your complaint.",
                    """
                        We aim to send you our response within 10 working days. If you are not happy with it, you can \
                        ask for it to be looked at again.
                        """,
                ]
            }
        }
    }
}

/// The answers of the public form, page by page, checked with a message for each field.
public struct FeedbackAnswers: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public subscript(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    public static let detailsLimit = 5_000

    /// The pages of the form, in order.
    public enum Page: String, Sendable, CaseIterable {
        case kind, service, details, aboutYou = "about-you", equality, check
    }

    /// Problems with one page's answers; `young` words the messages for children and young people.
    public func problems(on page: Page, young: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        switch page {
        case .kind:
            if PublicSubmission.Kind(rawValue: self["kind"]) == nil {
                errors.append(
                    FieldError(
                        field: "kind",
                        message: young
                            ? "Choose what you want to tell us"
                            : "Select whether you want to make a complaint, pay a compliment or make a comment"))
            }
        case .service:
            if ServiceArea(rawValue: self["service"]) == nil {
                errors.append(
                    FieldError(
                        field: "service", message: young ? "Choose who it is about" : "Select which service it is about"
                    ))
            }
        case .details:
            if self["details"].isEmpty {
                errors.append(
                    FieldError(field: "details", message: young ? "Tell us what happened" : "Enter what happened"))
            } else if self["details"].count > Self.detailsLimit {
                errors.append(
                    FieldError(
                        field: "details", message: "What happened must be \(Self.detailsLimit) characters or fewer"))
            }
            if self["put-right"].count > Self.detailsLimit {
                errors.append(
                    FieldError(
                        field: "put-right",
                        message: "What would put it right must be \(Self.detailsLimit) characters or fewer"))
            }
        case .aboutYou:
            let complaint = self["kind"] == PublicSubmission.Kind.complaint.rawValue
            if complaint && self["name"].isEmpty {
                errors.append(FieldError(field: "name", message: young ? "Tell us your name" : "Enter your name"))
            }
            if self["name"].count > 200 {
                errors.append(FieldError(field: "name", message: "Your name must be 200 characters or fewer"))
            }
            let email = self["email"], phone = self["phone"]
            if !email.isEmpty && !Self.looksLikeEmail(email) {
                errors.append(
                    FieldError(
                        field: "email", message: "Enter an email address in the correct format, like name@example.com"))
            }
            if !phone.isEmpty && phone.filter(\.isNumber).count < 10 {
                errors.append(
                    FieldError(field: "phone", message: "Enter a telephone number, like 01632 960 001 or 07700 900 982")
                )
            }
            if complaint && email.isEmpty && phone.isEmpty {
                errors.append(
                    FieldError(
                        field: "email",
                        message: young
                            ? "Tell us an email address or phone number so we can reply"
                            : "Enter an email address or a telephone number so we can reply"))
            }
            if complaint
                && !["self", "parent", "relative", "friend-or-neighbour", "advocate", "other"].contains(
                    self["on-behalf-of"])
            {
                errors.append(
                    FieldError(
                        field: "on-behalf-of",
                        message: young ? "Choose who the complaint is for" : "Select who the complaint is for"))
            }
            if young && complaint && !["yes", "no"].contains(self["advocate"]) {
                errors.append(
                    FieldError(field: "advocate", message: "Choose yes if you would like an advocate to help you"))
            }
        case .equality:
            break  // every question is optional; unknown values are treated as not stated
        case .check:
            if self["consent"] != "yes" {
                errors.append(
                    FieldError(
                        field: "consent",
                        message: young
                            ? "Tick the box to say it is OK for us to use what you told us"
                            : "Confirm that we can use your information to deal with your feedback"))
            }
        }
        return errors
    }

    /// The pages this person goes through: the equality questions and "about you" apply to everyone.
    public static let order: [Page] = Page.allCases

    /// The page after `page`.
    public static func page(after page: Page) -> Page? {
        guard let i = order.firstIndex(of: page), i + 1 < order.count else { return nil }
        return order[i + 1]
    }

    public static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(" ") && text.count <= 254
    }

    /// The codes of an equality list the public form offers: the council's active codes, without
    /// those that are not an answer a person gives about themselves ("Joint complainants" is how
    /// staff record two people), and for children and young people only the age bands of under-25s.
    public static func publicChoices(_ list: CategoryList, young: Bool, from reference: ReferenceData) -> [Category] {
        reference.active(list).filter { category in
            switch list {
            case .gender: category.code != "joint-complainants"
            case .ageBand where young: ["under-16", "16-to-19", "20-to-24", "not-stated"].contains(category.code)
            default: true
            }
        }
    }

    /// The submission these answers make, once every page is valid.
    public func submission(
        id: String, reference: String, on day: CalendarDate, young: Bool, equalityCodes: ReferenceData
    ) -> PublicSubmission {
        let equality: EqualityMonitoring? = {
            let answers = [
                ("disability", CategoryList.disability), ("gender", .gender), ("age-band", .ageBand),
                ("ethnicity", .ethnicity),
            ].map { field, list in
                Self.publicChoices(list, young: young, from: equalityCodes).contains { $0.code == self[field] }
                    ? self[field] : "not-stated"
            }
            guard answers.contains(where: { $0 != "not-stated" }) else { return nil }
            return EqualityMonitoring(
                disability: answers[0], gender: answers[1], ageBand: answers[2], ethnicity: answers[3])
        }()
        return PublicSubmission(
            id: id, reference: reference, submittedOn: day,
            kind: PublicSubmission.Kind(rawValue: self["kind"]) ?? .comment, youngPerson: young,
            serviceArea: ServiceArea(rawValue: self["service"]) ?? .corporate, details: self["details"],
            putRight: self["put-right"], name: self["name"],
            email: self["email"], phone: self["phone"],
            onBehalfOf: self["on-behalf-of"].isEmpty ? "self" : self["on-behalf-of"],
            wantsAdvocate: young ? self["advocate"] == "yes" : nil, equality: equality)
    }
}
