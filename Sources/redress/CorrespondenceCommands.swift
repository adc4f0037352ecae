import ArgumentParser
import Foundation
import RedressCore
import RedressNotifications
import RedressStorage
import RedressWeb

/// `redress council-name`, `redress reminders settings|preview`, `redress outbox list`: the
/// settings letters and reminders use, and a look at what would be or has been sent.
struct CouncilNameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council-name", abstract: "Show the council's name used in letters, or set it with --set.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "The name, as letters should sign it: \"Anyshire County Council\".") var set: String?

    func validate() throws {
        if let set, set.trimmingCharacters(in: .whitespaces).isEmpty || set.count > 200 {
            throw ValidationError("--set needs a name of 1 to 200 characters")
        }
    }

    func run() async throws {
        let replacement = set?.trimmingCharacters(in: .whitespaces)
        let name = try await storage.withDatabase { database in
            let settings = SettingsStore(database: database)
            if let replacement { try await settings.save(SettingsStore.councilNameKey, replacement) }
            return try await settings.load(SettingsStore.councilNameKey, default: "The council")
        }
        print(name)
    }
}

struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Reminder settings, and a preview of a day's digests.",
        subcommands: [Settings.self, Preview.self])

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Print the reminder settings as JSON, or replace them with --set FILE.")
        @OptionGroup var storage: StorageOptions
        @Option(
            help: "A JSON file like the one printed: enabled, dueWithinWorkingDays, remediesWithinWorkingDays, hour.")
        var set: String?

        func run() async throws {
            let replacement = try set.map {
                try readSetting(ReminderSettings.self, from: $0, called: "reminder settings")
            }
            let shown = try await storage.withDatabase { database in
                let settings = SettingsStore(database: database)
                if let replacement {
                    // Through the initialiser, so out-of-range numbers are clamped the same way everywhere.
                    try await settings.save(
                        SettingsStore.reminderSettingsKey,
                        ReminderSettings(
                            enabled: replacement.enabled, dueWithinWorkingDays: replacement.dueWithinWorkingDays,
                            remediesWithinWorkingDays: replacement.remediesWithinWorkingDays, hour: replacement.hour))
                }
                return try await settings.load(SettingsStore.reminderSettingsKey, default: ReminderSettings.standard)
            }
            try printJSON(shown)
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Print the digests a day would send, without sending or recording anything.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The day, like 2026-12-23 (default today).") var date: String?
        @Option(help: "Bank-holiday calendar (default england-and-wales, or REDRESS_CALENDAR).") var calendar: Division?

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil {
                throw ValidationError("--date must be a date like 2026-12-23, not \(date)")
            }
        }

        func run() async throws {
            let division = try statutoryDivision(calendar)
            let today = date.flatMap(CalendarDate.init(iso:)) ?? LondonClock.today()
            let digests = try await storage.withDatabase { database in
                let settings = try await SettingsStore(database: database).load(
                    SettingsStore.reminderSettingsKey, default: ReminderSettings.standard)
                let feed = try await CalendarStore(database: database).effectiveFeed()
                return Reminders.digests(
                    cases: try await RepresentationStore(database: database).workQueueCases(),
                    procedures: try await ProcedureStore(database: database).load(),
                    calendar: WorkingDayCalendar(division: division, feed: feed), today: today, settings: settings)
            }
            for digest in digests {
                let (subject, body) = digest.message(today: today)
                let who =
                    switch digest.recipient {
                    case .person(let id): "person \(id)"
                    case .complaintsTeam: "complaints team"
                    }
                print("To: \(who)\nSubject: \(subject)\n\n\(body)\n")
            }
            if digests.isEmpty { print("No reminders for \(today.longDisplay).") }
        }
    }
}

/// Reads a JSON settings file given to `--set`, naming the file and what is wrong with it.
func readSetting<T: Decodable>(_ type: T.Type, from path: String, called name: String) throws -> T {
    do { return try JSONDecoder().decode(T.self, from: try readFile(path)) } catch let error as Failure {
        throw error
    } catch {
        throw Failure(description: "\(path) is not \(name): \(describe(decodingError: error))")
    }
}

/// Prints a value as indented JSON with sorted keys, the form `--set` reads back.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// `redress casework settings`: day-to-day casework a council can tune (the duplicate warning's window).
struct CaseworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casework", abstract: "Casework settings.", subcommands: [Settings.self])

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Print the casework settings as JSON, or replace them with --set FILE.")
        @OptionGroup var storage: StorageOptions
        @Option(
            help:
                """
                A JSON file like the one printed: duplicateWindowDays (0–366), the days either side a new case is \
                checked for duplicates.
                """
        )
        var set: String?

        func run() async throws {
            let replacement = try set.map {
                try readSetting(CaseworkSettings.self, from: $0, called: "casework settings")
            }
            if let problem = replacement?.problem { throw Failure(description: "Nothing was changed: \(problem).") }
            let shown = try await storage.withDatabase { database in
                let settings = SettingsStore(database: database)
                if let replacement { try await settings.save(SettingsStore.caseworkSettingsKey, replacement) }
                return try await settings.caseworkSettings()
            }
            try printJSON(shown)
        }
    }
}
