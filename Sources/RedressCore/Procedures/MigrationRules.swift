/// Cases brought in from a council's previous system: the one step that sets a stage as that
/// system held it. It is allowed only on a case nothing has been done to yet, so a history that
/// starts with it is still a history the lifecycle checked from end to end.
extension Stage {
    /// A stage as another system recorded it: opened, perhaps answered, with its outcome and
    /// the due date that system held (none when it held none).
    public static func migrated(
        key: String, openedOn: CalendarDate, respondedOn: CalendarDate?,
        outcome: String?, dueOn: CalendarDate?
    ) -> Stage {
        var stage = Stage(key: key, openedOn: openedOn, dueOn: dueOn)
        stage.respondedOn = respondedOn
        stage.outcome = outcome
        return stage
    }

    /// Nothing recorded beyond opening: no milestone, extension, pause, appointment or closure.
    var isUntouched: Bool {
        milestones.isEmpty && extensions.isEmpty && pauses.isEmpty && appointments.isEmpty && points.isEmpty
            && outcome == nil && closedOn == nil && lateRequestReason == nil
    }
}

extension Lifecycle {
    func applyMigration(_ command: CaseCommand, to r: inout Representation) throws(LifecycleError) -> Bool {
        guard case .migrated(let key, let openedOn, let respondedOn, let outcome, let dueOn) = command else {
            return false
        }
        guard r.kind == .complaint else { throw LifecycleError("kind", "Only a complaint has stages to bring in") }
        guard r.stages.count == 1, r.stages[0].isUntouched, r.records == Self.recordsAsRecorded(r.records) else {
            throw LifecycleError("stage", "A stage from the previous system can only be the first step of a case")
        }
        guard procedure.stage(key) != nil else {
            throw LifecycleError("stage", "\"\(key)\" is not a stage of the \(procedure.name.lowercased()) procedure")
        }
        try check(openedOn, "opened-on", "The stage's opening date", notBefore: r.receivedOn)
        if let respondedOn { try check(respondedOn, "responded-on", "The response date", notBefore: openedOn) }
        if let outcome {
            guard respondedOn != nil else {
                throw LifecycleError("responded-on", "An outcome needs the date of the response")
            }
            try checkCodes([outcome], .outcome, "outcome")
        }
        r.stages = [
            Stage.migrated(key: key, openedOn: openedOn, respondedOn: respondedOn, outcome: outcome, dueOn: dueOn)
        ]
        return true
    }

    /// The case records as they stand when a case is recorded, before any step: only what the
    /// recording form sets (a compliment's team and quote).
    public static func recordsAsRecorded(_ records: CaseRecords) -> CaseRecords {
        var fresh = CaseRecords()
        fresh.team = records.team
        fresh.publicationQuote = records.publicationQuote
        fresh.quoteConsent = records.quoteConsent
        return fresh
    }
}
