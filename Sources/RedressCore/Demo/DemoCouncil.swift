/// A deterministic pseudo-random generator (SplitMix64), so the same seed always gives the
/// same demo council on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates a realistic demonstration council: three financial years of adults', children's
/// and corporate complaints, compliments and comments, plus the current year to date, with
/// volumes and mixes like the reference reports (Lancashire 2021/22: 484 adults' complaints,
/// 659 compliments; Hampshire Table 2: 49% / 46% / 5% of stage 1 responses within 10, 11–20 and
/// over 20 working days; about 9% of adults' complaints past the six-month period).
/// Summaries are invented and contain no personal data.
public struct DemoCouncil: Sendable {
    public var seed: UInt64
    public var today: CalendarDate
    public var calendar: WorkingDayCalendar
    public var reference: ReferenceData

    public init(seed: UInt64 = 2021, today: CalendarDate, calendar: WorkingDayCalendar = .englandAndWales, reference: ReferenceData = .defaults) {
        self.seed = seed
        self.today = today
        self.calendar = calendar
        self.reference = reference
    }

    /// Yearly volumes by area: complaints, compliments, comments.
    static let volumes: [ServiceArea: (complaints: Int, compliments: Int, comments: Int)] = [
        .adultSocialCare: (460, 640, 60),
        .childrensSocialCare: (200, 70, 25),
        .corporate: (300, 40, 35),
    ]

    /// The three complete financial years before the one containing `today`, then that year to date.
    public var years: [FinancialYear] {
        let current = FinancialYear(containing: today)
        return (0...3).map { FinancialYear(startYear: current.startYear - 3 + $0) }
    }

    /// All generated representations, in receipt order, with references assigned per area and year.
    public func representations() -> [Representation] {
        var rng = SeededGenerator(seed: seed)
        var result: [Representation] = []
        var counters: [String: Int] = [:]
        for year in years {
            let lastDay = min(year.lastDay, today)
            let span = year.firstDay.days(until: lastDay) + 1
            let fraction = Double(span) / 365.0
            for area in ServiceArea.allCases {
                let v = DemoCouncil.volumes[area]!
                for (kind, yearly) in [(RepresentationKind.complaint, v.complaints), (.compliment, v.compliments), (.comment, v.comments)] {
                    let n = Int((Double(yearly) * fraction * Double.random(in: 0.92...1.08, using: &rng)).rounded())
                    for _ in 0..<n {
                        var received = year.firstDay.adding(days: Int.random(in: 0..<span, using: &rng))
                        // Most contact arrives on working days.
                        while !calendar.isWorkingDay(received) && Double.random(in: 0..<1, using: &rng) < 0.85 {
                            received = received.adding(days: 1)
                        }
                        if received > today { received = today }
                        result.append(make(kind: kind, area: area, received: received, rng: &rng))
                    }
                }
            }
        }
        result.sort { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }
        for i in result.indices {
            let key = "\(result[i].serviceArea.referencePrefix)-\(FinancialYear(containing: result[i].receivedOn).startYear)"
            counters[key, default: 0] += 1
            result[i].reference = "\(key)-\(String(paddedSequence: counters[key]!))"
        }
        return result
    }

    private func pick<T>(_ weighted: [(T, Double)], _ rng: inout SeededGenerator) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var x = Double.random(in: 0..<total, using: &rng)
        for (value, weight) in weighted {
            if x < weight { return value }
            x -= weight
        }
        return weighted[weighted.count - 1].0
    }

    private func uuid(_ rng: inout SeededGenerator) -> String {
        let a = rng.next(), b = rng.next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    private func make(kind: RepresentationKind, area: ServiceArea, received: CalendarDate, rng: inout SeededGenerator) -> Representation {
        let services = reference.active(.service, group: area.rawValue).map(\.code)
        let service = services[Int.random(in: 0..<services.count, using: &rng)]
        let method = pick([("email", 45.0), ("online-form", 34), ("letter", 12), ("telephone", 5), ("in-person", 1), ("via-councillor-or-mp", 2), ("via-advocate", 1)], &rng)
        let relationship: String
        var isChild = false
        switch area {
        case .childrensSocialCare:
            isChild = Double.random(in: 0..<1, using: &rng) < 0.09
            relationship = isChild
                ? pick([("service-user-young-person", 6.0), ("service-user-child-0-17", 3), ("advocate", 4)], &rng)
                : pick([("parent", 80.0), ("non-resident-parent", 6), ("grandparent", 4), ("foster-carer", 3), ("special-guardian", 2), ("other-relative", 2), ("other-professional", 2), ("unknown", 1)], &rng)
        case .adultSocialCare:
            relationship = pick([("service-user-adult", 35.0), ("other-relative", 30), ("unpaid-carer", 12), ("attorney-or-deputy", 6), ("advocate", 4), ("friend-or-neighbour", 3), ("care-provider", 5), ("unknown", 5)], &rng)
        case .corporate:
            relationship = pick([("parent", 70.0), ("other-relative", 8), ("school-staff", 6), ("service-user-adult", 6), ("other", 6), ("unknown", 4)], &rng)
        }
        let advocate: String? = (isChild && Double.random(in: 0..<1, using: &rng) < 0.45) || relationship == "advocate" ? "Independent advocacy service" : nil
        let serviceLabel = reference.label(.service, service).lowercased()
        let summary: String
        switch kind {
        case .complaint:
            summary = pick([
                ("Concerns about delay in \(serviceLabel) and not being kept informed.", 3.0),
                ("Unhappy with the outcome of a decision about \(serviceLabel).", 3),
                ("Complaint about the conduct and communication of a worker (\(serviceLabel)).", 2),
                ("Agreed actions from a review of \(serviceLabel) have not been carried out.", 2),
                ("Disputes a charge and the information given about \(serviceLabel).", 1),
            ], &rng)
        case .compliment:
            summary = pick([("Thanks to the team for their support with \(serviceLabel).", 3.0), ("Praise for a worker's kindness and clear communication (\(serviceLabel)).", 2)], &rng)
        case .comment:
            summary = pick([("Suggestion to improve information about \(serviceLabel).", 1.0), ("Comment on opening hours and how to get in touch (\(serviceLabel)).", 1)], &rng)
        }
        var r = Representation(
            id: uuid(&rng), reference: "", kind: kind, serviceArea: area,
            procedureID: kind == .complaint ? BuiltInProcedures.defaultProcedure(for: area).id : nil,
            receivedOn: received, methodOfReceipt: kind == .compliment ? pick([("email", 50.0), ("feedback-card-or-leaflet", 30), ("letter", 20)], &rng) : method,
            complainant: Complainant(relationship: relationship, isChildOrYoungPerson: isChild, advocate: advocate),
            serviceCategory: service, summary: summary)
        if kind == .complaint { addHandling(to: &r, rng: &rng) }
        return r
    }

    /// Acknowledgement, response and finding, drawn from the reference reports' mixes; any date
    /// after today is left unrecorded, so recent complaints are open (and some overdue).
    private func addHandling(to r: inout Representation, rng: inout SeededGenerator) {
        let procedure = BuiltInProcedures.defaultProcedure(for: r.serviceArea)
        let engine = ClockEngine(calendar: calendar)
        guard var stage = engine.openingStage(for: procedure, receivedOn: r.receivedOn) else { return }
        let ackDays = pick([(1, 45.0), (2, 30), (3, 17), (4, 5), (6, 3)], &rng)
        let acknowledged = calendar.adding(workingDays: ackDays, to: r.receivedOn)
        let responseDays: Int
        switch r.serviceArea {
        case .childrensSocialCare, .corporate:
            let band = pick([(0, 49.0), (1, 46), (2, 5)], &rng)
            responseDays = band == 0 ? Int.random(in: 3...10, using: &rng) : band == 1 ? Int.random(in: 11...20, using: &rng) : Int.random(in: 21...45, using: &rng)
            if responseDays > 10, Double.random(in: 0..<1, using: &rng) < 0.8 {
                stage.extendedTo = calendar.adding(workingDays: 20, to: r.serviceArea == .corporate ? acknowledged : r.receivedOn)
            }
        case .adultSocialCare:
            let agreed = calendar.adding(workingDays: Int.random(in: 20...60, using: &rng), to: r.receivedOn)
            if acknowledged <= today { r.agreedResponseDate = agreed }
            let lateBeyondSixMonths = Double.random(in: 0..<1, using: &rng) < 0.09
            responseDays = lateBeyondSixMonths ? Int.random(in: 131...190, using: &rng)
                : calendar.workingDays(from: r.receivedOn, to: agreed) + Int.random(in: -10...8, using: &rng)
        }
        if acknowledged <= today { r.acknowledgedOn = acknowledged }
        let responded = calendar.adding(workingDays: max(1, responseDays), to: r.receivedOn)
        if responded <= today {
            stage.respondedOn = responded
            stage.outcome = pick([("upheld", 20.0), ("partly-upheld", 24), ("not-upheld", 44), ("no-finding", 4), ("withdrawn", 4), ("resolved-early", 4)], &rng)
        }
        if stage.extendedTo != nil && stage.extendedTo! > today && stage.respondedOn == nil && Double.random(in: 0..<1, using: &rng) < 0.5 {
            stage.extendedTo = nil
        }
        r.stages = [stage]
    }
}

extension String {
    /// A case reference's sequence part: at least five digits (`00017`).
    public init(paddedSequence value: Int) {
        let text = String(value)
        self = String(repeating: "0", count: Swift.max(0, 5 - text.count)) + text
    }

    /// Pads with leading zeros to `width` characters.
    public func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
