/// The council's three reporting areas. Statutory annual reports are per area.
public enum ServiceArea: String, Sendable, Codable, CaseIterable, Hashable {
    case adultSocialCare = "adults"
    case childrensSocialCare = "children"
    case corporate

    public var displayName: String {
        switch self {
        case .adultSocialCare: "Adult social care"
        case .childrensSocialCare: "Children's social care"
        case .corporate: "Corporate"
        }
    }

    /// Short prefix for case references.
    public var referencePrefix: String {
        switch self {
        case .adultSocialCare: "ASC"
        case .childrensSocialCare: "CSC"
        case .corporate: "COR"
        }
    }
}

/// What kind of representation was made. The lifecycle issue adds the rest of the reference
/// reports' kinds (pre-complaint, case concern, enquiries…).
public enum RepresentationKind: String, Sendable, Codable, CaseIterable, Hashable {
    case complaint
    case compliment
    case comment

    public var displayName: String { rawValue.capitalized }
}

/// Who made the representation, as the annual report counts them (Hampshire Tables 5, 12–15).
public struct Complainant: Sendable, Codable, Hashable {
    /// Code from the `relationship` reference list (parent, service user (adult), advocate…).
    public var relationship: String
    /// Made by (or on behalf of) a child or young person: counted separately, and the council
    /// must offer advocacy (CSC-18).
    public var isChildOrYoungPerson: Bool
    /// The advocate's name or organisation, when one acts for the complainant.
    public var advocate: String?

    public init(relationship: String, isChildOrYoungPerson: Bool = false, advocate: String? = nil) {
        self.relationship = relationship
        self.isChildOrYoungPerson = isChildOrYoungPerson
        self.advocate = advocate
    }
}

/// A recorded stage of a complaint: when it opened, when it is due, when it was answered and
/// with what finding.
public struct Stage: Sendable, Codable, Hashable {
    /// Key of the `StageDefinition` in the complaint's procedure.
    public var key: String
    public var openedOn: CalendarDate
    /// The response deadline computed when the stage opened (kept, so a later change of
    /// configured timescales never silently moves an existing case's deadline).
    public var dueOn: CalendarDate?
    /// The agreed extended deadline, if any.
    public var extendedTo: CalendarDate?
    public var respondedOn: CalendarDate?
    /// Finding code from the `outcome` reference list (upheld, partly-upheld…).
    public var outcome: String?

    public init(key: String, openedOn: CalendarDate, dueOn: CalendarDate? = nil, extendedTo: CalendarDate? = nil, respondedOn: CalendarDate? = nil, outcome: String? = nil) {
        self.key = key
        self.openedOn = openedOn
        self.dueOn = dueOn
        self.extendedTo = extendedTo
        self.respondedOn = respondedOn
        self.outcome = outcome
    }
}

/// A complaint, compliment or comment received by the council: the unit every annual-report
/// figure is counted from.
public struct Representation: Sendable, Codable, Hashable, Identifiable {
    /// Opaque identifier (UUID text); never personal data, safe in URLs.
    public var id: String
    /// The council's case reference, e.g. `CSC-2022-00017`.
    public var reference: String
    public var kind: RepresentationKind
    public var serviceArea: ServiceArea
    /// The procedure followed (complaints only).
    public var procedureID: String?
    public var receivedOn: CalendarDate
    /// Code from the `method` reference list.
    public var methodOfReceipt: String
    public var complainant: Complainant
    /// Code from the `service` reference list (grouped by service area).
    public var serviceCategory: String
    /// What the representation is about, in the recorder's words. Personal data: never logged.
    public var summary: String
    public var acknowledgedOn: CalendarDate?
    /// Adults' procedure: the response date agreed with the complainant (ASC-10).
    public var agreedResponseDate: CalendarDate?
    public var stages: [Stage]
    /// Optimistic-concurrency version; a write must name the version it read.
    public var version: Int

    public init(id: String, reference: String, kind: RepresentationKind, serviceArea: ServiceArea, procedureID: String?, receivedOn: CalendarDate, methodOfReceipt: String, complainant: Complainant, serviceCategory: String, summary: String, acknowledgedOn: CalendarDate? = nil, agreedResponseDate: CalendarDate? = nil, stages: [Stage] = [], version: Int = 1) {
        self.id = id
        self.reference = reference
        self.kind = kind
        self.serviceArea = serviceArea
        self.procedureID = procedureID
        self.receivedOn = receivedOn
        self.methodOfReceipt = methodOfReceipt
        self.complainant = complainant
        self.serviceCategory = serviceCategory
        self.summary = summary
        self.acknowledgedOn = acknowledgedOn
        self.agreedResponseDate = agreedResponseDate
        self.stages = stages
        self.version = version
    }

    /// The stage currently open (not yet responded to), if any.
    public var currentStage: Stage? { stages.last { $0.respondedOn == nil } }

    /// A complaint is open while a stage awaits a response; compliments and comments are
    /// closed on receipt.
    public var isOpen: Bool { kind == .complaint && (stages.isEmpty || currentStage != nil) }
}
