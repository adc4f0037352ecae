import SQLKit

extension Migrator {
    /// Report facts kept in plain columns beside the case's documents, so a report can choose its
    /// cases by index instead of reading every case's documents.
    static let reportFacts: [Migration] = [
        // A report counts the Ombudsman's decisions of its year whenever the case closed: it chose
        // those cases by searching every case's records for a referral (`detail LIKE …`), a read of
        // every document in the database even for an empty year.
        Migration(
            17, "Mark the cases referred to the Ombudsman, for reports to find them by index",
            statements: { _ in
                [
                    "ALTER TABLE representation ADD COLUMN ombudsman_referred BOOLEAN NOT NULL DEFAULT FALSE",
                    """
                    CREATE INDEX representation_ombudsman ON representation (ombudsman_referred) \
                    WHERE ombudsman_referred
                    """,
                ]
            },
            seed: { sql in
                // Only a case whose records name a notification can have a referral: those are
                // read and decided on their records.
                let candidates = try await RepresentationStore.load(
                    where: "detail LIKE '%\"councilNotifiedOn\"%'", on: sql)
                for chunk in candidates.filter(\.isReferredToOmbudsman).map(\.id).chunked(into: 500) {
                    try await sql.raw(
                        """
                        UPDATE representation SET ombudsman_referred = \(bind: true) \
                        WHERE id IN (\(binds: Array(chunk)))
                        """
                    ).run()
                }
            })
    ]
}
