import ArgumentParser
import Foundation
import Logging
import RedressCore
import RedressStorage

/// `redress`: serve the web application and look after its data.
@main
struct Redress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redress",
        abstract: "Complaints, compliments and redress for councils' social care services.",
        discussion: """
            The database is an SQLite file in the data folder unless --database (or REDRESS_DATABASE_URL) \
            names another, e.g. postgres://user:password@localhost:5432/redress.
            """,
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Stats.self, CalendarCommand.self, Codes.self, Procedures.self,
            UserCommand.self, TokenCommand.self, RetentionCommand.self, SubjectAccessCommand.self, ReportCommand.self,
            CouncilNameCommand.self, RemindersCommand.self, ExportCommand.self, ImportCommand.self, BackupCommand.self,
            RestoreCommand.self, CaseworkCommand.self, MailboxCommand.self, ConventionsCommand.self,
            BenchmarkCommand.self,
        ])
}

/// Options every data command takes.
struct StorageOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Database URL: sqlite:PATH or postgres://user:password@host:port/database. Default: \
            REDRESS_DATABASE_URL, else an SQLite file in the data folder.
            """,
            valueName: "url"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Folder for the SQLite file. Default: REDRESS_DATA_DIR, else ./data.", valueName: "path"))
    var dataDir: String?

    func location() throws -> DatabaseLocation {
        let env = ProcessInfo.processInfo.environment
        if let url = database ?? env["REDRESS_DATABASE_URL"], !url.isEmpty {
            do { return try DatabaseLocation(url: url) } catch { throw ValidationError(String(describing: error)) }
        }
        let folder = dataDir ?? env["REDRESS_DATA_DIR"] ?? "data"
        return .sqlite(path: (folder as NSString).appendingPathComponent("redress.sqlite"))
    }

    /// Opens the database, applies pending migrations, and runs `body`.
    func withDatabase<T: Sendable>(
        migrate: Bool = true, watch: Duration? = nil, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        var location = try location()
        if case .postgres(var settings) = location, let watch {
            settings.watchInterval = watch
            location = .postgres(settings)
        }
        do {
            return try await Database.with(location, logger: Log.logger) { database in
                // A command's process ends when the command does, so the cases it cached are left for
                // the exit to reclaim, not freed one by one on the way out: freeing a 28,000-case
                // report's was 2% of its time, all of it after the report was made. (`serve` holds its
                // database for its whole life anyway.) The connections are still closed as before.
                _ = Unmanaged.passRetained(database)
                if migrate {
                    let applied = try await Migrator(database: database).migrate()
                    for name in applied { Log.logger.info("migration applied", metadata: ["migration": .string(name)]) }
                }
                return try await body(database)
            }
        } catch let error as DatabaseError {
            throw Failure(description: error.description)
        }
    }
}

/// Structured logging to standard error (key=value metadata; no personal data is ever logged).
enum Log {
    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        return Logger(label: "redress")
    }()
}

/// A failure with a one-line reason and a nonzero exit.
struct Failure: Error, CustomStringConvertible {
    var description: String
}

extension Division: ExpressibleByArgument {}

/// Parses `--calendar` / `REDRESS_CALENDAR`.
func statutoryDivision(_ option: Division?) throws -> Division {
    if let option { return option }
    guard let text = ProcessInfo.processInfo.environment["REDRESS_CALENDAR"], !text.isEmpty else {
        return .englandAndWales
    }
    guard let division = Division(rawValue: text) else {
        throw ValidationError(
            "REDRESS_CALENDAR must be england-and-wales, scotland or northern-ireland, not \"\(text)\"")
    }
    return division
}
