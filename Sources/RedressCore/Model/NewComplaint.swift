import Foundation

/// A problem with one field of submitted input, in the words the GOV.UK error summary uses.
public struct FieldError: Sendable, Hashable, Error {
    /// The id of the input the message belongs to (the error summary links to `#field`).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Every field error found in one submission, in form order.
public struct FieldErrors: Error, Sendable, Hashable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// The "record a complaint" form as typed: every value is the raw text, so a form with errors
/// is shown again exactly as entered.
public struct NewComplaintInput: Sendable, Hashable, Codable {
    /// The kind of representation; empty means a complaint.
    public var kind: String = ""
    public var serviceArea: String = ""
    public var receivedDay: String = ""
    public var receivedMonth: String = ""
    public var receivedYear: String = ""
    public var methodOfReceipt: String = ""
    public var relationship: String = ""
    public var childOrYoungPerson: String = ""
    public var advocate: String = ""
    public var serviceCategory: String = ""
    public var summary: String = ""
    /// Compliments: the team praised and the words for publication, names replaced by "xxx".
    public var team: String = ""
    public var publicationQuote: String = ""
    /// Compliments: "yes" when the person agreed to their words being published.
    public var quoteConsent: String = ""
    /// Personal details: optional (a representation may be anonymous).
    public var complainantName: String = ""
    public var complainantContact: String = ""
    public var subjectName: String = ""

    public init() {}

    enum CodingKeys: String, CodingKey {
        case kind
        case team
        case publicationQuote = "publication-quote"
        case quoteConsent = "quote-consent"
        case serviceArea = "service-area"
        case receivedDay = "received-day"
        case receivedMonth = "received-month"
        case receivedYear = "received-year"
        case methodOfReceipt = "method"
        case relationship
        case childOrYoungPerson = "child-or-young-person"
        case advocate
        case serviceCategory = "service-category"
        case summary
        case complainantName = "complainant-name"
        case complainantContact = "complainant-contact"
        case subjectName = "subject-name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String { ((try? c.decodeIfPresent(String.self, forKey: key)) ?? nil) ?? "" }
        kind = text(.kind)
        team = text(.team)
        publicationQuote = text(.publicationQuote)
        quoteConsent = text(.quoteConsent)
        serviceArea = text(.serviceArea)
        receivedDay = text(.receivedDay)
        receivedMonth = text(.receivedMonth)
        receivedYear = text(.receivedYear)
        methodOfReceipt = text(.methodOfReceipt)
        relationship = text(.relationship)
        childOrYoungPerson = text(.childOrYoungPerson)
        advocate = text(.advocate)
        serviceCategory = text(.serviceCategory)
        summary = text(.summary)
        complainantName = text(.complainantName)
        complainantContact = text(.complainantContact)
        subjectName = text(.subjectName)
    }
}

/// A validated request to record a complaint: the domain command the web form and the CLI
/// both produce.
public struct NewComplaint: Sendable, Hashable {
    public var kind: RepresentationKind = .complaint
    public var team: String?
    public var publicationQuote: String?
    public var quoteConsent: Bool?
    public var serviceArea: ServiceArea
    public var procedure: ProcedureDefinition
    public var receivedOn: CalendarDate
    public var methodOfReceipt: String
    public var complainant: Complainant
    public var serviceCategory: String
    public var summary: String
    public var subjectName: String?

    public init(
        serviceArea: ServiceArea, procedure: ProcedureDefinition, receivedOn: CalendarDate, methodOfReceipt: String,
        complainant: Complainant, serviceCategory: String, summary: String
    ) {
        self.serviceArea = serviceArea
        self.procedure = procedure
        self.receivedOn = receivedOn
        self.methodOfReceipt = methodOfReceipt
        self.complainant = complainant
        self.serviceCategory = serviceCategory
        self.summary = summary
    }

    /// Longest summary accepted; long accounts belong in attached documents.
    public static let summaryLimit = 5000

    /// Validates form input against the code lists and today's date. Returns the command, or
    /// every field error in form order so the error summary can list them all.
    public static func validate(
        _ input: NewComplaintInput, reference: ReferenceData, procedures: [ProcedureDefinition], today: CalendarDate
    ) -> Result<NewComplaint, FieldErrors> {
        var errors: [FieldError] = []
        let kindText = input.kind.trimmed
        let kind = kindText.isEmpty ? RepresentationKind.complaint : RepresentationKind(rawValue: kindText)
        if kind == nil { errors.append(FieldError(field: "kind", message: "Select what kind of representation it is")) }
        let noun = kind == .complaint || kind == nil ? "complaint" : kind!.displayName.lowercased()
        let area = ServiceArea(rawValue: input.serviceArea.trimmed)
        if input.serviceArea.trimmed.isEmpty {
            errors.append(FieldError(field: "service-area", message: "Select which service the \(noun) is about"))
        } else if area == nil {
            errors.append(
                FieldError(
                    field: "service-area", message: "Select adult social care, children's social care or corporate"))
        }

        let received = validateDate(
            day: input.receivedDay, month: input.receivedMonth, year: input.receivedYear,
            name: "Date the \(noun) was received", field: "received", today: today)
        if case .failure(let error) = received { errors.append(error) }

        let method = input.methodOfReceipt.trimmed
        if method.isEmpty {
            errors.append(FieldError(field: "method", message: "Select how the \(noun) was received"))
        } else if reference.active(.method).allSatisfy({ $0.code != method }) {
            errors.append(FieldError(field: "method", message: "Select how the \(noun) was received from the list"))
        }

        // Compliments and comments are not complaints: who gave them and whether a child did are
        // asked, not required.
        let isComplaintLike = kind?.isHandledAsCase ?? true
        var relationship = input.relationship.trimmed
        if relationship.isEmpty && !isComplaintLike && reference.category(.relationship, "unknown") != nil {
            relationship = "unknown"
        }
        if relationship.isEmpty {
            errors.append(
                FieldError(
                    field: "relationship",
                    message: "Select the complainant's relationship to the person receiving services"))
        } else if reference.active(.relationship).allSatisfy({ $0.code != relationship }) {
            errors.append(
                FieldError(field: "relationship", message: "Select the complainant's relationship from the list"))
        }

        var child = input.childOrYoungPerson.trimmed
        if child.isEmpty && !isComplaintLike { child = "no" }
        if child != "yes" && child != "no" {
            errors.append(
                FieldError(
                    field: "child-or-young-person",
                    message: "Select yes if the \(noun) is made by or for a child or young person"))
        }

        let advocate = input.advocate.trimmed
        if advocate.count > 200 {
            errors.append(
                FieldError(
                    field: "advocate", message: "Advocate's name or organisation must be 200 characters or fewer"))
        }

        let (name, contact, subject) = (
            input.complainantName.trimmed, input.complainantContact.trimmingCharacters(in: .whitespacesAndNewlines),
            input.subjectName.trimmed
        )
        if name.count > 200 {
            errors.append(FieldError(field: "complainant-name", message: "Name must be 200 characters or fewer"))
        }
        if contact.count > 500 {
            errors.append(
                FieldError(field: "complainant-contact", message: "Contact details must be 500 characters or fewer"))
        }
        if subject.count > 200 {
            errors.append(
                FieldError(
                    field: "subject-name", message: "The name of the person it is about must be 200 characters or fewer"
                ))
        }

        let service = input.serviceCategory.trimmed
        if service.isEmpty {
            errors.append(FieldError(field: "service-category", message: "Select the service the \(noun) is about"))
        } else if let area, reference.active(.service, group: area.rawValue).allSatisfy({ $0.code != service }) {
            errors.append(
                FieldError(
                    field: "service-category",
                    message: "Select a service from the \(area.displayName.lowercased()) list"))
        } else if area == nil, reference.active(.service).allSatisfy({ $0.code != service }) {
            errors.append(FieldError(field: "service-category", message: "Select a service from the list"))
        }

        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty {
            errors.append(FieldError(field: "summary", message: "Enter a summary of the \(noun)"))
        } else if summary.count > summaryLimit {
            errors.append(FieldError(field: "summary", message: "Summary must be \(summaryLimit) characters or fewer"))
        }

        var procedure: ProcedureDefinition?
        if let area {
            let fallback = BuiltInProcedures.defaultProcedure(for: area)
            procedure = procedures.first { $0.id == fallback.id } ?? fallback
        }
        let quote = input.publicationQuote.trimmingCharacters(in: .whitespacesAndNewlines)
        if quote.count > summaryLimit {
            errors.append(
                FieldError(field: "publication-quote", message: "The quote must be \(summaryLimit) characters or fewer")
            )
        }
        let consent = input.quoteConsent.trimmed
        if !quote.isEmpty && consent != "yes" && consent != "no" {
            errors.append(
                FieldError(field: "quote-consent", message: "Select whether they agreed to their words being published")
            )
        }
        guard errors.isEmpty, let kind, let area, let procedure, case .success(let receivedOn) = received else {
            return .failure(FieldErrors(errors))
        }
        var command = NewComplaint(
            serviceArea: area, procedure: procedure, receivedOn: receivedOn, methodOfReceipt: method,
            complainant: Complainant(
                relationship: relationship, isChildOrYoungPerson: child == "yes",
                advocate: advocate.isEmpty ? nil : advocate,
                name: name.isEmpty ? nil : name, contact: contact.isEmpty ? nil : contact),
            serviceCategory: service, summary: summary)
        command.kind = kind
        command.subjectName = subject.isEmpty ? nil : subject
        let team = input.team.trimmed
        command.team = team.isEmpty ? nil : team
        command.publicationQuote = quote.isEmpty ? nil : quote
        command.quoteConsent = quote.isEmpty ? nil : consent == "yes"
        return .success(command)
    }

    /// GOV.UK date-input validation: names the missing part, rejects impossible dates and,
    /// for a receipt date, dates after today. `field` is the id prefix (`received` → `received-day`).
    public static func validateDate(
        day: String, month: String, year: String, name: String, field: String, today: CalendarDate
    ) -> Result<CalendarDate, FieldError> {
        let parts = [("day", day.trimmed), ("month", month.trimmed), ("year", year.trimmed)]
        let missing = parts.filter { $0.1.isEmpty }.map(\.0)
        if missing.count == 3 {
            return .failure(FieldError(field: "\(field)-day", message: "Enter the \(name.lowercasedFirst)"))
        }
        if !missing.isEmpty {
            let list = missing.count == 2 ? "\(missing[0]) and \(missing[1])" : missing[0]
            let article = "a "
            return .failure(
                FieldError(field: "\(field)-\(missing[0])", message: "\(name) must include \(article)\(list)"))
        }
        guard let d = Int(parts[0].1), let m = Int(parts[1].1), let y = Int(parts[2].1) else {
            return .failure(FieldError(field: "\(field)-day", message: "\(name) must be a real date"))
        }
        if parts[2].1.count != 4 {
            return .failure(FieldError(field: "\(field)-year", message: "Year must include 4 numbers"))
        }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return .failure(FieldError(field: "\(field)-day", message: "\(name) must be a real date"))
        }
        if date > today {
            return .failure(FieldError(field: "\(field)-day", message: "\(name) must be today or in the past"))
        }
        if date < CalendarDate.earliestRecordable {
            return .failure(
                FieldError(
                    field: "\(field)-year",
                    message: "\(name) must be on or after \(CalendarDate.earliestRecordable.longDisplay)"))
        }
        return .success(date)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
