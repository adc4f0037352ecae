import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the database schema (also done when the server starts).")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let location = try storage.location()
        let applied = try await storage.withDatabase(migrate: false) { database in
            try await Migrator(database: database).migrate()
        }
        print(
            applied.isEmpty
                ? "\(location): schema is up to date (version \(Migrator.latestVersion))."
                : "\(location): applied \(applied.count) migration(s): \(applied.joined(separator: "; ")).")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            """
            Load demonstration councils: complete financial years of complaints, compliments and comments at the \
            reference reports' rates, plus this year to date.
            """
    )
    @OptionGroup var storage: StorageOptions
    @Option(help: "Seed for the generator; the same seed gives the same councils.") var seed: UInt64 = 2021
    @Option(help: "How many councils (a shared service). With more than one, references start C01-, C02-, …")
    var councils = 1
    @Option(help: "Complete financial years before this one (this year to date follows).") var years = 3
    @Option(help: "Volume multiplier: 1 is a county council (about 2,600 representations a year).") var scale: Double =
        1
    @Flag(help: "No progress messages on standard error.") var quiet = false

    func run() async throws {
        guard (1...500).contains(councils) else { throw Failure(description: "--councils must be from 1 to 500.") }
        guard (1...20).contains(years) else { throw Failure(description: "--years must be from 1 to 20.") }
        guard scale > 0, scale <= 100 else { throw Failure(description: "--scale must be above 0 and at most 100.") }
        let plan = DemoPlan(seed: seed, councils: councils, completeYears: years, scale: scale)
        let quiet = self.quiet
        let loaded = try await storage.withDatabase { database in
            try await loadDemo(into: database, plan: plan) { line in
                if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
        }
        guard let loaded else {
            throw Failure(
                description:
                    "The database already holds representations; demo data is only loaded into an empty database.")
        }
        print("Loaded \(councils == 1 ? "a demo council" : "\(councils) demo councils") of \(loaded) representations.")
    }
}

/// What `redress demo` generates.
struct DemoPlan: Sendable {
    var seed: UInt64 = 2021
    var councils = 1
    var completeYears = 3
    var scale = 1.0
}

/// The contents of a file named on the command line, or a one-line reason.
func readFile(_ path: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw Failure(description: "Cannot read \(path): no such file or not readable.")
    }
}

/// Loads the demo councils when the database is empty; returns how many representations were
/// loaded, or nil. Councils are generated one ahead of the one being written, so generating and
/// writing overlap; each council is written in its own transaction.
func loadDemo(
    into database: Database, plan: DemoPlan = DemoPlan(), progress: @escaping @Sendable (String) -> Void = { _ in }
) async throws -> Int? {
    let store = RepresentationStore(database: database)
    guard try await store.count() == 0 else { return nil }
    let feed = try await CalendarStore(database: database).effectiveFeed()
    let calendar = WorkingDayCalendar(feed: feed), reference = try await ReferenceStore(database: database).load(),
        today = LondonClock.today()
    func council(_ i: Int) -> DemoCouncil {
        DemoCouncil(
            seed: plan.seed &+ UInt64(i) &* 0x9E37_79B9, today: today, calendar: calendar, reference: reference,
            completeYears: plan.completeYears, scale: plan.scale,
            councilCode: plan.councils == 1 ? nil : "C" + String(i + 1).leftPadded(2))
    }
    let first = council(0)
    try await PeopleStore(database: database).save(first.people)
    // A made-up council, so the reports and letters of a demonstration have a name to print.
    let settings = SettingsStore(database: database)
    if try await settings.load(SettingsStore.councilNameKey, default: "").isEmpty {
        try await settings.saveCouncilIdentity(
            CouncilIdentity(
                name: plan.councils == 1 ? "Anyshire County Council" : "Anyshire Shared Complaints Service",
                address: "County Hall, Anytown AN1 1AA",
                complaintsTeam: "Customer Relations: 0300 123 4567, complaints@anyshire.example",
                reportOwner: "Head of Customer Relations", committee: "Corporate Governance Committee"))
        if plan.councils == 1, case .success(let logo) = CouncilLogo.check(Array(DemoCouncil.logoSVG.utf8)) {
            try await settings.save(SettingsStore.councilLogoKey, logo)
        }
    }
    var total = 0
    typealias Generated = (cases: [(representation: Representation, history: [CaseHistoryEntry])], seconds: Double)
    @Sendable func generate(_ demo: DemoCouncil) -> Generated {
        let clock = ContinuousClock(), start = clock.now
        let cases = demo.cases()
        return (cases, (clock.now - start).seconds)
    }
    var next: Task<Generated, Never>? = Task { generate(first) }
    for i in 0..<plan.councils {
        guard let (cases, generated) = await next?.value else { break }
        let following = i + 1 < plan.councils ? council(i + 1) : nil
        next = following.map { demo in Task { generate(demo) } }
        let clock = ContinuousClock(), start = clock.now
        let histories = Dictionary(
            uniqueKeysWithValues: cases.filter { !$0.history.isEmpty }.map { ($0.representation.id, $0.history) })
        try await store.insertAll(cases.map(\.representation), histories: histories, recordedBy: "demo data")
        total += cases.count
        progress(
            """
            demo: council \(i + 1) of \(plan.councils): \(cases.count) representations (\(total) in all); \
            generated in \(String(format: "%.2f", generated)) s, written in \
            \(String(format: "%.2f", (clock.now - start).seconds)) s
            """
        )
        if i == 0 && plan.councils == 1 {
            let inputs = first.reportInputs(for: cases.map(\.representation))
            let reportInputs = ReportInputStore(database: database)
            for measure in inputs.contextMeasures { try await reportInputs.setContextMeasure(measure, previous: nil) }
            for recommendation in inputs.recommendations { try await reportInputs.add(recommendation) }
            try await reportInputs.setEquality(inputs.equality)
            for letter in inputs.ombudsmanLetters {
                try await reportInputs.saveOmbudsmanLetter(letter, expectedVersion: SettingsStore.unsavedVersion)
            }
            // The Code's self-assessment for the last complete year; this year's is left to do.
            let last = FinancialYear(startYear: FinancialYear(containing: first.today).startYear - 1)
            let assessment = DemoCouncil.codeSelfAssessment(
                year: last.startYear, answeredOn: last.lastDay.adding(days: 30))
            let codeStore = CodeAssessmentStore(database: database)
            for (provision, answer) in assessment.answers {
                try await codeStore.save(
                    answer, year: last.startYear, provision: provision, expectedVersion: SettingsStore.unsavedVersion)
            }
        }
    }
    return total
}

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract:
            """
            Print the first report figures for a financial year: complaints received by service area and stage 1 \
            response times.
            """
    )
    @OptionGroup var storage: StorageOptions
    @Option(help: "The year the financial year starts in: 2021 means 1 April 2021 to 31 March 2022.") var year: Int
    @Option(help: "Bank-holiday calendar for working days (default england-and-wales, or REDRESS_CALENDAR).")
    var calendar: Division?

    func validate() throws {
        guard (2000...2100).contains(year) else {
            throw ValidationError("--year must be a year such as 2021, not \(year)")
        }
    }

    func run() async throws {
        let year = FinancialYear(startYear: self.year)
        let division = try statutoryDivision(calendar)
        let text = try await storage.withDatabase { database in
            let feed = try await CalendarStore(database: database).effectiveFeed()
            let records = try await RepresentationStore(database: database).representations(
                relevantTo: year.firstDay, year.lastDay)
            let procedures = try await ProcedureStore(database: database).load()
            return FirstFigures.compute(
                year: year, representations: records, calendar: WorkingDayCalendar(division: division, feed: feed),
                procedures: procedures,
                conventions: try await SettingsStore(database: database).countingConventions().conventions
            ).text()
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
            discussion:
                """
                For each division in the file, its holidays replace the stored ones for the years it covers. The \
                whole file is checked first; if anything is wrong nothing is imported. An open case whose running \
                response period gains or loses a holiday has its deadline moved, as a recorded step.
                """
        )
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Path to the JSON file.") var file: String
        @Option(help: "Calendar statutory clocks run on (default england-and-wales, or REDRESS_CALENDAR).")
        var calendar: Division?

        func run() async throws {
            let data = try readFile(file)
            let feed: BankHolidayFeed
            do { feed = try BankHolidayFeed.parse(data) } catch let invalid as BankHolidayFeed.InvalidFeed {
                throw Failure(description: invalid.description)
            }
            let division = try statutoryDivision(calendar)
            let imported = try await storage.withDatabase {
                try await CalendarStore(database: $0).importFeed(feed, clocks: division, today: LondonClock.today())
            }
            let summary = feed.events.keys.sorted { $0.rawValue < $1.rawValue }.map {
                "\($0.displayName) \(feed.years(of: $0).map { "\($0.lowerBound)–\($0.upperBound)" } ?? "")"
            }
            print("Imported \(imported.holidays) bank holidays (\(summary.joined(separator: "; "))).")
            if !imported.moved.isEmpty {
                let cases = imported.moved.count == 1 ? "case" : "cases"
                print(
                    """
                    Response deadlines moved on \(imported.moved.count) open \(cases) whose period gained or lost \
                    a holiday (each case's record of changes says which): \(imported.moved.joined(separator: ", ")).
                    """)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "List the bank holidays in force for a year.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Calendar year.") var year: Int
        @Option(help: "england-and-wales, scotland or northern-ireland.") var division: Division = .englandAndWales

        func run() async throws {
            let (year, division) = (self.year, self.division)
            let feed = try await storage.withDatabase { try await CalendarStore(database: $0).effectiveFeed() }
            let days = (feed.events[division] ?? []).filter { $0.date.year == year }
            if days.isEmpty { print("No \(division.displayName) bank holidays are known for \(year).") }
            for day in days {
                print(
                    """
                    \(day.date.iso)  \(day.date.weekday.shortName)  \
                    \(day.title)\(day.notes.isEmpty ? "" : " (\(day.notes))")
                    """
                )
            }
        }
    }
}

struct Codes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract:
            "List and edit the code lists (methods, relationships, services, natures, outcomes, refusal reasons).",
        subcommands: [List.self, Add.self, Retire.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a code list.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "One of: \(CategoryList.allCases.map(\.rawValue).joined(separator: ", ")).") var list:
            CategoryList

        func run() async throws {
            let list = self.list
            let data = try await storage.withDatabase { try await ReferenceStore(database: $0).load() }
            for c in data.categories where c.list == list {
                print("\(c.group.map { "[\($0)] " } ?? "")\(c.code)  \(c.label)\(c.isActive ? "" : "  (retired)")")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a code (or bring a retired one back).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The list.") var list: CategoryList
        @Argument(help: "The label people see.") var label: String
        @Option(help: "Service area for services (adults, children, corporate) or a group heading.") var group: String?

        func validate() throws {
            if label.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("the label must not be empty")
            }
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
        static let configuration = CommandConfiguration(
            commandName: "retire", abstract: "Stop offering a code; records that use it keep it.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The list.") var list: CategoryList
        @Argument(help: "The code.") var code: String
        @Option(help: "Group, for services.") var group: String?

        func run() async throws {
            let (list, code, group) = (self.list, self.code, self.group)
            let found = try await storage.withDatabase {
                try await ReferenceStore(database: $0).retire(list: list, code: code, group: group)
            }
            guard found else {
                throw Failure(
                    description: "No code \"\(code)\" in \(list.rawValue)\(group.map { " group \($0)" } ?? "").")
            }
            print("Retired \(code) from \(list.rawValue).")
        }
    }
}

extension CategoryList: ExpressibleByArgument {}

struct Procedures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedures",
        abstract:
            "Export or import the procedures (stages, clocks, timescales, extension limits, request windows) as JSON.",
        discussion:
            """
            Edit the exported file and import it to change timescales without a release. Cases already open keep \
            the deadlines fixed when their stages opened.
            """,
        subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Print the procedures as JSON.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let procedures = try await storage.withDatabase { try await ProcedureStore(database: $0).load() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(procedures), as: UTF8.self))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace procedures from a JSON file (as written by export); checks them all first.")
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
                throw Failure(
                    description: "Nothing was imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                        + problems.map { "  - \($0)" }.joined(separator: "\n"))
            }
            try await storage.withDatabase { database in
                let store = ProcedureStore(database: database)
                for procedure in procedures { try await store.save(procedure) }
            }
            print("Imported \(procedures.count) procedure(s): \(procedures.map(\.id).joined(separator: ", ")).")
        }
    }
}

extension Duration {
    /// The duration in seconds, for progress messages.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
