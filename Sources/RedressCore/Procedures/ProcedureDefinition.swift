/// A complaints procedure written as data: its stages and the clocks each stage runs.
///
/// Councils follow different regimes (the children's statutory procedure, the adults' statutory
/// procedure, the LGSCO Complaint Handling Code for corporate complaints) and change local
/// timescales; keeping them as data means a timescale is configuration, not a code change, and
/// one clock engine (`ClockEngine`) serves every procedure.
public struct ProcedureDefinition: Sendable, Codable, Hashable, Identifiable {
    /// Stable key, e.g. `children-statutory`.
    public var id: String
    public var name: String
    public var serviceArea: ServiceArea
    /// Whether the procedure is statutory (counts toward the statutory annual report).
    public var isStatutory: Bool
    /// The legal basis or code the timescales come from, shown on case pages and reports.
    public var basis: String
    public var stages: [StageDefinition]

    public init(id: String, name: String, serviceArea: ServiceArea, isStatutory: Bool, basis: String, stages: [StageDefinition]) {
        self.id = id
        self.name = name
        self.serviceArea = serviceArea
        self.isStatutory = isStatutory
        self.basis = basis
        self.stages = stages
    }

    /// The stage definition with `key`.
    public func stage(_ key: String) -> StageDefinition? { stages.first { $0.key == key } }
}

/// One stage of a procedure (children's stage 1, the adults' single stage, corporate stage 1).
public struct StageDefinition: Sendable, Codable, Hashable {
    public var key: String
    public var name: String
    public var clocks: [ClockDefinition]

    public init(key: String, name: String, clocks: [ClockDefinition]) {
        self.key = key
        self.name = name
        self.clocks = clocks
    }

    /// The clock whose deadline is the stage's response date.
    public var responseClock: ClockDefinition? { clocks.first { $0.stops == .responded } }
}

/// A statutory or local time limit: when it starts, how long it runs, how far it may be
/// extended, and which event stops it.
public struct ClockDefinition: Sendable, Codable, Hashable {
    public var key: String
    /// What the deadline is for, in the council's words ("Acknowledge the complaint").
    public var name: String
    public var starts: ClockStart
    public var limit: Timescale
    /// The furthest an agreed extension may take the clock, in working days from its start
    /// (children's stage 1: 20; corporate stage 1: 20). `nil`: no extension provided for.
    public var extendableToWorkingDays: Int?
    public var stops: ClockStop
    /// Where the rule comes from (regulation, guidance or code paragraph).
    public var rule: String

    public init(key: String, name: String, starts: ClockStart, limit: Timescale, extendableToWorkingDays: Int? = nil, stops: ClockStop, rule: String) {
        self.key = key
        self.name = name
        self.starts = starts
        self.limit = limit
        self.extendableToWorkingDays = extendableToWorkingDays
        self.stops = stops
        self.rule = rule
    }
}

/// The event a clock counts from.
public enum ClockStart: String, Sendable, Codable, Hashable {
    /// The date the council received the representation (day zero).
    case received
    /// The date the complaint was acknowledged; until then, the acknowledgement deadline
    /// stands in, giving the latest compliant date.
    case acknowledged
}

/// The event that stops a clock.
public enum ClockStop: String, Sendable, Codable, Hashable {
    case acknowledged
    case responded
}

/// How long a clock runs.
public enum Timescale: Sendable, Codable, Hashable, CustomStringConvertible {
    /// N working days after the start (start is day zero).
    case workingDays(Int)
    /// The period of N months beginning with the start day (ASC-12).
    case monthsBeginningWith(Int)
    /// A date agreed with the complainant (adults' response period, ASC-10).
    case agreedWithComplainant

    public var description: String {
        switch self {
        case .workingDays(let n): "\(n) working day\(n == 1 ? "" : "s")"
        case .monthsBeginningWith(let n): "\(n) month\(n == 1 ? "" : "s") beginning with the start day"
        case .agreedWithComplainant: "the date agreed with the complainant"
        }
    }
}
