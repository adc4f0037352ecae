/// A link from one case to another, recorded on both: a repeat complainant, a duplicate, an
/// Ombudsman enquiry and the complaint it is about, or cases that are simply related. A merge
/// leaves a link of its own on each side, so the survivor shows where the duplicate went.
public struct CaseLink: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Hashable {
        case sameComplainant = "same-complainant"
        case duplicate
        /// This case is an Ombudsman enquiry about the linked complaint.
        case ombudsmanEnquiryOf = "ombudsman-enquiry-of"
        /// The linked case is an Ombudsman enquiry about this complaint.
        case hasOmbudsmanEnquiry = "has-ombudsman-enquiry"
        case related
        /// The linked case was a duplicate of this one and was merged into it.
        case mergedFrom = "merged-from"
        /// This case was merged into the linked one.
        case mergedInto = "merged-into"

        /// The kind the same link has seen from the other case.
        public var reciprocal: Kind {
            switch self {
            case .sameComplainant, .duplicate, .related: self
            case .ombudsmanEnquiryOf: .hasOmbudsmanEnquiry
            case .hasOmbudsmanEnquiry: .ombudsmanEnquiryOf
            case .mergedFrom: .mergedInto
            case .mergedInto: .mergedFrom
            }
        }

        /// Kinds a person chooses; merge links are made by merging.
        public static let chosen: [Kind] = [
            .sameComplainant, .duplicate, .ombudsmanEnquiryOf, .hasOmbudsmanEnquiry, .related,
        ]

        /// How the link reads from this case: "Same complainant as CSC-2024-00012".
        public var displayName: String {
            switch self {
            case .sameComplainant: "Same complainant as"
            case .duplicate: "Duplicate of"
            case .ombudsmanEnquiryOf: "Ombudsman enquiry about"
            case .hasOmbudsmanEnquiry: "Has an Ombudsman enquiry"
            case .related: "Related to"
            case .mergedFrom: "Merged in from"
            case .mergedInto: "Merged into"
            }
        }
    }

    public var kind: Kind
    /// The other case.
    public var representationID: String
    /// The other case's reference, as it was when linked (references never change).
    public var reference: String
    public var linkedOn: CalendarDate

    public init(kind: Kind, representationID: String, reference: String, linkedOn: CalendarDate) {
        self.kind = kind
        self.representationID = representationID
        self.reference = reference
        self.linkedOn = linkedOn
    }
}

/// A detail recorded at intake that can be corrected afterwards (a misspelt name, a wrong
/// service), each change keeping what it was so the record of changes says both.
public enum DetailField: String, Sendable, Codable, CaseIterable, Hashable {
    case complainantName = "complainant-name"
    case contact
    case subjectName = "subject-name"
    case summary
    case service
    case method
    case relationship
    case advocate
    case childOrYoungPerson = "child-or-young-person"
    case team
    case publicationQuote = "publication-quote"
    case quoteConsent = "quote-consent"

    public var displayName: String {
        switch self {
        case .complainantName: "Name"
        case .contact: "Contact details"
        case .subjectName: "Who it is about"
        case .summary: "Summary"
        case .service: "Service"
        case .method: "How it was received"
        case .relationship: "Relationship"
        case .advocate: "Advocate"
        case .childOrYoungPerson: "By or for a child or young person"
        case .team: "Team"
        case .publicationQuote: "Words for publication"
        case .quoteConsent: "Consent to publish the words"
        }
    }

    /// Personal data: shown to those who may see the case, never in reports or logs.
    public var isPersonal: Bool { [.complainantName, .contact, .subjectName, .advocate, .summary].contains(self) }

    /// The code list a coded field's values come from.
    public var list: CategoryList? {
        switch self {
        case .service: .service
        case .method: .method
        case .relationship: .relationship
        default: nil
        }
    }

    /// The field's value on `r`, as text (`nil` when not recorded; yes/no for flags).
    public func value(of r: Representation) -> String? {
        switch self {
        case .complainantName: r.complainant.name
        case .contact: r.complainant.contact
        case .subjectName: r.subjectName
        case .summary: r.summary
        case .service: r.serviceCategory
        case .method: r.methodOfReceipt
        case .relationship: r.complainant.relationship
        case .advocate: r.complainant.advocate
        case .childOrYoungPerson: r.complainant.isChildOrYoungPerson ? "yes" : "no"
        case .team: r.records.team
        case .publicationQuote: r.records.publicationQuote
        case .quoteConsent: r.records.quoteConsent.map { $0 ? "yes" : "no" }
        }
    }

    /// Sets the field on `r` (the value already checked).
    public func set(_ value: String?, on r: inout Representation) {
        let text = value.flatMap { $0.isEmpty ? nil : $0 }
        switch self {
        case .complainantName: r.complainant.name = text
        case .contact: r.complainant.contact = text
        case .subjectName: r.subjectName = text
        case .summary: r.summary = text ?? ""
        case .service: r.serviceCategory = text ?? ""
        case .method: r.methodOfReceipt = text ?? ""
        case .relationship: r.complainant.relationship = text ?? ""
        case .advocate: r.complainant.advocate = text
        case .childOrYoungPerson: r.complainant.isChildOrYoungPerson = text == "yes"
        case .team: r.records.team = text
        case .publicationQuote: r.records.publicationQuote = text
        case .quoteConsent: r.records.quoteConsent = text.map { $0 == "yes" }
        }
    }
}

/// One corrected detail: what it was, and what it is now.
public struct DetailChange: Sendable, Codable, Hashable {
    public var field: DetailField
    public var from: String?
    public var to: String?

    public init(field: DetailField, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }
}
