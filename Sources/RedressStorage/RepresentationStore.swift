import Foundation
import RedressCore
import SQLKit

/// Representations and their stages: recording, reading, and the sets reports are built from.
public struct RepresentationStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    static let columns = """
        id, reference, kind, service_area, procedure_id, received_on, method, relationship, is_child, advocate,
        service_category, summary, detail, version, complainant_name, complainant_contact, subject_name, \
        restricted_to, purged_on,
        owner_id, merged_into
        """

    /// Records a validated new representation: assigns its reference and, for a complaint,
    /// opens its first stage with the deadline fixed now, all in one transaction.
    public func record(
        _ command: NewComplaint, engine: ClockEngine, audit: AuditEntry? = nil
    ) async throws -> Representation {
        try await database.transaction { sql in
            let year = FinancialYear(containing: command.receivedOn)
            let prefix = "\(Representation.referencePrefix(command.kind, command.serviceArea))-\(year.startYear)"
            let sequence = try await Self.nextSequence(prefix: prefix, on: sql)
            var representation = Representation(
                id: UUID().uuidString.lowercased(), reference: "\(prefix)-\(String.paddedSequence(sequence))",
                kind: command.kind, serviceArea: command.serviceArea,
                procedureID: command.kind.isHandledAsCase ? command.procedure.id : nil,
                receivedOn: command.receivedOn, methodOfReceipt: command.methodOfReceipt,
                complainant: command.complainant,
                serviceCategory: command.serviceCategory, summary: command.summary,
                stages: command.kind == .complaint
                    ? engine.openingStage(for: command.procedure, receivedOn: command.receivedOn).map { [$0] } ?? []
                    : [])
            representation.records.team = command.team
            representation.records.publicationQuote = command.publicationQuote
            representation.records.quoteConsent = command.quoteConsent
            representation.subjectName = command.subjectName
            try await Self.insert([representation], on: sql)
            if var audit {
                (audit.representationID, audit.reference) = (representation.id, representation.reference)
                try await AuditLog.append(audit, on: sql)
            }
            return representation
        }
    }

    /// Stores representations that already have references (demo data, later imports), in
    /// one transaction, and moves the reference counters past them.
    public func insertAll(
        _ representations: [Representation], histories: [String: [CaseHistoryEntry]] = [:],
        recordedBy: String = "import"
    ) async throws {
        try await database.transaction { sql in
            for chunk in representations.chunked(into: 400) {
                try await Self.insert(Array(chunk), on: sql)
            }
            try await CaseEventLog.appendHistories(histories, recordedBy: recordedBy, on: sql)
            try await Self.advanceReferenceCounters(for: representations, on: sql)
        }
    }

    /// Moves each reference prefix's counter past the highest number among `representations`,
    /// so the next recorded case does not reuse an imported reference.
    static func advanceReferenceCounters(for representations: [Representation], on sql: any SQLDatabase) async throws {
        var highest: [String: Int] = [:]
        for r in representations {
            guard let dash = r.reference.lastIndex(of: "-"), let n = Int(r.reference[r.reference.index(after: dash)...])
            else { continue }
            let prefix = String(r.reference[..<dash])
            highest[prefix] = max(highest[prefix] ?? 0, n)
        }
        for (prefix, n) in highest.sorted(by: { $0.key < $1.key }) {
            let current = try await sql.raw("SELECT last_value FROM reference_counter WHERE prefix = \(bind: prefix)")
                .first()?
                .decode(column: "last_value", as: Int.self)
            if let current {
                if n > current {
                    try await sql.raw(
                        "UPDATE reference_counter SET last_value = \(bind: n) WHERE prefix = \(bind: prefix)"
                    ).run()
                }
            } else {
                try await sql.raw(
                    "INSERT INTO reference_counter (prefix, last_value) VALUES (\(bind: prefix), \(bind: n))"
                ).run()
            }
        }
    }

    /// Applies a lifecycle command to a case as last read at `expectedVersion`: checks it, saves
    /// the stages, bumps the version and appends the audit event, all in one transaction. A
    /// stale version is refused (`DatabaseError.conflict`), never merged silently. `messages`
    /// (a notice to a new owner, say) go to the outbox in the same transaction.
    public func apply(
        _ command: CaseCommand, to id: String, expectedVersion: Int, lifecycle: Lifecycle, recordedBy: String,
        audit: AuditEntry? = nil,
        messages: [OutboxMessage] = []
    ) async throws -> Representation {
        try await database.transaction { sql in
            let updated = try await Self.apply(
                command, to: id, expectedVersion: expectedVersion, lifecycle: lifecycle, recordedBy: recordedBy,
                audit: audit, on: sql)
            try await OutboxStore.enqueue(messages, now: Int(Date().timeIntervalSince1970), on: sql)
            return updated
        }
    }

    /// One step on each of two cases, together or not at all: linking two cases, or merging a
    /// duplicate into its survivor. The first is checked against the version its form showed;
    /// the second is taken as it stands inside the transaction (its row is locked by the update).
    public func applyPair(
        _ first: CaseCommand, to firstID: String, expectedVersion: Int, lifecycle firstLifecycle: Lifecycle,
        _ second: CaseCommand, to secondID: String, lifecycle secondLifecycle: Lifecycle, recordedBy: String,
        audit: AuditEntry
    ) async throws -> (Representation, Representation) {
        try await database.transaction { sql in
            let a = try await Self.apply(
                first, to: firstID, expectedVersion: expectedVersion, lifecycle: firstLifecycle, recordedBy: recordedBy,
                audit: audit, on: sql)
            guard let other = try await Self.load(where: "id = \(bind: secondID)", on: sql).first else {
                throw DatabaseError.notFound
            }
            let b = try await Self.apply(
                second, to: secondID, expectedVersion: other.version, lifecycle: secondLifecycle,
                recordedBy: recordedBy,
                audit: audit, on: sql)
            return (a, b)
        }
    }

    static func apply(
        _ command: CaseCommand, to id: String, expectedVersion: Int, lifecycle: Lifecycle, recordedBy: String,
        audit: AuditEntry?, on sql: any SQLDatabase
    ) async throws -> Representation {
        guard let current = try await Self.load(where: "id = \(bind: id)", on: sql).first else {
            throw DatabaseError.notFound
        }
        guard current.version == expectedVersion else { throw DatabaseError.conflict(reference: current.reference) }
        var updated = try lifecycle.apply(command, to: current)
        updated.version = current.version + 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let detail = String(decoding: try encoder.encode(updated.records), as: UTF8.self)
        let c = updated.complainant
        let changed = try await sql.raw(
            """
            UPDATE representation SET version = \(bind: updated.version), is_open = \(bind: updated.isOpen),
            kind = \(bind: updated.kind.rawValue), procedure_id = \(bind: updated.procedureID),
            received_on = \(bind: updated.receivedOn.iso),
            has_follow_up = \(bind: updated.hasOpenFollowUps), detail = \(bind: detail), updated_at = \
            \(bind: Timestamp.now()),
            method = \(bind: updated.methodOfReceipt), relationship = \(bind: c.relationship), is_child = \
            \(bind: c.isChildOrYoungPerson),
            advocate = \(bind: c.advocate), service_category = \(bind: updated.serviceCategory), summary = \
            \(bind: updated.summary),
            complainant_name = \(bind: c.name), complainant_contact = \(bind: c.contact), subject_name = \
            \(bind: updated.subjectName),
            owner_id = \(bind: updated.owner), merged_into = \(bind: updated.mergedInto), closed_on = \
            \(bind: updated.closedOn?.iso), ombudsman_referred = \(bind: updated.isReferredToOmbudsman)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            """
        ).all()
        guard !changed.isEmpty else { throw DatabaseError.conflict(reference: current.reference) }
        try await sql.raw("DELETE FROM stage WHERE representation_id = \(bind: id)").run()
        try await Self.insertStages(of: [updated], on: sql)
        try await SearchIndex.update([updated], on: sql)
        let summary = command.summary(procedure: lifecycle.procedure, stage: updated.stages.last?.key)
        try await CaseEventLog.append(command, to: updated, recordedBy: recordedBy, summary: summary, on: sql)
        if var audit {
            (audit.representationID, audit.reference) = (updated.id, updated.reference)
            try await AuditLog.append(audit, on: sql)
        }
        return updated
    }

    /// Restricts a case to named users (`nil` lifts the restriction), as last read at
    /// `expectedVersion`, with its audit row in the same transaction.
    public func restrict(
        _ id: String, to userIDs: [String]?, expectedVersion: Int, audit: AuditEntry
    ) async throws -> Representation {
        try await database.transaction { sql in
            guard var current = try await Self.load(where: "id = \(bind: id)", on: sql).first else {
                throw DatabaseError.notFound
            }
            let changed = try await sql.raw(
                """
                UPDATE representation SET restricted_to = \(bind: try Self.restrictedJSON(userIDs)), version = \
                \(bind: expectedVersion + 1),
                updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: id) AND version = \(bind: expectedVersion) \
                RETURNING id
                """
            ).all()
            guard !changed.isEmpty else { throw DatabaseError.conflict(reference: current.reference) }
            var entry = audit
            (entry.representationID, entry.reference) = (current.id, current.reference)
            try await AuditLog.append(entry, on: sql)
            current.restrictedTo = userIDs
            current.version = expectedVersion + 1
            return current
        }
    }

    /// Every representation (retention review, subject access search).
    public func all() async throws -> [Representation] {
        try await load(where: "1 = 1")
    }

    /// Closed cases not yet purged: what the retention schedule reviews.
    public func closedNotPurged() async throws -> [Representation] {
        try await load(where: "is_open = \(bind: false) AND has_follow_up = \(bind: false) AND purged_on IS NULL")
    }

    /// The representation with this reference (any case, as typed), or `nil`.
    public func representation(reference: String) async throws -> Representation? {
        let wanted = reference.trimmingCharacters(in: .whitespaces).uppercased()
        guard !wanted.isEmpty, wanted.count <= 40 else { return nil }
        return try await load(where: "reference = \(bind: wanted)").first
    }

    /// One representation with its stages, or `nil`. A case already decoded at its stored version
    /// costs one statement (its version); otherwise it is read whole.
    public func representation(id: String) async throws -> Representation? {
        let cache = database.representationCache
        if cache.capacity > 0 {
            let version = try await database.readRepeated(Version(values: [id])) { row in
                try row.decode(column: "version", as: Int.self)
            }
            guard let version else { return nil }
            if let held = await cache.current([(id: id, version: version)]).found[id] { return held }
        }
        return try await load(where: "id = \(bind: id)").first
    }

    /// A case's version by its id (`$1`): read each time a case is opened.
    struct Version: RepeatedRead {
        static let name = "redress_case_version"
        static let sql = "SELECT version FROM representation WHERE id = $1"
        var values: [String]
    }

    /// Open complaints, oldest first.
    public func openComplaints() async throws -> [Representation] {
        try await load(where: "is_open = \(bind: true)")
    }

    /// Everything a report for `start...end` may count: received in the period, closed in it (a
    /// complaint withdrawn in the year has no response in it), or with a stage responded to in it.
    /// With `includingOmbudsmanDecisions`, also every case with an Ombudsman referral (decisions
    /// live in the case record; there are few, so they are filtered by date in the report).
    /// The stage test is a correlated `EXISTS` (an index probe per case), not `id IN (subquery)`
    /// inside the `OR`: PostgreSQL rescans such a subquery for every row once its result no
    /// longer fits in `work_mem`, which took minutes at a million cases.
    public func representations(
        relevantTo start: CalendarDate, _ end: CalendarDate, includingOmbudsmanDecisions: Bool = false
    ) async throws -> [Representation] {
        let base: SQLQueryString = """
            (received_on BETWEEN \(bind: start.iso) AND \(bind: end.iso))
            OR (closed_on BETWEEN \(bind: start.iso) AND \(bind: end.iso))
            OR EXISTS (SELECT 1 FROM stage s WHERE s.representation_id = representation.id AND s.responded_on BETWEEN \
            \(bind: start.iso) AND \(bind: end.iso))
            """
        let relevant = includingOmbudsmanDecisions ? base + " OR ombudsman_referred = \(bind: true)" : base
        // A duplicate merged into another case is counted once, as the survivor.
        return try await load(where: "(" + relevant + ") AND merged_into IS NULL")
    }

    /// Everything a report on `start`…`end` can count, including cases open at the end of any
    /// period in it: received by `end`, and received, closed or still open since `start` (the
    /// quarterly report's trends and snapshots).
    public func representations(activeBetween start: CalendarDate, _ end: CalendarDate) async throws -> [Representation]
    {
        try await load(
            where: """
                received_on <= \(bind: end.iso) AND (received_on >= \(bind: start.iso) OR is_open = \(bind: true) OR \
                has_follow_up = \(bind: true)
                OR EXISTS (SELECT 1 FROM stage s WHERE s.representation_id = representation.id AND (s.closed_on >= \
                \(bind: start.iso) OR s.responded_on >= \(bind: start.iso)))
                OR ombudsman_referred = \(bind: true)) AND merged_into IS NULL
                """)
    }

    /// Number of representations stored.
    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM representation").first()?.decode(column: "n", as: Int.self)
                ?? 0
        }
    }

    func load(where condition: SQLQueryString) async throws -> [Representation] {
        try await database.read { [cache = database.representationCache] sql in
            try await Self.load(where: condition, on: sql, cache: cache)
        }
    }

    /// Up to `limit` representations with their stages, in receipt order, after the one received on
    /// `after.0` with reference `after.1` (from the first when `nil`): a page for streaming through
    /// every case without holding them all (keyset paging: each page is an index range scan).
    static func page(
        after: (String, String)?, limit: Int, on sql: any SQLDatabase
    ) async throws
        -> [Representation]
    {
        var query = SQLQueryString("SELECT \(Self.columns) FROM representation")
        if let (received, reference) = after {
            query = query + " WHERE (received_on, reference) > (\(bind: received), \(bind: reference))"
        }
        query = query + " ORDER BY received_on, reference LIMIT \(literal: limit)"
        var representations = try await sql.raw(query).all().map { try Self.decodeRepresentation($0) }
        guard !representations.isEmpty else { return [] }
        let ids: [any Encodable & Sendable] = representations.map(\.id)
        var stages: [String: [Stage]] = [:]
        for row in try await sql.raw(
            """
            SELECT representation_id, detail FROM stage WHERE representation_id IN (\(binds: ids)) \
            ORDER BY representation_id, position
            """
        ).all() {
            stages[try row.decode(column: "representation_id", as: String.self), default: []].append(
                try Self.decodeStage(row))
        }
        for i in representations.indices { representations[i].stages = stages[representations[i].id] ?? [] }
        return representations
    }

    static func insert(_ representations: [Representation], on sql: any SQLDatabase) async throws {
        guard !representations.isEmpty else { return }
        let now = Timestamp.now()
        let insert = sql.insert(into: "representation").columns(
            "id", "reference", "kind", "service_area", "procedure_id", "received_on", "method", "relationship",
            "is_child",
            "advocate", "service_category", "summary", "is_open", "has_follow_up", "detail", "version", "created_at",
            "updated_at",
            "complainant_name", "complainant_contact", "subject_name", "restricted_to", "purged_on", "owner_id",
            "merged_into", "closed_on", "ombudsman_referred")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for r in representations {
            let detail = String(decoding: try encoder.encode(r.records), as: UTF8.self)
            insert.values(
                SQLBind(r.id), SQLBind(r.reference), SQLBind(r.kind.rawValue), SQLBind(r.serviceArea.rawValue),
                SQLBind(r.procedureID),
                SQLBind(r.receivedOn.iso), SQLBind(r.methodOfReceipt), SQLBind(r.complainant.relationship),
                SQLBind(r.complainant.isChildOrYoungPerson), SQLBind(r.complainant.advocate),
                SQLBind(r.serviceCategory),
                SQLBind(r.summary), SQLBind(r.isOpen), SQLBind(r.hasOpenFollowUps), SQLBind(detail), SQLBind(r.version),
                SQLBind(now), SQLBind(now),
                SQLBind(r.complainant.name), SQLBind(r.complainant.contact), SQLBind(r.subjectName),
                SQLBind(try restrictedJSON(r.restrictedTo)),
                SQLBind(r.purgedOn?.iso), SQLBind(r.owner), SQLBind(r.mergedInto), SQLBind(r.closedOn?.iso),
                SQLBind(r.isReferredToOmbudsman))
        }
        try await insert.run()
        try await insertStages(of: representations, on: sql)
        try await SearchIndex.update(representations, on: sql)
    }

    /// Stage rows: the whole stage as a JSON document, plus the columns queries select on.
    static func insertStages(of representations: [Representation], on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rows: [[any SQLExpression]] = []
        for r in representations {
            for (position, s) in r.stages.enumerated() {
                let detail = String(decoding: try encoder.encode(s), as: UTF8.self)
                rows.append([
                    SQLBind(r.id), SQLBind(position), SQLBind(s.key), SQLBind(s.openedOn.iso), SQLBind(s.dueOn?.iso),
                    SQLBind(s.respondedOn?.iso), SQLBind(s.closedOn?.iso), SQLBind(s.outcome), SQLBind(detail),
                ])
            }
        }
        for chunk in rows.chunked(into: 500) {
            let stages = sql.insert(into: "stage").columns(
                "representation_id", "position", "stage_key", "opened_on", "due_on", "responded_on", "closed_on",
                "outcome", "detail")
            for row in chunk { stages.values(row) }
            try await stages.run()
        }
    }

    static func nextSequence(prefix: String, on sql: any SQLDatabase) async throws -> Int {
        // One atomic upsert: concurrent recorders (PostgreSQL) get distinct numbers, and the
        // first complaint of a year creates its counter without a race.
        let row = try await sql.raw(
            """
            INSERT INTO reference_counter (prefix, last_value) VALUES (\(bind: prefix), 1)
            ON CONFLICT (prefix) DO UPDATE SET last_value = reference_counter.last_value + 1
            RETURNING last_value
            """
        ).first()
        guard let row else { throw DatabaseError.cannotOpen("the reference counter did not return a value") }
        return try row.decode(column: "last_value", as: Int.self)
    }

}
