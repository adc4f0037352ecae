/// The demo council's service requests and reasonable adjustments (the Complaint Handling Code's
/// records), drawn from their own random streams after the other cases, so adding them changed
/// none of those.
extension DemoCouncil {
    static let adjustmentWords = [
        "Letters in large print", "Contact by telephone rather than letter", "One named officer as the contact",
        "More time to reply, because of a disability", "An interpreter at meetings",
        "Documents explained over the telephone", "Meetings at home rather than at the council's offices",
    ]

    func addCodeCases(to result: inout [Representation], histories: inout [String: [CaseHistoryEntry]]) {
        var rng = SeededGenerator(seed: seed ^ 0x7372_6571)
        for year in years {
            let lastDay = min(year.lastDay, today)
            let span = year.firstDay.days(until: lastDay) + 1
            let n = Int((Double(mix.serviceRequests) * scale * Double(span) / 365.0).rounded())
            for _ in 0..<n {
                var received = year.firstDay.adding(days: Int.random(in: 0..<span, using: &rng))
                while !calendar.isWorkingDay(received) { received = received.adding(days: 1) }
                if received > today { continue }
                let (made, history) = make(kind: .serviceRequest, area: .corporate, received: received, rng: &rng)
                result.append(made)
                if !history.isEmpty { histories[made.id] = history }
            }
        }
        for i in result.indices where result[i].kind == .complaint {
            guard Double.random(in: 0..<1, using: &rng) < mix.adjustments else { continue }
            var history = histories[result[i].id] ?? []
            addAdjustment(to: &result[i], history: &history, rng: &rng)
            histories[result[i].id] = history
        }
    }

    /// An adjustment agreed soon after receipt, reviewed about two months on: kept or ended.
    private func addAdjustment(
        to r: inout Representation, history: inout [CaseHistoryEntry], rng: inout SeededGenerator
    ) {
        let procedure =
            BuiltInProcedures.all.first { $0.id == r.procedureID }
            ?? BuiltInProcedures.defaultProcedure(
                for: r.serviceArea)
        let lifecycle = Lifecycle(
            procedure: procedure, calendar: calendar, today: today, people: directory, reference: reference)
        let agreed = calendar.adding(workingDays: Int.random(in: 1...3, using: &rng), to: r.receivedOn)
        let review = agreed.adding(days: Int.random(in: 42...84, using: &rng))
        let words = Self.adjustmentWords[Int.random(in: 0..<Self.adjustmentWords.count, using: &rng)]
        var steps: [CaseCommand] = [
            .addAdjustment(
                ReasonableAdjustment(id: "\(r.id)-adj", description: words, agreedOn: agreed, reviewOn: review))
        ]
        if review <= today && Double.random(in: 0..<1, using: &rng) < 0.7 {
            let kept = Double.random(in: 0..<1, using: &rng) < 0.5
            steps.append(
                .reviewAdjustment(
                    adjustment: "\(r.id)-adj", on: review, nextReviewOn: kept ? review.adding(days: 91) : nil))
        }
        apply(steps, to: &r, history: &history, lifecycle: lifecycle)
    }
}

extension DemoCouncil {
    /// The demo council's self-assessment against the Code for a completed year: most provisions
    /// met, with an action where its own figures fall short (invented for the demonstration).
    public static func codeSelfAssessment(year: Int, answeredOn: CalendarDate) -> CodeSelfAssessment {
        let partly: [String: (String, String)] = [
            "two-stages": (
                "Some complaints are still recorded as resolved early before stage 1.",
                "Stop recording early resolution for corporate complaints; train the contact centre by June."
            ),
            "stage-1-respond": (
                "Half of stage 1 responses were sent within 10 working days of acknowledgement.",
                "Weekly report of stage 1 responses due to each director; escalate those at day 8."
            ),
            "stage-2-respond": (
                "Three in five stage 2 responses were sent within 20 working days of acknowledgement.",
                "Book the reviewing officer when stage 2 is acknowledged, not when the file is ready."
            ),
            "adjustments": (
                "Adjustments are recorded on the case, but not every review happened when due.",
                "Add the review queue to the complaints team's weekly meeting."
            ),
        ]
        var answers: [String: CodeSelfAssessment.Answer] = [:]
        for provision in ComplaintHandlingCode.provisions {
            if let (evidence, action) = partly[provision.id] {
                answers[provision.id] = .init(
                    status: .partly, evidence: evidence, action: action, answeredOn: answeredOn)
            } else {
                answers[provision.id] = .init(
                    status: .compliant, evidence: "Policy and practice checked by the complaints manager.", action: "",
                    answeredOn: answeredOn)
            }
        }
        return CodeSelfAssessment(year: year, answers: answers)
    }
}

extension DemoCouncil {
    /// The demo council's neighbours for benchmarking, of other sizes (invented); the demo
    /// council's own file is exported from its database (`redress benchmark export`).
    public static let benchmarkCouncils: [(name: String, scale: Double, residents: Int, children: Int)] = [
        ("Northshire County Council", 0.6, 780_000, 161_000),
        ("Westvale County Council", 0.35, 520_000, 109_000), ("Eastmarch County Council", 1.3, 1_490_000, 318_000),
    ]
}
