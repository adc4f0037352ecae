import Foundation

/// A council-editable letter: plain paragraphs with merge fields such as `{{reference}}`,
/// filled from the case when a letter is made (acknowledgement, extension, stage responses,
/// adjudication, panel outcome, refusal).
public struct LetterTemplate: Sendable, Hashable, Codable, Identifiable {
    public var id: String { key }
    /// Stable key: `acknowledgement`, `extension`, …
    public var key: String
    public var name: String
    /// The letter's text: paragraphs separated by blank lines, merge fields in double braces.
    public var body: String
    public var version: Int

    public init(key: String, name: String, body: String, version: Int = 1) {
        self.key = key
        self.name = name
        self.body = body
        self.version = version
    }

    /// Fields of the address blocks: a line holding only one of these, empty, is left out.
    static let addressFields: Set = ["council_address", "council_contact", "addressee", "complainant_address"]

    /// Every merge field a template may use, with what it is filled with.
    public static let fields: [(name: String, meaning: String)] = [
        ("council", "The council's name"),
        ("council_address", "The council's address (Council details)"),
        ("council_contact", "How to contact the complaints team (Council details)"),
        ("addressee", "The complainant's name for the address block, or nothing"),
        ("complainant_address", "The complainant's contact details as recorded, for a posted letter's address"),
        ("date", "Today's date"),
        ("reference", "The case reference"),
        ("complainant_name", "The complainant's name, or \"Sir or Madam\""),
        ("received_date", "The date the complaint was received"),
        ("stage", "The current (or last) stage"),
        ("due_date", "When the current stage's response is due, counting agreed extensions"),
        ("outcome", "The last stage's finding"),
        ("refusal_reason", "Why the council will not consider the complaint"),
        ("extension_reason", "Why more time is needed: the reason recorded with the latest extension"),
        ("ombudsman", "How to contact the Local Government and Social Care Ombudsman"),
        ("signed_by", "The person making the letter"),
    ]

    /// Problems with a template's text, each naming the line and the field: unknown or
    /// unclosed merge fields, an empty letter.
    public static func problems(in body: String) -> [String] {
        var problems: [String] = []
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("The letter is empty: enter its text")
        }
        let known = Set(fields.map(\.name))
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    problems.append("Line \(index + 1): a merge field is not closed with }}")
                    break
                }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if !known.contains(name) {
                    problems.append("Line \(index + 1): {{\(name)}} is not a merge field; use one of the fields listed")
                }
                rest = rest[close.upperBound...]
            }
        }
        return problems
    }

    /// The letter's text with every field filled; a value that is not recorded shows as
    /// "[not recorded: field]" so the officer sees it before sending.
    public func render(_ values: [String: String]) -> String {
        var out = ""
        // An address line whose field is empty is left out, so a letter has no gap or placeholder
        // where a council or complainant has no address recorded.
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let field = line.trimmingCharacters(in: .whitespaces)
            guard field.hasPrefix("{{"), field.hasSuffix("}}") else { return true }
            let name = field.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
            return !(Self.addressFields.contains(name) && (values[name] ?? "").isEmpty)
        }
        var rest = Substring(lines.joined(separator: "\n"))
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += values[name].flatMap { $0.isEmpty ? nil : $0 } ?? "[not recorded: \(name)]"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The merge values for a case.
    public static func values(
        for r: Representation, procedure: ProcedureDefinition?, reference: ReferenceData, calendar: WorkingDayCalendar,
        today: CalendarDate, council: CouncilIdentity, signedBy: String
    ) -> [String: String] {
        let stage = r.currentStage ?? r.stages.last
        let definition = stage.flatMap { s in procedure?.stage(s.key) }
        let due = stage.flatMap { s in
            definition.flatMap { d in
                ClockEngine(calendar: calendar).deadlines(for: s, definition: d).first {
                    $0.clockKey == d.responseClock?.key
                }?.dueOn
            }
        }
        return [
            "council": council.name, "council_address": council.address, "council_contact": council.complaintsTeam,
            "addressee": r.complainant.name ?? "", "complainant_address": r.complainant.contact ?? "",
            "date": today.longDisplay, "reference": r.reference,
            "complainant_name": r.complainant.name ?? "Sir or Madam", "received_date": r.receivedOn.longDisplay,
            "stage": definition.map { Self.inSentence($0.name) } ?? "", "due_date": due?.longDisplay ?? "",
            "outcome": (r.stages.last?.outcome).map { reference.label(.outcome, $0) } ?? "",
            "refusal_reason": (r.records.intake.refusal?.reason).map { reference.label(.refusalReason, $0) } ?? "",
            "extension_reason": stage?.extensions.last?.reason ?? "",
            "ombudsman": "Local Government and Social Care Ombudsman, www.lgo.org.uk, telephone 0300 061 0614",
            "signed_by": signedBy,
        ]
    }

    /// A stage's name as a sentence says it: "Stage 1: local resolution" is "stage 1 (local
    /// resolution)", so "under stage 1 (local resolution) of our complaints procedure" reads; a
    /// stage named for what it does is "the investigation and response stage".
    static func inSentence(_ name: String) -> String {
        let parts = name.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let head = parts[0].prefix(1).lowercased() + parts[0].dropFirst()
        guard head.hasPrefix("stage") else { return "the \(head) stage" }
        return parts.count == 2 && !parts[1].isEmpty ? "\(head) (\(parts[1]))" : head
    }

    /// The letterhead and the address block every standard letter starts with.
    static let letterhead = """
        {{council}}
        {{council_address}}
        {{council_contact}}

        {{addressee}}
        {{complainant_address}}

        {{date}}
        """

    /// The six letters every council sends, as starting points to edit.
    public static let standard: [LetterTemplate] = [
        LetterTemplate(
            key: "acknowledgement", name: "Acknowledgement",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}

                Thank you for your complaint, which we received on {{received_date}}. We are dealing with it under \
                {{stage}} of our complaints procedure and will respond by {{due_date}}.

                If you would like help to make your complaint, including from an advocate, please tell us.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
        LetterTemplate(
            key: "extension", name: "Extension of time",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}

                We need more time to respond to your complaint properly, because: {{extension_reason}}. We will now \
                respond by {{due_date}}. We are sorry for the delay.

                If you are unhappy with the delay, you can contact the {{ombudsman}}.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
        LetterTemplate(
            key: "stage-response", name: "Stage response",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}: our response at {{stage}}

                We have looked into your complaint. Our finding is: {{outcome}}.

                If you are not satisfied with this response, please tell us within 20 working days and we will \
                explain what you can do next.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
        LetterTemplate(
            key: "adjudication", name: "Stage 2 adjudication",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}: adjudication

                The Investigating Officer's and Independent Person's reports have been considered. The council's \
                finding is: {{outcome}}.

                If you remain dissatisfied, you may ask for a review panel within 20 working days.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
        LetterTemplate(
            key: "panel-outcome", name: "Review panel outcome",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}: the review panel

                The council has considered the review panel's recommendations. Our response is enclosed. The finding \
                is: {{outcome}}.

                If you remain dissatisfied you may complain to the {{ombudsman}}.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
        LetterTemplate(
            key: "refusal", name: "Complaint not considered",
            body: letterhead + """


                Dear {{complainant_name}}

                Your complaint, reference {{reference}}

                We have decided that we cannot consider your complaint under our complaints procedure. This is \
                because: {{refusal_reason}}.

                If you disagree with this decision you may contact the {{ombudsman}}.

                Yours sincerely

                {{signed_by}}
                {{council}}
                """),
    ]
}

/// A letter made from a template and kept on the case: the text as sent.
public struct Letter: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var representationID: String
    public var templateKey: String
    public var title: String
    public var body: String
    public var createdOn: CalendarDate
    public var createdBy: String

    public init(
        id: String, representationID: String, templateKey: String, title: String, body: String, createdOn: CalendarDate,
        createdBy: String
    ) {
        self.id = id
        self.representationID = representationID
        self.templateKey = templateKey
        self.title = title
        self.body = body
        self.createdOn = createdOn
        self.createdBy = createdBy
    }

    /// The letter's paragraphs (separated by blank lines), each a list of lines.
    public var paragraphs: [[String]] {
        body.components(separatedBy: "\n\n").map {
            $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }.filter { !$0.allSatisfy(\.isEmpty) }
    }
}
