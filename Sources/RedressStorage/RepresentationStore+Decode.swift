import Foundation
import RedressCore
import SQLKit

/// Reading cases back: the one statement that reads cases with their stages, and the decoding of
/// a row and its documents, shared by every read of whole cases.
extension RepresentationStore {
    /// The cases meeting `condition` with their stages, in one statement: each case is a run of
    /// rows, one a stage in order (one row with no stage when it has none). Reading the stages by
    /// a second statement meant testing `condition` against every case twice.
    static func load(where condition: SQLQueryString, on sql: any SQLDatabase) async throws -> [Representation] {
        // The stage's columns are renamed in a subquery, so `condition` names the case's own.
        let query =
            SQLQueryString(
                """
                SELECT \(Self.columns), g.stage_detail FROM representation LEFT JOIN (SELECT representation_id \
                AS stage_owner, position AS stage_position, detail AS stage_detail FROM stage) g \
                ON g.stage_owner = representation.id WHERE
                """) + " " + condition + " ORDER BY received_on, reference, g.stage_position"
        // Each batch of whole cases is decoded on another core while the statement goes on.
        let pipeline = CaseRowPipeline { rows, runs in
            try runs.map { run in
                var representation = try Self.decodeRepresentation(rows[run.lowerBound])
                representation.stages = try rows[run].compactMap { row in
                    try row.decode(column: "stage_detail", as: String?.self).map { try Self.stage($0) }
                }
                return representation
            }
        }
        try await sql.execute(sql: query) { pipeline.add($0) }
        return try await pipeline.finish()
    }

    static func decodeRepresentation(_ row: any SQLRow) throws -> Representation {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optionalText(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func day(from value: String, column: String) throws -> CalendarDate {
            guard let d = CalendarDate(iso: value) else {
                throw DatabaseError.corruptRow(table: "representation", column: column, value: value)
            }
            return d
        }
        func day(_ column: String) throws -> CalendarDate { try day(from: text(column), column: column) }
        let kindText = try text("kind"), areaText = try text("service_area")
        guard let kind = RepresentationKind(rawValue: kindText) else {
            throw DatabaseError.corruptRow(table: "representation", column: "kind", value: kindText)
        }
        guard let area = ServiceArea(rawValue: areaText) else {
            throw DatabaseError.corruptRow(table: "representation", column: "service_area", value: areaText)
        }
        var r = Representation(
            id: try text("id"), reference: try text("reference"), kind: kind, serviceArea: area,
            procedureID: try optionalText("procedure_id"), receivedOn: try day("received_on"),
            methodOfReceipt: try text("method"),
            complainant: Complainant(
                relationship: try text("relationship"),
                isChildOrYoungPerson: try row.decode(column: "is_child", as: Bool.self),
                advocate: try optionalText("advocate"), name: try optionalText("complainant_name"),
                contact: try optionalText("complainant_contact")),
            serviceCategory: try text("service_category"), summary: try text("summary"),
            records: try records(text("detail")),
            version: try row.decode(column: "version", as: Int.self),
            subjectName: try optionalText("subject_name"))
        if let named = try optionalText("restricted_to") {
            guard let ids = try? JSONDecoder().decode([String].self, from: Data(named.utf8)) else {
                throw DatabaseError.corruptRow(
                    table: "representation", column: "restricted_to", value: String(named.prefix(80)))
            }
            r.restrictedTo = ids
        }
        r.purgedOn = try optionalText("purged_on").map { try day(from: $0, column: "purged_on") }
        r.owner = try optionalText("owner_id")
        r.mergedInto = try optionalText("merged_into")
        return r
    }

    static func restrictedJSON(_ ids: [String]?) throws -> String? {
        try ids.map { String(decoding: try JSONEncoder().encode($0.sorted()), as: UTF8.self) }
    }

    static func records(_ json: String) throws -> CaseRecords {
        do { return try DocumentDecoder().decode(CaseRecords.self, from: json) } catch {
            throw DatabaseError.corruptRow(table: "representation", column: "detail", value: String(json.prefix(80)))
        }
    }

    static func decodeStage(_ row: any SQLRow) throws -> Stage {
        try stage(try row.decode(column: "detail", as: String.self))
    }

    static func stage(_ detail: String) throws -> Stage {
        do {
            return try DocumentDecoder().decode(Stage.self, from: detail)
        } catch {
            throw DatabaseError.corruptRow(table: "stage", column: "detail", value: String(detail.prefix(80)))
        }
    }
}
