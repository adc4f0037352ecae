/// Someone the council can appoint to a case: an Investigating Officer, an Independent Person,
/// a review panel member, an adjudicating officer or a responding manager.
///
/// The pool records what the independence rules need: whether they are a council officer or
/// member (an Independent Person and panel members must not be, CSC-06, CSC-32), and which
/// services they work in (an Investigating Officer must not investigate their own service, CSC-25).
public struct Person: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// Organisation for commissioned or independent people.
    public var organisation: String?
    public var roles: [PoolRole]
    /// Employed by, or an elected member of, the council.
    public var isCouncilOfficerOrMember: Bool
    /// Commissioned from outside (an external Investigating Officer).
    public var isCommissioned: Bool
    /// Service category codes the person works in or manages.
    public var worksIn: [String]
    /// Taking new cases.
    public var isAvailable: Bool
    /// Where reminders go (optional: without one, their reminders go to the complaints team).
    public var email: String?

    public init(
        id: String, name: String, organisation: String? = nil, roles: [PoolRole], isCouncilOfficerOrMember: Bool,
        isCommissioned: Bool = false, worksIn: [String] = [], isAvailable: Bool = true, email: String? = nil
    ) {
        self.email = email
        self.id = id
        self.name = name
        self.organisation = organisation
        self.roles = roles
        self.isCouncilOfficerOrMember = isCouncilOfficerOrMember
        self.isCommissioned = isCommissioned
        self.worksIn = worksIn
        self.isAvailable = isAvailable
    }
}

/// The pools people belong to.
public enum PoolRole: String, Sendable, Codable, CaseIterable, Hashable {
    case investigatingOfficer = "investigating-officer"
    case independentPerson = "independent-person"
    case panelMember = "panel-member"
    case adjudicator
    case respondingManager = "responding-manager"

    public var displayName: String {
        switch self {
        case .investigatingOfficer: "Investigating Officer"
        case .independentPerson: "Independent Person"
        case .panelMember: "Review panel member"
        case .adjudicator: "Adjudicating officer"
        case .respondingManager: "Responding manager"
        }
    }
}

/// A role someone holds on one stage of a case.
public enum AppointmentRole: String, Sendable, Codable, CaseIterable, Hashable {
    case investigatingOfficer = "investigating-officer"
    case independentPerson = "independent-person"
    case panelChair = "panel-chair"
    case panelMember = "panel-member"
    case adjudicator
    case respondingManager = "responding-manager"

    public var displayName: String {
        switch self {
        case .panelChair: "Panel chair"
        case .panelMember: "Panel member"
        default: pool.displayName
        }
    }

    /// The pool someone must belong to for this role.
    public var pool: PoolRole {
        switch self {
        case .investigatingOfficer: .investigatingOfficer
        case .independentPerson: .independentPerson
        case .panelChair, .panelMember: .panelMember
        case .adjudicator: .adjudicator
        case .respondingManager: .respondingManager
        }
    }
}

/// Someone appointed to a stage.
public struct Appointment: Sendable, Codable, Hashable {
    public var role: AppointmentRole
    public var personID: String
    public var appointedOn: CalendarDate

    public init(role: AppointmentRole, personID: String, appointedOn: CalendarDate) {
        self.role = role
        self.personID = personID
        self.appointedOn = appointedOn
    }
}

/// The people pool as the lifecycle sees it.
public struct PeopleDirectory: Sendable {
    public private(set) var people: [String: Person]

    public init(_ people: [Person] = []) {
        self.people = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public subscript(id: String) -> Person? { people[id] }

    /// Available people in a pool, by name.
    public func available(for role: AppointmentRole) -> [Person] {
        people.values.filter { $0.isAvailable && $0.roles.contains(role.pool) }.sorted { $0.name < $1.name }
    }
}
