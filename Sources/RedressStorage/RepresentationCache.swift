import RedressCore
import SQLKit

/// Representations already read and decoded, by id, each valid for exactly the version it was
/// read at. Every change to a case (a step, a restriction, a purge) bumps its version in the
/// same transaction, so a cached copy is used only while the stored row still has that
/// version: the check is one narrow query (`id, version`), and only new or changed cases are
/// read and decoded again. Work queues and reports read the same cases again and again; this
/// is what keeps them from decoding thousands of JSON documents per request.
///
/// Bounded: once `capacity` cases are held, cases not already held are read every time.
public final actor RepresentationCache {
    public let capacity: Int
    private var held: [String: Representation] = [:]

    public init(capacity: Int) { self.capacity = capacity }

    /// The cached copies of those `(id, version)` pairs that are current, and which are not.
    func current(_ keys: [(id: String, version: Int)]) -> (found: [String: Representation], missing: [String]) {
        var found: [String: Representation] = [:], missing: [String] = []
        found.reserveCapacity(keys.count)
        for key in keys {
            if let r = held[key.id], r.version == key.version { found[key.id] = r } else { missing.append(key.id) }
        }
        return (found, missing)
    }

    func keep(_ representations: [Representation]) {
        held.reserveCapacity(min(capacity, held.count + representations.count))
        for r in representations where held[r.id] != nil || held.count < capacity { held[r.id] = r }
    }

    /// Forgets every case (after a restore replaces the store's contents).
    public func removeAll() { held = [:] }

    /// How many cases are held (for tests and the metrics page).
    public var count: Int { held.count }
}

extension RepresentationStore {
    /// `load(where:on:)` through the cache: reads `id, version` for the condition, then reads
    /// and decodes only the cases not cached at that version.
    static func load(
        where condition: SQLQueryString, on sql: any SQLDatabase, cache: RepresentationCache?
    ) async throws -> [Representation] {
        guard let cache, cache.capacity > 0 else { return try await load(where: condition, on: sql) }
        // Nothing held yet (a command's one report, a server's first read): every case would be
        // read anyway, so the narrow `id, version` pass over the same rows is skipped.
        if await cache.count == 0 {
            let loaded = try await load(where: condition, on: sql)
            await cache.keep(loaded)
            return loaded
        }
        let keys = try await sql.raw(
            "SELECT id, version FROM representation WHERE " + condition + " ORDER BY received_on, reference"
        ).all().map { row in
            (
                id: try row.decode(column: "id", as: String.self),
                version: try row.decode(column: "version", as: Int.self)
            )
        }
        guard !keys.isEmpty else { return [] }
        var (found, missing) = await cache.current(keys)
        if !missing.isEmpty {
            // Everything changed (a cold cache): the plain query, not thousands of ids.
            let loaded =
                missing.count == keys.count
                ? try await load(where: condition, on: sql) : try await load(ids: missing, on: sql)
            await cache.keep(loaded)
            for r in loaded { found[r.id] = r }
        }
        return keys.compactMap { found[$0.id] }
    }

    /// The cases with these ids, read in batches.
    static func load(ids: [String], on sql: any SQLDatabase) async throws -> [Representation] {
        var loaded: [Representation] = []
        for chunk in ids.chunked(into: 500) {
            var list: SQLQueryString = "id IN ("
            for (i, id) in chunk.enumerated() { list = list + (i == 0 ? "" : ", ") + "\(bind: id)" }
            loaded += try await load(where: list + ")", on: sql)
        }
        return loaded
    }
}
