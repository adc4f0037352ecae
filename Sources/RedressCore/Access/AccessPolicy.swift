/// What someone signed in to Redress does for the council. Each role is granted permissions by
/// the `AccessPolicy`, which is data: a council can change the grants without a new release.
public enum Role: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Hashable {
    case complaintsManager = "complaints-manager"
    case complaintsOfficer = "complaints-officer"
    case respondingManager = "responding-manager"
    case investigatingOfficer = "investigating-officer"
    case independentPerson = "independent-person"
    case panelMember = "panel-member"
    case reportReader = "report-reader"
    case administrator

    public var displayName: String {
        switch self {
        case .complaintsManager: "Complaints manager"
        case .complaintsOfficer: "Complaints officer"
        case .respondingManager: "Responding manager"
        case .investigatingOfficer: "Investigating Officer"
        case .independentPerson: "Independent Person"
        case .panelMember: "Review panel member"
        case .reportReader: "Report reader"
        case .administrator: "Administrator"
        }
    }
}

/// One thing a role may do. Case permissions are further limited by the role's `CaseScope` and
/// by restriction of a case to named users.
public enum Permission: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// See the work queues and the list of cases in scope.
    case viewCaseList = "view-case-list"
    /// Open a case in scope and read everything recorded on it.
    case viewCase = "view-case"
    /// Record a new complaint, compliment, comment or other representation.
    case recordRepresentation = "record-representation"
    /// Take steps on a case in scope: respond, extend, escalate, record findings and records.
    case takeCaseSteps = "take-case-steps"
    /// Restrict a case to named users (a complaint by a member of staff, say).
    case restrictCase = "restrict-case"
    /// Maintain the pool of Investigating Officers, Independent Persons and panel members.
    case managePeople = "manage-people"
    /// Aggregate statistics and reports: no case data.
    case viewStatistics = "view-statistics"
    /// Search the audit trail of reads and changes.
    case viewAudit = "view-audit"
    /// Export everything held about a person (UK GDPR subject access).
    case subjectAccess = "subject-access"
    /// See what the retention schedule would destroy, and purge it.
    case manageRetention = "manage-retention"
    /// Enter what reports read besides cases: context measures, recommendations and progress.
    case manageReportInputs = "manage-report-inputs"
    /// Edit the council's name, address and contact, and who reports go to and come from.
    case manageCouncilDetails = "manage-council-details"
    /// Edit the council's letter templates.
    case manageLetterTemplates = "manage-letter-templates"
    /// Add, disable and reset users.
    case manageUsers = "manage-users"

    public static func < (a: Permission, b: Permission) -> Bool { a.rawValue < b.rawValue }
}

/// Which cases a role's case permissions reach.
public enum CaseScope: Sendable, Codable, Hashable {
    /// Every case (except those restricted to other named users).
    case all
    /// Only cases where the user's linked person holds one of these appointments.
    case appointed([AppointmentRole])
    /// No case data at all (report readers, administrators).
    case none
}

/// The grants of every role: permissions plus the cases they reach.
public struct AccessPolicy: Sendable, Codable, Hashable {
    public struct Grant: Sendable, Codable, Hashable {
        public var permissions: Set<Permission>
        public var caseScope: CaseScope

        public init(_ permissions: Set<Permission>, caseScope: CaseScope) {
            self.permissions = permissions
            self.caseScope = caseScope
        }
    }

    public var grants: [Role: Grant]

    public init(grants: [Role: Grant]) { self.grants = grants }

    public func grant(for role: Role) -> Grant { grants[role] ?? Grant([], caseScope: .none) }

    /// Least privilege: case workers see case data in their scope; report readers see only
    /// aggregates; administrators run the system without reading cases.
    public static let standard = AccessPolicy(grants: [
        .complaintsManager: Grant(
            [
                .viewCaseList, .viewCase, .recordRepresentation, .takeCaseSteps, .restrictCase, .managePeople,
                .viewStatistics, .viewAudit, .subjectAccess, .manageRetention, .manageReportInputs,
                .manageLetterTemplates, .manageCouncilDetails,
            ], caseScope: .all),
        .complaintsOfficer: Grant(
            [.viewCaseList, .viewCase, .recordRepresentation, .takeCaseSteps, .viewStatistics], caseScope: .all),
        .respondingManager: Grant(
            [.viewCaseList, .viewCase, .takeCaseSteps], caseScope: .appointed([.respondingManager, .adjudicator])),
        .investigatingOfficer: Grant(
            [.viewCaseList, .viewCase, .takeCaseSteps], caseScope: .appointed([.investigatingOfficer])),
        .independentPerson: Grant([.viewCaseList, .viewCase], caseScope: .appointed([.independentPerson])),
        .panelMember: Grant([.viewCaseList, .viewCase], caseScope: .appointed([.panelChair, .panelMember])),
        .reportReader: Grant([.viewStatistics], caseScope: .none),
        .administrator: Grant(
            [.manageUsers, .managePeople, .viewAudit, .manageRetention, .viewStatistics, .manageCouncilDetails],
            caseScope: .none),
    ])
}

/// The signed-in user as access decisions see them.
public struct Viewer: Sendable, Hashable {
    public var userID: String
    public var username: String
    public var displayName: String
    public var role: Role
    /// The person in the people pool this user is, for appointment-scoped roles.
    public var personID: String?
    public var grant: AccessPolicy.Grant

    public init(
        userID: String, username: String, displayName: String, role: Role, personID: String?, policy: AccessPolicy
    ) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.personID = personID
        self.grant = policy.grant(for: role)
    }

    public func may(_ permission: Permission) -> Bool { grant.permissions.contains(permission) }

    /// Whether this user may see `r` at all: a restricted case only by its named users, any other
    /// case by the role's scope.
    public func canSee(_ r: Representation) -> Bool {
        if let named = r.restrictedTo { return named.contains(userID) && grant.caseScope != .none }
        switch grant.caseScope {
        case .all: return true
        case .none: return false
        case .appointed(let roles):
            guard let personID else { return false }
            return r.stages.contains { $0.appointments.contains { $0.personID == personID && roles.contains($0.role) } }
        }
    }

    /// Whether this user may use `permission` on case `r`.
    public func may(_ permission: Permission, on r: Representation) -> Bool { may(permission) && canSee(r) }
}
