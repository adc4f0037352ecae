import RedressCore
import RedressStorage

/// A recorded step in the council's words: codes shown by their labels, people and staff by
/// name ("Respond: Partly upheld", "Investigating Officer: Amira Shah"). The words stored with
/// each event stay as they were written (the export keeps them); this is how the case page reads.
struct HistoryText {
    var procedure: ProcedureDefinition?
    var reference: ReferenceData
    var people: PeopleDirectory
    /// Staff names by user id.
    var users: [String: String]
    /// Staff names by username.
    var staffNames: [String: String] = [:]

    func describe(_ event: CaseEvent) -> String {
        // The stage a step was taken at is the one its stored words name first.
        let stage = procedure?.stages.first { event.summary.hasPrefix("\($0.name): ") }
        let prefix = stage.map { "\($0.name): " } ?? ""
        switch event.command {
        case .respond(let on, let outcome):
            return
                """
                \(prefix)\(stage?.label(of: .responded) ?? "Response sent") on \(on.longDisplay): \
                \(reference.label(.outcome, outcome))
                """
        case .appoint(let role, let personID, let on):
            return "\(prefix)\(role.displayName) appointed: \(people[personID]?.name ?? personID), on \(on.longDisplay)"
        case .refuse(let reason, let on, _):
            return "\(prefix)Refused on \(on.longDisplay): \(reference.label(.refusalReason, reason))"
        case .recordFinding(let point, let finding):
            return "\(prefix)Point \(point): \(reference.label(.outcome, finding))"
        case .code(let natures, let sought, let actual, _):
            let parts: [(String, [String])] = [
                ("nature", natures.map { reference.label(.nature, $0) }),
                ("outcome sought", sought.map { reference.label(.outcomeSought, $0) }),
                ("actual outcome", actual.map { reference.label(.actualOutcome, $0) }),
            ]
            return "Coded: "
                + parts.filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1.joined(separator: ", "))" }.joined(
                    separator: "; ")
        case .addLearning(let point):
            return "Learning recorded (\(reference.label(.learningTheme, point.theme))): \(point.description)"
        case .assignOwner(let user, let on):
            return user.map { "Owner: \(users[$0] ?? "a former member of staff"), from \(on.longDisplay)" }
                ?? "Owner removed on \(on.longDisplay)"
        case .editDetails(let changes, let reason):
            let each = changes.map { change -> String in
                func shown(_ value: String?) -> String {
                    guard let value, !value.isEmpty else { return "nothing" }
                    if let list = change.field.list { return reference.label(list, value) }
                    return "“\(value.count > 80 ? String(value.prefix(77)) + "…" : value)”"
                }
                return "\(change.field.displayName) from \(shown(change.from)) to \(shown(change.to))"
            }
            return "Details corrected (\(reason)): \(each.joined(separator: "; "))"
        default:
            return event.summary
        }
    }
}

extension HistoryText {
    /// When an event was recorded, as the history tables show it: "2026-12-02 09:10:11 UTC" for
    /// the stored "2026-12-02T09:10:11Z" (any other form with its `T` and `Z` replaced the same way).
    static func when(_ recordedAt: String) -> String {
        let utf8 = Array(recordedAt.utf8)
        guard utf8.count == 20, utf8[10] == UInt8(ascii: "T"), utf8[19] == UInt8(ascii: "Z") else {
            return recordedAt.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
        }
        return String(decoding: utf8[0..<10], as: UTF8.self) + " " + String(decoding: utf8[11..<19], as: UTF8.self)
            + " UTC"
    }
}
