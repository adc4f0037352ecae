import Foundation
import RedressCore

/// One field at fault in a request, and why.
struct ProblemField: Sendable, Hashable, Codable {
    var field: String
    var message: String
}

/// A request body that does not fit its fields: every problem, by field.
struct APIBodyInvalid: Error, Sendable {
    var problems: [ProblemField]
    init(_ problems: [ProblemField]) { self.problems = problems }
}

/// One field of a JSON request body: its name, what it holds and whether it must be sent. The
/// same list checks a request (`APIBody.read`) and describes it in the OpenAPI contract
/// (`APIBody.schema`), so the contract cannot drift from what the server accepts.
struct APIField: Sendable {
    enum Kind: Sendable {
        /// An ISO 8601 calendar date, `2025-04-01`.
        case date
        /// Free text up to the given length.
        case text(maxLength: Int)
        /// One of a fixed list of codes.
        case choice([String])
        case boolean
        case integer(minimum: Int, maximum: Int)
        /// Pounds and pence as text, `250.00`.
        case money
        /// A list of codes.
        case list(maxItems: Int)
        /// A list of lines, which the form takes as one text, a line each.
        case lines(maxItems: Int)
    }

    var name: String
    var kind: Kind
    var required: Bool
    var description: String

    static func date(_ name: String, _ description: String, required: Bool = true) -> APIField {
        APIField(name: name, kind: .date, required: required, description: description)
    }
    static func text(_ name: String, _ description: String, required: Bool = true, maxLength: Int = 2_000) -> APIField {
        APIField(name: name, kind: .text(maxLength: maxLength), required: required, description: description)
    }
    static func choice(_ name: String, _ values: [String], _ description: String, required: Bool = true) -> APIField {
        APIField(name: name, kind: .choice(values), required: required, description: description)
    }
    static func boolean(_ name: String, _ description: String, required: Bool = true) -> APIField {
        APIField(name: name, kind: .boolean, required: required, description: description)
    }
    static func list(_ name: String, _ description: String, required: Bool = false) -> APIField {
        APIField(name: name, kind: .list(maxItems: 50), required: required, description: description)
    }
}

/// A request body checked against its fields: every value as text, dates as `CalendarDate`,
/// lists as arrays. What the domain's form parsers read (`formFields`).
struct APIBody: Sendable {
    var text: [String: String] = [:]
    var lists: [String: [String]] = [:]
    var dates: [String: CalendarDate] = [:]

    /// Reads `data` as a JSON object holding only `fields`, naming every problem by field.
    static func read(_ data: Data, fields: [APIField]) throws(APIBodyInvalid) -> APIBody {
        guard !data.isEmpty else {
            throw APIBodyInvalid([ProblemField(field: "", message: "The request needs a JSON object body")])
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONInput.self, from: data) else {
            throw APIBodyInvalid([ProblemField(field: "", message: "The body must be a JSON object")])
        }
        var body = APIBody(), problems: [ProblemField] = []
        let known = Set(fields.map(\.name))
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append(ProblemField(field: key, message: "\(key) is not a field of this request"))
        }
        for field in fields {
            guard let value = object[field.name] else {
                if field.required {
                    problems.append(ProblemField(field: field.name, message: "\(field.name) is required"))
                }
                continue
            }
            guard value != .null else {
                problems.append(
                    ProblemField(field: field.name, message: "\(field.name) cannot be null; leave it out instead"))
                continue
            }
            if let problem = body.take(value, for: field) {
                problems.append(ProblemField(field: field.name, message: problem))
            }
        }
        guard problems.isEmpty else { throw APIBodyInvalid(problems) }
        return body
    }

    /// Stores one value, or says what is wrong with it.
    private mutating func take(_ value: JSONInput, for field: APIField) -> String? {
        let name = field.name
        switch field.kind {
        case .date:
            guard case .string(let s) = value else { return "\(name) must be a date as text, like 2025-04-01" }
            guard let d = CalendarDate(iso: s) else {
                return "\(name) must be a real date written YYYY-MM-DD, like 2025-04-01"
            }
            dates[name] = d
            text[name] = s
        case .text(let maxLength):
            guard case .string(let s) = value else { return "\(name) must be text" }
            guard s.unicodeScalars.count <= maxLength else { return "\(name) must be \(maxLength) characters or fewer" }
            text[name] = s
        case .choice(let values):
            guard case .string(let s) = value, values.contains(s) else {
                return "\(name) must be one of: \(values.joined(separator: ", "))"
            }
            text[name] = s
        case .boolean:
            guard case .bool(let b) = value else { return "\(name) must be true or false" }
            text[name] = b ? "yes" : "no"
        case .integer(let minimum, let maximum):
            guard case .number(let n) = value, let i = Int(exactly: n), (minimum...maximum).contains(i) else {
                return "\(name) must be a whole number from \(minimum) to \(maximum)"
            }
            text[name] = String(i)
        case .money:
            guard case .string(let s) = value, s.wholeMatch(of: /[0-9]{1,7}(\.[0-9]{2})?/) != nil,
                Money.pence(from: s) != nil
            else {
                return "\(name) must be pounds and pence as text, like \"250.00\""
            }
            text[name] = s
        case .list(let maxItems), .lines(let maxItems):
            guard case .array(let items) = value, items.count <= maxItems else {
                return "\(name) must be a list of up to \(maxItems) texts"
            }
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item, s.unicodeScalars.count <= 200 else {
                    return "\(name) must hold only texts of 200 characters or fewer"
                }
                strings.append(s)
            }
            if case .lines = field.kind {
                guard strings.allSatisfy({ !$0.contains(where: \.isNewline) }) else {
                    return "\(name): each line must be one line"
                }
                text[name] = strings.joined(separator: "\n")
            } else {
                lists[name] = strings
            }
        }
        return nil
    }

    /// The body as a case form would send it: `step-name` for each field (and the bare name,
    /// for the fields a form sends unprefixed), dates split into day, month and year.
    func formFields(step: String) -> FormFields {
        var values: [String: [String]] = [:]
        for (name, value) in text {
            values["\(step)-\(name)"] = [value]
            values[name] = [value]
        }
        for (name, date) in dates {
            for (suffix, part) in [("day", date.day), ("month", date.month), ("year", date.year)] {
                values["\(step)-\(name)-\(suffix)"] = [String(part)]
            }
        }
        for (name, items) in lists {
            values["\(step)-\(name)"] = items
            values[name] = items
        }
        return FormFields(lists: values)
    }

    /// The JSON Schema of a body with these fields (no others allowed).
    static func schema(_ fields: [APIField]) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for field in fields {
            var p: [String: JSONValue]
            switch field.kind {
            case .date: p = ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
            case .text(let maxLength): p = ["type": "string", "maxLength": .int(maxLength)]
            case .choice(let values): p = ["type": "string", "enum": .array(values.map(JSONValue.string))]
            case .boolean: p = ["type": "boolean"]
            case .integer(let minimum, let maximum):
                p = ["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum)]
            case .money: p = ["type": "string", "pattern": "^[0-9]{1,7}(\\.[0-9]{2})?$"]
            case .list(let maxItems):
                p = ["type": "array", "maxItems": .int(maxItems), "items": ["type": "string", "maxLength": 200]]
            case .lines(let maxItems):
                p = [
                    "type": "array", "maxItems": .int(maxItems),
                    "items": [
                        "type": "string", "maxLength": 200,
                        "pattern": "^[^\\n\\r\\u000b\\u000c\\u0085\\u2028\\u2029]*$",
                    ],
                ]
            }
            p["description"] = .string(field.description)
            properties[field.name] = .object(p)
        }
        var schema: [String: JSONValue] = [
            "type": "object", "additionalProperties": false, "properties": .object(properties),
        ]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }
}

/// The JSON name of the field a form error points at: `respond-date-day` → `date`.
func apiFieldName(_ formField: String, step: String) -> String {
    var name = formField
    if name == "\(step)-form" { return "" }
    if name.hasPrefix("\(step)-") { name.removeFirst(step.count + 1) }
    for suffix in ["-day", "-month", "-year"] where name.hasSuffix(suffix) {
        name.removeLast(suffix.count)
    }
    return name
}

/// Any JSON value, read strictly: `true` is never the number 1, and a number is never text.
enum JSONInput: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONInput]), object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: JSONInput] = [:]
            for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(JSONInput.self, forKey: key) }
            self = .object(object)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var array: [JSONInput] = []
            while !unkeyed.isAtEnd { array.append(try unkeyed.decode(JSONInput.self)) }
            self = .array(array)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? single.decode(String.self) {
            self = .string(s)
        } else {
            self = .number(try single.decode(Double.self))
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
