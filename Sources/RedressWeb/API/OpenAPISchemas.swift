import RedressCore

/// The response schemas of the OpenAPI contract. The representation is the interchange
/// format's (docs/interchange.schema.json holds every field); these name what a caller relies on.
enum OpenAPISchemas {
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let nullableDate: JSONValue = ["type": ["string", "null"], "format": "date"]
    static let nullableText: JSONValue = ["type": ["string", "null"]]

    static func object(_ required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(required.map(JSONValue.string)), "properties": .object(properties)]
    }

    static func list(of ref: String) -> JSONValue {
        ["type": "array", "items": ["$ref": .string("#/components/schemas/\(ref)")]]
    }

    static let all: JSONValue = [
        "Problem": object(
            ["type", "title", "status", "detail"],
            [
                "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                "detail": ["type": "string"],
                "errors": [
                    "type": "array",
                    "items": object(
                        ["field", "message"], ["field": ["type": "string"], "message": ["type": "string"]]),
                ],
            ]),
        "Deadline": object(
            ["stage", "clock", "name", "status"],
            [
                "stage": ["type": "string"], "clock": ["type": "string"], "name": ["type": "string"],
                "dueOn": nullableDate,
                "status": [
                    "type": "string",
                    "enum": [
                        "withdrawn", "met", "met-late", "not-started", "awaiting-agreement", "running", "overdue",
                    ],
                ],
                "workingDays": [
                    "type": ["integer", "null"], "description": "Taken (met), left (running) or over (overdue)",
                ],
            ]),
        "Representation": object(
            [
                "id", "reference", "kind", "serviceArea", "receivedOn", "methodOfReceipt", "complainant",
                "serviceCategory", "summary", "stages", "records", "version",
            ],
            [
                "id": ["type": "string"], "reference": ["type": "string"],
                "kind": ["type": "string", "enum": .array(RepresentationKind.allCases.map { .string($0.rawValue) })],
                "serviceArea": ["type": "string", "enum": .array(ServiceArea.allCases.map { .string($0.rawValue) })],
                "procedureID": nullableText, "receivedOn": date, "methodOfReceipt": ["type": "string"],
                "complainant": ["type": "object"],
                "serviceCategory": ["type": "string"], "summary": ["type": "string"], "subjectName": nullableText,
                "stages": [
                    "type": "array",
                    "items": [
                        "type": "object", "required": ["key", "openedOn"],
                        "properties": ["key": ["type": "string"], "openedOn": date],
                    ],
                ],
                "records": ["type": "object"], "version": ["type": "integer", "minimum": 1],
                "restrictedTo": ["type": ["array", "null"], "items": ["type": "string"]], "purgedOn": nullableDate,
            ]),
        "Case": object(
            ["representation", "deadlines"],
            [
                "representation": ["$ref": "#/components/schemas/Representation"], "deadlines": list(of: "Deadline"),
            ]),
        "CaseSummary": object(
            ["id", "reference", "kind", "serviceArea", "service", "receivedOn", "isOpen", "version"],
            [
                "id": ["type": "string"], "reference": ["type": "string"], "kind": ["type": "string"],
                "serviceArea": ["type": "string"],
                "service": ["type": "string"], "receivedOn": date, "isOpen": ["type": "boolean"], "stage": nullableText,
                "nextDeadline": ["oneOf": [["$ref": "#/components/schemas/Deadline"], ["type": "null"]]],
                "version": ["type": "integer"],
            ]),
        "CasePage": object(
            ["items", "total", "limit", "offset"],
            [
                "items": list(of: "CaseSummary"), "total": ["type": "integer", "minimum": 0],
                "limit": ["type": "integer"], "offset": ["type": "integer"],
                "next": ["type": ["string", "null"], "description": "The next page's address, while there is one"],
            ]),
        "ReferenceData": object(
            ["categories"],
            [
                "categories": [
                    "type": "array",
                    "items": object(
                        ["list", "code", "label", "isActive"],
                        [
                            "list": ["type": "string"], "code": ["type": "string"], "label": ["type": "string"],
                            "group": nullableText, "isActive": ["type": "boolean"],
                        ]),
                ]
            ]),
        "Procedures": object(
            ["procedures"],
            [
                "procedures": [
                    "type": "array",
                    "items": object(["id", "stages"], ["id": ["type": "string"], "stages": ["type": "array"]]),
                ]
            ]),
        "Calendar": object(
            ["division", "from", "to", "workingDays", "bankHolidays"],
            [
                "division": ["type": "string"], "from": date, "to": date, "workingDays": ["type": "integer"],
                "bankHolidays": [
                    "type": "array", "items": object(["date", "name"], ["date": date, "name": ["type": "string"]]),
                ],
            ]),
        "Person": object(
            ["id", "name", "roles", "isAvailable"],
            [
                "id": ["type": "string"], "name": ["type": "string"],
                "roles": ["type": "array", "items": ["type": "string"]], "isAvailable": ["type": "boolean"],
            ]),
        "People": object(["people"], ["people": list(of: "Person")]),
        "Report": object(["title", "sections"], ["title": ["type": "string"], "sections": ["type": "array"]]),
        "Submissions": object(
            ["submissions"],
            [
                "submissions": [
                    "type": "array",
                    "items": object(
                        ["id", "reference", "submittedOn"],
                        [
                            "id": ["type": "string"], "reference": ["type": "string"], "submittedOn": date,
                        ]),
                ]
            ]),
        "Audit": object(
            ["entries"],
            [
                "entries": [
                    "type": "array",
                    "items": object(
                        ["at", "username", "action", "detail"],
                        [
                            "id": ["type": ["integer", "null"]], "at": ["type": "string"],
                            "username": ["type": "string"], "action": ["type": "string"], "detail": ["type": "string"],
                            "representationID": nullableText, "reference": nullableText, "address": nullableText,
                        ]),
                ]
            ]),
    ]
}
