/// How a legacy system's spreadsheet export (Respond, iCasework, a council's own workbook) maps
/// onto Redress: which column holds each field, how its dates are written, and what each of
/// its values means as a Redress code. Read from a JSON file the complaints team writes once;
/// a value the mapping does not cover is reported with its line and column, never guessed.
/// See `docs/interchange.md`, "Importing from another system".
public struct LegacyMapping: Sendable, Hashable, Codable {
    /// The Redress fields a legacy row can fill.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case reference, receivedOn, kind, serviceArea, service, stage, stageOpenedOn, dueOn, respondedOn, outcome
        case natures, method, relationship, childOrYoungPerson, summary

        /// The code list a field's values must belong to, if any.
        var list: CategoryList? {
            switch self {
            case .service: .service
            case .outcome: .outcome
            case .natures: .nature
            case .method: .method
            case .relationship: .relationship
            default: nil
            }
        }

        var isDate: Bool { [.receivedOn, .stageOpenedOn, .dueOn, .respondedOn].contains(self) }
    }

    /// Field → the column heading that holds it.
    public var columns: [String: String]
    /// How dates are written: `dd/MM/yyyy` (the default), `d/M/yyyy`, `yyyy-MM-dd`, `dd-MM-yyyy`, `MM/dd/yyyy`.
    public var dateFormat: String?
    /// Field → the legacy value → the Redress code it means.
    public var values: [String: [String: String]]?
    /// Field → the value to use when its column is not mapped or the cell is empty.
    public var defaults: [String: String]?
    /// Cells of `natures` hold several values separated by this (default `;`).
    public var listSeparator: String?

    public init(
        columns: [String: String], dateFormat: String? = nil, values: [String: [String: String]]? = nil,
        defaults: [String: String]? = nil
    ) {
        self.columns = columns
        self.dateFormat = dateFormat
        self.values = values
        self.defaults = defaults
    }

    /// Problems with the mapping itself (unknown fields, an unsupported date format).
    public func problems() -> [ImportProblem] {
        var problems: [ImportProblem] = []
        let known = Set(Field.allCases.map(\.rawValue))
        let named = Set(columns.keys).union((values ?? [:]).keys).union((defaults ?? [:]).keys)
        for key in named.sorted() where !known.contains(key) {
            problems.append(
                ImportProblem(
                    line: 0, field: "mapping \(key)",
                    message:
                        "is not a field Redress imports (\(Field.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        if let format = dateFormat, !LegacyDate.formats.contains(format) {
            problems.append(
                ImportProblem(
                    line: 0, field: "mapping dateFormat",
                    message: "\"\(format)\" is not one of \(LegacyDate.formats.joined(separator: ", "))"))
        }
        for required in [Field.reference, .receivedOn] where columns[required.rawValue] == nil {
            problems.append(
                ImportProblem(
                    line: 0, field: "mapping columns", message: "must name the column for \(required.rawValue)"))
        }
        return problems
    }
}

/// Dates as legacy exports write them.
enum LegacyDate {
    static let formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "MM/dd/yyyy"]

    static func parse(_ text: String, format: String) -> CalendarDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        // Spreadsheets often add a time: "03/05/2022 00:00".
        let day = t.split(separator: " ").first.map(String.init) ?? t
        switch format {
        case "yyyy-MM-dd": return CalendarDate(iso: day)
        case "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "MM/dd/yyyy":
            let parts = day.split(separator: format.contains("-") ? "-" : "/", omittingEmptySubsequences: false)
            guard parts.count == 3,
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                parts[2].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2])
            else { return nil }
            if format.hasPrefix("dd"), parts[0].count != 2 || parts[1].count != 2 { return nil }
            return format == "MM/dd/yyyy"
                ? CalendarDate(year: y, month: a, day: b) : CalendarDate(year: y, month: b, day: a)
        default: return nil
        }
    }
}
