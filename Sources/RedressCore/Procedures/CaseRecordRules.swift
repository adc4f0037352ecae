import Foundation

/// Checks for the case-level records: coding, Ombudsman, costs, learning and actions. They can be
/// recorded whether or not a stage is open (an Ombudsman decision usually comes long after).
extension Lifecycle {
    /// Applies `command` if it is a case-record command; returns false for stage commands.
    func applyRecord(_ command: CaseCommand, to r: inout Representation) throws(LifecycleError) -> Bool {
        switch command {
        case .code(let natures, let sought, let actual, let remedial):
            try checkCodes(natures, .nature, "natures")
            try checkCodes(sought, .outcomeSought, "outcomes-sought")
            try checkCodes(actual, .actualOutcome, "actual-outcomes")
            r.records.natures = natures
            r.records.outcomesSought = sought
            r.records.actualOutcomes = actual
            r.records.remedialActionTaken = remedial
        case .codeServices(let others):
            let known = Set(reference.active(.service, group: r.serviceArea.rawValue).map(\.code))
            if let unknown = others.first(where: { !known.contains($0) }) {
                throw LifecycleError(
                    "services", "“\(unknown)” is not a service of \(r.serviceArea.displayName.lowercased()) in use")
            }
            var seen: Set<String> = [r.serviceCategory]
            r.records.otherServices = others.filter { seen.insert($0).inserted }
        case .referToOmbudsman(let id, let reference, let notified, let receivedByOmbudsman):
            let ref = reference.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !ref.isEmpty else { throw LifecycleError("reference", "Enter the Ombudsman's reference") }
            guard ref.count <= 30 else {
                throw LifecycleError("reference", "The Ombudsman's reference must be 30 characters or fewer")
            }
            if r.records.ombudsman.contains(where: { $0.reference == ref || $0.id == id }) {
                throw LifecycleError("reference", "Ombudsman reference \(ref) is already recorded on this case")
            }
            try check(notified, "notified-on", "The date the council was told", notBefore: r.receivedOn)
            if let receivedByOmbudsman {
                try check(
                    receivedByOmbudsman, "received-on", "The date the Ombudsman received it", notBefore: r.receivedOn)
                if receivedByOmbudsman > notified {
                    throw LifecycleError(
                        "received-on",
                        "The Ombudsman cannot receive the complaint after telling the council (\(notified.longDisplay))"
                    )
                }
            }
            let finding = r.stages.last { $0.respondedOn != nil }?.outcome
            r.records.ombudsman.append(
                OmbudsmanReferral(
                    id: id, reference: ref, councilNotifiedOn: notified, receivedByOmbudsmanOn: receivedByOmbudsman,
                    councilFinding: finding))
        case .recordOmbudsmanDecision(let id, let decision, let decidedOn, let fault, let injustice, let satisfactory):
            let index = try referral(id, in: r)
            let referral = r.records.ombudsman[index]
            if let existing = referral.decision {
                throw LifecycleError(
                    "decision",
                    """
                    The Ombudsman's decision (\(existing.displayName.lowercased())) is already recorded; correct \
                    it instead
                    """
                )
            }
            try check(decidedOn, "decided-on", "The decision date", notBefore: referral.councilNotifiedOn)
            if satisfactory && decision != .upheld {
                throw LifecycleError(
                    "satisfactory", "A satisfactory remedy by the council can only go with an upheld decision")
            }
            if decision == .notUpheld && injustice == true && fault == true {
                throw LifecycleError("decision", "Fault causing injustice means the complaint was upheld")
            }
            r.records.ombudsman[index].decision = decision
            r.records.ombudsman[index].decidedOn = decidedOn
            r.records.ombudsman[index].faultFound = fault ?? (decision == .upheld ? true : nil)
            r.records.ombudsman[index].injusticeFound = injustice
            r.records.ombudsman[index].satisfactoryRemedyByCouncil = satisfactory
        case .addOmbudsmanRemedy(let id, let remedy):
            let index = try referral(id, in: r)
            let referral = r.records.ombudsman[index]
            guard referral.decision == .upheld, let decidedOn = referral.decidedOn else {
                throw LifecycleError(
                    "remedy", "Remedies follow an upheld Ombudsman decision; record the decision first")
            }
            guard !remedy.description.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("description", "Describe the remedy")
            }
            if remedy.kind == .payment {
                guard let amount = remedy.amountPence, amount > 0 else {
                    throw LifecycleError("amount", "Enter the amount to be paid")
                }
            } else if remedy.amountPence != nil {
                throw LifecycleError("amount", "Only a payment has an amount")
            }
            if remedy.dueOn < decidedOn {
                throw LifecycleError(
                    "due-on", "The remedy cannot be due before the decision (\(decidedOn.longDisplay))")
            }
            if referral.remedies.contains(where: { $0.id == remedy.id }) {
                throw LifecycleError("remedy", "That remedy is already recorded")
            }
            r.records.ombudsman[index].remedies.append(remedy)
        case .completeOmbudsmanRemedy(let id, let remedyID, let on):
            let index = try referral(id, in: r)
            guard let remedyIndex = r.records.ombudsman[index].remedies.firstIndex(where: { $0.id == remedyID }) else {
                throw LifecycleError(
                    "remedy", "No such remedy on Ombudsman case \(r.records.ombudsman[index].reference)")
            }
            let remedy = r.records.ombudsman[index].remedies[remedyIndex]
            if let done = remedy.completedOn {
                throw LifecycleError("remedy", "The remedy was completed on \(done.longDisplay)")
            }
            try check(
                on, "completed-on", "The date it was completed",
                notBefore: r.records.ombudsman[index].decidedOn ?? r.receivedOn)
            r.records.ombudsman[index].remedies[remedyIndex].completedOn = on
        case .recordPublicReport(let id, let receivedOn):
            let index = try referral(id, in: r)
            guard r.records.ombudsman[index].publicReport == nil else {
                throw LifecycleError("report", "A public report is already recorded for this Ombudsman case")
            }
            try check(
                receivedOn, "report-received-on", "The date the report was received",
                notBefore: r.records.ombudsman[index].councilNotifiedOn)
            r.records.ombudsman[index].publicReport = PublicReport(receivedOn: receivedOn)
        case .respondToPublicReport(let id, let on):
            let index = try referral(id, in: r)
            guard let report = r.records.ombudsman[index].publicReport else {
                throw LifecycleError("report", "No public report is recorded for this Ombudsman case")
            }
            if let done = report.respondedOn {
                throw LifecycleError("report", "The council responded to the report on \(done.longDisplay)")
            }
            try check(on, "responded-on", "The response date", notBefore: report.receivedOn)
            r.records.ombudsman[index].publicReport?.respondedOn = on
        case .addCost(let cost):
            guard cost.amountPence > 0 else { throw LifecycleError("amount", "Enter an amount greater than £0") }
            guard cost.amountPence < 10_000_000_00 else {
                throw LifecycleError("amount", "Enter an amount less than £10,000,000")
            }
            try check(cost.paidOn, "paid-on", "The date paid", notBefore: r.receivedOn)
            if let key = cost.stageKey, !r.stages.contains(where: { $0.key == key }) {
                throw LifecycleError("stage", "This case has no \(procedure.stage(key)?.name.lowercased() ?? key)")
            }
            if r.records.costs.contains(where: { $0.id == cost.id }) {
                throw LifecycleError("cost", "That cost is already recorded")
            }
            r.records.costs.append(cost)
        case .addLearning(let point):
            try checkCodes([point.theme], .learningTheme, "theme")
            guard !point.description.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("description", "Describe what was learned")
            }
            try check(point.recordedOn, "recorded-on", "The date", notBefore: r.receivedOn)
            r.records.learning.append(point)
        case .addAction(let action):
            guard !action.description.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("description", "Describe the action")
            }
            guard !action.owner.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("owner", "Enter who owns the action")
            }
            if action.dueOn < r.receivedOn {
                throw LifecycleError("due-on", "The action cannot be due before the complaint was received")
            }
            if r.records.actions.contains(where: { $0.id == action.id }) {
                throw LifecycleError("action", "That action is already recorded")
            }
            r.records.actions.append(action)
        case .completeAction(let id, let on):
            guard let index = r.records.actions.firstIndex(where: { $0.id == id }) else {
                throw LifecycleError("action", "No such action on this case")
            }
            if let done = r.records.actions[index].doneOn {
                throw LifecycleError("action", "The action was completed on \(done.longDisplay)")
            }
            try check(on, "done-on", "The date it was done", notBefore: r.receivedOn)
            r.records.actions[index].doneOn = on
        case .addAdjustment(let adjustment):
            let words = adjustment.description.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !words.isEmpty else { throw LifecycleError("description", "Describe the adjustment agreed") }
            guard words.count <= 500 else {
                throw LifecycleError("description", "Describe the adjustment in 500 characters or fewer")
            }
            try check(adjustment.agreedOn, "agreed-on", "The date it was agreed", notBefore: r.receivedOn)
            guard let review = adjustment.reviewOn, review > adjustment.agreedOn else {
                throw LifecycleError("review-on", "The review date must be after the date it was agreed")
            }
            if r.records.adjustments.contains(where: { $0.id == adjustment.id }) {
                throw LifecycleError("adjustment", "That adjustment is already recorded")
            }
            var kept = adjustment
            kept.description = words
            r.records.adjustments.append(kept)
        case .reviewAdjustment(let id, let on, let next):
            guard let index = r.records.adjustments.firstIndex(where: { $0.id == id }) else {
                throw LifecycleError("adjustment", "No such adjustment on this case")
            }
            let adjustment = r.records.adjustments[index]
            if let ended = adjustment.endedOn {
                throw LifecycleError("adjustment", "The adjustment was ended on \(ended.longDisplay)")
            }
            try check(on, "reviewed-on", "The date of the review", notBefore: adjustment.agreedOn)
            if let next, next <= on {
                throw LifecycleError("next-review-on", "The next review must be after this one")
            }
            r.records.adjustments[index].reviewedOn.append(on)
            r.records.adjustments[index].reviewOn = next
            if next == nil { r.records.adjustments[index].endedOn = on }
        default:
            return false
        }
        return true
    }

    private func referral(_ id: String, in r: Representation) throws(LifecycleError) -> Int {
        guard let index = r.records.ombudsman.firstIndex(where: { $0.id == id }) else {
            throw LifecycleError("referral", "No such Ombudsman case on this complaint")
        }
        return index
    }

    func checkCodes(_ codes: [String], _ list: CategoryList, _ field: String) throws(LifecycleError) {
        if let unknown = codes.first(where: { reference.category(list, $0) == nil }) {
            throw LifecycleError(field, "\"\(unknown)\" is not in the \(list.displayName.lowercased()) list")
        }
        if Set(codes).count != codes.count {
            throw LifecycleError(field, "Each \(list.singularName) can be chosen once")
        }
    }
}
