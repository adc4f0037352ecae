import Foundation
import RedressCore
import RedressStorage

/// The API's OpenAPI 3.1 contract, served at `/api/v1/openapi.json`. Written here by hand from
/// the endpoint table and the request-field lists the server itself checks bodies with; a test
/// holds it to the router (every API route is in it, nothing else is), and schemathesis holds
/// the running server to it.
enum OpenAPIDocument {
    static let json: Data = APIJSON.encode(document)

    /// One operation: its endpoint, its OpenAPI path, and how it is described.
    struct Operation {
        var endpoint: Endpoint
        var path: String
        var summary: String
        var parameters: [JSONValue] = []
        var body: JSONValue?
        var responses: [Int: JSONValue]
    }

    /// The OpenAPI path of a router path: `:id` becomes `{id}`.
    static func openAPIPath(_ routerPath: String) -> String {
        routerPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    static var operations: [Operation] {
        let caseStates: [Int: JSONValue] = [
            200: ok("#/components/schemas/Case", etag: true), 400: problem, 401: problem, 403: problem, 404: problem,
            412: problem, 413: problem, 422: problem, 428: problem,
        ]
        var ops: [Operation] = [
            Operation(
                endpoint: .apiContract, path: openAPIPath(Endpoint.apiContract.path), summary: "This contract",
                responses: [
                    200: [
                        "description": "The OpenAPI document",
                        "content": ["application/json": ["schema": ["type": "object"]]],
                    ]
                ]),
            Operation(
                endpoint: .apiRepresentations, path: openAPIPath(Endpoint.apiRepresentations.path),
                summary: "List representations the token's user may see, oldest received first, a page at a time",
                parameters: [
                    query(
                        "kind",
                        ["type": "string", "enum": .array(RepresentationKind.allCases.map { .string($0.rawValue) })],
                        "What was received"),
                    query(
                        "serviceArea",
                        ["type": "string", "enum": .array(ServiceArea.allCases.map { .string($0.rawValue) })],
                        "Service area"),
                    query(
                        "service", ["type": "string", "minLength": 1, "maxLength": 100],
                        "Service code (the service list)"),
                    query("status", ["type": "string", "enum": ["open", "closed"]], "Open or closed"),
                    query(
                        "stage", ["type": "string", "minLength": 1, "maxLength": 100],
                        "Key of the latest stage (stage1, stage2, stage3, adults, …)"),
                    query("dueBefore", dateSchema, "An open stage due before this day"),
                    query("receivedFrom", dateSchema, "Received on or after"),
                    query("receivedTo", dateSchema, "Received on or before"),
                    query("closedFrom", dateSchema, "Closed on or after"),
                    query("closedTo", dateSchema, "Closed on or before"),
                    query(
                        "owner", ["type": "string", "minLength": 1, "maxLength": 64],
                        "Owned by this user id; me for yourself; nobody for unassigned"),
                    query(
                        "q", ["type": "string", "minLength": 1, "maxLength": 200],
                        "Search: reference (all or part), names, contact details or words of the summary; "
                            + "the best 500 matches, "
                            + "ranked. It must hold a letter or digit (of any script); otherwise 422"),
                    query("limit", ["type": "integer", "minimum": 1, "maximum": 500, "default": 50], "Page size"),
                    query(
                        "offset", ["type": "integer", "minimum": 0, "maximum": 10_000_000, "default": 0],
                        "Items to skip"),
                ],
                responses: [
                    200: ok("#/components/schemas/CasePage"),
                    400: problem, 401: problem, 403: problem, 422: problem,
                ]),
            Operation(
                endpoint: .apiRecordRepresentation, path: openAPIPath(Endpoint.apiRecordRepresentation.path),
                summary: "Record a complaint, compliment, comment or other representation (its clocks start at once)",
                body: APIBody.schema(CaseAPI.newFields),
                responses: [
                    201: ok("#/components/schemas/Case", etag: true, created: true), 401: problem, 403: problem,
                    413: problem, 422: problem,
                ]),
            Operation(
                endpoint: .apiRepresentation, path: openAPIPath(Endpoint.apiRepresentation.path),
                summary: "One representation with its stages, records and running clocks (the read is audited)",
                parameters: [idParameter],
                responses: [200: ok("#/components/schemas/Case", etag: true), 401: problem, 403: problem, 404: problem]),
            Operation(
                endpoint: .apiRestriction, path: openAPIPath(Endpoint.apiRestriction.path),
                summary: "Restrict who can see the case to named users, or lift the restriction",
                parameters: [idParameter, ifMatch], body: APIBody.schema(CaseAPI.restrictionFields),
                responses: caseStates),
            Operation(
                endpoint: .apiReferenceData, path: openAPIPath(Endpoint.apiReferenceData.path),
                summary: "The council's code lists",
                parameters: [
                    query(
                        "list", ["type": "string", "enum": .array(CategoryList.allCases.map { .string($0.rawValue) })],
                        "One list only")
                ],
                responses: [200: ok("#/components/schemas/ReferenceData"), 400: problem, 401: problem]),
            Operation(
                endpoint: .apiProcedures, path: openAPIPath(Endpoint.apiProcedures.path),
                summary: "The procedures: stages, time limits and extension limits as data",
                responses: [200: ok("#/components/schemas/Procedures"), 401: problem]),
            Operation(
                endpoint: .apiCalendar, path: openAPIPath(Endpoint.apiCalendar.path),
                summary: "Working days and bank holidays between two dates",
                parameters: [
                    query("from", dateSchema, "First day (default today)"),
                    query("to", dateSchema, "Last day (default 30 days on; at most 1,100 days after from)"),
                ],
                responses: [200: ok("#/components/schemas/Calendar"), 400: problem, 401: problem, 422: problem]),
            Operation(
                endpoint: .apiPeople, path: openAPIPath(Endpoint.apiPeople.path),
                summary: "The people pools (Investigating Officers, Independent Persons, panel members…)",
                responses: [200: ok("#/components/schemas/People"), 401: problem, 403: problem]),
            Operation(
                endpoint: .apiAddPerson, path: openAPIPath(Endpoint.apiAddPerson.path),
                summary: "Add someone to the pools",
                body: APIBody.schema(CouncilAPI.personFields),
                responses: [
                    201: ok("#/components/schemas/Person", created: true), 401: problem, 403: problem, 413: problem,
                    422: problem,
                ]),
            Operation(
                endpoint: .apiPersonAvailability, path: openAPIPath(Endpoint.apiPersonAvailability.path),
                summary: "Say whether someone can take new appointments",
                parameters: [idParameter], body: APIBody.schema(CouncilAPI.availabilityFields),
                responses: [
                    200: ok("#/components/schemas/Person"), 401: problem, 403: problem, 404: problem, 413: problem,
                    422: problem,
                ]),
            Operation(
                endpoint: .apiAnnualReport, path: openAPIPath(Endpoint.apiAnnualReport.path),
                summary: "The statutory annual report's figures for a financial year, derived from the records",
                parameters: [
                    query(
                        "year",
                        [
                            "type": "integer", "minimum": .int(APIQuery.reportYears.lowerBound),
                            "maximum": .int(APIQuery.reportYears.upperBound),
                        ], "Financial year by its starting calendar year (2025 = 2025-26); default last year"),
                    scopeParameter, decimalsParameter,
                ],
                responses: [200: ok("#/components/schemas/Report"), 400: problem, 401: problem, 403: problem]),
            Operation(
                endpoint: .apiQuarterlyReport, path: openAPIPath(Endpoint.apiQuarterlyReport.path),
                summary: "The quarterly performance report's figures",
                parameters: [
                    query(
                        "quarter", ["type": "string", "pattern": "^(20[0-9]{2}|2100)-Q[1-4]$"],
                        "Financial quarter, e.g. 2025-Q2; default the last full quarter"),
                    scopeParameter, decimalsParameter,
                ],
                responses: [200: ok("#/components/schemas/Report"), 400: problem, 401: problem, 403: problem]),
            Operation(
                endpoint: .apiSubmissions, path: openAPIPath(Endpoint.apiSubmissions.path),
                summary: "What the public sent through the online forms, by triage status",
                parameters: [
                    query(
                        "status", ["type": "string", "enum": ["new", "recorded", "declined"], "default": "new"],
                        "Triage status")
                ],
                responses: [200: ok("#/components/schemas/Submissions"), 400: problem, 401: problem, 403: problem]),
            Operation(
                endpoint: .apiAudit, path: openAPIPath(Endpoint.apiAudit.path),
                summary: "Search the audit trail, newest first",
                parameters: [
                    query("reference", ["type": "string", "minLength": 1, "maxLength": 64], "Case reference"),
                    query("username", ["type": "string", "minLength": 1, "maxLength": 100], "Who"),
                    query(
                        "action",
                        ["type": "string", "enum": .array(AuditAction.allCases.map { .string($0.rawValue) })], "What"),
                    query("from", dateSchema, "From (UTC date)"), query("to", dateSchema, "To (UTC date)"),
                    query("limit", ["type": "integer", "minimum": 1, "maximum": 1000, "default": 200], "At most"),
                ],
                responses: [200: ok("#/components/schemas/Audit"), 400: problem, 401: problem, 403: problem]),
        ]
        for step in APIStep.all {
            ops.append(
                Operation(
                    endpoint: .apiCaseStep,
                    path: openAPIPath(Endpoint.apiCaseStep.path).replacingOccurrences(of: "{step}", with: step.name),
                    summary: step.summary, parameters: [idParameter, ifMatch], body: APIBody.schema(step.fields),
                    responses: caseStates))
        }
        return ops
    }

    static var document: JSONValue {
        var paths: [String: JSONValue] = [:]
        for op in operations {
            var operation: JSONValue = [
                "operationId": .string(
                    op.endpoint == .apiCaseStep ? "step-" + op.path.split(separator: "/").last! : op.endpoint.rawValue),
                "summary": .string(op.summary),
                "responses": .object(Dictionary(uniqueKeysWithValues: op.responses.map { (String($0.key), $0.value) })),
            ]
            if !op.parameters.isEmpty { operation["parameters"] = .array(op.parameters) }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
            }
            if op.endpoint.access == .anyone { operation["security"] = [] }
            var item = paths[op.path] ?? [:]
            item[op.endpoint.method.rawValue.lowercased()] = operation
            paths[op.path] = item
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Redress API", "version": "1",
                "description": """
                Complaints, compliments and redress for council social care. Authenticate with a personal API token \
                (`redress token create`) as `Authorization: Bearer rdr_…`; the token acts as its user, with their role \
                and case access. Errors are RFC 9457 problems naming each field. Every change to a case sends the \
                ETag it read in If-Match; a stale one is refused with 412, never merged.
                """,
            ],
            "servers": [["url": "/"]],
            "security": [["bearerToken": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearerToken": ["type": "http", "scheme": "bearer"]], "schemas": OpenAPISchemas.all,
            ],
        ]
    }

    static let dateSchema: JSONValue = ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
    static let idParameter: JSONValue = [
        "name": "id", "in": "path", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 64],
    ]
    static let ifMatch: JSONValue = [
        "name": "If-Match", "in": "header", "required": true, "description": "The ETag from your last read of the case",
        "schema": ["type": "string", "pattern": "^\"[0-9]{1,12}\"$"],
    ]
    static let scopeParameter = query(
        "scope",
        ["type": "string", "enum": .array(ReportScope.allCases.map { .string($0.rawValue) }), "default": "all"],
        "Service areas")
    static let decimalsParameter = query(
        "decimals", ["type": "integer", "minimum": 0, "maximum": 1, "default": 0], "Decimal places in percentages")

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        [
            "name": .string(name), "in": "query", "required": false, "description": .string(description),
            "schema": schema,
        ]
    }

    static let problem: JSONValue = [
        "description": "A problem (RFC 9457)",
        "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
    ]

    static func ok(_ ref: String, etag: Bool = false, created: Bool = false) -> JSONValue {
        var response: JSONValue = [
            "description": created ? "Created" : "OK",
            "content": ["application/json": ["schema": ["$ref": .string(ref)]]],
        ]
        var headers: [String: JSONValue] = [:]
        if etag {
            headers["ETag"] = [
                "required": true, "description": "The record's version; send it in If-Match to change it",
                "schema": ["type": "string"],
            ]
        }
        if created {
            headers["Location"] = [
                "required": true, "description": "Where the new record is", "schema": ["type": "string"],
            ]
        }
        if !headers.isEmpty { response["headers"] = .object(headers) }
        return response
    }
}
