/// The rates the demo and benchmark councils are drawn from, in one place, each with the
/// reference report it comes from. The generator reads only these, and a test checks that a
/// generated council's mixes come out at these rates.
public struct DemoMix: Sendable {
    /// Representations a year by service area and kind, at scale 1 (a county council:
    /// Lancashire 2021/22 had 484 adults' complaints and 659 compliments).
    public var volumes: [ServiceArea: [(RepresentationKind, Int)]]
    /// Stage 1 response time, children's and corporate: within 10 working days, 11–20, over 20
    /// (Hampshire Table 2: 49% / 46% / 5%).
    public var stage1Bands: [(Int, Double)]
    /// Share of stage 1 (and stage 2) findings by outcome (Hampshire, Lancashire).
    public var outcomes: [(String, Double)]
    /// Complaints refused at the start (children's: court proceedings, no parental responsibility…).
    public var refusal: Double
    /// Complaints withdrawn by the complainant.
    public var withdrawal: Double
    /// Children's and corporate complaints resolved early (before a formal stage 1 response).
    public var earlyResolution: Double
    /// Stage 1 responses escalated to stage 2 (Hampshire: about one in eight).
    public var escalation: Double
    /// Children's stage 2 adjudications escalated to a review panel.
    public var panelReview: Double
    /// Adults' complaints answered after the six-month period (Lancashire: about 9%).
    public var adultsBeyondSixMonths: Double
    /// Closed complaints the Ombudsman looks at (Lancashire: about one in ten).
    public var ombudsmanReferral: Double
    /// Ombudsman decisions (Lancashire annual letter: 39% upheld of detailed investigations).
    public var ombudsmanDecisions: [(OmbudsmanDecision, Double)]
    /// Pre-complaints and case concerns that become complaints (Hampshire: 146 of 359).
    public var preComplaintConversion: Double
    /// Corporate service requests a year at scale 1, and the share that become complaints
    /// ([R]: no reference report counts them yet; a council's own figures replace these).
    public var serviceRequests: Int = 240
    public var serviceRequestConversion: Double = 0.08
    /// Complaints with a reasonable adjustment agreed ([R]).
    public var adjustments: Double = 0.06

    /// The mixes of the reference reports.
    public static let referenceReports = DemoMix(
        volumes: [
            .adultSocialCare: [
                (.complaint, 460), (.compliment, 640), (.comment, 60), (.enquiry, 25), (.ombudsmanEnquiry, 3),
                (.professionalConcern, 10), (.other, 20),
            ],
            .childrensSocialCare: [
                (.complaint, 200), (.compliment, 70), (.comment, 25), (.preComplaint, 150), (.caseConcern, 60),
                (.enquiry, 30), (.ombudsmanEnquiry, 3), (.professionalConcern, 20), (.other, 40),
            ],
            .corporate: [
                (.complaint, 300), (.compliment, 40), (.comment, 35), (.preComplaint, 100), (.enquiry, 15),
                (.other, 30),
            ],
        ],
        stage1Bands: [(0, 49), (1, 46), (2, 5)],
        outcomes: [
            ("upheld", 20), ("partly-upheld", 24), ("not-upheld", 46), ("no-finding", 4), ("resolved-early", 4),
            ("signposted", 2),
        ],
        refusal: 0.07, withdrawal: 0.03, earlyResolution: 0.05, escalation: 0.12, panelReview: 0.2,
        adultsBeyondSixMonths: 0.09,
        ombudsmanReferral: 0.09,
        ombudsmanDecisions: [
            (.upheld, 39), (.notUpheld, 7), (.closedAfterInitialEnquiries, 30), (.referredBack, 14), (.adviceGiven, 5),
            (.incompleteInvalid, 4), (.outOfJurisdiction, 1),
        ],
        preComplaintConversion: 0.4)

    /// Each weight as a share of its list's total.
    public static func shares<T>(_ weighted: [(T, Double)]) -> [(T, Double)] {
        let total = weighted.reduce(0) { $0 + $1.1 }
        return weighted.map { ($0.0, $0.1 / total) }
    }
}
