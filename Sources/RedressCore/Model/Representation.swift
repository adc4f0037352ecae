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

/// What kind of representation was made: every kind the reference reports count
/// (Hampshire Table 1.1; `statutory-rules.md` §5.1).
public enum RepresentationKind: String, Sendable, Codable, CaseIterable, Hashable {
    case complaint
    case compliment
    case comment
    /// Could become a complaint, or needs clarifying first (Hampshire "pre-complaint").
    case preComplaint = "pre-complaint"
    /// A current case issue needing a same-day intervention (Hampshire "case concern").
    case caseConcern = "case-concern"
    /// From an MP, a councillor or the Department for Education, via the Director's office.
    case enquiry
    /// An Ombudsman enquiry about a matter not recorded as a complaint here.
    case ombudsmanEnquiry = "ombudsman-enquiry"
    /// From a professional, not on behalf of someone receiving services.
    case professionalConcern = "professional-concern"
    /// Freedom of information, subject access, requests for information, ad hoc.
    case other
    /// A first request for a service, or to put something right (a missed bin, a repair): not a
    /// complaint under the Complaint Handling Code, but recorded, monitored and reviewed; it
    /// becomes a complaint if the person is unhappy with how it was dealt with.
    case serviceRequest = "service-request"

    public var displayName: String {
        switch self {
        case .complaint: "Complaint"
        case .compliment: "Compliment"
        case .comment: "Comment"
        case .preComplaint: "Pre-complaint"
        case .caseConcern: "Case concern"
        case .enquiry: "MP, councillor or DfE enquiry"
        case .ombudsmanEnquiry: "Ombudsman enquiry"
        case .professionalConcern: "Professional to professional concern"
        case .other: "Other (FOI, subject access, ad hoc)"
        case .serviceRequest: "Service request"
        }
    }

    /// Kinds that can be turned into a complaint, keeping both dates.
    public var canBecomeComplaint: Bool { self == .preComplaint || self == .caseConcern || self == .serviceRequest }

    /// Kinds that stay open for handling (the others are recorded and closed on receipt).
    public var isHandledAsCase: Bool { self == .complaint || canBecomeComplaint }
}

extension Representation {
    /// The start of a reference: the service area's (`COR`), or `SR` for a service request, so
    /// service requests are numbered apart from complaints and keep their number if they become one.
    public static func referencePrefix(_ kind: RepresentationKind, _ area: ServiceArea) -> String {
        kind == .serviceRequest ? "SR" : area.referencePrefix
    }
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
    /// The complainant's name: personal data, shown only to those who may see the case, and
    /// what a subject access request searches.
    public var name: String?
    /// How to reply: address, email or telephone, as the complainant gave it.
    public var contact: String?

    public init(
        relationship: String, isChildOrYoungPerson: Bool = false, advocate: String? = nil, name: String? = nil,
        contact: String? = nil
    ) {
        self.relationship = relationship
        self.isChildOrYoungPerson = isChildOrYoungPerson
        self.advocate = advocate
        self.name = name
        self.contact = contact
    }
}

/// A recorded stage of a complaint: its dated milestones, agreed extensions, pauses and outcome.
///
/// Each stage is its own record with its own clocks (issue: "close on response, reopen on
/// escalation"): it closes when its response is sent (or the complaint is withdrawn), and an
/// escalation opens the next stage on the same case.
public struct Stage: Sendable, Codable, Hashable {
    /// Key of the `StageDefinition` in the complaint's procedure.
    public var key: String
    /// The day the stage opened: receipt for the first stage, the request for later ones.
    public var openedOn: CalendarDate
    /// Every other milestone recorded, by milestone.
    public var milestones: [Milestone: CalendarDate]
    /// The response deadline computed when the stage opened (kept, so a later change of
    /// configured timescales never silently moves an existing case's deadline).
    public var dueOn: CalendarDate?
    /// Due dates agreed or moved, oldest first: extensions, and the adults' agreed response date.
    public var extensions: [Extension]
    /// Periods the stage waited (proceedings, consent, information). Deadlines do not move
    /// (no regulation stops the clock, WD-06); durations are reported raw and pause-adjusted.
    public var pauses: [Pause]
    /// Finding or closure code from the `outcome` reference list.
    public var outcome: String?
    /// The day the complainant withdrew, which closes the stage without a response.
    public var withdrawnOn: CalendarDate?
    /// The day the next stage was requested while this one, past its longest extension, was
    /// still unanswered (CSC-23: stage 2 offered because stage 1 overran).
    public var escalatedUnansweredOn: CalendarDate?
    /// Why the council accepted a request made after the request window (discretion).
    public var lateRequestReason: String?
    /// The day the council refused to consider it (a coded reason is on the case's intake).
    public var refusedOn: CalendarDate?
    /// Stage 2: the statement of complaint as numbered points, each with its finding.
    public var points: [ComplaintPoint]
    /// People appointed to the stage (Investigating Officer, Independent Person, panel…).
    public var appointments: [Appointment]

    public init(
        key: String, openedOn: CalendarDate, dueOn: CalendarDate? = nil, milestones: [Milestone: CalendarDate] = [:],
        extensions: [Extension] = [], pauses: [Pause] = [], outcome: String? = nil, withdrawnOn: CalendarDate? = nil,
        appointments: [Appointment] = []
    ) {
        self.key = key
        self.openedOn = openedOn
        self.dueOn = dueOn
        self.milestones = milestones
        self.extensions = extensions
        self.pauses = pauses
        self.outcome = outcome
        self.withdrawnOn = withdrawnOn
        self.appointments = appointments
        self.points = []
    }

    private enum CodingKeys: String, CodingKey {
        case key, openedOn, dueOn, milestones, extensions, pauses, outcome, withdrawnOn, escalatedUnansweredOn,
            lateRequestReason, appointments, refusedOn, points
    }

    /// Reads stored stages written by any earlier version: lists added later default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        openedOn = try c.decode(CalendarDate.self, forKey: .openedOn)
        dueOn = try c.decodeIfPresent(CalendarDate.self, forKey: .dueOn)
        milestones = try c.decodeIfPresent([Milestone: CalendarDate].self, forKey: .milestones) ?? [:]
        extensions = try c.decodeIfPresent([Extension].self, forKey: .extensions) ?? []
        pauses = try c.decodeIfPresent([Pause].self, forKey: .pauses) ?? []
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
        withdrawnOn = try c.decodeIfPresent(CalendarDate.self, forKey: .withdrawnOn)
        escalatedUnansweredOn = try c.decodeIfPresent(CalendarDate.self, forKey: .escalatedUnansweredOn)
        lateRequestReason = try c.decodeIfPresent(String.self, forKey: .lateRequestReason)
        appointments = try c.decodeIfPresent([Appointment].self, forKey: .appointments) ?? []
        refusedOn = try c.decodeIfPresent(CalendarDate.self, forKey: .refusedOn)
        points = try c.decodeIfPresent([ComplaintPoint].self, forKey: .points) ?? []
    }

    /// The person appointed to a single-holder role, if any.
    public func appointee(_ role: AppointmentRole) -> String? { appointments.last { $0.role == role }?.personID }

    /// The date of a milestone, if recorded (`requested` is the opening day).
    public func date(of milestone: Milestone) -> CalendarDate? {
        milestone == .requested ? openedOn : milestones[milestone]
    }

    /// The day the stage's response was sent.
    public var respondedOn: CalendarDate? {
        get { milestones[.responded] }
        set { milestones[.responded] = newValue }
    }

    /// The day the stage closed: responded or withdrawn.
    public var closedOn: CalendarDate? { respondedOn ?? withdrawnOn ?? refusedOn ?? escalatedUnansweredOn }
    public var isOpen: Bool { closedOn == nil }

    /// Working days the stage spent paused, up to `end` (an open pause counts until then):
    /// durations are reported raw and with these removed (WD-06).
    public func pausedWorkingDays(until end: CalendarDate, calendar: WorkingDayCalendar) -> Int {
        pauses.reduce(0) { total, pause in
            let stop = min(pause.until ?? end, end)
            return total + max(0, calendar.workingDays(from: pause.from, to: stop))
        }
    }

    /// The latest agreed due date for a clock, if any.
    public func agreedDue(for clockKey: String) -> CalendarDate? {
        extensions.last { $0.clockKey == clockKey }?.newDueOn
    }
}

/// One numbered point of a statement of complaint, with the finding on it (CSC-26, CSC-29).
public struct ComplaintPoint: Sendable, Codable, Hashable {
    public var number: Int
    public var text: String
    /// A finding code: upheld, partly-upheld, not-upheld or no-finding.
    public var finding: String?

    public init(number: Int, text: String, finding: String? = nil) {
        self.number = number
        self.text = text
        self.finding = finding
    }

    /// The codes a point's finding can take.
    public static let findings = ["upheld", "partly-upheld", "not-upheld", "no-finding"]
}

/// A due date agreed or moved for one clock, with its reason (CSC-20/27, ASC-10/12).
public struct Extension: Sendable, Codable, Hashable {
    public var clockKey: String
    /// The day it was agreed.
    public var agreedOn: CalendarDate
    public var newDueOn: CalendarDate
    public var reason: String
    /// When the complainant was told (in writing, for children's stage 2).
    public var complainantInformedOn: CalendarDate?

    public init(
        clockKey: String, agreedOn: CalendarDate, newDueOn: CalendarDate, reason: String,
        complainantInformedOn: CalendarDate? = nil
    ) {
        self.clockKey = clockKey
        self.agreedOn = agreedOn
        self.newDueOn = newDueOn
        self.reason = reason
        self.complainantInformedOn = complainantInformedOn
    }
}

/// A period a stage waited on something outside the council's control.
public struct Pause: Sendable, Codable, Hashable {
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case proceedings, awaitingConsent = "awaiting-consent", awaitingInformation = "awaiting-information", other

        public var displayName: String {
            switch self {
            case .proceedings: "Legal proceedings"
            case .awaitingConsent: "Awaiting consent"
            case .awaitingInformation: "Awaiting information"
            case .other: "Other"
            }
        }
    }

    public var reason: Reason
    public var from: CalendarDate
    /// The day work resumed; `nil` while paused.
    public var until: CalendarDate?

    public init(reason: Reason, from: CalendarDate, until: CalendarDate? = nil) {
        self.reason = reason
        self.from = from
        self.until = until
    }
}

/// A complaint, compliment or comment received by the council: the unit every annual-report
/// figure is counted from.
///
/// A value type whose fields live in one shared box until a copy is changed (copy on write):
/// reports, queues and filters pass tens of thousands of representations around, and copying
/// one is then a single reference count, not one per text and list field.
public struct Representation: Sendable, Codable, Hashable, Identifiable {
    /// The stored fields; encoded exactly as the representation always was.
    struct Fields: Sendable, Codable, Hashable {
        var id: String
        var reference: String
        var kind: RepresentationKind
        var serviceArea: ServiceArea
        var procedureID: String?
        var receivedOn: CalendarDate
        var methodOfReceipt: String
        var complainant: Complainant
        var serviceCategory: String
        var summary: String
        var stages: [Stage]
        var records: CaseRecords
        var version: Int
        var subjectName: String? = nil
        var restrictedTo: [String]? = nil
        var purgedOn: CalendarDate? = nil
        var owner: String? = nil
        var mergedInto: String? = nil
    }

    /// Shared between copies; replaced by a fresh box before any change to a shared one.
    ///
    /// Its fields are changed only through a box no other copy holds (`makeUnique`), so the run
    /// time's exclusivity check on every read of a class's `var` (with the thread-local look-up it
    /// makes, several per cent of a report's time) guards nothing here and is turned off.
    final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// Opaque identifier (UUID text); never personal data, safe in URLs.
    public var id: String {
        get { storage.fields.id }
        _modify { makeUnique(); yield &storage.fields.id }
    }
    /// The council's case reference, e.g. `CSC-2022-00017`.
    public var reference: String {
        get { storage.fields.reference }
        _modify { makeUnique(); yield &storage.fields.reference }
    }
    public var kind: RepresentationKind {
        get { storage.fields.kind }
        _modify { makeUnique(); yield &storage.fields.kind }
    }
    public var serviceArea: ServiceArea {
        get { storage.fields.serviceArea }
        _modify { makeUnique(); yield &storage.fields.serviceArea }
    }
    /// The procedure followed (complaints only).
    public var procedureID: String? {
        get { storage.fields.procedureID }
        _modify { makeUnique(); yield &storage.fields.procedureID }
    }
    public var receivedOn: CalendarDate {
        get { storage.fields.receivedOn }
        _modify { makeUnique(); yield &storage.fields.receivedOn }
    }
    /// Code from the `method` reference list.
    public var methodOfReceipt: String {
        get { storage.fields.methodOfReceipt }
        _modify { makeUnique(); yield &storage.fields.methodOfReceipt }
    }
    public var complainant: Complainant {
        get { storage.fields.complainant }
        _modify { makeUnique(); yield &storage.fields.complainant }
    }
    /// Code from the `service` reference list (grouped by service area).
    public var serviceCategory: String {
        get { storage.fields.serviceCategory }
        _modify { makeUnique(); yield &storage.fields.serviceCategory }
    }
    /// What the representation is about, in the recorder's words. Personal data: never logged.
    public var summary: String {
        get { storage.fields.summary }
        _modify { makeUnique(); yield &storage.fields.summary }
    }
    public var stages: [Stage] {
        get { storage.fields.stages }
        _modify { makeUnique(); yield &storage.fields.stages }
    }
    /// Coding, Ombudsman, costs, learning and actions.
    public var records: CaseRecords {
        get { storage.fields.records }
        _modify { makeUnique(); yield &storage.fields.records }
    }
    /// Optimistic-concurrency version; a write must name the version it read.
    public var version: Int {
        get { storage.fields.version }
        _modify { makeUnique(); yield &storage.fields.version }
    }
    /// The person the representation is about, when not the complainant (the child, the
    /// service user): personal data, searched by subject access.
    public var subjectName: String? {
        get { storage.fields.subjectName }
        _modify { makeUnique(); yield &storage.fields.subjectName }
    }
    /// When set, only these users (by user id) may see the case: a complaint by a member of
    /// staff, say. `nil` means the roles' normal scope applies.
    public var restrictedTo: [String]? {
        get { storage.fields.restrictedTo }
        _modify { makeUnique(); yield &storage.fields.restrictedTo }
    }
    /// The day the retention schedule's purge removed the personal data, leaving only what the
    /// statistics count.
    public var purgedOn: CalendarDate? {
        get { storage.fields.purgedOn }
        _modify { makeUnique(); yield &storage.fields.purgedOn }
    }

    /// The member of staff (a user id) who owns the case: it is on their "My cases" and in their
    /// caseload. `nil` while unassigned.
    public var owner: String? {
        get { storage.fields.owner }
        _modify { makeUnique(); yield &storage.fields.owner }
    }
    /// Set when this case was a duplicate merged into another (the survivor's id): it is closed,
    /// keeps its history, and reports count only the survivor.
    public var mergedInto: String? {
        get { storage.fields.mergedInto }
        _modify { makeUnique(); yield &storage.fields.mergedInto }
    }

    public init(
        id: String, reference: String, kind: RepresentationKind, serviceArea: ServiceArea, procedureID: String?,
        receivedOn: CalendarDate, methodOfReceipt: String, complainant: Complainant, serviceCategory: String,
        summary: String, stages: [Stage] = [], records: CaseRecords = CaseRecords(), version: Int = 1,
        subjectName: String? = nil
    ) {
        storage = Storage(
            Fields(
                id: id, reference: reference, kind: kind, serviceArea: serviceArea, procedureID: procedureID,
                receivedOn: receivedOn,
                methodOfReceipt: methodOfReceipt, complainant: complainant, serviceCategory: serviceCategory,
                summary: summary,
                stages: stages, records: records, version: version, subjectName: subjectName))
    }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
    public static func == (a: Representation, b: Representation) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }
    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The stage currently open, if any.
    public var currentStage: Stage? { stages.last { $0.isOpen } }

    /// A complaint is open while a stage is open; a pre-complaint or case concern until it is
    /// converted or closed; other kinds are closed on receipt. "Closed at stage N" is derived.
    public var isOpen: Bool {
        if mergedInto != nil { return false }
        return switch kind {
        case .complaint: stages.isEmpty ? records.intake.refusal == nil : currentStage != nil
        case .preComplaint, .caseConcern, .serviceRequest:
            records.intake.closedOn == nil && records.intake.refusal == nil
        default: false
        }
    }

    /// The day the case closed: its last stage's closing (a complaint), the triage decision (a
    /// pre-complaint or case concern), the merge (a duplicate), or receipt (compliments and the
    /// other kinds recorded and closed at once). `nil` while open.
    public var closedOn: CalendarDate? {
        guard !isOpen else { return nil }
        if mergedInto != nil, let merged = records.links.last(where: { $0.kind == .mergedInto }) {
            return merged.linkedOn
        }
        switch kind {
        case .complaint:
            return stages.last?.closedOn ?? records.intake.refusal?.decidedOn ?? receivedOn
        case .preComplaint, .caseConcern, .serviceRequest:
            return records.intake.closedOn ?? records.intake.refusal?.decidedOn ?? receivedOn
        default:
            return receivedOn
        }
    }

    /// Ombudsman remedies or actions still to complete: the case stays on work queues after it closes.
    public var hasOpenFollowUps: Bool {
        records.ombudsman.contains {
            $0.remedies.contains { $0.completedOn == nil }
                || ($0.publicReport != nil && $0.publicReport?.respondedOn == nil)
        }
            || records.actions.contains { $0.doneOn == nil }
    }

    /// Whether the case has been taken to the Ombudsman: kept beside the case as a report fact, so
    /// reports find the Ombudsman's decisions of a year without reading every case.
    public var isReferredToOmbudsman: Bool { !records.ombudsman.isEmpty }

    /// The first stage's acknowledgement date.
    public var acknowledgedOn: CalendarDate? { stages.first?.date(of: .acknowledged) }

    /// The stage a closed complaint ended at.
    public var closedAtStage: String? { isOpen ? nil : stages.last?.key }
}
