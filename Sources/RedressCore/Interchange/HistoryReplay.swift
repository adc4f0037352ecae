import Foundation

/// Checks that an imported case is what its own history makes it: starting from the case as it
/// was recorded, every step of the history is applied through the `Lifecycle`, and the result
/// must equal the stages and records the file states. A history the lifecycle would refuse (a
/// stage 2 answered with no statement of complaint, a panel that never met, a due date no clock
/// gives) is refused, naming the step or the field; so an import can never hold a case that the
/// case pages could not have produced.
///
/// Two things are not replayed, and say so: a case purged by the retention schedule (its history
/// went with its personal data) and the fields no step sets (restriction, version).
public struct HistoryReplay: Sendable {
    public var procedures: [ProcedureDefinition]
    public var calendar: WorkingDayCalendar
    public var reference: ReferenceData
    public var today: CalendarDate
    /// The pool as appointments saw it: everyone available, since availability is about today,
    /// not about the day someone was appointed.
    public var people: PeopleDirectory

    public init(
        procedures: [ProcedureDefinition], calendar: WorkingDayCalendar, people: PeopleDirectory,
        reference: ReferenceData, today: CalendarDate
    ) {
        self.procedures = procedures
        self.calendar = calendar
        self.reference = reference
        self.today = today
        self.people = PeopleDirectory(
            people.people.values.map { person in
                var available = person
                available.isAvailable = true
                return available
            })
    }

    /// The procedure a case's steps are checked against: its own, or (before it has one) the
    /// first procedure of its service area. The case pages choose the same way.
    public static func procedure(for r: Representation, in procedures: [ProcedureDefinition]) -> ProcedureDefinition? {
        procedures.first { $0.id == r.procedureID } ?? procedures.first { $0.serviceArea == r.serviceArea }
    }

    /// The case as it stood when it was recorded: its first kind, its opening stage (complaints),
    /// only the records the recording form sets, no owner, and each corrected detail as it was
    /// before its first correction (the history's corrections undone, newest first).
    public func asRecorded(_ r: Representation, history: [InterchangeEvent] = []) -> Representation {
        var first = r
        for event in history.reversed() {
            guard case .editDetails(let changes, _) = event.command else { continue }
            for change in changes { change.field.set(change.from, on: &first) }
        }
        first.kind = r.records.intake.convertedFrom?.from ?? r.kind
        // A service request made a complaint is received again that day; it was recorded on the
        // request's own date, which the conversion keeps.
        if let conversion = r.records.intake.convertedFrom { first.receivedOn = conversion.firstReceivedOn }
        first.records = Lifecycle.recordsAsRecorded(first.records)
        first.owner = nil
        first.mergedInto = nil
        first.stages = []
        if first.kind == .complaint, let procedure = Self.procedure(for: r, in: procedures) {
            first.stages =
                ClockEngine(calendar: calendar).openingStage(for: procedure, receivedOn: r.receivedOn).map { [$0] }
                ?? []
        }
        return first
    }

    /// Every problem with `record`'s history, as import problems on `line`.
    public func problems(in record: InterchangeRecord, line: Int) -> [ImportProblem] {
        let stated = record.representation
        var sequence = 0
        for (i, event) in record.history.enumerated() {
            guard event.sequence > sequence else {
                return [
                    ImportProblem(
                        line: line, field: "history[\(i)].sequence",
                        message: "must be greater than the step before's (\(sequence))")
                ]
            }
            sequence = event.sequence
        }
        if stated.purgedOn != nil { return [] }
        var current = asRecorded(stated, history: record.history)
        for (i, event) in record.history.enumerated() {
            guard let procedure = Self.procedure(for: current, in: procedures) else {
                return [
                    ImportProblem(
                        line: line, field: "representation.procedureID", message: "no procedure here covers this case")
                ]
            }
            if case .appoint(_, let personID, _) = event.command, people[personID] == nil {
                return [
                    ImportProblem(
                        line: line, field: "history[\(i)].command",
                        message:
                            """
                            step \(event.sequence) appoints \(personID), who is not in this council's people \
                            pool; add them on People and pools first (a backup carries the pool, an export does \
                            not)
                            """
                    )
                ]
            }
            let lifecycle = Lifecycle(
                procedure: procedure, calendar: calendar, today: today, people: people, reference: reference)
            do {
                current = try lifecycle.apply(event.command, to: current)
            } catch {
                return [
                    ImportProblem(
                        line: line, field: "history[\(i)].command",
                        message: "step \(event.sequence) is one the lifecycle refuses here: \(error.message)")
                ]
            }
        }
        current.version = stated.version
        current.restrictedTo = stated.restrictedTo
        // Equal values encode alike: the JSON comparison (which names the first difference) is
        // made only when they differ. It was a quarter of an import's checking.
        guard stated != current, let difference = JSONDifference.first(between: stated, and: current) else {
            return []
        }
        return [
            ImportProblem(
                line: line, field: "representation.\(difference.path)",
                message: "is \(difference.stated), but the case's history gives \(difference.replayed)")
        ]
    }
}

/// The first place two encodable values differ, compared as the JSON they encode to.
enum JSONDifference {
    struct Found {
        var path: String
        var stated: String
        var replayed: String
    }

    static func first<T: Encodable>(between stated: T, and replayed: T) -> Found? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let a = try? encoder.encode(stated), let b = try? encoder.encode(replayed), a != b,
            let x = try? JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed]),
            let y = try? JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed])
        else { return nil }
        return walk(x, y, path: "")
    }

    private static func walk(_ a: Any, _ b: Any, path: String) -> Found? {
        func join(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            for key in Set(x.keys).union(y.keys).sorted() {
                guard let left = x[key] else {
                    return Found(path: join(key), stated: "missing", replayed: show(y[key]!))
                }
                guard let right = y[key] else { return Found(path: join(key), stated: show(left), replayed: "nothing") }
                if let found = walk(left, right, path: join(key)) { return found }
            }
            return nil
        case (let x as [Any], let y as [Any]):
            for i in 0..<min(x.count, y.count) {
                if let found = walk(x[i], y[i], path: "\(path)[\(i)]") { return found }
            }
            guard x.count != y.count else { return nil }
            return Found(
                path: path, stated: "\(x.count) item\(x.count == 1 ? "" : "s")",
                replayed: "\(y.count) item\(y.count == 1 ? "" : "s")")
        default:
            let (left, right) = (show(a), show(b))
            return left == right ? nil : Found(path: path, stated: left, replayed: right)
        }
    }

    private static func show(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        else { return "?" }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
