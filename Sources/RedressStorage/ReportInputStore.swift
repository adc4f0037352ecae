import Foundation
import RedressCore
import SQLKit

/// What the council enters for its reports besides case records: context measures per year,
/// the report's recommendations and their progress, and equality monitoring (one row per
/// representation, in its own table so case screens never read it).
public struct ReportInputStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Everything a report reads besides the cases.
    public func inputs() async throws -> ReportInputs {
        ReportInputs(
            contextMeasures: try await contextMeasures(), recommendations: try await recommendations(),
            equality: try await equality(), ombudsmanLetters: try await ombudsmanLetters())
    }

    // MARK: - Context measures

    public func contextMeasures() async throws -> [ContextMeasure] {
        try await database.read { sql in
            try await sql.raw(
                "SELECT year, service_area, measure, value FROM context_measure ORDER BY year, service_area, measure"
            ).all().map { row in
                let area = try row.decode(column: "service_area", as: String.self)
                guard let serviceArea = ServiceArea(rawValue: area) else {
                    throw DatabaseError.corruptRow(table: "context_measure", column: "service_area", value: area)
                }
                return ContextMeasure(
                    year: try row.decode(column: "year", as: Int.self), serviceArea: serviceArea,
                    measure: try row.decode(column: "measure", as: String.self),
                    value: try row.decode(column: "value", as: Int.self))
            }
        }
    }

    /// Saves a measure. `previous` is the value the person saw (nil: they saw none); if someone
    /// has changed it since, nothing is saved and `conflict` is thrown.
    public func setContextMeasure(_ measure: ContextMeasure, previous: Int?) async throws {
        try await database.transaction { sql in
            let current = try await sql.raw(
                """
                SELECT value FROM context_measure WHERE year = \(bind: measure.year) AND service_area = \
                \(bind: measure.serviceArea.rawValue) AND measure = \(bind: measure.measure)
                """
            ).first()?.decode(column: "value", as: Int.self)
            guard current == previous else {
                throw DatabaseError.conflict(
                    reference: "\(measure.measure) for \(FinancialYear(startYear: measure.year))")
            }
            try await sql.raw(
                """
                DELETE FROM context_measure WHERE year = \(bind: measure.year) AND service_area = \
                \(bind: measure.serviceArea.rawValue) AND measure = \(bind: measure.measure)
                """
            ).run()
            try await sql.insert(into: "context_measure").columns(
                "year", "service_area", "measure", "value", "updated_at"
            )
            .values(
                SQLBind(measure.year), SQLBind(measure.serviceArea.rawValue), SQLBind(measure.measure),
                SQLBind(measure.value), SQLBind(Timestamp.now())
            ).run()
        }
    }

    // MARK: - Recommendations

    public func recommendations() async throws -> [ReportRecommendation] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM report_recommendation ORDER BY year, title, id").all().map { row in
                let status = try row.decode(column: "status", as: String.self)
                let area = try row.decode(column: "service_area", as: String?.self)
                let due = try row.decode(column: "due_on", as: String?.self)
                return ReportRecommendation(
                    id: try row.decode(column: "id", as: String.self),
                    year: try row.decode(column: "year", as: Int.self),
                    serviceArea: try area.map { a in
                        guard let v = ServiceArea(rawValue: a) else {
                            throw DatabaseError.corruptRow(
                                table: "report_recommendation", column: "service_area", value: a)
                        }
                        return v
                    },
                    title: try row.decode(column: "title", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    dueOn: try due.map { d in
                        guard let v = CalendarDate(iso: d) else {
                            throw DatabaseError.corruptRow(table: "report_recommendation", column: "due_on", value: d)
                        }
                        return v
                    },
                    status: try ReportRecommendation.Status(rawValue: status).orThrow(
                        DatabaseError.corruptRow(table: "report_recommendation", column: "status", value: status)),
                    progress: try row.decode(column: "progress", as: String.self),
                    version: try row.decode(column: "version", as: Int.self))
            }
        }
    }

    public func add(_ r: ReportRecommendation) async throws {
        try await database.transaction { sql in
            try await sql.insert(into: "report_recommendation")
                .columns(
                    "id", "year", "service_area", "title", "detail", "due_on", "status", "progress", "version",
                    "updated_at"
                )
                .values(
                    SQLBind(r.id), SQLBind(r.year), SQLBind(r.serviceArea?.rawValue), SQLBind(r.title),
                    SQLBind(r.detail), SQLBind(r.dueOn?.iso),
                    SQLBind(r.status.rawValue), SQLBind(r.progress), SQLBind(1), SQLBind(Timestamp.now())
                ).run()
        }
    }

    /// Records progress on a recommendation, from the version the person saw; a stale version
    /// is refused (`conflict`), never merged.
    public func updateProgress(
        id: String, status: ReportRecommendation.Status, progress: String, expectedVersion: Int
    ) async throws {
        try await database.transaction { sql in
            let row = try await sql.raw("SELECT title, version FROM report_recommendation WHERE id = \(bind: id)")
                .first()
            guard let row else { throw DatabaseError.notFound }
            guard try row.decode(column: "version", as: Int.self) == expectedVersion else {
                throw DatabaseError.conflict(
                    reference: "The recommendation \u{201C}\(try row.decode(column: "title", as: String.self))\u{201D}")
            }
            try await sql.raw(
                """
                UPDATE report_recommendation SET status = \(bind: status.rawValue), progress = \(bind: progress), \
                version = \(bind: expectedVersion + 1),
                updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
                """
            ).run()
        }
    }

    // MARK: - Equality monitoring

    public func equality() async throws -> [String: EqualityMonitoring] {
        try await database.read { sql in try await Self.equality(on: sql) }
    }

    static func equality(
        on sql: any SQLDatabase, of ids: [String]? = nil
    ) async throws
        -> [String: EqualityMonitoring]
    {
        var result: [String: EqualityMonitoring] = [:]
        var query = SQLQueryString(
            "SELECT representation_id, disability, gender, age_band, ethnicity FROM equality_monitoring")
        if let ids {
            guard !ids.isEmpty else { return [:] }
            let binds: [any Encodable & Sendable] = ids
            query = query + " WHERE representation_id IN (\(binds: binds))"
        }
        for row in try await sql.raw(query).all() {
            result[try row.decode(column: "representation_id", as: String.self)] = EqualityMonitoring(
                disability: try row.decode(column: "disability", as: String.self),
                gender: try row.decode(column: "gender", as: String.self),
                ageBand: try row.decode(column: "age_band", as: String.self),
                ethnicity: try row.decode(column: "ethnicity", as: String.self))
        }
        return result
    }

    /// One representation's answers, if any were recorded.
    public func equality(of id: String) async throws -> EqualityMonitoring? {
        try await database.read { sql in
            guard
                let row = try await sql.raw(
                    """
                    SELECT disability, gender, age_band, ethnicity FROM equality_monitoring WHERE \
                    representation_id = \(bind: id)
                    """
                ).first()
            else { return nil }
            return EqualityMonitoring(
                disability: try row.decode(column: "disability", as: String.self),
                gender: try row.decode(column: "gender", as: String.self),
                ageBand: try row.decode(column: "age_band", as: String.self),
                ethnicity: try row.decode(column: "ethnicity", as: String.self))
        }
    }

    /// The version of one representation's answers: 0 when none are recorded. A form saves
    /// against the version it showed (`saveEquality`).
    public func equalityVersion(of id: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT version FROM equality_monitoring WHERE representation_id = \(bind: id)").first()?
                .decode(column: "version", as: Int.self) ?? 0
        }
    }

    /// Saves one representation's answers as last read at `expectedVersion` (0: none yet). A
    /// change made since is refused with `DatabaseError.conflict`, never overwritten.
    public func saveEquality(_ answers: EqualityMonitoring, for r: Representation, expectedVersion: Int) async throws {
        try await database.transaction { sql in
            let current =
                try await sql.raw("SELECT version FROM equality_monitoring WHERE representation_id = \(bind: r.id)")
                .first()?
                .decode(column: "version", as: Int.self) ?? 0
            guard current == expectedVersion else { throw DatabaseError.conflict(reference: r.reference) }
            try await sql.raw("DELETE FROM equality_monitoring WHERE representation_id = \(bind: r.id)").run()
            try await sql.insert(into: "equality_monitoring")
                .columns("representation_id", "disability", "gender", "age_band", "ethnicity", "recorded_at", "version")
                .values(
                    SQLBind(r.id), SQLBind(answers.disability), SQLBind(answers.gender), SQLBind(answers.ageBand),
                    SQLBind(answers.ethnicity),
                    SQLBind(Timestamp.now()), SQLBind(current + 1)
                ).run()
        }
    }

    /// Records (or replaces) the monitoring answers for representations, in one transaction.
    public func setEquality(_ answers: [String: EqualityMonitoring]) async throws {
        try await database.transaction { sql in try await Self.setEquality(answers, on: sql) }
    }

    static func setEquality(_ answers: [String: EqualityMonitoring], on sql: any SQLDatabase) async throws {
        for (id, e) in answers.sorted(by: { $0.key < $1.key }) {
            try await sql.raw("DELETE FROM equality_monitoring WHERE representation_id = \(bind: id)").run()
            try await sql.insert(into: "equality_monitoring").columns(
                "representation_id", "disability", "gender", "age_band", "ethnicity", "recorded_at"
            )
            .values(
                SQLBind(id), SQLBind(e.disability), SQLBind(e.gender), SQLBind(e.ageBand), SQLBind(e.ethnicity),
                SQLBind(Timestamp.now())
            ).run()
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
