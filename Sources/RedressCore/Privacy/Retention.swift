/// How long closed cases are kept before their personal data is destroyed. Councils set their
/// own schedule (statutory-rules [R]): the standard one keeps adults' and corporate cases six
/// years after closure and children's fifteen.
public struct RetentionSchedule: Sendable, Codable, Hashable {
    public struct Rule: Sendable, Codable, Hashable {
        public var serviceArea: ServiceArea
        /// Kinds the rule covers; `nil` covers every kind in the area.
        public var kinds: [RepresentationKind]?
        public var yearsAfterClosure: Int

        public init(serviceArea: ServiceArea, kinds: [RepresentationKind]? = nil, yearsAfterClosure: Int) {
            self.serviceArea = serviceArea
            self.kinds = kinds
            self.yearsAfterClosure = yearsAfterClosure
        }
    }

    /// Checked in order: the first rule that matches a case decides.
    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    public static let standard = RetentionSchedule(rules: [
        Rule(serviceArea: .adultSocialCare, yearsAfterClosure: 6),
        Rule(serviceArea: .childrensSocialCare, yearsAfterClosure: 15),
        Rule(serviceArea: .corporate, yearsAfterClosure: 6),
    ])

    public func rule(for r: Representation) -> Rule? {
        rules.first { $0.serviceArea == r.serviceArea && ($0.kinds?.contains(r.kind) ?? true) }
    }

    /// Problems with a schedule a council supplied, in words.
    public var problems: [String] {
        rules.enumerated().compactMap { i, rule in
            rule.yearsAfterClosure < 1
                ? "Rule \(i + 1) (\(rule.serviceArea.displayName)): years after closure must be 1 or more" : nil
        }
    }
}

/// A closed case the schedule says is due for destruction.
public struct RetentionDue: Sendable, Hashable, Codable {
    public var id: String
    public var reference: String
    public var kind: RepresentationKind
    public var serviceArea: ServiceArea
    public var closedOn: CalendarDate
    public var destroyAfter: CalendarDate
}

/// Pure retention decisions: which cases are past their retention period, and what a purged
/// case keeps (the coded facts the statistics count, nothing that identifies anyone).
public enum Retention {
    /// The last day anything happened on a closed case; `nil` while it or a follow-up
    /// (Ombudsman remedy, service action) is open.
    public static func closedOn(_ r: Representation) -> CalendarDate? {
        guard !r.isOpen, !r.hasOpenFollowUps else { return nil }
        var days: [CalendarDate] = [r.receivedOn]
        for s in r.stages {
            days += Array(s.milestones.values)
            days += [s.withdrawnOn, s.refusedOn].compactMap { $0 }
        }
        let intake = r.records.intake
        days += [intake.closedOn, intake.refusal?.decidedOn, intake.convertedFrom?.convertedOn].compactMap { $0 }
        for o in r.records.ombudsman {
            days += [o.decidedOn, o.publicReport?.respondedOn].compactMap { $0 }
            days += o.remedies.compactMap(\.completedOn)
        }
        days += r.records.actions.compactMap(\.doneOn)
        return days.max()
    }

    /// Cases closed long enough ago that `schedule` says their personal data must go, oldest first.
    public static func due(
        _ representations: [Representation], schedule: RetentionSchedule, today: CalendarDate
    ) -> [RetentionDue] {
        representations.compactMap { r -> RetentionDue? in
            guard r.purgedOn == nil, let rule = schedule.rule(for: r), let closed = closedOn(r) else { return nil }
            let destroyAfter = closed.addingYears(rule.yearsAfterClosure)
            guard destroyAfter < today else { return nil }
            return RetentionDue(
                id: r.id, reference: r.reference, kind: r.kind, serviceArea: r.serviceArea, closedOn: closed,
                destroyAfter: destroyAfter)
        }.sorted { ($0.closedOn, $0.reference) < ($1.closedOn, $1.reference) }
    }
}

extension CalendarDate {
    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func addingYears(_ years: Int) -> CalendarDate {
        correspondingDate(monthsLater: 12 * years) ?? lastDayOfMonth(monthsLater: 12 * years)
    }
}

extension Representation {
    /// What the case keeps after the purge: reference, kind, area, dates, codes, outcomes,
    /// appointments and amounts (so earlier years' reports still count it), with every name,
    /// contact detail and free-text field removed.
    public func anonymised(on day: CalendarDate) -> Representation {
        var a = self
        let removed = "(removed under the retention schedule)"
        a.complainant = Complainant(
            relationship: complainant.relationship, isChildOrYoungPerson: complainant.isChildOrYoungPerson,
            advocate: complainant.advocate == nil ? nil : removed)
        a.summary = removed
        a.subjectName = nil
        a.restrictedTo = nil
        a.purgedOn = day
        for i in a.stages.indices {
            if a.stages[i].lateRequestReason != nil { a.stages[i].lateRequestReason = removed }
            for j in a.stages[i].extensions.indices { a.stages[i].extensions[j].reason = removed }
            for j in a.stages[i].points.indices { a.stages[i].points[j].text = removed }
        }
        if a.records.intake.lateAcceptedReason != nil { a.records.intake.lateAcceptedReason = removed }
        if a.records.intake.eligibility != nil { a.records.intake.eligibility?.reasons = removed }
        for i in a.records.ombudsman.indices {
            for j in a.records.ombudsman[i].remedies.indices {
                a.records.ombudsman[i].remedies[j].description = removed
            }
        }
        for i in a.records.costs.indices { a.records.costs[i].note = removed }
        for i in a.records.learning.indices { a.records.learning[i].description = removed }
        for i in a.records.actions.indices {
            a.records.actions[i].description = removed
            a.records.actions[i].owner = removed
        }
        a.records.publicationQuote = nil
        return a
    }
}
