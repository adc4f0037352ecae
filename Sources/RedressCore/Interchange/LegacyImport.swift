/// Turns a legacy export's rows into interchange records with a `LegacyMapping`: every value
/// checked against the council's code lists after mapping, every problem named by line and
/// column, and nothing returned for import unless the whole file is clean.
public struct LegacyImport: Sendable {
    public var mapping: LegacyMapping
    public var reference: ReferenceData
    public var procedures: [ProcedureDefinition]
    /// When the import runs (UTC, ISO 8601): each migrated case's history says it was brought
    /// in then, by the legacy import.
    public var importedAt: String

    public init(mapping: LegacyMapping, reference: ReferenceData, procedures: [ProcedureDefinition], importedAt: String)
    {
        self.mapping = mapping
        self.reference = reference
        self.procedures = procedures
        self.importedAt = importedAt
    }

    /// The records for a whole file (its first record is the header), or every problem found.
    public func convert(_ file: [CSV.Record]) -> (records: [InterchangeRecord], problems: [ImportProblem]) {
        var problems = mapping.problems()
        guard let header = file.first else {
            return ([], problems + [ImportProblem(line: 1, field: "the file", message: "is empty")])
        }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { index[name.trimmingCharacters(in: .whitespaces)] = i }
        for (field, column) in mapping.columns.sorted(by: { $0.key < $1.key }) where index[column] == nil {
            problems.append(
                ImportProblem(
                    line: header.line, field: "column \"\(column)\"",
                    message: "is not in the header row (mapped to \(field))"))
        }
        guard problems.isEmpty else { return ([], problems) }
        var records: [InterchangeRecord] = []
        var seen: [String: Int] = [:]
        for row in file.dropFirst() {
            let before = problems.count
            if let record = convert(row, index: index, problems: &problems) {
                let reference = record.representation.reference
                if let earlier = seen[reference] {
                    problems.append(
                        ImportProblem(
                            line: row.line, field: column(.reference),
                            message: "\(reference) is also on line \(earlier)"))
                } else {
                    seen[reference] = row.line
                    if problems.count == before { records.append(record) }
                }
            }
        }
        return problems.isEmpty ? (records, []) : ([], problems)
    }

    private func column(_ field: LegacyMapping.Field) -> String {
        mapping.columns[field.rawValue].map { "column \"\($0)\"" } ?? field.rawValue
    }

    private func convert(_ row: CSV.Record, index: [String: Int], problems: inout [ImportProblem]) -> InterchangeRecord?
    {
        let line = row.line
        func raw(_ field: LegacyMapping.Field) -> String {
            if let name = mapping.columns[field.rawValue], let i = index[name], i < row.fields.count {
                let cell = row.fields[i].trimmingCharacters(in: .whitespaces)
                if !cell.isEmpty { return cell }
            }
            return mapping.defaults?[field.rawValue] ?? ""
        }
        /// A cell's meaning: the mapped code, or the value itself when it already is one.
        func mapped(_ field: LegacyMapping.Field, _ value: String) -> String? {
            if let code = mapping.values?[field.rawValue]?[value] { return code }
            return value
        }
        func problem(_ field: LegacyMapping.Field, _ message: String) {
            problems.append(ImportProblem(line: line, field: column(field), message: message))
        }
        func unmapped(_ field: LegacyMapping.Field, _ value: String, _ what: String) {
            problem(
                field,
                "\"\(value)\" is not mapped to \(what); add it under values.\(field.rawValue) in the mapping file")
        }
        func code(_ field: LegacyMapping.Field, required: Bool, group: String? = nil) -> String? {
            let value = raw(field)
            if value.isEmpty {
                if required { problem(field, "is empty and the mapping gives no default") }
                return nil
            }
            guard let code = mapped(field, value), let list = field.list,
                reference.category(list, code, group: group) != nil
            else {
                unmapped(field, value, "a code in the \(field.list?.singularName ?? field.rawValue) list")
                return nil
            }
            return code
        }
        func date(_ field: LegacyMapping.Field, required: Bool) -> CalendarDate? {
            let value = raw(field)
            if value.isEmpty {
                if required { problem(field, "is empty") }
                return nil
            }
            let format = mapping.dateFormat ?? "dd/MM/yyyy"
            guard let d = LegacyDate.parse(value, format: format) else {
                problem(field, "\"\(value)\" is not a date written \(format)")
                return nil
            }
            return d
        }
        func choice<T: RawRepresentable>(_ field: LegacyMapping.Field, _ type: T.Type, fallback: T?) -> T?
        where T.RawValue == String {
            let value = raw(field)
            if value.isEmpty {
                if fallback == nil { problem(field, "is empty and the mapping gives no default") }
                return fallback
            }
            guard let code = mapped(field, value), let v = T(rawValue: code) else {
                unmapped(field, value, "one of Redress's values")
                return nil
            }
            return v
        }

        let referenceText = raw(.reference)
        if referenceText.isEmpty { problem(.reference, "is empty") }
        if referenceText.count > 40 { problem(.reference, "is longer than 40 characters") }
        let received = date(.receivedOn, required: true)
        let kind = choice(.kind, RepresentationKind.self, fallback: .complaint)
        let area = choice(.serviceArea, ServiceArea.self, fallback: nil)
        let service = code(.service, required: true, group: area?.rawValue)
        let method = code(.method, required: true)
        let relationship = code(.relationship, required: true)
        var natures: [String] = []
        let naturesText = raw(.natures)
        if !naturesText.isEmpty {
            for part in naturesText.split(separator: Character(mapping.listSeparator ?? ";")).map({
                $0.trimmingCharacters(in: .whitespaces)
            }) where !part.isEmpty {
                if let c = mapped(.natures, part), reference.category(.nature, c) != nil {
                    natures.append(c)
                } else {
                    unmapped(.natures, part, "a code in the nature of complaint list")
                }
            }
        }
        let child = raw(.childOrYoungPerson)
        let isChild: Bool? =
            child.isEmpty ? false : ["yes": true, "no": false][mapped(.childOrYoungPerson, child) ?? ""]
        if isChild == nil { unmapped(.childOrYoungPerson, child, "yes or no") }

        var migrated: CaseCommand?
        var procedureID: String?
        var governing: ProcedureDefinition?
        if kind == .complaint, let area, let received {
            let candidates = procedures.filter { $0.serviceArea == area }
            guard let procedure = candidates.first(where: \.isStatutory) ?? candidates.first else {
                problem(.serviceArea, "no procedure here covers \(area.rawValue)")
                return nil
            }
            procedureID = procedure.id
            governing = procedure
            let stageValue = raw(.stage)
            var key = procedure.stages.first?.key ?? ""
            if !stageValue.isEmpty {
                if let k = mapped(.stage, stageValue), procedure.stage(k) != nil {
                    key = k
                } else {
                    unmapped(
                        .stage, stageValue,
                        "a stage of \(procedure.name) (\(procedure.stages.map(\.key).joined(separator: ", ")))")
                }
            }
            let opened = date(.stageOpenedOn, required: false) ?? received
            if opened < received { problem(.stageOpenedOn, "is before the date received") }
            let responded = date(.respondedOn, required: false)
            if let responded, responded < opened { problem(.respondedOn, "is before the stage opened") }
            let outcome = code(.outcome, required: false)
            if outcome != nil && responded == nil { problem(.respondedOn, "is needed when there is an outcome") }
            migrated = .migrated(
                stage: key, openedOn: opened, respondedOn: responded, outcome: outcome,
                dueOn: date(.dueOn, required: false))
        }
        guard !referenceText.isEmpty, let received, let kind, let area, let service, let method, let relationship,
            let isChild
        else { return nil }
        if received < CalendarDate.earliestRecordable {
            problem(
                .receivedOn,
                "is before \(CalendarDate.earliestRecordable.longDisplay), the earliest date Redress records")
        }
        let summary = raw(.summary)
        var records = CaseRecords()
        records.natures = natures
        var stages: [Stage] = []
        var history: [InterchangeEvent] = []
        func event(_ command: CaseCommand, stage: String?, procedure: ProcedureDefinition) -> InterchangeEvent {
            InterchangeEvent(
                sequence: history.count + 1, recordedAt: importedAt, recordedBy: "legacy import", command: command,
                summary: command.summary(procedure: procedure, stage: stage))
        }
        if case .migrated(let key, let opened, let responded, let outcome, let due)? = migrated, let governing {
            stages = [Stage.migrated(key: key, openedOn: opened, respondedOn: responded, outcome: outcome, dueOn: due)]
            history.append(event(migrated!, stage: key, procedure: governing))
        }
        if !natures.isEmpty {
            if kind == .complaint || kind == .ombudsmanEnquiry,
                let procedure = governing ?? procedures.first(where: { $0.serviceArea == area })
            {
                history.append(
                    event(
                        .code(natures: natures, outcomesSought: [], actualOutcomes: [], remedialActionTaken: nil),
                        stage: stages.last?.key, procedure: procedure))
            } else {
                problem(.natures, "can only be recorded on a complaint or an Ombudsman enquiry")
            }
        }
        let representation = Representation(
            id: Self.id(for: referenceText), reference: referenceText, kind: kind, serviceArea: area,
            procedureID: procedureID, receivedOn: received,
            methodOfReceipt: method,
            complainant: Complainant(relationship: relationship, isChildOrYoungPerson: isChild),
            serviceCategory: service,
            summary: summary.isEmpty ? "Imported from another system; no summary was given." : summary, stages: stages,
            records: records)
        return InterchangeRecord(representation: representation, history: history)
    }

    /// The same id for the same reference every time, so a converted file is stable and a
    /// second import of it finds the cases already there.
    static func id(for reference: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in reference.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b &* 0x0000_0100_0000_01b3) ^ UInt64(byte)
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s
        }
        return "legacy-" + hex(a) + hex(b)
    }
}
