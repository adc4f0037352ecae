/// How a council counts, where councils differ: Redress derives every figure from records, but
/// the reference reports count the same records in different ways (`statutory-rules.md` §6 and
/// the reference reports' own words). A convention is data: chosen per procedure, saved as the
/// council's setting, printed in the note under every table it changes. The default is what
/// Redress has always done; the presets reproduce named reports' conventions.
public struct CountingConventions: Sendable, Hashable, Codable {
    /// What is counted for one procedure.
    public struct Procedure: Sendable, Hashable, Codable {
        /// A complaint resolved early at the first stage is reported as "Stage 0: early
        /// resolution" in the table of complaints closed by stage (Lancashire graphs 5 and 11).
        public var earlyResolutionIsStage: Bool
        /// A complaint the Ombudsman decided in the period is counted, in that period, as closed at
        /// "The Ombudsman" rather than at the council's last stage (Lancashire graphs 5 and 11).
        public var ombudsmanIsFinalStage: Bool
        /// Complaints resolved early are counted as complaints; when not, they are contacts,
        /// left out of every complaint figure (Lincolnshire 2019/20: 35 early resolutions, 111
        /// complaints).
        public var earlyResolutionsAreComplaints: Bool
        /// Outcome tables count the complaints closed in the year (`closed`) or those received in
        /// it, with the outcome they have when the report is made (`received`, Lincolnshire).
        public var outcomesOf: Basis
        /// The Ombudsman is counted by its decisions dated in the year (`decisions`) or by the
        /// referrals made to it in the year (`referrals`, Lincolnshire: "nine referrals were made").
        public var ombudsmanCountedBy: OmbudsmanCount
        /// Which response the "over 20 working days at the first stages" measure times: the last
        /// stage's (standard), the first response (Lancashire §3.3), or each stage's response (a
        /// complaint is over when any of them took longer).
        public var timedResponse: TimedResponse
        /// The day response times count from, for reporting: the day the stage's response clock
        /// started (standard: receipt, or acknowledgement where the procedure's clock starts
        /// there, as the Complaint Handling Code counts) or the day the stage was requested.
        public var timedFrom: ClockStart
        /// Whether complaints withdrawn at those stages are timed too, to the day withdrawn.
        public var timesWithdrawals: Bool
        /// What the share answered after six months is of: responses sent in the year (standard),
        /// complaints closed in the year (Lancashire: 9% of 484 closed) or received in it.
        public var sixMonthsShareOf: Denominator

        public enum TimedResponse: String, Sendable, Hashable, Codable, CaseIterable {
            case last, first, each
        }

        public enum ClockStart: String, Sendable, Hashable, Codable, CaseIterable {
            case clock, request
        }

        /// What a share is of: the responses sent, the complaints closed or those received in the year.
        public enum Denominator: String, Sendable, Hashable, Codable, CaseIterable {
            case responses, closed, received
        }

        public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
            case closed, received
        }

        public enum OmbudsmanCount: String, Sendable, Hashable, Codable, CaseIterable {
            case decisions, referrals
        }

        public init(
            earlyResolutionIsStage: Bool = false, ombudsmanIsFinalStage: Bool = false,
            earlyResolutionsAreComplaints: Bool = true, outcomesOf: Basis = .closed,
            ombudsmanCountedBy: OmbudsmanCount = .decisions, timedResponse: TimedResponse = .last,
            timedFrom: ClockStart = .clock, timesWithdrawals: Bool = false, sixMonthsShareOf: Denominator = .responses
        ) {
            self.timedResponse = timedResponse
            self.timedFrom = timedFrom
            self.timesWithdrawals = timesWithdrawals
            self.sixMonthsShareOf = sixMonthsShareOf
            self.earlyResolutionIsStage = earlyResolutionIsStage
            self.ombudsmanIsFinalStage = ombudsmanIsFinalStage
            self.earlyResolutionsAreComplaints = earlyResolutionsAreComplaints
            self.outcomesOf = outcomesOf
            self.ombudsmanCountedBy = ombudsmanCountedBy
        }

        private enum CodingKeys: String, CodingKey {
            case earlyResolutionIsStage, ombudsmanIsFinalStage, earlyResolutionsAreComplaints, outcomesOf
            case ombudsmanCountedBy, timedResponse, timedFrom, timesWithdrawals, sixMonthsShareOf
        }

        /// Reads a convention file: a choice it does not name is the standard one, so files
        /// written before a convention existed still read.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let standard = Procedure()
            self.init(
                earlyResolutionIsStage: try c.decodeIfPresent(Bool.self, forKey: .earlyResolutionIsStage)
                    ?? standard.earlyResolutionIsStage,
                ombudsmanIsFinalStage: try c.decodeIfPresent(Bool.self, forKey: .ombudsmanIsFinalStage)
                    ?? standard.ombudsmanIsFinalStage,
                earlyResolutionsAreComplaints: try c.decodeIfPresent(Bool.self, forKey: .earlyResolutionsAreComplaints)
                    ?? standard.earlyResolutionsAreComplaints,
                outcomesOf: try c.decodeIfPresent(Basis.self, forKey: .outcomesOf) ?? standard.outcomesOf,
                ombudsmanCountedBy: try c.decodeIfPresent(OmbudsmanCount.self, forKey: .ombudsmanCountedBy)
                    ?? standard.ombudsmanCountedBy,
                timedResponse: try c.decodeIfPresent(TimedResponse.self, forKey: .timedResponse)
                    ?? standard.timedResponse,
                timedFrom: try c.decodeIfPresent(ClockStart.self, forKey: .timedFrom) ?? standard.timedFrom,
                timesWithdrawals: try c.decodeIfPresent(Bool.self, forKey: .timesWithdrawals)
                    ?? standard.timesWithdrawals,
                sixMonthsShareOf: try c.decodeIfPresent(Denominator.self, forKey: .sixMonthsShareOf)
                    ?? standard.sixMonthsShareOf)
        }

        /// Redress's own counting.
        public static let standard = Procedure()

        /// The tables a choice changes, so each table's note names only its own conventions.
        public enum Topic: Sendable, Hashable, CaseIterable {
            case stages, outcomes, ombudsman, timing, responseTimes, sixMonths
        }

        /// In words, for the note under a table: every choice that differs from the standard, with
        /// the tables it changes.
        public var differences: [(topic: Topic, words: String)] {
            var said: [(Topic, String)] = []
            if earlyResolutionIsStage { said.append((.stages, "early resolution is reported as stage 0")) }
            if ombudsmanIsFinalStage {
                said.append(
                    (.stages, "a complaint the Ombudsman decided in the year is counted as closed at the Ombudsman"))
            }
            if !earlyResolutionsAreComplaints {
                said.append((.outcomes, "complaints resolved early are contacts, not counted as complaints"))
            }
            if outcomesOf == .received {
                said.append((.outcomes, "outcomes are of the complaints received in the year"))
            }
            if ombudsmanCountedBy == .referrals {
                said.append((.ombudsman, "the Ombudsman is counted by referrals made in the year"))
            }
            if timedResponse == .first { said.append((.timing, "the first response is timed")) }
            if timedResponse == .each {
                said.append((.timing, "each stage's response is timed, and a complaint is over if any one was"))
            }
            if timedFrom == .request {
                said.append((.responseTimes, "response times count from the day each stage was requested"))
            }
            if timesWithdrawals { said.append((.timing, "withdrawn complaints are timed to the day withdrawn")) }
            if sixMonthsShareOf != .responses {
                said.append(
                    (.sixMonths, "the six-month share is of complaints \(sixMonthsShareOf.rawValue) in the year"))
            }
            return said
        }
    }

    /// The preset's name, or "Custom" once changed by hand.
    public var name: String
    /// Where the preset's conventions come from.
    public var source: String
    /// By procedure id; a procedure not named counts the standard way.
    public var procedures: [String: Procedure]
    /// Shares that make up one whole (closed by stage, outcomes, response-time bands) are rounded
    /// so they total 100%, by largest remainder (Lancashire graph 5: 34%, 60%, 6%), rather than
    /// each half upwards (34%, 60%, 7%).
    public var sharesTotal100: Bool

    public init(
        name: String, source: String = "", procedures: [String: Procedure] = [:], sharesTotal100: Bool = false
    ) {
        self.name = name
        self.source = source
        self.procedures = procedures
        self.sharesTotal100 = sharesTotal100
    }

    private enum CodingKeys: String, CodingKey { case name, source, procedures, sharesTotal100 }

    /// Reads a convention file; one written before `sharesTotal100` existed rounds each share.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            source: try c.decodeIfPresent(String.self, forKey: .source) ?? "",
            procedures: try c.decodeIfPresent([String: Procedure].self, forKey: .procedures) ?? [:],
            sharesTotal100: try c.decodeIfPresent(Bool.self, forKey: .sharesTotal100) ?? false)
    }

    /// The records the figures count: complaints resolved early are left out where the
    /// procedure's convention makes them contacts. Every view counts from this, so the statistics
    /// page, the quarterly and the annual report agree on what a complaint is.
    public func counted(_ records: [Representation]) -> [Representation] {
        records.filter { !$0.isResolvedEarly || of($0.procedureID).earlyResolutionsAreComplaints }
    }

    public func of(_ procedureID: String?) -> Procedure { procedureID.flatMap { procedures[$0] } ?? .standard }

    /// The note a table about `topic` prints when its procedure counts it other than the standard
    /// way, or `nil`.
    public func note(for procedureID: String?, about topic: Procedure.Topic) -> String? {
        let said = of(procedureID).differences.filter { $0.topic == topic }.map(\.words)
        guard !said.isEmpty else { return nil }
        return "Counting convention (\(name)): " + said.joined(separator: "; ") + "."
    }

    /// Redress's own counting: every procedure standard.
    public static let standard = CountingConventions(name: "Redress standard")

    /// Lancashire County Council, Annual complaints report 2021/22 (graphs 5 and 11): stage 0 and
    /// the Ombudsman as stages of the adults' and children's procedures.
    public static let lancashire2021 = CountingConventions(
        name: "Lancashire 2021/22",
        source:
            """
            Lancashire County Council, Adult and children's social care complaints annual report 2021/22, graphs \
            5 and 11, §2.3 and §3.3
            """,
        procedures: [
            "adults-statutory": Procedure(
                earlyResolutionIsStage: true, ombudsmanIsFinalStage: true, sixMonthsShareOf: .closed),
            "children-statutory": Procedure(
                earlyResolutionIsStage: true, ombudsmanIsFinalStage: true, timedResponse: .first,
                timesWithdrawals: true),
        ],
        sharesTotal100: true)

    /// Lincolnshire County Council, Children's Services annual statutory complaints report
    /// 2019/20: early resolutions are not complaints; outcomes of the year's complaints; the
    /// Ombudsman by referrals made.
    public static let lincolnshire2019 = CountingConventions(
        name: "Lincolnshire 2019/20",
        source: "Lincolnshire County Council, Children's Services annual statutory complaints report 2019/20",
        procedures: [
            "children-statutory": Procedure(
                earlyResolutionsAreComplaints: false, outcomesOf: .received, ombudsmanCountedBy: .referrals)
        ])

    /// Leicestershire County Council, Children's social care complaints annual report 2022/23:
    /// Redress's standard counting reproduces its tables (outcomes of complaints resolved in the
    /// year, all complaints about the service by procedure, panels by request and hearing).
    public static let leicestershire2022 = CountingConventions(
        name: "Leicestershire 2022/23",
        source: "Leicestershire County Council, Children's social care complaints annual report 2022/23")

    public static let presets = [standard, lancashire2021, lincolnshire2019, leicestershire2022]
}

extension Representation {
    /// A complaint whose first stage closed as resolved early (before a full response).
    public var isResolvedEarly: Bool { kind == .complaint && stages.first?.outcome == "resolved-early" }
}
