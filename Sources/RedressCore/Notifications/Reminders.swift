/// When reminders go out and what they cover ([R]: every council sets its own; these are the
/// defaults). Stored as a setting.
public struct ReminderSettings: Sendable, Hashable, Codable {
    public var enabled: Bool
    /// Stages due within this many working days are reminded (0: only those due today).
    public var dueWithinWorkingDays: Int
    /// Ombudsman remedies due within this many working days are reminded.
    public var remediesWithinWorkingDays: Int
    /// The hour (UK time, 0–23) the daily digest is prepared, on working days only.
    public var hour: Int

    public init(enabled: Bool = true, dueWithinWorkingDays: Int = 3, remediesWithinWorkingDays: Int = 5, hour: Int = 7)
    {
        self.enabled = enabled
        self.dueWithinWorkingDays = max(0, min(20, dueWithinWorkingDays))
        self.remediesWithinWorkingDays = max(0, min(20, remediesWithinWorkingDays))
        self.hour = max(0, min(23, hour))
    }

    public static let standard = ReminderSettings()
}

/// One thing a person is reminded of.
public struct Reminder: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case overdue, dueSoon = "due-soon", unallocated, remedy

        public var heading: String {
            switch self {
            case .overdue: "Overdue"
            case .dueSoon: "Due soon"
            case .unallocated: "Waiting for an Investigating Officer and Independent Person"
            case .remedy: "Ombudsman remedies due or overdue"
            }
        }
    }

    public var kind: Kind
    public var representationID: String
    public var reference: String
    public var what: String
    public var dueOn: CalendarDate?
}

/// Who a digest is for: a person in the pool (by the stage's appointments), or the complaints
/// team for anything no one is appointed to.
public enum ReminderRecipient: Sendable, Hashable, Comparable {
    case person(String)
    case complaintsTeam
}

/// A day's reminders for one recipient.
public struct ReminderDigest: Sendable, Hashable {
    public var recipient: ReminderRecipient
    public var items: [Reminder]

    /// The email: a subject and plain text grouped by kind, references only — no names.
    public func message(today: CalendarDate) -> (subject: String, body: String) {
        let overdue = items.filter { $0.kind == .overdue }.count
        let subject =
            """
                Complaints reminders for \(today.longDisplay): \(items.count) \
                item\(items.count == 1 ? "" : "s")\(overdue > 0 ? ", \(overdue) overdue" : "")
                """
        var lines = ["Your complaints reminders for \(today.longDisplay).", ""]
        for kind in Reminder.Kind.allCases {
            let mine = items.filter { $0.kind == kind }
            guard !mine.isEmpty else { continue }
            lines.append("\(kind.heading) (\(mine.count))")
            lines += mine.map { "- \($0.reference): \($0.what)\($0.dueOn.map { ", due \($0.longDisplay)" } ?? "")" }
            lines.append("")
        }
        lines.append("Open Redress to see each case. This message was sent automatically.")
        return (subject, lines.joined(separator: "\n"))
    }
}

/// Chooses the day's reminders from the cases: pure, so a fixed "today" gives the same digests.
public enum Reminders {
    /// Appointment roles whose holder is reminded of their stage's deadlines.
    static let remindedRoles: [AppointmentRole] = [
        .respondingManager, .investigatingOfficer, .adjudicator, .panelChair,
    ]

    public static func digests(
        cases: [Representation], procedures: [ProcedureDefinition], calendar: WorkingDayCalendar, today: CalendarDate,
        settings: ReminderSettings
    ) -> [ReminderDigest] {
        let queues = WorkQueues(
            cases: cases, procedures: procedures, calendar: calendar, today: today,
            dueSoon: settings.dueWithinWorkingDays)
        var byRecipient: [ReminderRecipient: [Reminder]] = [:]
        func add(_ item: WorkQueues.Item, _ kind: Reminder.Kind, to recipients: [ReminderRecipient]) {
            let reminder = Reminder(
                kind: kind, representationID: item.representation.id, reference: item.representation.reference,
                what: item.what, dueOn: item.dueOn)
            for recipient in recipients { byRecipient[recipient, default: []].append(reminder) }
        }
        func holders(_ item: WorkQueues.Item) -> [ReminderRecipient] {
            guard let key = item.stageKey, let stage = item.representation.stages.last(where: { $0.key == key }) else {
                return [.complaintsTeam]
            }
            let people = Set(remindedRoles.compactMap { stage.appointee($0) }).sorted().map(ReminderRecipient.person)
            return people.isEmpty ? [.complaintsTeam] : people
        }
        for item in queues.items(.overdue) { add(item, .overdue, to: holders(item)) }
        for item in queues.items(.dueSoon) { add(item, .dueSoon, to: holders(item)) }
        for item in queues.items(.awaitingAllocation) { add(item, .unallocated, to: [.complaintsTeam]) }
        for item in queues.items(.remedies) {
            guard let due = item.dueOn,
                item.isOverdue || calendar.workingDays(from: today, to: due) <= settings.remediesWithinWorkingDays
            else { continue }
            add(item, .remedy, to: [.complaintsTeam])
        }
        return byRecipient.keys.sorted().map { ReminderDigest(recipient: $0, items: byRecipient[$0]!) }
    }
}
