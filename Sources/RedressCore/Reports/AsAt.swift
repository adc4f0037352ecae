/// A case as it stood at the end of a day: what had happened by then, nothing after. Reports
/// of a past quarter count "open at the end of the period" from these snapshots, so a case
/// closed since still counts as open then (basis O, `statutory-rules.md` STAT-00).
extension Representation {
    /// The case at the end of `day`, or `nil` when it had not been received.
    public func asAt(_ day: CalendarDate) -> Representation? {
        guard receivedOn <= day else { return nil }
        var r = self
        r.stages = stages.filter { $0.openedOn <= day }.map { $0.asAt(day) }
        if let refusal = r.records.intake.refusal, refusal.decidedOn > day { r.records.intake.refusal = nil }
        if let closed = r.records.intake.closedOn, closed > day { r.records.intake.closedOn = nil }
        r.records.ombudsman = r.records.ombudsman.filter { $0.councilNotifiedOn <= day }.map { referral in
            var o = referral
            if let decided = o.decidedOn, decided > day {
                o.decision = nil
                o.decidedOn = nil
                o.remedies = []
                o.publicReport = nil
            }
            o.remedies = o.remedies.map { remedy in
                var m = remedy
                if let done = m.completedOn, done > day { m.completedOn = nil }
                return m
            }
            if let report = o.publicReport, report.receivedOn > day { o.publicReport = nil }
            if let responded = o.publicReport?.respondedOn, responded > day { o.publicReport?.respondedOn = nil }
            return o
        }
        r.records.actions = r.records.actions.map { action in
            var a = action
            if let done = a.doneOn, done > day { a.doneOn = nil }
            return a
        }
        return r
    }
}

extension Stage {
    /// The stage at the end of `day`: later milestones, extensions, appointments and closure undone.
    public func asAt(_ day: CalendarDate) -> Stage {
        var s = self
        s.milestones = milestones.filter { $0.value <= day }
        s.extensions = extensions.filter { $0.agreedOn <= day }
        s.appointments = appointments.filter { $0.appointedOn <= day }
        s.pauses = pauses.filter { $0.from <= day }.map { pause in
            var p = pause
            if let until = p.until, until > day { p.until = nil }
            return p
        }
        if let on = withdrawnOn, on > day { s.withdrawnOn = nil }
        if let on = refusedOn, on > day { s.refusedOn = nil }
        if let on = escalatedUnansweredOn, on > day { s.escalatedUnansweredOn = nil }
        if s.isOpen {
            s.outcome = nil
            s.points = s.points.map { point in
                var p = point
                p.finding = nil
                return p
            }
        }
        return s
    }
}
