import Foundation
import RedressCore
import SQLKit

/// The pools of Investigating Officers, Independent Persons, panel members, adjudicators and
/// responding managers.
public struct PeopleStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func load() async throws -> PeopleDirectory {
        try await database.read { sql in
            PeopleDirectory(
                try await sql.raw("SELECT detail FROM person ORDER BY name").all().map { row in
                    let json = try row.decode(column: "detail", as: String.self)
                    do { return try JSONDecoder().decode(Person.self, from: Data(json.utf8)) } catch {
                        throw DatabaseError.corruptRow(
                            table: "person", column: "detail", value: String(json.prefix(80)))
                    }
                })
        }
    }

    /// Adds or replaces people (by id), in one transaction.
    public func save(_ people: [Person]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await database.transaction { sql in
            for person in people {
                let json = String(decoding: try encoder.encode(person), as: UTF8.self)
                try await sql.raw("DELETE FROM person WHERE id = \(bind: person.id)").run()
                try await sql.raw(
                    """
                        INSERT INTO person (id, name, detail, updated_at) VALUES (\(bind: person.id), \
                        \(bind: person.name), \(bind: json), \(bind: Timestamp.now()))
                        """
                ).run()
            }
            try await ConfigurationStamp.bump(on: sql)
        }
    }
}
