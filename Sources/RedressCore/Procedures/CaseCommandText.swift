import Foundation

extension CaseCommand {
    /// The day the command's event happened, or `nil` for commands without one (coding, a remedy
    /// or action whose only date is when it is due).
    public var date: CalendarDate? {
        switch self {
        case .record(_, let on), .respond(let on, _), .resume(let on), .withdraw(let on), .appoint(_, _, let on): on
        case .extend(_, let agreedOn, _, _, _): agreedOn
        case .pause(_, let from): from
        case .escalate(let requestedOn, _): requestedOn
        case .code, .codeServices, .setPoints, .recordFinding, .reopen, .followCalendar: nil
        case .recordEarlyResolution(let on, _): on
        case .correctMilestone(_, let to, _): to
        case .decideEligibility(_, _, let on, _), .refuse(_, let on, _), .recordChildConsent(_, let on),
            .markJoint(_, _, let on),
            .convertToComplaint(let on), .closeWithoutComplaint(let on):
            on
        case .migrated(_, let openedOn, let respondedOn, _, _): respondedOn ?? openedOn
        case .assignOwner(_, let on), .mergeInto(_, _, let on), .absorb(_, _, let on): on
        case .link(let link): link.linkedOn
        case .editDetails, .unlink: nil
        case .recordTimeLimit(let on, _): on
        case .recordAdvocacy(let on, _): on
        case .referToOmbudsman(_, _, let on, _), .recordOmbudsmanDecision(_, _, let on, _, _, _),
            .completeOmbudsmanRemedy(_, _, let on),
            .recordPublicReport(_, let on), .respondToPublicReport(_, let on), .completeAction(_, let on),
            .reviewAdjustment(_, let on, _):
            on
        case .addAdjustment(let adjustment): adjustment.agreedOn
        case .addOmbudsmanRemedy: nil  // recorded when decided; its due date may be ahead
        case .addCost(let cost): cost.paidOn
        case .addLearning(let point): point.recordedOn
        case .addAction: nil  // recorded now; its due date may be ahead
        }
    }

    /// One line for the case's record of changes ("Stage 2: investigation: Statement of complaint
    /// agreed on 1 August 2022"). Names no one but the people pool's ids.
    public func summary(procedure: ProcedureDefinition, stage key: String?) -> String {
        let stage = key.flatMap { procedure.stage($0) }
        let prefix = stage.map { "\($0.name): " } ?? ""
        switch self {
        case .record(let milestone, let on):
            return "\(prefix)\(stage?.label(of: milestone) ?? milestone.defaultLabel) on \(on.longDisplay)"
        case .respond(let on, let outcome):
            return "\(prefix)\(stage?.label(of: .responded) ?? "Response sent") on \(on.longDisplay) (\(outcome))"
        case .extend(let clock, let agreedOn, let to, _, _):
            let name = stage?.clocks.first { $0.key == clock }?.name ?? clock
            return "\(prefix)\(name) due date set to \(to.longDisplay), agreed on \(agreedOn.longDisplay)"
        case .pause(let reason, let from):
            return "\(prefix)Paused (\(reason.displayName.lowercased())) from \(from.longDisplay)"
        case .resume(let on): return "\(prefix)Resumed on \(on.longDisplay)"
        case .escalate(let requestedOn, _): return "\(prefix)Requested on \(requestedOn.longDisplay)"
        case .withdraw(let on): return "\(prefix)Withdrawn on \(on.longDisplay)"
        case .appoint(let role, let personID, let on):
            return "\(prefix)\(role.displayName) appointed (\(personID)) on \(on.longDisplay)"
        case .recordEarlyResolution(let on, let resolved):
            return "\(prefix)Early resolution on \(on.longDisplay): \(resolved ? "resolved" : "not resolved")"
        case .setPoints(let points): return "\(prefix)Statement of complaint: \(points.count) point(s)"
        case .recordFinding(let point, let finding): return "\(prefix)Point \(point): \(finding)"
        case .correctMilestone(let milestone, let to, let reason):
            return
                """
                \(prefix)Corrected: \(stage?.label(of: milestone) ?? milestone.defaultLabel) \
                \(to.map { "now \($0.longDisplay)" } ?? "removed") (\(reason))
                """
        case .reopen(let reason): return "\(prefix)Reopened (\(reason))"
        case .followCalendar(_, let from, let to, let change):
            return "\(prefix)Response due date moved from \(from.longDisplay) to \(to.longDisplay): \(change)"
        case .decideEligibility(let basis, let interest, let on, _):
            return
                """
                Eligibility decided on \(on.longDisplay): \
                \(basis)\(interest.map { $0 ? " (sufficient interest)" : " (no sufficient interest)" } ?? "")
                """
        case .recordTimeLimit(let arose, let reason):
            return "Matter arose \(arose.longDisplay)\(reason == nil ? "" : "; late complaint accepted")"
        case .refuse(let reason, let on, _): return "\(prefix)Refused on \(on.longDisplay) (\(reason))"
        case .recordAdvocacy(let offered, let appointed):
            return
                """
                Advocacy offered \
                \(offered.longDisplay)\(appointed.map { "; advocate appointed \($0.longDisplay)" } ?? "")
                """
        case .recordChildConsent(let given, let on):
            return "Child's consent \(given ? "given" : "not given"), recorded \(on.longDisplay)"
        case .markJoint(let partner, let councilLeads, let on):
            return
                """
                Joint complaint with \(partner), \(councilLeads ? "council" : "partner") leading, agreed \
                \(on.longDisplay)
                """
        case .convertToComplaint(let on): return "Became a complaint on \(on.longDisplay)"
        case .closeWithoutComplaint(let on): return "Closed without a complaint on \(on.longDisplay)"
        case .assignOwner(let user, let on):
            return user.map { "Owner set to \($0) on \(on.longDisplay)" } ?? "Owner removed on \(on.longDisplay)"
        case .editDetails(let changes, let reason):
            return "Details corrected: \(changes.map(\.field.displayName).joined(separator: ", ")) (\(reason))"
        case .link(let link): return "\(link.kind.displayName) \(link.reference)"
        case .unlink: return "Link removed"
        case .mergeInto(_, let reference, let on): return "Merged into \(reference) on \(on.longDisplay) as a duplicate"
        case .absorb(_, let reference, let on): return "\(reference) merged into this case on \(on.longDisplay)"
        case .migrated(let key, let opened, let responded, let outcome, _):
            let name = procedure.stage(key)?.name ?? key
            let answer = responded.map { ", responded on \($0.longDisplay)\(outcome.map { " (\($0))" } ?? "")" } ?? ""
            return "Brought in from the previous system: \(name) opened on \(opened.longDisplay)\(answer)"
        case .code(let natures, let sought, let actual, _):
            return
                """
                Coded: \(natures.count) nature(s), \(sought.count) outcome(s) sought, \(actual.count) actual \
                outcome(s)
                """
        case .codeServices(let others):
            return others.isEmpty ? "Other services: none" : "Other services: \(others.joined(separator: ", "))"
        case .referToOmbudsman(_, let reference, let on, _):
            return "Ombudsman case \(reference): council told on \(on.longDisplay)"
        case .recordOmbudsmanDecision(_, let decision, let on, _, _, _):
            return "Ombudsman decision: \(decision.displayName.lowercased()) on \(on.longDisplay)"
        case .addOmbudsmanRemedy(_, let remedy):
            return "Ombudsman remedy (\(remedy.kind.displayName.lowercased())) due \(remedy.dueOn.longDisplay)"
        case .completeOmbudsmanRemedy(_, _, let on): return "Ombudsman remedy completed on \(on.longDisplay)"
        case .recordPublicReport(_, let on): return "Ombudsman public report received on \(on.longDisplay)"
        case .respondToPublicReport(_, let on):
            return "Response to the Ombudsman's public report sent on \(on.longDisplay)"
        case .addCost(let cost):
            return
                """
                Cost recorded: \(cost.heading.displayName.lowercased()), \
                \(Money.display(pence: cost.amountPence)), paid \(cost.paidOn.longDisplay)
                """
        case .addLearning(let point): return "Learning recorded (\(point.theme))"
        case .addAction(let action):
            return "Action (\(action.kind.displayName.lowercased())) due \(action.dueOn.longDisplay)"
        case .completeAction(_, let on): return "Action completed on \(on.longDisplay)"
        case .addAdjustment(let adjustment):
            return
                """
                Reasonable adjustment agreed on \(adjustment.agreedOn.longDisplay), to be reviewed by \
                \((adjustment.reviewOn ?? adjustment.agreedOn).longDisplay)
                """
        case .reviewAdjustment(_, let on, let next):
            return "Reasonable adjustment reviewed on \(on.longDisplay): "
                + (next.map { "kept, next review by \($0.longDisplay)" } ?? "no longer needed, ended")
        }
    }
}

/// Money in pence, shown as pounds.
public enum Money {
    /// "£1,234.50"; whole pounds drop the pence ("£9,800").
    public static func display(pence: Int) -> String {
        let pounds = pence / 100, rest = pence % 100
        let whole = "£" + grouped(pounds)
        return rest == 0 ? whole : whole + "." + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// A whole number with commas between thousands: 1235000 → "1,235,000".
    public static func grouped(_ n: Int) -> String { n.grouped }

    /// The largest sum recorded, in whole pounds: far above any remedy a council pays, and far below
    /// where pence would overflow (fuzzing found "99999999999999999999" crashing the old parser).
    public static let largestPounds = 999_999_999

    /// Parses "1234.5", "£1,234.50" or "1234" into pence; `nil` for anything else, including sums
    /// above `largestPounds`.
    public static func pence(from text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("£") { t.removeFirst() }
        t = t.replacingOccurrences(of: ",", with: "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count <= 12, parts[0].allSatisfy(\.isASCIIDigit),
            let pounds = Int(parts[0]), pounds <= largestPounds
        else { return nil }
        if parts.count == 1 { return pounds * 100 }
        let frac = parts[1]
        guard (1...2).contains(frac.count), frac.allSatisfy(\.isASCIIDigit), let f = Int(frac) else { return nil }
        return pounds * 100 + (frac.count == 1 ? f * 10 : f)
    }
}

extension Character {
    /// "0" to "9" only: `isNumber` also accepts other scripts' digits and fractions like "½".
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) && unicodeScalars.count == 1 }
}
