/// The demo council's later stages and case records: stage 2 and 3, coding, costs, learning,
/// actions and Ombudsman referrals, at rates like the reference reports.
extension DemoCouncil {
    /// Coding, costs, learning, actions and Ombudsman referrals for a closed complaint, at
    /// rates like the reference reports (Lancashire: about one in ten complaints reaches the
    /// Ombudsman, 39% of its decisions upheld; Leicestershire: 61% of upheld complaints led to a
    /// service-wide improvement).
    func recordSteps(for r: Representation, rng: inout SeededGenerator) -> [CaseCommand] {
        guard let last = r.stages.last, let closed = last.closedOn else { return [] }
        func wd(_ n: Int, after date: CalendarDate) -> CalendarDate { calendar.adding(workingDays: n, to: date) }
        func some(_ list: CategoryList, _ count: ClosedRange<Int>) -> [String] {
            Array((activeCodes[list] ?? []).shuffled(using: &rng).prefix(Int.random(in: count, using: &rng)))
        }
        let found = ["upheld", "partly-upheld"].contains(last.outcome ?? "")
        var steps: [CaseCommand] = [
            .code(
                natures: some(.nature, 1...3), outcomesSought: some(.outcomeSought, 1...2),
                actualOutcomes: some(.actualOutcome, 1...2),
                remedialActionTaken: found ? Double.random(in: 0..<1, using: &rng) < 0.4 : false)
        ]
        for stage in r.stages {
            if let io = stage.appointee(.investigatingOfficer), directory[io]?.isCommissioned == true,
                let on = stage.date(of: .reportsReceived)
            {
                steps.append(
                    .addCost(
                        Cost(
                            id: "\(r.id)-io", heading: .investigatingOfficer,
                            amountPence: Int.random(in: 1500...4500, using: &rng) * 100, paidOn: wd(10, after: on),
                            stageKey: stage.key)))
            }
            if stage.appointee(.independentPerson) != nil, let on = stage.date(of: .reportsReceived) {
                steps.append(
                    .addCost(
                        Cost(
                            id: "\(r.id)-ip", heading: .independentPerson,
                            amountPence: Int.random(in: 600...1500, using: &rng) * 100, paidOn: wd(10, after: on),
                            stageKey: stage.key)))
            }
            if stage.appointee(.independentPerson) != nil, let on = stage.date(of: .statementAgreed),
                Double.random(in: 0..<1, using: &rng) < 0.05
            {
                steps.append(
                    .addCost(
                        Cost(
                            id: "\(r.id)-mediation", heading: .mediation,
                            amountPence: Int.random(in: 300...900, using: &rng) * 100, paidOn: on, stageKey: stage.key))
                )
            }
            if let on = stage.date(of: .panelMet) {
                steps.append(
                    .addCost(
                        Cost(
                            id: "\(r.id)-panel", heading: .panel,
                            amountPence: Int.random(in: 900...1800, using: &rng) * 100, paidOn: wd(15, after: on),
                            stageKey: stage.key)))
            }
        }
        if found {
            if Double.random(in: 0..<1, using: &rng) < 0.05 {
                steps.append(
                    .addCost(
                        Cost(
                            id: "\(r.id)-redress", heading: .financialRedress,
                            amountPence: Int.random(in: 50...800, using: &rng) * 100, paidOn: wd(15, after: closed),
                            note: "Goodwill payment")))
            }
            if Double.random(in: 0..<1, using: &rng) < 0.6 {
                let theme = activeCodes[.learningTheme]?.randomElement(using: &rng) ?? "other"
                steps.append(
                    .addLearning(
                        LearningPoint(
                            id: "\(r.id)-l", theme: theme,
                            description: "Lesson shared with the team from this complaint.", recordedOn: closed)))
                let kind = pick(
                    [
                        (ServiceAction.Kind.staffTraining, 30.0), (.processOrPolicyChange, 25), (.communication, 6),
                        (.individualRedress, 35), (.other, 4),
                    ], &rng)
                let due = closed.adding(days: Int.random(in: 20...90, using: &rng))
                let done: CalendarDate? =
                    Double.random(in: 0..<1, using: &rng) < 0.8
                    ? due.adding(days: Int.random(in: -15...20, using: &rng)) : nil
                steps.append(
                    .addAction(
                        ServiceAction(
                            id: "\(r.id)-a", kind: kind, description: "Action agreed in the response.",
                            owner: "Service manager", dueOn: due)))
                if let done, done >= r.receivedOn { steps.append(.completeAction(action: "\(r.id)-a", on: done)) }
            }
        }
        if last.withdrawnOn == nil, Double.random(in: 0..<1, using: &rng) < mix.ombudsmanReferral {
            let notified = closed.adding(days: Int.random(in: 20...120, using: &rng))
            let ref =
                """
                    \(FinancialYear(containing: notified).startYear % 100) \
                    \(String(Int.random(in: 0...19, using: &rng)).leftPadded(3)) \
                    \(String(Int.random(in: 0...999, using: &rng)).leftPadded(3))
                    """
            let id = "\(r.id)-o"
            steps.append(
                .referToOmbudsman(
                    id: id, reference: ref, councilNotifiedOn: notified,
                    receivedByOmbudsmanOn: notified.adding(days: -Int.random(in: 1...10, using: &rng))))
            let decision = pick(mix.ombudsmanDecisions, &rng)
            let decided = notified.adding(days: Int.random(in: 40...160, using: &rng))
            let satisfactory = decision == .upheld && found && Double.random(in: 0..<1, using: &rng) < 0.35
            steps.append(
                .recordOmbudsmanDecision(
                    referral: id, decision: decision, decidedOn: decided, faultFound: decision == .upheld ? true : nil,
                    injusticeFound: decision == .upheld ? true : nil, satisfactoryRemedyByCouncil: satisfactory))
            if decision == .upheld {
                let due = decided.adding(days: Int.random(in: 20...60, using: &rng))
                let late = Double.random(in: 0..<1, using: &rng) < 0.25
                let pays = Double.random(in: 0..<1, using: &rng) < 0.6
                let amount = Int.random(in: 1...15, using: &rng) * 10000
                steps.append(
                    .addOmbudsmanRemedy(
                        referral: id,
                        remedy: OmbudsmanRemedy(
                            id: "\(id)-apology", kind: .apology, description: "Written apology", dueOn: due)))
                if pays {
                    steps.append(
                        .addOmbudsmanRemedy(
                            referral: id,
                            remedy: OmbudsmanRemedy(
                                id: "\(id)-pay", kind: .payment,
                                description: "Payment for distress and time and trouble", amountPence: amount,
                                dueOn: due)))
                }
                let completed =
                    late
                    ? due.adding(days: Int.random(in: 1...30, using: &rng))
                    : due.adding(days: -Int.random(in: 0...10, using: &rng))
                steps.append(
                    .completeOmbudsmanRemedy(referral: id, remedy: "\(id)-apology", on: max(completed, decided)))
                if pays {
                    steps.append(
                        .completeOmbudsmanRemedy(referral: id, remedy: "\(id)-pay", on: max(completed, decided)))
                    steps.append(
                        .addCost(
                            Cost(
                                id: "\(id)-settlement", heading: .ombudsmanSettlement, amountPence: amount,
                                paidOn: max(completed, decided))))
                }
                if Double.random(in: 0..<1, using: &rng) < 0.1 {
                    steps.append(.recordPublicReport(referral: id, receivedOn: decided))
                    steps.append(
                        .respondToPublicReport(
                            referral: id, on: decided.adding(days: Int.random(in: 40...95, using: &rng))))
                }
            }
        }
        return steps
    }

    /// A finding, in the reference reports' proportions.
    func outcomeCode(_ rng: inout SeededGenerator) -> String {
        pick(mix.outcomes, &rng)
    }

    /// Stage 2 and 3 (children's) or stage 2 (corporate) after a stage 1 response on `responded`.
    func laterStages(
        from responded: CalendarDate, area: ServiceArea, service: String, rng: inout SeededGenerator
    ) -> [CaseCommand] {
        func outcome() -> String { outcomeCode(&rng) }
        func wd(_ n: Int, after date: CalendarDate) -> CalendarDate { calendar.adding(workingDays: n, to: date) }
        let requested = wd(Int.random(in: 2...18, using: &rng), after: responded)
        var steps: [CaseCommand] = [
            .escalate(requestedOn: requested, lateReason: nil),
            .record(.acknowledged, on: wd(Int.random(in: 1...4, using: &rng), after: requested)),
        ]
        if area == .corporate {
            let acknowledged = wd(2, after: requested)
            steps[1] = .record(.acknowledged, on: acknowledged)
            steps.append(.respond(on: wd(Int.random(in: 8...30, using: &rng), after: acknowledged), outcome: outcome()))
            return steps
        }
        let allocated = wd(Int.random(in: 5...60, using: &rng), after: requested)
        let statement = wd(Int.random(in: 5...15, using: &rng), after: allocated)
        let taken = Int.random(in: 20...75, using: &rng)
        let officers = directory.available(for: .investigatingOfficer).filter { !$0.worksIn.contains(service) }
        let independents = directory.available(for: .independentPerson)
        let io = officers[Int.random(in: 0..<officers.count, using: &rng)]
        let ip = independents[Int.random(in: 0..<independents.count, using: &rng)]
        steps += [
            .appoint(.investigatingOfficer, personID: io.id, on: allocated),
            .appoint(.independentPerson, personID: ip.id, on: allocated),
            .appoint(.adjudicator, personID: "demo-adj-\(Int.random(in: 1...2, using: &rng))", on: allocated),
            .record(.statementAgreed, on: statement),
        ]
        if taken > 25 {
            let agreed = wd(20, after: statement)
            steps.append(
                .extend(
                    clock: "stage-2-response", agreedOn: agreed, to: wd(65, after: statement),
                    reason: "Several agencies involved; records from health and education needed",
                    complainantInformedOn: agreed))
        }
        let reports = wd(taken - 3, after: statement)
        let adjudicated = wd(taken, after: statement)
        let points = [
            "Visits and contact were not as agreed in the plan", "Phone calls and emails were not returned",
            "Decisions were not explained", "Records contain inaccurate information",
        ].prefix(Int.random(in: 2...4, using: &rng))
        steps.append(.setPoints(Array(points)))
        steps.append(.record(.reportsReceived, on: reports))
        let findings = points.indices.map { _ in
            ComplaintPoint.findings[pick([(0, 30.0), (1, 15), (2, 50), (3, 5)], &rng)]
        }
        steps += findings.enumerated().map { .recordFinding(point: $0.offset + 1, finding: $0.element) }
        let overall =
            findings.allSatisfy { $0 == "upheld" }
            ? "upheld" : findings.contains { $0 == "upheld" || $0 == "partly-upheld" } ? "partly-upheld" : "not-upheld"
        steps.append(.respond(on: adjudicated, outcome: overall))
        if Double.random(in: 0..<1, using: &rng) < mix.panelReview {
            let panelRequested = wd(Int.random(in: 5...19, using: &rng), after: adjudicated)
            let met = wd(Int.random(in: 20...34, using: &rng), after: panelRequested)
            let reported = wd(Int.random(in: 3...7, using: &rng), after: met)
            let panel = directory.available(for: .panelMember).filter { $0.id != ip.id }.shuffled(using: &rng).prefix(3)
                .map(\.id)
            let appointed = wd(5, after: panelRequested)
            steps += [
                .escalate(requestedOn: panelRequested, lateReason: nil),
                .record(.acknowledged, on: wd(2, after: panelRequested)),
                .appoint(.panelChair, personID: panel[0], on: appointed),
                .appoint(.panelMember, personID: panel[1], on: appointed),
                .appoint(.panelMember, personID: panel[2], on: appointed),
                .record(.panelMet, on: met), .record(.panelReported, on: reported),
                .respond(on: wd(Int.random(in: 10...18, using: &rng), after: reported), outcome: outcome()),
            ]
        }
        return steps
    }
}
