import Foundation

/// Checks an edited procedure before it is stored, naming each problem, so a council can change
/// timescales in configuration without being able to save one the lifecycle cannot run.
public enum ProcedureValidation {
    public static func problems(in procedure: ProcedureDefinition) -> [String] {
        var problems: [String] = []
        let at = "procedure \"\(procedure.id)\""
        if procedure.stages.isEmpty { problems.append("\(at): needs at least one stage") }
        if Set(procedure.stages.map(\.key)).count != procedure.stages.count {
            problems.append("\(at): stage keys must be unique")
        }
        for stage in procedure.stages {
            let where_ = "\(at) stage \"\(stage.key)\""
            let order = stage.milestones.map(\.milestone)
            if order.first != .requested { problems.append("\(where_): the first milestone must be \"requested\"") }
            if order.last != .responded { problems.append("\(where_): the last milestone must be \"responded\"") }
            if Set(order).count != order.count { problems.append("\(where_): a milestone is listed twice") }
            if stage.responseClock == nil { problems.append("\(where_): needs a clock that stops at \"responded\"") }
            for clock in stage.clocks {
                let c = "\(where_) clock \"\(clock.key)\""
                if !stage.records(clock.starts) {
                    problems.append("\(c): starts at \"\(clock.starts.rawValue)\", which the stage does not record")
                }
                if !stage.records(clock.stops) {
                    problems.append("\(c): stops at \"\(clock.stops.rawValue)\", which the stage does not record")
                }
                switch clock.limit {
                case .workingDays(let n):
                    if !(1...260).contains(n) {
                        problems.append("\(c): working days must be between 1 and 260, not \(n)")
                    }
                    if let max = clock.extendableToWorkingDays, max <= n {
                        problems.append("\(c): the extension limit (\(max)) must be more than the time limit (\(n))")
                    }
                case .monthsBeginningWith(let n):
                    if !(1...24).contains(n) { problems.append("\(c): months must be between 1 and 24, not \(n)") }
                case .agreedWithComplainant:
                    break
                }
            }
            if let window = stage.requestWindowWorkingDays, !(1...260).contains(window) {
                problems.append("\(where_): the request window must be between 1 and 260 working days")
            }
        }
        return problems
    }
}
