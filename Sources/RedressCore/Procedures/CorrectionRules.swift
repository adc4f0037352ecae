/// Corrections: a wrong date or a wrong closure is put right by a command with a reason, so it
/// is in the audit trail like any other change — never a silent edit.
extension Lifecycle {
    func applyCorrection(_ command: CaseCommand, to r: inout Representation) throws(LifecycleError) -> Bool {
        switch command {
        case .correctMilestone(let milestone, let to, let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("reason", "Enter why the correction is needed")
            }
            guard let index = r.stages.indices.last, let definition = procedure.stage(r.stages[index].key) else {
                throw LifecycleError("stage", "There is no stage to correct")
            }
            var stage = r.stages[index]
            guard milestone != .requested else {
                throw LifecycleError("milestone", "Correct the opening date by recording the complaint again")
            }
            guard stage.date(of: milestone) != nil else {
                throw LifecycleError("milestone", "“\(definition.label(of: milestone))” has not been recorded")
            }
            let order = definition.milestones.map(\.milestone)
            guard let position = order.firstIndex(of: milestone) else {
                throw LifecycleError("milestone", "\(definition.name) has no such step")
            }
            if let to {
                let earlier = order[..<position].compactMap { stage.date(of: $0) }.max() ?? stage.openedOn
                try check(to, "date", definition.label(of: milestone), notBefore: earlier)
                if let later = order[(position + 1)...].compactMap({ stage.date(of: $0) }).min(), to > later {
                    throw LifecycleError(
                        "date",
                        """
                            \(definition.label(of: milestone)) cannot be after a later step recorded on \
                            \(later.longDisplay)
                            """
                    )
                }
                stage.milestones[milestone] = to
            } else {
                if order[(position + 1)...].contains(where: { stage.date(of: $0) != nil }) {
                    throw LifecycleError("milestone", "Later steps are recorded; correct those first")
                }
                stage.milestones[milestone] = nil
                if milestone == .responded { stage.outcome = nil }
            }
            r.stages[index] = stage
        case .reopen(let reason):
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("reason", "Enter why the case is reopened")
            }
            guard let index = r.stages.indices.last, !r.stages[index].isOpen else {
                throw LifecycleError("stage", "The case is open; there is nothing to reopen")
            }
            r.stages[index].milestones[.responded] = nil
            r.stages[index].withdrawnOn = nil
            r.stages[index].refusedOn = nil
            r.stages[index].escalatedUnansweredOn = nil
            r.stages[index].outcome = nil
            r.records.intake.refusal = nil
        case .followCalendar(let key, let from, let to, _):
            guard let index = r.stages.lastIndex(where: { $0.key == key && $0.isOpen }) else {
                throw LifecycleError("stage", "No open stage \"\(key)\" has a deadline to move")
            }
            guard r.stages[index].dueOn == from else {
                throw LifecycleError("date", "The response is no longer due on \(from.longDisplay)")
            }
            r.stages[index].dueOn = to
        default:
            return false
        }
        return true
    }
}
