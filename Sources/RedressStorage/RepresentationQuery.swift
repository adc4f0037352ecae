import Foundation
import RedressCore
import SQLKit

/// What a case list can be narrowed by (the API's filters). Every condition is optional and
/// they combine with "and".
public struct RepresentationFilter: Sendable, Hashable {
    public var kind: RepresentationKind?
    public var serviceArea: ServiceArea?
    /// A code from the council's service list (the team or service complained about).
    public var service: String?
    /// `true` open, `false` closed.
    public var isOpen: Bool?
    /// The key of the case's latest stage (`stage1`, `adults`, …).
    public var stageKey: String?
    /// An open stage due strictly before this day.
    public var dueBefore: CalendarDate?
    /// Received on or after / on or before.
    public var receivedFrom: CalendarDate?
    public var receivedTo: CalendarDate?
    /// Closed on or after / on or before.
    public var closedFrom: CalendarDate?
    public var closedTo: CalendarDate?
    /// Owned by this user; `Owner.nobody` for cases no one owns.
    public var owner: String?
    /// Open with a stage due before this day (overdue on it).
    public var overdueOn: CalendarDate?
    /// Merged duplicates are left out unless asked for.
    public var includeMerged = false
    public var sort: Sort = .receivedNewest

    /// The order of a case list.
    public enum Sort: String, Sendable, CaseIterable, Hashable {
        case receivedNewest = "received-newest", receivedOldest = "received-oldest", dueSoonest = "due", reference

        public var displayName: String {
            switch self {
            case .receivedNewest: "Received, newest first"
            case .receivedOldest: "Received, oldest first"
            case .dueSoonest: "Next due date, soonest first"
            case .reference: "Reference"
            }
        }

        /// `cases` in this order (the same as `orderBy` gives in SQL).
        func sorted(_ cases: [Representation]) -> [Representation] {
            func due(_ r: Representation) -> Int {
                r.stages.filter(\.isOpen).compactMap(\.dueOn).map(\.dayNumber).min() ?? .max
            }
            switch self {
            case .receivedNewest: return cases.sorted { ($0.receivedOn, $0.reference) > ($1.receivedOn, $1.reference) }
            case .receivedOldest: return cases.sorted { ($0.receivedOn, $0.reference) < ($1.receivedOn, $1.reference) }
            case .dueSoonest: return cases.sorted { (due($0), $0.reference) < (due($1), $1.reference) }
            case .reference: return cases.sorted { $0.reference < $1.reference }
            }
        }

        var orderBy: String {
            switch self {
            case .receivedNewest: "received_on DESC, reference DESC"
            case .receivedOldest: "received_on, reference"
            case .dueSoonest:
                "(SELECT MIN(s.due_on) FROM stage s WHERE s.representation_id = representation.id AND s.closed_on IS NULL) IS NULL, "
                    + """
                        (SELECT MIN(s.due_on) FROM stage s WHERE s.representation_id = representation.id AND \
                        s.closed_on IS NULL), reference
                        """
            case .reference: "reference"
            }
        }
    }

    /// The owner value for cases no one owns.
    public static let nobody = "nobody"

    public init() {}

    init(sort: Sort) { self.sort = sort }

    /// Whether the filter narrows nothing (its order aside).
    public var narrowsNothing: Bool { self == RepresentationFilter(sort: sort) }

    /// Whether `r` passes the filters that can be checked on the case itself (not the stage
    /// or due-date filters, which need the database): for narrowing search results.
    public func matches(_ r: Representation) -> Bool {
        if let kind, r.kind != kind { return false }
        if let serviceArea, r.serviceArea != serviceArea { return false }
        if let service, r.serviceCategory != service { return false }
        if let isOpen, r.isOpen != isOpen { return false }
        if let owner, r.owner != (owner == Self.nobody ? nil : owner) { return false }
        if let receivedFrom, r.receivedOn < receivedFrom { return false }
        if let receivedTo, r.receivedOn > receivedTo { return false }
        if let closedFrom, (r.closedOn.map { $0 < closedFrom } ?? true) { return false }
        if let closedTo, (r.closedOn.map { $0 > closedTo } ?? true) { return false }
        if let stageKey, r.stages.last?.key != stageKey { return false }
        if !includeMerged, r.mergedInto != nil { return false }
        return true
    }

    var condition: SQLQueryString {
        var parts: [SQLQueryString] = ["1 = 1"]
        if let kind { parts.append("kind = \(bind: kind.rawValue)") }
        if let serviceArea { parts.append("service_area = \(bind: serviceArea.rawValue)") }
        if let service { parts.append("service_category = \(bind: service)") }
        if let isOpen { parts.append("is_open = \(bind: isOpen)") }
        if let receivedFrom { parts.append("received_on >= \(bind: receivedFrom.iso)") }
        if let receivedTo { parts.append("received_on <= \(bind: receivedTo.iso)") }
        if let stageKey {
            parts.append(
                """
                id IN (SELECT s.representation_id FROM stage s WHERE s.stage_key = \(bind: stageKey)
                AND s.position = (SELECT MAX(t.position) FROM stage t WHERE t.representation_id = s.representation_id))
                """)
        }
        if let closedFrom { parts.append("closed_on >= \(bind: closedFrom.iso)") }
        if let closedTo { parts.append("closed_on <= \(bind: closedTo.iso)") }
        if let owner { parts.append(owner == Self.nobody ? "owner_id IS NULL" : "owner_id = \(bind: owner)") }
        if let overdueOn {
            parts.append(
                """
                    is_open = \(bind: true) AND id IN (SELECT representation_id FROM stage WHERE closed_on IS NULL \
                    AND due_on < \(bind: overdueOn.iso))
                    """
            )
        }
        if !includeMerged { parts.append("merged_into IS NULL") }
        if let dueBefore {
            parts.append(
                """
                    id IN (SELECT representation_id FROM stage WHERE closed_on IS NULL AND due_on IS NOT NULL AND \
                    due_on < \(bind: dueBefore.iso))
                    """
            )
        }
        var condition = parts[0]
        for part in parts.dropFirst() { condition = condition + " AND " + part }
        return condition
    }
}

/// One page of a filtered case list, and how many match in all.
public struct RepresentationPage: Sendable {
    public var items: [Representation]
    public var total: Int

    public init(items: [Representation], total: Int) {
        self.items = items
        self.total = total
    }
}

extension RepresentationStore {
    /// The cases matching `filter` that `viewer` may see, oldest received first, `limit` from
    /// `offset`. Counting and paging happen in SQL for roles that see every case; roles that
    /// see cases by appointment are filtered case by case (they hold few).
    public func page(
        _ filter: RepresentationFilter, visibleTo viewer: Viewer, limit: Int, offset: Int
    ) async throws -> RepresentationPage {
        switch viewer.grant.caseScope {
        case .none:
            return RepresentationPage(items: [], total: 0)
        case .appointed:
            let all = filter.sort.sorted(
                try await Self.loadAll(filter.condition, database: database).filter(viewer.canSee))
            return RepresentationPage(items: Array(all.dropFirst(offset).prefix(limit)), total: all.count)
        case .all:
            // Restricted cases only for their named users; `restricted_to` is a JSON list of ids.
            let visible =
                filter.condition
                + " AND (restricted_to IS NULL OR restricted_to LIKE \(bind: "%\"\(viewer.userID)\"%"))"
            return try await database.read { sql in
                let total =
                    try await sql.raw("SELECT COUNT(*) AS n FROM representation WHERE " + visible).first()?.decode(
                        column: "n", as: Int.self) ?? 0
                let order = SQLQueryString(" ORDER BY \(filter.sort.orderBy)")
                let ids = try await sql.raw(
                    "SELECT id FROM representation WHERE " + visible + order
                        + " LIMIT \(bind: limit) OFFSET \(bind: offset)"
                )
                .all().map { try $0.decode(column: "id", as: String.self) }
                guard !ids.isEmpty else { return RepresentationPage(items: [], total: total) }
                var list: SQLQueryString = "id IN ("
                for (i, id) in ids.enumerated() { list = list + (i == 0 ? "" : ", ") + "\(bind: id)" }
                let byID = Dictionary(
                    uniqueKeysWithValues: try await Self.load(
                        where: list + ")", on: sql, cache: database.representationCache
                    )
                    .filter(viewer.canSee).map { ($0.id, $0) })
                return RepresentationPage(items: ids.compactMap { byID[$0] }, total: total)
            }
        }
    }

    /// The cases matching a search, best first, within `scope` (`SearchIndex`).
    public func search(_ query: SearchQuery, scope: SearchIndex.Scope, limit: Int) async throws -> [Representation] {
        try await representations(ids: try await searchIDs(query, scope: scope, limit: limit))
    }

    /// The ids of the cases matching a search, best first, within `scope`: cheap, so a caller
    /// can count the matches and read only the page it shows.
    public func searchIDs(_ query: SearchQuery, scope: SearchIndex.Scope, limit: Int) async throws -> [String] {
        let engine = database.engine
        return try await database.read { sql in
            try await SearchIndex.search(query, scope: scope, limit: limit, engine: engine, on: sql)
        }
    }

    /// These cases, in this order (ids not found are left out).
    public func representations(ids: [String]) async throws -> [Representation] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { [cache = database.representationCache] sql in
            var list: SQLQueryString = "id IN ("
            for (i, id) in ids.enumerated() { list = list + (i == 0 ? "" : ", ") + "\(bind: id)" }
            let byID = Dictionary(
                uniqueKeysWithValues: try await Self.load(where: list + ")", on: sql, cache: cache).map { ($0.id, $0) })
            return ids.compactMap { byID[$0] }
        }
    }

    /// Each owner's open cases and, of those, how many have a stage overdue on `today`.
    public func caseloads(today: CalendarDate) async throws -> [String: (open: Int, overdue: Int)] {
        try await database.read { sql in
            var result: [String: (open: Int, overdue: Int)] = [:]
            for row in try await sql.raw(
                """
                SELECT owner_id, COUNT(*) AS open,
                SUM(CASE WHEN EXISTS (SELECT 1 FROM stage s WHERE s.representation_id = representation.id AND \
                s.closed_on IS NULL
                    AND s.due_on < \(bind: today.iso)) THEN 1 ELSE 0 END) AS overdue
                FROM representation WHERE is_open = \(bind: true) AND owner_id IS NOT NULL GROUP BY owner_id
                """
            ).all() {
                result[try row.decode(column: "owner_id", as: String.self)] = (
                    try row.decode(column: "open", as: Int.self),
                    try row.decode(column: "overdue", as: Int?.self) ?? 0
                )
            }
            return result
        }
    }

    /// The ids of every case a person from the pool is appointed to, at any stage.
    public func appointedCaseIDs(personID: String) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw(
                """
                    SELECT DISTINCT representation_id FROM stage WHERE detail LIKE \
                    \(bind: "%\"personID\":\"\(personID)\"%")
                    """
            )
            .all().map { try $0.decode(column: "representation_id", as: String.self) }
        }
    }

    private static func loadAll(_ condition: SQLQueryString, database: Database) async throws -> [Representation] {
        try await database.read { [cache = database.representationCache] sql in
            try await load(where: condition, on: sql, cache: cache)
        }
    }
}
