import RedressCore
import SQLKit

/// The work queue as the store knows it: which cases are on it, and one value that changes
/// whenever any of them does.
extension RepresentationStore {
    /// On the work queue: open, or closed with Ombudsman remedies or actions still to complete.
    /// Written as the partial index `representation_work_queue` is, without bound parameters, so
    /// the engine can see that the index covers a query with this condition.
    static let onWorkQueue = "is_open OR has_follow_up"

    /// Everything on a work queue: open complaints, and closed ones with Ombudsman remedies or
    /// actions still to complete.
    public func workQueueCases() async throws -> [Representation] {
        try await load(where: "\(unsafeRaw: Self.onWorkQueue)")
    }

    /// What is on the work queue as one value, which changes whenever a case joins the queue,
    /// leaves it or changes on it: how many cases, the sum of their versions and their ids in
    /// order. Every change to a case bumps its version, and versions only grow, so with the same
    /// cases on the queue a change moves the sum; a case joining or leaving changes the ids.
    /// Pages that work out the queue's deadlines keep what they worked out while this is
    /// unchanged; reading it is one row from one index (`representation_work_queue`), not a row
    /// per case. Read it before the cases it stands for: a change made in between then makes the
    /// next reading differ, never the other way round.
    public func workQueueStamp() async throws -> String {
        try await database.readRepeated(WorkQueueStamp()) { row in try row.decode(column: "stamp", as: String.self) }
            ?? ""
    }

    /// The stamp's statement. The ids come in the index's order; were an engine to join them in
    /// another, the stamp would differ and the work be done again. PostgreSQL sends the ids' MD5
    /// digest rather than the ids (40 KB at a thousand cases), since they cross the network on
    /// every dashboard; SQLite has no digest and no network.
    struct WorkQueueStamp: RepeatedRead {
        static let name = "redress_work_queue_stamp"
        static let sql = text(joining: "md5(coalesce(string_agg(id, ','), ''))")
        static let sqliteText = text(joining: "coalesce(group_concat(id, ','), '')")
        var values: [String] { [] }

        static func text(joining join: String) -> String {
            """
            SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || \(join) AS stamp \
            FROM (SELECT id, version FROM representation WHERE \(onWorkQueue) ORDER BY id) queued
            """
        }
    }
}
