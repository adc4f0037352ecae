import Foundation

/// One line of the interchange file (JSON Lines): a representation with everything belonging
/// to it — stages and clocks, findings, costs, Ombudsman, learning and actions (all inside the
/// representation), its event history, equality monitoring and letters. Lossless: export →
/// import → export gives the same bytes. See `docs/interchange.md`.
public struct InterchangeRecord: Sendable, Hashable, Codable {
    public static let currentFormat = "redress-interchange/1"

    public var format: String
    public var representation: Representation
    public var history: [InterchangeEvent]
    public var equality: EqualityMonitoring?
    public var letters: [Letter]

    public init(
        representation: Representation, history: [InterchangeEvent] = [], equality: EqualityMonitoring? = nil,
        letters: [Letter] = []
    ) {
        self.format = Self.currentFormat
        self.representation = representation
        self.history = history
        self.equality = equality
        self.letters = letters
    }

    /// The line as written: compact JSON, keys sorted, so the same record is always the same bytes.
    public func line() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// One entry of a case's history as recorded: when, by whom, and the command.
public struct InterchangeEvent: Sendable, Hashable, Codable {
    public var sequence: Int
    public var recordedAt: String
    public var recordedBy: String
    public var command: CaseCommand
    public var summary: String

    public init(sequence: Int, recordedAt: String, recordedBy: String, command: CaseCommand, summary: String) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.command = command
        self.summary = summary
    }
}

/// A problem with one line of an import file: the line, the field, and why.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "line \(line), \(field): \(message)" }
}

/// Checks a whole interchange file before anything is imported: it is sealed by its trailer,
/// each line is UTF-8 and decodes, uses the council's codes and procedures, has a reference no
/// other line has, and is what its own history makes it (`HistoryReplay`).
public struct InterchangeValidator: Sendable {
    public var reference: ReferenceData
    public var procedures: [ProcedureDefinition]
    public var replay: HistoryReplay

    public init(
        reference: ReferenceData, procedures: [ProcedureDefinition], calendar: WorkingDayCalendar,
        people: PeopleDirectory, today: CalendarDate
    ) {
        self.reference = reference
        self.procedures = procedures
        self.replay = HistoryReplay(
            procedures: procedures, calendar: calendar, people: people, reference: reference, today: today)
    }

    /// Checks a whole file as written by `redress export`.
    public func check(file bytes: [UInt8]) -> (records: [InterchangeRecord], problems: [ImportProblem]) {
        let (lines, problems) = InterchangeFile.recordLines(of: bytes)
        guard problems.isEmpty else { return ([], problems) }
        return check(lines: lines)
    }

    /// Decodes and checks every record line; returns the records, or every problem found.
    public func check(lines: [InterchangeFile.Line]) -> (records: [InterchangeRecord], problems: [ImportProblem]) {
        var checker = Checker(validator: self)
        var records: [InterchangeRecord] = []
        for line in lines {
            if let record = checker.check(line) { records.append(record) }
        }
        return (records, checker.problems)
    }

    /// Checks record lines one at a time, remembering what later lines are checked against (the
    /// references and ids seen), so a file is checked as it is read without holding its records.
    public struct Checker {
        public let validator: InterchangeValidator
        public private(set) var problems: [ImportProblem] = []
        private var seenReferences: [String: Int] = [:], seenIDs: [String: Int] = [:]
        public init(validator: InterchangeValidator) { self.validator = validator }

        /// The line's record when it has no problem; its problems are added to `problems`.
        public mutating func check(_ line: InterchangeFile.Line) -> InterchangeRecord? {
            admit(line, Self.examine(line, validator: validator))
        }

        /// The records of these lines that have no problem, in order; their problems are added to
        /// `problems` in the order of the lines. Each line is decoded and checked on its own side
        /// by side with the others; what one line is checked against the ones before (a reference
        /// or id used twice) is then checked in order.
        public mutating func check(_ lines: [InterchangeFile.Line]) -> [InterchangeRecord] {
            let validator = validator
            let examined = Parallel.map(lines.count) { Self.examine(lines[$0], validator: validator) }
            return lines.indices.compactMap { admit(lines[$0], examined[$0]) }
        }

        /// What one line shows alone: its record (if it decodes) and the problems found in it.
        static func examine(
            _ line: InterchangeFile.Line, validator: InterchangeValidator
        ) -> (record: InterchangeRecord?, problems: [ImportProblem]) {
            let (number, text) = (line.number, line.text)
            if InterchangeFile.isBlank(text) { return (nil, []) }
            let record: InterchangeRecord
            do {
                record = try DocumentDecoder().decode(InterchangeRecord.self, from: text)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                let problem = ImportProblem(
                    line: number, field: "the line", message: "is not complete JSON (cut short, or not JSON at all)")
                return (nil, [problem])
            } catch {
                let problem = ImportProblem(
                    line: number, field: InterchangeValidator.field(of: error), message: describe(decodingError: error))
                return (nil, [problem])
            }
            var problems = validator.check(record, line: number)
            if problems.isEmpty { problems = validator.replay.problems(in: record, line: number) }
            return (record, problems)
        }

        /// Adds an examined line's problems, then checks its reference and id against the lines
        /// before; the record when the line has no problem.
        mutating func admit(
            _ line: InterchangeFile.Line, _ examined: (record: InterchangeRecord?, problems: [ImportProblem])
        ) -> InterchangeRecord? {
            let before = problems.count
            problems += examined.problems
            guard let record = examined.record else { return nil }
            let number = line.number
            if let earlier = seenReferences[record.representation.reference] {
                problems.append(
                    ImportProblem(
                        line: number, field: "representation.reference",
                        message: "\(record.representation.reference) is also on line \(earlier)"))
            } else {
                seenReferences[record.representation.reference] = number
            }
            if let earlier = seenIDs[record.representation.id] {
                problems.append(
                    ImportProblem(
                        line: number, field: "representation.id", message: "this id is also on line \(earlier)"))
            } else {
                seenIDs[record.representation.id] = number
            }
            return problems.count == before ? record : nil
        }
    }

    static func field(of error: any Error) -> String {
        let path: [any CodingKey]
        switch error {
        case DecodingError.keyNotFound(let key, let context): path = context.codingPath + [key]
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            path = context.codingPath
        default: path = []
        }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "the line" : text
    }

    /// The codes and procedure of one record.
    func check(_ record: InterchangeRecord, line: Int) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        let r = record.representation
        func code(_ list: CategoryList, _ value: String, _ field: String, group: String? = nil) {
            guard !value.isEmpty else { return }
            if reference.category(list, value, group: group) == nil {
                problems.append(
                    ImportProblem(
                        line: line, field: field,
                        message:
                            "\"\(value)\" is not a \(list.singularName) code; add it with `redress codes add` or map it"
                    ))
            }
        }
        if record.format != InterchangeRecord.currentFormat {
            problems.append(
                ImportProblem(
                    line: line, field: "format",
                    message: "\"\(record.format)\" is not \(InterchangeRecord.currentFormat)"))
        }
        if r.receivedOn < CalendarDate.earliestRecordable {
            problems.append(
                ImportProblem(
                    line: line, field: "representation.receivedOn",
                    message:
                        "is before \(CalendarDate.earliestRecordable.longDisplay), the earliest date Redress records"))
        }
        if r.reference.trimmingCharacters(in: .whitespaces).isEmpty || r.id.isEmpty {
            problems.append(
                ImportProblem(
                    line: line, field: r.id.isEmpty ? "representation.id" : "representation.reference",
                    message: "is empty"))
        }
        code(.method, r.methodOfReceipt, "representation.methodOfReceipt")
        code(.relationship, r.complainant.relationship, "representation.complainant.relationship")
        code(.service, r.serviceCategory, "representation.serviceCategory", group: r.serviceArea.rawValue)
        for (i, n) in r.records.natures.enumerated() { code(.nature, n, "representation.records.natures[\(i)]") }
        for (i, o) in r.records.outcomesSought.enumerated() {
            code(.outcomeSought, o, "representation.records.outcomesSought[\(i)]")
        }
        for (i, o) in r.records.actualOutcomes.enumerated() {
            code(.actualOutcome, o, "representation.records.actualOutcomes[\(i)]")
        }
        if let procedureID = r.procedureID {
            if let procedure = procedures.first(where: { $0.id == procedureID }) {
                for (i, stage) in r.stages.enumerated() {
                    if procedure.stage(stage.key) == nil {
                        problems.append(
                            ImportProblem(
                                line: line, field: "representation.stages[\(i)].key",
                                message: "\"\(stage.key)\" is not a stage of \(procedure.name)"))
                    }
                    if let outcome = stage.outcome { code(.outcome, outcome, "representation.stages[\(i)].outcome") }
                    if stage.openedOn < r.receivedOn {
                        problems.append(
                            ImportProblem(
                                line: line, field: "representation.stages[\(i)].openedOn",
                                message: "is before the date received"))
                    }
                }
            } else {
                problems.append(
                    ImportProblem(
                        line: line, field: "representation.procedureID",
                        message: "\"\(procedureID)\" is not a procedure here"))
            }
        } else if r.kind == .complaint {
            problems.append(
                ImportProblem(
                    line: line, field: "representation.procedureID", message: "a complaint needs its procedure"))
        }
        if let e = record.equality {
            code(.disability, e.disability, "equality.disability"); code(.gender, e.gender, "equality.gender")
            code(.ageBand, e.ageBand, "equality.ageBand"); code(.ethnicity, e.ethnicity, "equality.ethnicity")
        }
        for (i, letter) in record.letters.enumerated() where letter.representationID != r.id {
            problems.append(
                ImportProblem(
                    line: line, field: "letters[\(i)].representationID", message: "belongs to another representation"))
        }
        return problems
    }
}
