import Foundation

/// Triage checks: eligibility, the 12-month time limit, refusal, advocacy, a child's consent,
/// joint NHS complaints, and turning a pre-complaint or case concern into a complaint.
extension Lifecycle {
    /// Applies `command` if it is an intake command; returns false otherwise.
    func applyIntake(_ command: CaseCommand, to r: inout Representation) throws(LifecycleError) -> Bool {
        switch command {
        case .decideEligibility(let basis, let interest, let on, let reasons):
            guard !basis.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LifecycleError("basis", "Enter who the complainant is, for example a parent or the young person")
            }
            if interest != nil && reasons.trimmingCharacters(in: .whitespaces).isEmpty {
                throw LifecycleError("reasons", "Enter the reasons for the sufficient interest decision")
            }
            try check(on, "date", "The decision date", notBefore: r.receivedOn)
            r.records.intake.eligibility = Intake.Eligibility(
                basis: basis, sufficientInterest: interest, decidedOn: on, reasons: reasons)
        case .recordTimeLimit(let arose, let reason):
            if arose > r.receivedOn {
                throw LifecycleError(
                    "date",
                    "The matter cannot have arisen after the complaint was received (\(r.receivedOn.longDisplay))")
            }
            let trimmed = reason?.trimmingCharacters(in: .whitespaces) ?? ""
            if let months = procedure.timeLimitMonths {
                let limit = arose.correspondingDate(monthsLater: months) ?? arose.lastDayOfMonth(monthsLater: months)
                if r.receivedOn > limit && trimmed.isEmpty {
                    throw LifecycleError(
                        "late-reason",
                        """
                        The complaint came more than \(months) months after the matter arose (the limit was \
                        \(limit.longDisplay)); enter why the council will consider it, or refuse it as out of time
                        """
                    )
                }
            }
            r.records.intake.matterAroseOn = arose
            r.records.intake.lateAcceptedReason = trimmed.isEmpty ? nil : trimmed
        case .refuse(let reason, let on, let notified):
            guard reference.category(.refusalReason, reason) != nil else {
                throw LifecycleError("reason", "Select a refusal reason from the list")
            }
            if let refusal = r.records.intake.refusal {
                throw LifecycleError("reason", "It was already refused on \(refusal.decidedOn.longDisplay)")
            }
            try check(on, "date", "The refusal date", notBefore: r.stages.last?.openedOn ?? r.receivedOn)
            if let notified, notified < on {
                throw LifecycleError(
                    "notified-on", "The complainant cannot be told before the decision (\(on.longDisplay))")
            }
            if let notified, notified > today {
                throw LifecycleError("notified-on", "The date the complainant was told must be today or in the past")
            }
            if !r.stages.isEmpty {
                guard let index = r.stages.lastIndex(where: \.isOpen) else {
                    throw LifecycleError("reason", "The complaint is already closed")
                }
                r.stages[index].refusedOn = on
                r.stages[index].outcome = "refused"
            } else if !r.isOpen {
                throw LifecycleError("reason", "It is already closed")
            }
            r.records.intake.refusal = Intake.Refusal(reason: reason, decidedOn: on, notifiedOn: notified)
        case .recordAdvocacy(let offered, let appointed):
            try check(offered, "date", "The date advocacy was offered", notBefore: r.receivedOn)
            if let appointed {
                try check(appointed, "appointed-on", "The date the advocate was appointed", notBefore: offered)
            }
            r.records.intake.advocacyOfferedOn = offered
            r.records.intake.advocateAppointedOn = appointed
        case .recordChildConsent(let given, let on):
            guard r.complainant.isChildOrYoungPerson else {
                throw LifecycleError(
                    "consent", "Consent is recorded for complaints made by or for a child or young person")
            }
            try check(on, "date", "The date", notBefore: r.receivedOn)
            r.records.intake.childConsent = Intake.ChildConsent(given: given, recordedOn: on)
        case .markJoint(let partner, let councilLeads, let on):
            let name = partner.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw LifecycleError("partner", "Enter the NHS body handling the complaint with the council")
            }
            try check(on, "date", "The date the lead was agreed", notBefore: r.receivedOn)
            r.records.intake.joint = Intake.JointComplaint(partner: name, councilLeads: councilLeads, agreedOn: on)
        case .convertToComplaint(let on):
            guard r.kind.canBecomeComplaint else {
                throw LifecycleError(
                    "kind", "Only a pre-complaint, a case concern or a service request can become a complaint")
            }
            guard r.records.intake.closedOn == nil, r.records.intake.refusal == nil else {
                throw LifecycleError("kind", "It is closed; it cannot become a complaint")
            }
            try check(on, "date", "The date it became a complaint", notBefore: r.receivedOn)
            // A service request is not a complaint (the Complaint Handling Code): the complaint is
            // made, and its clock starts, on the day the person says they are unhappy with it.
            let startsOnConversion = procedure.clockStartsOnConversion || r.kind == .serviceRequest
            r.records.intake.convertedFrom = Intake.Conversion(
                from: r.kind, firstReceivedOn: r.receivedOn, convertedOn: on)
            // The complaint is received that day; the request's own date is kept in the conversion.
            if r.kind == .serviceRequest { r.receivedOn = on }
            r.kind = .complaint
            r.procedureID = procedure.id
            r.stages =
                engine.openingStage(for: procedure, receivedOn: startsOnConversion ? on : r.receivedOn)
                .map { [$0] } ?? []
        case .closeWithoutComplaint(let on):
            guard r.kind.canBecomeComplaint else {
                throw LifecycleError(
                    "kind", "Only a pre-complaint, a case concern or a service request is closed this way")
            }
            guard r.records.intake.closedOn == nil else { throw LifecycleError("date", "It is already closed") }
            try check(on, "date", "The closing date", notBefore: r.receivedOn)
            r.records.intake.closedOn = on
        default:
            return false
        }
        return true
    }
}
