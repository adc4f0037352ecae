/// Everything recorded about a case beyond its stages: how it is coded for the annual report,
/// Ombudsman referrals and decisions, costs, learning and actions. Kept with the case so one
/// versioned, audited write covers them all.
public struct CaseRecords: Sendable, Codable, Hashable {
    /// Nature (cause) codes — multi-coded (CAT-01).
    public var natures: [String] = []
    /// What the complainant wanted (Hampshire Table 10), multi-coded.
    public var outcomesSought: [String] = []
    /// What the council did, from the response letter (Table 11), multi-coded (CAT-02).
    public var actualOutcomes: [String] = []
    /// Remedial action taken for the complainant (STAT-14).
    public var remedialActionTaken: Bool?
    public var ombudsman: [OmbudsmanReferral] = []
    public var costs: [Cost] = []
    public var learning: [LearningPoint] = []
    public var actions: [ServiceAction] = []
    /// Triage: eligibility, time limit, refusal, advocacy, consent, joint handling, conversion.
    public var intake: Intake = Intake()
    /// Compliments: the team praised and the words, anonymised for publication ("xxx" for names).
    public var team: String?
    public var publicationQuote: String?
    /// Whether the person who gave a compliment agreed to its words being published.
    public var quoteConsent: Bool?
    /// Links to other cases (same complainant, duplicate, Ombudsman enquiry, merged…).
    public var links: [CaseLink] = []
    /// Services the complaint is also about, besides its main service (`serviceCategory`):
    /// multi-coded, as Lancashire and Hampshire code them (287 service codes for 188 complaints).
    public var otherServices: [String] = []
    /// Reasonable adjustments agreed with the complainant (Complaint Handling Code §2), each kept
    /// under review.
    public var adjustments: [ReasonableAdjustment] = []

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case natures, outcomesSought, actualOutcomes, remedialActionTaken, ombudsman, costs, learning, actions, intake,
            team, publicationQuote
        case quoteConsent, links, otherServices, adjustments
    }

    /// Reads records written by any earlier version: lists added later default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        natures = try c.decodeIfPresent([String].self, forKey: .natures) ?? []
        outcomesSought = try c.decodeIfPresent([String].self, forKey: .outcomesSought) ?? []
        actualOutcomes = try c.decodeIfPresent([String].self, forKey: .actualOutcomes) ?? []
        remedialActionTaken = try c.decodeIfPresent(Bool.self, forKey: .remedialActionTaken)
        ombudsman = try c.decodeIfPresent([OmbudsmanReferral].self, forKey: .ombudsman) ?? []
        costs = try c.decodeIfPresent([Cost].self, forKey: .costs) ?? []
        learning = try c.decodeIfPresent([LearningPoint].self, forKey: .learning) ?? []
        actions = try c.decodeIfPresent([ServiceAction].self, forKey: .actions) ?? []
        intake = try c.decodeIfPresent(Intake.self, forKey: .intake) ?? Intake()
        team = try c.decodeIfPresent(String.self, forKey: .team)
        publicationQuote = try c.decodeIfPresent(String.self, forKey: .publicationQuote)
        quoteConsent = try c.decodeIfPresent(Bool.self, forKey: .quoteConsent)
        links = try c.decodeIfPresent([CaseLink].self, forKey: .links) ?? []
        otherServices = try c.decodeIfPresent([String].self, forKey: .otherServices) ?? []
        adjustments = try c.decodeIfPresent([ReasonableAdjustment].self, forKey: .adjustments) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(natures, forKey: .natures)
        try c.encode(outcomesSought, forKey: .outcomesSought)
        try c.encode(actualOutcomes, forKey: .actualOutcomes)
        try c.encodeIfPresent(remedialActionTaken, forKey: .remedialActionTaken)
        try c.encode(ombudsman, forKey: .ombudsman)
        try c.encode(costs, forKey: .costs)
        try c.encode(learning, forKey: .learning)
        try c.encode(actions, forKey: .actions)
        try c.encode(intake, forKey: .intake)
        try c.encodeIfPresent(team, forKey: .team)
        try c.encodeIfPresent(publicationQuote, forKey: .publicationQuote)
        try c.encodeIfPresent(quoteConsent, forKey: .quoteConsent)
        // Written only when there are some, so records from before links existed encode as before.
        if !links.isEmpty { try c.encode(links, forKey: .links) }
        if !otherServices.isEmpty { try c.encode(otherServices, forKey: .otherServices) }
        if !adjustments.isEmpty { try c.encode(adjustments, forKey: .adjustments) }
    }
}

/// What triage decided about a representation.
public struct Intake: Sendable, Codable, Hashable {
    /// When the matter complained about happened or came to notice (for the 12-month limit).
    public var matterAroseOn: CalendarDate?
    /// Why a late complaint is considered anyway (CSC-11, ASC-08 discretion).
    public var lateAcceptedReason: String?
    /// Who may complain: the basis (e.g. a looked-after child, a parent, someone with sufficient
    /// interest) and, for "sufficient interest", the decision with its date and reasons (CSC-09/10).
    public var eligibility: Eligibility?
    public var refusal: Refusal?
    public var advocacyOfferedOn: CalendarDate?
    public var advocateAppointedOn: CalendarDate?
    /// For a complaint made on behalf of a child: whether the child consented, and when recorded.
    public var childConsent: ChildConsent?
    public var joint: JointComplaint?
    /// Set when a pre-complaint or case concern became a complaint.
    public var convertedFrom: Conversion?
    /// A pre-complaint or case concern closed without becoming a complaint.
    public var closedOn: CalendarDate?
    /// Early resolution ("stage 0"): when it was tried, and whether it resolved the complaint.
    public var earlyResolutionOn: CalendarDate?
    public var earlyResolutionResolved: Bool?

    public init() {}

    public struct Eligibility: Sendable, Codable, Hashable {
        public var basis: String
        public var sufficientInterest: Bool?
        public var decidedOn: CalendarDate
        public var reasons: String
    }

    public struct Refusal: Sendable, Codable, Hashable {
        /// Code from the `refusal-reason` list.
        public var reason: String
        public var decidedOn: CalendarDate
        public var notifiedOn: CalendarDate?
    }

    public struct ChildConsent: Sendable, Codable, Hashable {
        public var given: Bool
        public var recordedOn: CalendarDate
    }

    /// A complaint handled jointly with an NHS body (SI 2009/309 reg 9).
    public struct JointComplaint: Sendable, Codable, Hashable {
        public var partner: String
        public var councilLeads: Bool
        public var agreedOn: CalendarDate
    }

    public struct Conversion: Sendable, Codable, Hashable {
        public var from: RepresentationKind
        /// The first contact: the date the pre-complaint or case concern was received.
        public var firstReceivedOn: CalendarDate
        public var convertedOn: CalendarDate
    }
}

/// A complaint taken to the Local Government and Social Care Ombudsman, and what it decided.
public struct OmbudsmanReferral: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    /// The LGSCO's reference, e.g. `22 001 239`.
    public var reference: String
    public var councilNotifiedOn: CalendarDate
    public var receivedByOmbudsmanOn: CalendarDate?
    /// The council's own finding before the referral (upheld or partly upheld counts as
    /// "already upheld" for the actual uphold rate, STAT-17).
    public var councilFinding: String?
    public var decision: OmbudsmanDecision?
    public var decidedOn: CalendarDate?
    public var faultFound: Bool?
    public var injusticeFound: Bool?
    /// The council had already offered a remedy the Ombudsman found satisfactory (OMB-12).
    public var satisfactoryRemedyByCouncil: Bool
    public var remedies: [OmbudsmanRemedy]
    public var publicReport: PublicReport?

    public init(
        id: String, reference: String, councilNotifiedOn: CalendarDate, receivedByOmbudsmanOn: CalendarDate? = nil,
        councilFinding: String? = nil
    ) {
        self.id = id
        self.reference = reference
        self.councilNotifiedOn = councilNotifiedOn
        self.receivedByOmbudsmanOn = receivedByOmbudsmanOn
        self.councilFinding = councilFinding
        self.satisfactoryRemedyByCouncil = false
        self.remedies = []
    }

    /// Whether the council had upheld (or partly upheld) the complaint before the referral.
    public var councilHadUpheld: Bool { ["upheld", "partly-upheld"].contains(councilFinding ?? "") }
}

/// The LGSCO's published decision categories (OMB-06).
public enum OmbudsmanDecision: String, Sendable, Codable, CaseIterable, Hashable {
    case upheld
    case notUpheld = "not-upheld"
    case closedAfterInitialEnquiries = "closed-after-initial-enquiries"
    case referredBack = "referred-back-for-local-resolution"
    case adviceGiven = "advice-given"
    case incompleteInvalid = "incomplete-invalid"
    case outOfJurisdiction = "out-of-jurisdiction"

    public var displayName: String {
        switch self {
        case .upheld: "Upheld"
        case .notUpheld: "Not upheld"
        case .closedAfterInitialEnquiries: "Closed after initial enquiries"
        case .referredBack: "Referred back for local resolution"
        case .adviceGiven: "Advice given"
        case .incompleteInvalid: "Incomplete or invalid"
        case .outOfJurisdiction: "Out of jurisdiction"
        }
    }

    /// The LGSCO annual review letter's group (OMB-07).
    public var letterGroup: OmbudsmanLetterGroup {
        switch self {
        case .referredBack, .adviceGiven, .incompleteInvalid, .outOfJurisdiction: .notForUs
        case .closedAfterInitialEnquiries: .assessedAndClosed
        case .upheld, .notUpheld: .investigated
        }
    }
}

/// How the LGSCO annual letter groups decisions (OMB-07).
public enum OmbudsmanLetterGroup: String, Sendable, Codable, CaseIterable, Hashable {
    case notForUs = "not-for-us"
    case assessedAndClosed = "assessed-and-closed"
    case investigated

    public var displayName: String {
        switch self {
        case .notForUs: "Not for us"
        case .assessedAndClosed: "Assessed and closed"
        case .investigated: "Investigated"
        }
    }
}

/// A remedy the Ombudsman recommended, with its deadline; late is derived (OMB-13).
public struct OmbudsmanRemedy: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case apology, payment, serviceImprovement = "service-improvement", personalAction = "personal-action"

        public var displayName: String {
            switch self {
            case .apology: "Apology"
            case .payment: "Payment"
            case .serviceImprovement: "Service improvement"
            case .personalAction: "Other action for the complainant"
            }
        }
    }

    public var id: String
    public var kind: Kind
    public var description: String
    /// For payments, in pence.
    public var amountPence: Int?
    public var dueOn: CalendarDate
    public var completedOn: CalendarDate?

    public init(
        id: String, kind: Kind, description: String, amountPence: Int? = nil, dueOn: CalendarDate,
        completedOn: CalendarDate? = nil
    ) {
        self.id = id
        self.kind = kind
        self.description = description
        self.amountPence = amountPence
        self.dueOn = dueOn
        self.completedOn = completedOn
    }

    /// Completed after its deadline (OMB-13: recorded as late).
    public var isLate: Bool { completedOn.map { $0 > dueOn } ?? false }

    /// Not completed and past its deadline on `today`.
    public func isOverdue(on today: CalendarDate) -> Bool { completedOn == nil && today > dueOn }
}

/// A public report under LGA 1974 s.30–31: the council must respond within three months.
public struct PublicReport: Sendable, Codable, Hashable {
    public var receivedOn: CalendarDate
    public var respondedOn: CalendarDate?

    public init(receivedOn: CalendarDate, respondedOn: CalendarDate? = nil) {
        self.receivedOn = receivedOn
        self.respondedOn = respondedOn
    }

    /// Three months from receipt (OMB-16), the corresponding date or the month's last day.
    public var responseDueOn: CalendarDate {
        receivedOn.correspondingDate(monthsLater: 3) ?? receivedOn.lastDayOfMonth(monthsLater: 3)
    }
}

/// Money spent on a case (Leicestershire Table 8, Lancashire §1.2–1.3).
public struct Cost: Sendable, Codable, Hashable, Identifiable {
    public enum Heading: String, Sendable, Codable, CaseIterable {
        case investigatingOfficer = "investigating-officer", independentPerson = "independent-person", panel, mediation
        case financialRedress = "financial-redress", ombudsmanSettlement = "ombudsman-settlement", other

        public var displayName: String {
            switch self {
            case .investigatingOfficer: "Commissioned investigation (Investigating Officer)"
            case .independentPerson: "Independent Person"
            case .panel: "Review panel"
            case .mediation: "Mediation"
            case .financialRedress: "Financial redress"
            case .ombudsmanSettlement: "Settlement after an Ombudsman decision"
            case .other: "Other"
            }
        }
    }

    public var id: String
    public var heading: Heading
    public var amountPence: Int
    public var paidOn: CalendarDate
    public var stageKey: String?
    public var note: String

    public init(
        id: String, heading: Heading, amountPence: Int, paidOn: CalendarDate, stageKey: String? = nil, note: String = ""
    ) {
        self.id = id
        self.heading = heading
        self.amountPence = amountPence
        self.paidOn = paidOn
        self.stageKey = stageKey
        self.note = note
    }
}

/// Something the council learned from the case, under a theme from the `learning-theme` list.
public struct LearningPoint: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var theme: String
    public var description: String
    public var recordedOn: CalendarDate

    public init(id: String, theme: String, description: String, recordedOn: CalendarDate) {
        self.id = id
        self.theme = theme
        self.description = description
        self.recordedOn = recordedOn
    }
}

/// An action taken because of a complaint, with an owner and a due date.
public struct ServiceAction: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case staffTraining = "staff-training", processOrPolicyChange = "process-or-policy-change"
        case individualRedress = "individual-redress", communication, other

        public var displayName: String {
            switch self {
            case .staffTraining: "Staff training"
            case .processOrPolicyChange: "Process or policy change"
            case .individualRedress: "Individual redress"
            case .communication: "Communication with staff"
            case .other: "Other"
            }
        }

        /// Whether the action changes the service for everyone (STAT-13), not just this complainant.
        public var isServiceWide: Bool {
            self == .staffTraining || self == .processOrPolicyChange || self == .communication
        }
    }

    public var id: String
    public var kind: Kind
    public var description: String
    public var owner: String
    public var dueOn: CalendarDate
    public var doneOn: CalendarDate?

    public init(
        id: String, kind: Kind, description: String, owner: String, dueOn: CalendarDate, doneOn: CalendarDate? = nil
    ) {
        self.id = id
        self.kind = kind
        self.description = description
        self.owner = owner
        self.dueOn = dueOn
        self.doneOn = doneOn
    }

    public func isOverdue(on today: CalendarDate) -> Bool { doneOn == nil && today > dueOn }
}
