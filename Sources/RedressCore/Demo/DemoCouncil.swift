/// One step in a case's history, with its description, for the audit trail.
public struct CaseHistoryEntry: Sendable, Hashable {
    public var command: CaseCommand
    public var summary: String

    public init(command: CaseCommand, summary: String) {
        self.command = command
        self.summary = summary
    }
}

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
    /// The rates cases are drawn from.
    public var mix: DemoMix
    /// Complete financial years before the current one (the current year to date follows).
    public var completeYears: Int
    /// Volumes are the mix's yearly volumes times this (1 is a county council).
    public var scale: Double
    /// Prefixed to every reference (`C02-CSC-2024-00017`) when several councils share a database.
    public var councilCode: String?

    var directory: PeopleDirectory
    /// Active codes by list, and services by area with their labels, looked up once rather than
    /// per generated case.
    let activeCodes: [CategoryList: [String]]
    let services: [ServiceArea: [(code: String, label: String)]]

    public init(
        seed: UInt64 = 2021, today: CalendarDate, calendar: WorkingDayCalendar = .englandAndWales,
        reference: ReferenceData = .defaults,
        mix: DemoMix = .referenceReports, completeYears: Int = 3, scale: Double = 1, councilCode: String? = nil
    ) {
        self.seed = seed
        self.today = today
        self.calendar = calendar
        self.reference = reference
        self.mix = mix
        self.completeYears = completeYears
        self.scale = scale
        self.councilCode = councilCode
        self.directory = PeopleDirectory(Self.pool(reference: reference))
        activeCodes = Dictionary(
            uniqueKeysWithValues: CategoryList.allCases.map { ($0, reference.active($0).map(\.code)) })
        services = Dictionary(
            uniqueKeysWithValues: ServiceArea.allCases.map { area in
                (area, reference.active(.service, group: area.rawValue).map { ($0.code, $0.label.lowercased()) })
            })
    }

    /// The council's pools: internal and commissioned Investigating Officers, Independent
    /// Persons, review panel members, adjudicating officers and responding managers.
    public var people: [Person] { Self.pool(reference: reference) }

    static func pool(reference: ReferenceData) -> [Person] {
        let childrenServices = reference.active(.service, group: ServiceArea.childrensSocialCare.rawValue).map(\.code)
        var list: [Person] = []
        for (i, name) in ["Amira Shah", "Ben Okafor", "Claire Dunn", "David Hughes"].enumerated() {
            list.append(
                Person(
                    id: "demo-io-\(i + 1)", name: name, roles: [.investigatingOfficer], isCouncilOfficerOrMember: true,
                    worksIn: [
                        childrenServices[(i * 5) % childrenServices.count],
                        childrenServices[(i * 5 + 1) % childrenServices.count],
                    ]))
        }
        for (i, name) in ["Evelyn Marsh", "Frank Osei"].enumerated() {
            list.append(
                Person(
                    id: "demo-io-ext-\(i + 1)", name: name, organisation: "Independent investigations",
                    roles: [.investigatingOfficer],
                    isCouncilOfficerOrMember: false, isCommissioned: true))
        }
        for (i, name) in ["Grace Lin", "Harold Price", "Isla Brennan", "Jonah Webb", "Kiran Patel"].enumerated() {
            list.append(
                Person(
                    id: "demo-ip-\(i + 1)", name: name, organisation: "Independent Person",
                    roles: [.independentPerson, .panelMember],
                    isCouncilOfficerOrMember: false, isCommissioned: true, isAvailable: i != 4))
        }
        for (i, name) in ["Laura Fielding", "Martin Cole", "Nadia Rahman", "Oliver Grant"].enumerated() {
            list.append(
                Person(
                    id: "demo-panel-\(i + 1)", name: name, organisation: "Review panel", roles: [.panelMember],
                    isCouncilOfficerOrMember: false))
        }
        for (i, name) in ["Paula Reid (Head of Service)", "Quentin Shaw (Assistant Director)"].enumerated() {
            list.append(
                Person(
                    id: "demo-adj-\(i + 1)", name: name, roles: [.adjudicator, .respondingManager],
                    isCouncilOfficerOrMember: true))
        }
        return list
    }

    /// The complete financial years before the one containing `today`, then that year to date.
    public var years: [FinancialYear] {
        let current = FinancialYear(containing: today)
        return (0...completeYears).map { FinancialYear(startYear: current.startYear - completeYears + $0) }
    }

    /// All generated representations, in receipt order, with references assigned per area and year.
    public func representations() -> [Representation] { cases().map(\.representation) }

    /// Every generated representation with the steps applied to it, for the audit trail.
    public func cases() -> [(representation: Representation, history: [CaseHistoryEntry])] {
        var rng = SeededGenerator(seed: seed)
        var result: [Representation] = []
        var histories: [String: [CaseHistoryEntry]] = [:]
        var counters: [String: Int] = [:]
        for year in years {
            let lastDay = min(year.lastDay, today)
            let span = year.firstDay.days(until: lastDay) + 1
            let fraction = Double(span) / 365.0
            for area in ServiceArea.allCases {
                for (kind, yearly) in mix.volumes[area] ?? [] {
                    let n = Int(
                        (Double(yearly) * scale * fraction * Double.random(in: 0.92...1.08, using: &rng)).rounded())
                    for _ in 0..<n {
                        var received = year.firstDay.adding(days: Int.random(in: 0..<span, using: &rng))
                        // Most contact arrives on working days.
                        while !calendar.isWorkingDay(received) && Double.random(in: 0..<1, using: &rng) < 0.85 {
                            received = received.adding(days: 1)
                        }
                        if received > today { received = today }
                        let (made, history) = make(kind: kind, area: area, received: received, rng: &rng)
                        result.append(made)
                        if !history.isEmpty { histories[made.id] = history }
                    }
                }
            }
        }
        // Service requests and reasonable adjustments come from streams of their own, so adding
        // them changed none of the other cases, their references or their names.
        addCodeCases(to: &result, histories: &histories)
        result.sort { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }
        // Names from a separate stream, so adding them never changes the cases themselves.
        var names = SeededGenerator(seed: seed ^ 0x6E61_6D65)
        var requestNames = SeededGenerator(seed: seed ^ 0x7372_6E6D)
        for i in result.indices {
            let key =
                (councilCode.map { "\($0)-" } ?? "")
                + "\(Representation.referencePrefix(result[i].kind, result[i].serviceArea))-"
                + "\(FinancialYear(containing: result[i].receivedOn).startYear)"
            counters[key, default: 0] += 1
            result[i].reference = "\(key)-\(String.paddedSequence(counters[key]!))"
            if result[i].records.intake.convertedFrom?.from == .serviceRequest || result[i].kind == .serviceRequest {
                DemoCouncil.name(&result[i], &requestNames)
            } else {
                DemoCouncil.name(&result[i], &names)
            }
        }
        return result.map { ($0, histories[$0.id] ?? []) }
    }

    /// Invented names, from common given and family names in England (about 33,000 pairs), so a
    /// million demo cases name people about as often as a council's records do.
    static let givenNames = [
        "Aaliyah", "Aaron", "Abdul", "Abigail", "Adam", "Adele", "Agnieszka", "Aidan", "Aisha", "Alan", "Alexander",
        "Alfie", "Alice", "Alina", "Amara", "Amelia", "Amir", "Amira", "Amy", "Andrew", "Angela", "Ann", "Anna",
        "Anthony", "Archie", "Arjun", "Ava", "Ayesha", "Barbara", "Ben", "Bethany", "Bilal", "Brian", "Callum",
        "Carl", "Caroline", "Catherine", "Charlie", "Charlotte", "Chloe", "Chris", "Claire", "Connor", "Craig",
        "Daisy", "Daniel", "David", "Dawn", "Deborah", "Declan", "Dylan", "Eleanor", "Elena", "Elijah", "Elizabeth",
        "Ella", "Emily", "Emma", "Erin", "Ethan", "Evie", "Faith", "Farid", "Fatima", "Finley", "Florence",
        "Frances", "Freya", "Gareth", "Gary", "Gemma", "George", "Georgia", "Grace", "Graham", "Hannah", "Harriet",
        "Harry", "Harvey", "Hassan", "Heather", "Helen", "Henry", "Holly", "Ibrahim", "Imogen", "Isaac", "Isabella",
        "Isla", "Ivy", "Jack", "Jacob", "Jade", "James", "Jamie", "Jasmine", "Jayden", "Jennifer", "Jessica",
        "Joanne", "John", "Jordan", "Joseph", "Joshua", "Julie", "Karen", "Kate", "Katie", "Kayla", "Kezia",
        "Kieran", "Kyle", "Laura", "Layla", "Leah", "Leon", "Liam", "Lily", "Louise", "Lucy", "Luke", "Mason",
        "Matthew", "Maya", "Megan", "Mia", "Michael", "Michelle", "Mohammed", "Molly", "Muhammad", "Nadia",
        "Natalie", "Nathan", "Nicola", "Noah", "Oliver", "Olivia", "Oscar", "Owen", "Paul", "Peter", "Phoebe",
        "Poppy", "Priya", "Rachel", "Rebecca", "Reece", "Rhys", "Richard", "Robert", "Rory", "Rosie", "Ruby", "Ryan",
        "Saanvi", "Samuel", "Sarah", "Scarlett", "Sean", "Sharon", "Sienna", "Simon", "Sofia", "Sophie", "Stephen",
        "Susan", "Tariq", "Teresa", "Theo", "Thomas", "Tomasz", "Tracey", "Tyler", "Victoria", "William", "Yusuf",
        "Zainab", "Zara", "Zoe",
    ]
    static let familyNames = [
        "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Armstrong", "Atkinson", "Bailey", "Baker", "Ball", "Barker",
        "Barnes", "Bell", "Bennett", "Berry", "Bibi", "Bird", "Bishop", "Black", "Booth", "Bradley", "Brooks",
        "Brown", "Burns", "Butler", "Campbell", "Carr", "Carter", "Chambers", "Chapman", "Clark", "Clarke", "Cole",
        "Collins", "Cook", "Cooper", "Cox", "Cunningham", "Davey", "Davies", "Davis", "Dawson", "Dixon", "Doyle",
        "Duffy", "Duncan", "Edwards", "Ellis", "Evans", "Farrell", "Fisher", "Fleming", "Fletcher", "Ford", "Foster",
        "Fox", "Francis", "Gardner", "Gibson", "Gill", "Gordon", "Graham", "Grant", "Gray", "Green", "Griffiths",
        "Hall", "Hamilton", "Harris", "Harrison", "Hart", "Harvey", "Hassan", "Hayes", "Henderson", "Hill", "Holmes",
        "Hook", "Hopkins", "Howard", "Hughes", "Hunt", "Hussain", "Iqbal", "Jackson", "James", "Jenkins", "Johnson",
        "Johnston", "Jones", "Kaur", "Kelly", "Kennedy", "Khan", "King", "Knight", "Kowalski", "Lawrence", "Lee",
        "Lewis", "Lloyd", "Marshall", "Martin", "Mason", "Matthews", "Miller", "Mills", "Mitchell", "Moore",
        "Morgan", "Morris", "Murphy", "Murray", "Nowak", "O'Brien", "O'Neil", "Owen", "Palmer", "Parker", "Patel",
        "Payne", "Pearce", "Pearson", "Phillips", "Powell", "Price", "Rahman", "Reid", "Reynolds", "Richards",
        "Richardson", "Roberts", "Robertson", "Robinson", "Rogers", "Rose", "Ross", "Russell", "Saunders", "Scott",
        "Shaw", "Simpson", "Singh", "Smith", "Spencer", "Stevens", "Stewart", "Stone", "Taylor", "Thomas",
        "Thompson", "Thomson", "Turner", "Walker", "Wallace", "Walsh", "Ward", "Watson", "Webb", "Wells", "West",
        "White", "Williams", "Wilson", "Wood", "Woods", "Wright", "Young",
    ]

    /// Invented names and contact details: complainants, and the child or adult a case is about.
    static func name(_ r: inout Representation, _ rng: inout SeededGenerator) {
        func person() -> String {
            "\(givenNames.randomElement(using: &rng)!) \(familyNames.randomElement(using: &rng)!)"
        }
        let complainant = person()
        r.complainant.name = complainant
        r.complainant.contact = "\(complainant.lowercased().replacingOccurrences(of: " ", with: "."))@example.org"
        if r.kind == .complaint && !r.complainant.relationship.hasPrefix("service-user") {
            r.subjectName = person()
        }
    }

    func pick<T>(_ weighted: [(T, Double)], _ rng: inout SeededGenerator) -> T {
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
        return
            "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    func make(
        kind: RepresentationKind, area: ServiceArea, received: CalendarDate, rng: inout SeededGenerator
    ) -> (Representation, [CaseHistoryEntry]) {
        let areaServices = services[area] ?? []
        let (service, serviceLabel) = areaServices[Int.random(in: 0..<areaServices.count, using: &rng)]
        let method = pick(
            [
                ("email", 45.0), ("online-form", 34), ("letter", 12), ("telephone", 5), ("in-person", 1),
                ("via-councillor-or-mp", 2), ("via-advocate", 1),
            ], &rng)
        let relationship: String
        var isChild = false
        switch area {
        case .childrensSocialCare:
            isChild = Double.random(in: 0..<1, using: &rng) < 0.09
            relationship =
                isChild
                ? pick([("service-user-young-person", 6.0), ("service-user-child-0-17", 3), ("advocate", 4)], &rng)
                : pick(
                    [
                        ("parent", 80.0), ("non-resident-parent", 6), ("grandparent", 4), ("foster-carer", 3),
                        ("special-guardian", 2), ("other-relative", 2), ("other-professional", 2), ("unknown", 1),
                    ], &rng)
        case .adultSocialCare:
            relationship = pick(
                [
                    ("service-user-adult", 35.0), ("other-relative", 30), ("unpaid-carer", 12),
                    ("attorney-or-deputy", 6), ("advocate", 4), ("friend-or-neighbour", 3), ("care-provider", 5),
                    ("unknown", 5),
                ], &rng)
        case .corporate:
            relationship = pick(
                [
                    ("parent", 70.0), ("other-relative", 8), ("school-staff", 6), ("service-user-adult", 6),
                    ("other", 6), ("unknown", 4),
                ], &rng)
        }
        let advocate: String? =
            (isChild && Double.random(in: 0..<1, using: &rng) < 0.45) || relationship == "advocate"
            ? "Independent advocacy service" : nil
        let summary: String
        switch kind {
        case .complaint:
            summary = pick(
                [
                    ("Concerns about delay in \(serviceLabel) and not being kept informed.", 3.0),
                    ("Unhappy with the outcome of a decision about \(serviceLabel).", 3),
                    ("Complaint about the conduct and communication of a worker (\(serviceLabel)).", 2),
                    ("Agreed actions from a review of \(serviceLabel) have not been carried out.", 2),
                    ("Disputes a charge and the information given about \(serviceLabel).", 1),
                ], &rng)
        case .compliment:
            summary = pick(
                [
                    ("Thanks to the team for their support with \(serviceLabel).", 3.0),
                    ("Praise for a worker's kindness and clear communication (\(serviceLabel)).", 2),
                ], &rng)
        case .comment:
            summary = pick(
                [
                    ("Suggestion to improve information about \(serviceLabel).", 1.0),
                    ("Comment on opening hours and how to get in touch (\(serviceLabel)).", 1),
                ], &rng)
        case .preComplaint, .caseConcern:
            summary = "Contact about \(serviceLabel) needing clarification or a same-day response."
        case .enquiry:
            summary = "Enquiry from an elected member about \(serviceLabel)."
        case .ombudsmanEnquiry:
            summary = "Ombudsman enquiry about \(serviceLabel)."
        case .professionalConcern:
            summary = "Concern raised by another professional about \(serviceLabel)."
        case .other:
            summary = "Request for information about \(serviceLabel)."
        case .serviceRequest:
            summary = "Asks the council to put something right: \(serviceLabel)."
        }
        var r = Representation(
            id: uuid(&rng), reference: "", kind: kind, serviceArea: area,
            procedureID: kind.isHandledAsCase ? BuiltInProcedures.defaultProcedure(for: area).id : nil,
            receivedOn: received,
            methodOfReceipt: kind == .compliment
                ? pick([("email", 50.0), ("feedback-card-or-leaflet", 30), ("letter", 20)], &rng) : method,
            complainant: Complainant(relationship: relationship, isChildOrYoungPerson: isChild, advocate: advocate),
            serviceCategory: service, summary: summary)
        var history: [CaseHistoryEntry] = []
        if kind == .complaint { addHandling(to: &r, history: &history, rng: &rng) }
        if kind.canBecomeComplaint { addTriage(to: &r, history: &history, rng: &rng) }
        if kind == .compliment {
            r.records.team = pick(
                [("Locality team", 2.0), ("Reablement team", 1), ("Day services", 1), ("Fostering team", 1)], &rng)
            r.records.publicationQuote = "Thank you to xxx and the team for everything you have done for us."
        }
        return (r, history)
    }

    /// Handling drawn from the reference reports' mixes, applied through the real `Lifecycle` so
    /// every generated case went through checked transitions. Steps dated after today are left
    /// undone, so recent complaints are open (and some overdue).
    private func addHandling(to r: inout Representation, history: inout [CaseHistoryEntry], rng: inout SeededGenerator)
    {
        let procedure = BuiltInProcedures.defaultProcedure(for: r.serviceArea)
        let lifecycle = Lifecycle(procedure: procedure, calendar: calendar, today: today, people: directory)
        let engine = lifecycle.engine
        if r.stages.isEmpty {
            guard let first = engine.openingStage(for: procedure, receivedOn: r.receivedOn) else { return }
            r.stages = [first]
        }
        var steps: [CaseCommand] = []
        func wd(_ n: Int, after date: CalendarDate) -> CalendarDate { calendar.adding(workingDays: n, to: date) }
        func outcome() -> String { outcomeCode(&rng) }
        let acknowledged = wd(pick([(1, 45.0), (2, 30), (3, 17), (4, 5), (6, 3)], &rng), after: r.receivedOn)
        if r.complainant.isChildOrYoungPerson {
            let appointed = wd(2, after: r.receivedOn)
            steps.append(
                .recordAdvocacy(
                    offeredOn: r.receivedOn,
                    appointedOn: r.complainant.advocate == nil || appointed > today ? nil : appointed))
            steps.append(.recordChildConsent(given: true, on: wd(1, after: r.receivedOn)))
        }
        if r.serviceArea == .adultSocialCare, Double.random(in: 0..<1, using: &rng) < 0.04 {
            steps.append(
                .markJoint(
                    partner: pick(
                        [("Integrated Care Board", 1.0), ("Community health trust", 1), ("Mental health trust", 1)],
                        &rng), councilLeads: Double.random(in: 0..<1, using: &rng) < 0.6,
                    agreedOn: wd(3, after: r.receivedOn)))
        }
        if Double.random(in: 0..<1, using: &rng) < mix.refusal {
            let reason =
                r.serviceArea == .corporate
                ? pick([("out-of-time", 2.0), ("repeat-complaint", 2), ("tribunal", 2), ("outside-of-remit", 1)], &rng)
                : pick(
                    [
                        ("court-proceedings", 17.0), ("no-parental-responsibility", 9), ("out-of-time", 3),
                        ("outside-of-remit", 2), ("repeat-complaint", 1), ("criminal-proceedings", 1),
                        ("not-in-best-interest-of-child", 1),
                    ], &rng)
            let decided = wd(Int.random(in: 2...6, using: &rng), after: r.receivedOn)
            let notified = wd(1, after: decided)
            steps.append(.refuse(reason: reason, on: decided, notifiedOn: notified <= today ? notified : nil))
            apply(steps, to: &r, history: &history, lifecycle: lifecycle)
            return
        }
        if r.serviceArea != .adultSocialCare, Double.random(in: 0..<1, using: &rng) < mix.earlyResolution {
            let resolved = Double.random(in: 0..<1, using: &rng) < 0.6
            steps.append(.recordEarlyResolution(on: wd(1, after: r.receivedOn), resolved: resolved))
            if resolved {
                apply(steps, to: &r, history: &history, lifecycle: lifecycle)
                if !r.isOpen { apply(recordSteps(for: r, rng: &rng), to: &r, history: &history, lifecycle: lifecycle) }
                return
            }
        }
        if Double.random(in: 0..<1, using: &rng) < 0.02 {
            steps.append(
                .recordTimeLimit(
                    matterAroseOn: r.receivedOn.adding(days: -Int.random(in: 380...600, using: &rng)),
                    lateAcceptedReason: "Complainant was unwell; the matter can still be investigated fairly"))
        }
        steps.append(.record(.acknowledged, on: acknowledged))
        let withdraws = Double.random(in: 0..<1, using: &rng) < mix.withdrawal
        switch r.serviceArea {
        case .childrensSocialCare, .corporate:
            let start = r.serviceArea == .corporate ? acknowledged : r.receivedOn
            let band = pick(mix.stage1Bands, &rng)
            let days =
                band == 0
                ? Int.random(in: 3...10, using: &rng)
                : band == 1 ? Int.random(in: 11...20, using: &rng) : Int.random(in: 21...40, using: &rng)
            if days > 10, Double.random(in: 0..<1, using: &rng) < 0.8 {
                let agreed = wd(Int.random(in: 6...9, using: &rng), after: start)
                steps.append(
                    .extend(
                        clock: "stage-1-response", agreedOn: agreed, to: wd(20, after: start),
                        reason: "Complex complaint: more time needed to speak to the family and review the records",
                        complainantInformedOn: agreed))
            }
            let responded = max(wd(days, after: start), acknowledged)
            if withdraws {
                steps.append(.withdraw(on: wd(Int.random(in: 1...5, using: &rng), after: acknowledged)))
                break
            }
            steps.append(.respond(on: responded, outcome: outcome()))
            if Double.random(in: 0..<1, using: &rng) < mix.escalation {
                steps += laterStages(from: responded, area: r.serviceArea, service: r.serviceCategory, rng: &rng)
            }
        case .adultSocialCare:
            let agreedDays = Int.random(in: 20...60, using: &rng)
            var delayLetter: CalendarDate?
            steps.append(
                .extend(
                    clock: "agreed-response", agreedOn: acknowledged, to: wd(agreedDays, after: r.receivedOn),
                    reason: "", complainantInformedOn: acknowledged))
            var responseDays = agreedDays + Int.random(in: -10...6, using: &rng)
            if Double.random(in: 0..<1, using: &rng) < 0.15 {
                let moved = agreedDays + Int.random(in: 10...25, using: &rng)
                steps.append(
                    .extend(
                        clock: "agreed-response", agreedOn: wd(agreedDays - 3, after: r.receivedOn),
                        to: wd(moved, after: r.receivedOn), reason: "Waiting for the care provider's records",
                        complainantInformedOn: nil))
                responseDays = moved - Int.random(in: 0...5, using: &rng)
            }
            if Double.random(in: 0..<1, using: &rng) < mix.adultsBeyondSixMonths, !withdraws {
                responseDays = Int.random(in: 131...190, using: &rng)
                let period = calendar.lastDayOfPeriod(months: 6, beginningWith: r.receivedOn)
                delayLetter = period.adding(days: Int.random(in: 1...10, using: &rng))
                steps.append(.record(.delayNotified, on: delayLetter!))
            }
            if withdraws {
                steps.append(.withdraw(on: wd(Int.random(in: 1...10, using: &rng), after: acknowledged)))
                break
            }
            steps.append(
                .respond(
                    on: max(
                        wd(max(4, responseDays), after: r.receivedOn), delayLetter?.adding(days: 1) ?? r.receivedOn),
                    outcome: outcome()))
        }
        apply(steps, to: &r, history: &history, lifecycle: lifecycle)
        if !r.isOpen { apply(recordSteps(for: r, rng: &rng), to: &r, history: &history, lifecycle: lifecycle) }
    }

    /// A pre-complaint or case concern: about 40% become complaints (Hampshire: 146 of 359), the
    /// rest are closed; converted ones are then handled like any complaint.
    private func addTriage(to r: inout Representation, history: inout [CaseHistoryEntry], rng: inout SeededGenerator) {
        let procedure = BuiltInProcedures.defaultProcedure(for: r.serviceArea)
        let lifecycle = Lifecycle(
            procedure: procedure, calendar: calendar, today: today, people: directory, reference: reference)
        let request = r.kind == .serviceRequest
        let decided = calendar.adding(
            workingDays: Int.random(in: 1...(request ? 15 : 8), using: &rng), to: r.receivedOn)
        if Double.random(in: 0..<1, using: &rng) < (request ? mix.serviceRequestConversion : mix.preComplaintConversion)
        {
            apply([.convertToComplaint(on: decided)], to: &r, history: &history, lifecycle: lifecycle)
            if r.kind == .complaint { addHandling(to: &r, history: &history, rng: &rng) }
        } else {
            apply([.closeWithoutComplaint(on: decided)], to: &r, history: &history, lifecycle: lifecycle)
        }
    }

    /// Applies steps in order, stopping at the first dated after today.
    func apply(
        _ steps: [CaseCommand], to r: inout Representation, history: inout [CaseHistoryEntry], lifecycle: Lifecycle
    ) {
        for step in steps {
            guard (step.date ?? today) <= today else { break }
            do {
                r = try lifecycle.apply(step, to: r)
                history.append(
                    CaseHistoryEntry(
                        command: step, summary: step.summary(procedure: lifecycle.procedure, stage: r.stages.last?.key))
                )
            } catch {
                preconditionFailure("demo step \(step) refused for \(r.reference): \(error.message)")
            }
        }
    }

}

extension String {
    /// A case reference's sequence part: at least five digits (`00017`). A function, not an
    /// initialiser: as `String.init(paddedSequence:)` it was chosen for `map(String.init)` on
    /// numbers, padding a contents page's "3" to "00003".
    public static func paddedSequence(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: Swift.max(0, 5 - text.count)) + text
    }

    /// Pads with leading zeros to `width` characters.
    public func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
