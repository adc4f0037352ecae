import Foundation
import RedressCore
import SQLKit

/// Applies the retention schedule: a dry run lists what would go; the purge replaces each due
/// case with its anonymised form (`Representation.anonymised`), deletes its event history (the
/// commands hold free text) and writes one audit row per case, all in one transaction.
public struct RetentionStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func review(today: CalendarDate) async throws -> [RetentionDue] {
        let schedule = try await SettingsStore(database: database).retentionSchedule()
        return Retention.due(
            try await RepresentationStore(database: database).closedNotPurged(), schedule: schedule, today: today)
    }

    /// Purges everything due on `today`; returns what was purged.
    @discardableResult
    public func purge(today: CalendarDate, by username: String, userID: String? = nil) async throws -> [RetentionDue] {
        let schedule = try await SettingsStore(database: database).retentionSchedule()
        return try await database.transaction { sql in
            let candidates = try await RepresentationStore.load(
                where: "is_open = \(bind: false) AND has_follow_up = \(bind: false) AND purged_on IS NULL", on: sql)
            let due = Retention.due(candidates, schedule: schedule, today: today)
            let byID = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for item in due {
                guard let original = byID[item.id] else { continue }
                var a = original.anonymised(on: today)
                a.version = original.version + 1
                try await sql.raw(
                    """
                    UPDATE representation SET summary = \(bind: a.summary), advocate = \(bind: a.complainant.advocate),
                    complainant_name = NULL, complainant_contact = NULL, subject_name = NULL, restricted_to = NULL,
                    purged_on = \(bind: today.iso), detail = \(bind: String(decoding: try encoder.encode(a.records),
                    as: UTF8.self)),
                    version = \(bind: a.version), updated_at = \(bind: Timestamp.now()) WHERE id = \(bind: a.id)
                    """
                ).run()
                try await sql.raw("DELETE FROM stage WHERE representation_id = \(bind: a.id)").run()
                try await RepresentationStore.insertStages(of: [a], on: sql)
                try await sql.raw("DELETE FROM case_event WHERE representation_id = \(bind: a.id)").run()
                try await sql.raw("DELETE FROM equality_monitoring WHERE representation_id = \(bind: a.id)").run()
                try await DocumentStore.purge(representationID: a.id, on: sql)
                try await ContactLogStore.purge(representationID: a.id, on: sql)
                // The search document of what is left, without the contact log's words.
                try await SearchIndex.update([a], on: sql)
                try await AuditLog.append(
                    AuditEntry(
                        userID: userID, username: username, action: .purgedCase, representationID: a.id,
                        reference: a.reference,
                        detail: "closed \(item.closedOn.iso); destroy after \(item.destroyAfter.iso)"), on: sql)
            }
            return due
        }
    }
}
