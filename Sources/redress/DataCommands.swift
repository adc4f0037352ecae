import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema (also done when the server starts).")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let location = try storage.location()
        let applied = try await storage.withDatabase(migrate: false) { database in
            try await Migrator(database: database).migrate()
        }
        print(applied.isEmpty ? "\(location): schema is up to date (version \(Migrator.latestVersion))."
              : "\(location): applied \(applied.count) migration(s): \(applied.joined(separator: "; ")).")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load a demonstration council: three financial years of complaints, compliments and comments, plus this year to date.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Seed for the generator; the same seed gives the same council.") var seed: UInt64 = 2021

    func run() async throws {
        let seed = self.seed
        let loaded = try await storage.withDatabase { database in
            try await loadDemo(into: database, seed: seed)
        }
        guard let loaded else {
            throw Failure(description: "The database already holds representations; demo data is only loaded into an empty database.")
        }
        print("Loaded a demo council of \(loaded) representations.")
    }
}

/// The contents of a file named on the command line, or a one-line reason.
func readFile(_ path: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw Failure(description: "Cannot read \(path): no such file or not readable.")
    }
}

/// Loads the demo council when the database is empty; returns how many were loaded, or nil.
func loadDemo(into database: Database, seed: UInt64) async throws -> Int? {
    let store = RepresentationStore(database: database)
    guard try await store.count() == 0 else { return nil }
    let feed = try await CalendarStore(database: database).effectiveFeed()
    let demo = DemoCouncil(seed: seed, today: LondonClock.today(), calendar: WorkingDayCalendar(feed: feed), reference: try await ReferenceStore(database: database).load())
    try await PeopleStore(database: database).save(demo.people)
    let cases = demo.cases()
    let histories = Dictionary(uniqueKeysWithValues: cases.filter { !$0.history.isEmpty }.map { ($0.representation.id, $0.history) })
    try await store.insertAll(cases.map(\.representation), histories: histories, recordedBy: "demo data")
    let inputs = demo.reportInputs(for: cases.map(\.representation))
    let reportInputs = ReportInputStore(database: database)
    for measure in inputs.contextMeasures { try await reportInputs.setContextMeasure(measure, previous: nil) }
    for recommendation in inputs.recommendations { try await reportInputs.add(recommendation) }
    try await reportInputs.setEquality(inputs.equality)
    return cases.count
}

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the first report figures for a financial year: complaints received by service area and stage 1 response times.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "The year the financial year starts in: 2021 means 1 April 2021 to 31 March 2022.") var year: Int
    @Option(help: "Bank-holiday calendar for working days (default england-and-wales, or REDRESS_CALENDAR).") var calendar: Division?

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("--year must be a year such as 2021, not \(year)") }
    }

    func run() async throws {
        let year = FinancialYear(startYear: self.year)
        let division = try statutoryDivision(calendar)
        let text = try await storage.withDatabase { database in
            let feed = try await CalendarStore(database: database).effectiveFeed()
            let records = try await RepresentationStore(database: database).representations(relevantTo: year.firstDay, year.lastDay)
            let procedures = try await ProcedureStore(database: database).load()
            return FirstFigures.compute(year: year, representations: records, calendar: WorkingDayCalendar(division: division, feed: feed), procedures: procedures).text()
        }
        print(text, terminator: "")
    }
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Bank-holiday calendars used for working days.",
        subcommands: [ImportFeed.self, Show.self])

    struct ImportFeed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a GOV.UK bank-holiday file (https://www.gov.uk/bank-holidays.json format).",
            discussion: "For each division in the file, its holidays replace the stored ones for the years it covers. The whole file is checked first; if anything is wrong nothing is imported.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Path to the JSON file.") var file: String

        func run() async throws {
            let data = try readFile(file)
            let feed: BankHolidayFeed
            do { feed = try BankHolidayFeed.parse(data) } catch let invalid as BankHolidayFeed.InvalidFeed {
                throw Failure(description: invalid.description)
            }
            let count = try await storage.withDatabase { try await CalendarStore(database: $0).importFeed(feed) }
            let summary = feed.events.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0.displayName) \(feed.years(of: $0).map { "\($0.lowerBound)–\($0.upperBound)" } ?? "")" }
            print("Imported \(count) bank holidays (\(summary.joined(separator: "; "))).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bank holidays in force for a year.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Calendar year.") var year: Int
        @Option(help: "england-and-wales, scotland or northern-ireland.") var division: Division = .englandAndWales

        func run() async throws {
            let (year, division) = (self.year, self.division)
            let feed = try await storage.withDatabase { try await CalendarStore(database: $0).effectiveFeed() }
            let days = (feed.events[division] ?? []).filter { $0.date.year == year }
            if days.isEmpty { print("No \(division.displayName) bank holidays are known for \(year).") }
            for day in days { print("\(day.date.iso)  \(day.date.weekday.shortName)  \(day.title)\(day.notes.isEmpty ? "" : " (\(day.notes))")") }
        }
    }
}

struct Codes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and edit the code lists (methods, relationships, services, natures, outcomes, refusal reasons).",
        subcommands: [List.self, Add.self, Retire.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a code list.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "One of: \(CategoryList.allCases.map(\.rawValue).joined(separator: ", ")).") var list: CategoryList

        func run() async throws {
            let list = self.list
            let data = try await storage.withDatabase { try await ReferenceStore(database: $0).load() }
            for c in data.categories where c.list == list {
                print("\(c.group.map { "[\($0)] " } ?? "")\(c.code)  \(c.label)\(c.isActive ? "" : "  (retired)")")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a code (or bring a retired one back).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The list.") var list: CategoryList
        @Argument(help: "The label people see.") var label: String
        @Option(help: "Service area for services (adults, children, corporate) or a group heading.") var group: String?

        func validate() throws {
            if label.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the label must not be empty") }
            if Category.code(for: label).isEmpty { throw ValidationError("the label must contain letters or digits") }
            if list == .service, ServiceArea(rawValue: group ?? "") == nil {
                throw ValidationError("services need --group adults, children or corporate")
            }
        }

        func run() async throws {
            let category = Category(list: list, code: Category.code(for: label), label: label, group: group)
            try await storage.withDatabase { try await ReferenceStore(database: $0).add(category) }
            print("Added \(category.code) to \(list.rawValue).")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop offering a code; records that use it keep it.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The list.") var list: CategoryList
        @Argument(help: "The code.") var code: String
        @Option(help: "Group, for services.") var group: String?

        func run() async throws {
            let (list, code, group) = (self.list, self.code, self.group)
            let found = try await storage.withDatabase { try await ReferenceStore(database: $0).retire(list: list, code: code, group: group) }
            guard found else { throw Failure(description: "No code \"\(code)\" in \(list.rawValue)\(group.map { " group \($0)" } ?? "").") }
            print("Retired \(code) from \(list.rawValue).")
        }
    }
}

extension CategoryList: ExpressibleByArgument {}

struct Procedures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export or import the procedures (stages, clocks, timescales, extension limits, request windows) as JSON.",
        discussion: "Edit the exported file and import it to change timescales without a release. Cases already open keep the deadlines fixed when their stages opened.",
        subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the procedures as JSON.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let procedures = try await storage.withDatabase { try await ProcedureStore(database: $0).load() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(procedures), as: UTF8.self))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace procedures from a JSON file (as written by export); checks them all first.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Path to the JSON file.") var file: String

        func run() async throws {
            let data = try readFile(file)
            let procedures: [ProcedureDefinition]
            do { procedures = try JSONDecoder().decode([ProcedureDefinition].self, from: data) } catch {
                throw Failure(description: "\(file) is not a list of procedures: \(describe(decodingError: error))")
            }
            let problems = procedures.flatMap(ProcedureValidation.problems(in:))
            guard problems.isEmpty else {
                throw Failure(description: "Nothing was imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            }
            try await storage.withDatabase { database in
                let store = ProcedureStore(database: database)
                for procedure in procedures { try await store.save(procedure) }
            }
            print("Imported \(procedures.count) procedure(s): \(procedures.map(\.id).joined(separator: ", ")).")
        }
    }
}
