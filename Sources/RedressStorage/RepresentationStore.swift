import Foundation
import RedressCore
import SQLKit

/// Representations and their stages: recording, reading, and the sets reports are built from.
public struct RepresentationStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    private static let columns = """
        id, reference, kind, service_area, procedure_id, received_on, method, relationship, is_child, advocate,
        service_category, summary, acknowledged_on, agreed_response_on, version
        """

    /// Records a validated new complaint: assigns its reference, opens its first stage with the
    /// deadline fixed now, and stores both in one transaction.
    public func record(_ command: NewComplaint, engine: ClockEngine) async throws -> Representation {
        try await database.transaction { sql in
            let year = FinancialYear(containing: command.receivedOn)
            let prefix = "\(command.serviceArea.referencePrefix)-\(year.startYear)"
            let sequence = try await Self.nextSequence(prefix: prefix, on: sql)
            let representation = Representation(
                id: UUID().uuidString.lowercased(), reference: "\(prefix)-\(String(paddedSequence: sequence))",
                kind: .complaint, serviceArea: command.serviceArea, procedureID: command.procedure.id,
                receivedOn: command.receivedOn, methodOfReceipt: command.methodOfReceipt, complainant: command.complainant,
                serviceCategory: command.serviceCategory, summary: command.summary,
                stages: engine.openingStage(for: command.procedure, receivedOn: command.receivedOn).map { [$0] } ?? [])
            try await Self.insert([representation], on: sql)
            return representation
        }
    }

    /// Stores representations that already have references (demo data, later imports), in
    /// one transaction, and moves the reference counters past them.
    public func insertAll(_ representations: [Representation]) async throws {
        try await database.transaction { sql in
            for chunk in representations.chunked(into: 400) {
                try await Self.insert(Array(chunk), on: sql)
            }
            var highest: [String: Int] = [:]
            for r in representations {
                guard let dash = r.reference.lastIndex(of: "-"), let n = Int(r.reference[r.reference.index(after: dash)...]) else { continue }
                let prefix = String(r.reference[..<dash])
                highest[prefix] = max(highest[prefix] ?? 0, n)
            }
            for (prefix, n) in highest {
                let current = try await sql.raw("SELECT last_value FROM reference_counter WHERE prefix = \(bind: prefix)").first()?
                    .decode(column: "last_value", as: Int.self)
                if let current {
                    if n > current { try await sql.raw("UPDATE reference_counter SET last_value = \(bind: n) WHERE prefix = \(bind: prefix)").run() }
                } else {
                    try await sql.raw("INSERT INTO reference_counter (prefix, last_value) VALUES (\(bind: prefix), \(bind: n))").run()
                }
            }
        }
    }

    /// One representation with its stages, or `nil`.
    public func representation(id: String) async throws -> Representation? {
        try await load(where: "id = \(bind: id)").first
    }

    /// Open complaints, oldest first.
    public func openComplaints() async throws -> [Representation] {
        try await load(where: "is_open = \(bind: true)")
    }

    /// Everything a report for `start...end` may count: received in the period, or with a stage
    /// responded to in it.
    public func representations(relevantTo start: CalendarDate, _ end: CalendarDate) async throws -> [Representation] {
        try await load(where: """
            (received_on BETWEEN \(bind: start.iso) AND \(bind: end.iso))
            OR id IN (SELECT representation_id FROM stage WHERE responded_on BETWEEN \(bind: start.iso) AND \(bind: end.iso))
            """)
    }

    /// Number of representations stored.
    public func count() async throws -> Int {
        try await database.withSQL { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM representation").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private func load(where condition: SQLQueryString) async throws -> [Representation] {
        try await database.withSQL { sql in
            let base = SQLQueryString("SELECT \(Self.columns) FROM representation WHERE ")
            let rows = try await sql.raw(base + condition + " ORDER BY received_on, reference").all()
            var representations = try rows.map(Self.decodeRepresentation)
            guard !representations.isEmpty else { return [] }
            let stageQuery = SQLQueryString("""
                SELECT representation_id, stage_key, opened_on, due_on, extended_to, responded_on, outcome FROM stage
                WHERE representation_id IN (SELECT id FROM representation WHERE
                """) + " " + condition + ") ORDER BY representation_id, position"
            var stages: [String: [Stage]] = [:]
            for row in try await sql.raw(stageQuery).all() {
                let owner = try row.decode(column: "representation_id", as: String.self)
                stages[owner, default: []].append(try Self.decodeStage(row))
            }
            for i in representations.indices { representations[i].stages = stages[representations[i].id] ?? [] }
            return representations
        }
    }

    static func insert(_ representations: [Representation], on sql: any SQLDatabase) async throws {
        guard !representations.isEmpty else { return }
        let now = Timestamp.now()
        let insert = sql.insert(into: "representation").columns(
            "id", "reference", "kind", "service_area", "procedure_id", "received_on", "method", "relationship", "is_child",
            "advocate", "service_category", "summary", "acknowledged_on", "agreed_response_on", "is_open", "version",
            "created_at", "updated_at")
        var stageRows: [[any SQLExpression]] = []
        for r in representations {
            insert.values(
                SQLBind(r.id), SQLBind(r.reference), SQLBind(r.kind.rawValue), SQLBind(r.serviceArea.rawValue), SQLBind(r.procedureID),
                SQLBind(r.receivedOn.iso), SQLBind(r.methodOfReceipt), SQLBind(r.complainant.relationship),
                SQLBind(r.complainant.isChildOrYoungPerson), SQLBind(r.complainant.advocate), SQLBind(r.serviceCategory),
                SQLBind(r.summary), SQLBind(r.acknowledgedOn?.iso), SQLBind(r.agreedResponseDate?.iso), SQLBind(r.isOpen),
                SQLBind(r.version), SQLBind(now), SQLBind(now))
            for (position, s) in r.stages.enumerated() {
                stageRows.append([
                    SQLBind(r.id), SQLBind(position), SQLBind(s.key), SQLBind(s.openedOn.iso), SQLBind(s.dueOn?.iso),
                    SQLBind(s.extendedTo?.iso), SQLBind(s.respondedOn?.iso), SQLBind(s.outcome),
                ])
            }
        }
        try await insert.run()
        for chunk in stageRows.chunked(into: 500) {
            let stages = sql.insert(into: "stage").columns(
                "representation_id", "position", "stage_key", "opened_on", "due_on", "extended_to", "responded_on", "outcome")
            for row in chunk { stages.values(row) }
            try await stages.run()
        }
    }

    static func nextSequence(prefix: String, on sql: any SQLDatabase) async throws -> Int {
        // One atomic upsert: concurrent recorders (PostgreSQL) get distinct numbers, and the
        // first complaint of a year creates its counter without a race.
        let row = try await sql.raw("""
            INSERT INTO reference_counter (prefix, last_value) VALUES (\(bind: prefix), 1)
            ON CONFLICT (prefix) DO UPDATE SET last_value = reference_counter.last_value + 1
            RETURNING last_value
            """).first()
        guard let row else { throw DatabaseError.cannotOpen("the reference counter did not return a value") }
        return try row.decode(column: "last_value", as: Int.self)
    }

    static func decodeRepresentation(_ row: any SQLRow) throws -> Representation {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optionalText(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func day(_ column: String) throws -> CalendarDate {
            let value = try text(column)
            guard let d = CalendarDate(iso: value) else { throw DatabaseError.corruptRow(table: "representation", column: column, value: value) }
            return d
        }
        func optionalDay(_ column: String) throws -> CalendarDate? {
            guard let value = try optionalText(column) else { return nil }
            guard let d = CalendarDate(iso: value) else { throw DatabaseError.corruptRow(table: "representation", column: column, value: value) }
            return d
        }
        let kindText = try text("kind"), areaText = try text("service_area")
        guard let kind = RepresentationKind(rawValue: kindText) else { throw DatabaseError.corruptRow(table: "representation", column: "kind", value: kindText) }
        guard let area = ServiceArea(rawValue: areaText) else { throw DatabaseError.corruptRow(table: "representation", column: "service_area", value: areaText) }
        return Representation(
            id: try text("id"), reference: try text("reference"), kind: kind, serviceArea: area,
            procedureID: try optionalText("procedure_id"), receivedOn: try day("received_on"), methodOfReceipt: try text("method"),
            complainant: Complainant(
                relationship: try text("relationship"), isChildOrYoungPerson: try row.decode(column: "is_child", as: Bool.self),
                advocate: try optionalText("advocate")),
            serviceCategory: try text("service_category"), summary: try text("summary"),
            acknowledgedOn: try optionalDay("acknowledged_on"), agreedResponseDate: try optionalDay("agreed_response_on"),
            version: try row.decode(column: "version", as: Int.self))
    }

    static func decodeStage(_ row: any SQLRow) throws -> Stage {
        func optionalDay(_ column: String) throws -> CalendarDate? {
            guard let value = try row.decode(column: column, as: String?.self) else { return nil }
            guard let d = CalendarDate(iso: value) else { throw DatabaseError.corruptRow(table: "stage", column: column, value: value) }
            return d
        }
        let opened = try row.decode(column: "opened_on", as: String.self)
        guard let openedOn = CalendarDate(iso: opened) else { throw DatabaseError.corruptRow(table: "stage", column: "opened_on", value: opened) }
        return Stage(
            key: try row.decode(column: "stage_key", as: String.self), openedOn: openedOn,
            dueOn: try optionalDay("due_on"), extendedTo: try optionalDay("extended_to"),
            respondedOn: try optionalDay("responded_on"), outcome: try row.decode(column: "outcome", as: String?.self))
    }
}
