import ArgumentParser
import Foundation
import RedressCore
import RedressStorage

/// `redress conventions`: how the reports count where councils differ — show the council's
/// choice as a file, or use a named preset or a council's own convention file.
struct ConventionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conventions", abstract: "How the reports count where councils differ.",
        subcommands: [Show.self, Use.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the conventions in use as a convention file (JSON), and the presets.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let conventions = try await storage.withDatabase {
                try await SettingsStore(database: $0).countingConventions().conventions
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(conventions), as: UTF8.self))
            print("\nPresets: " + CountingConventions.presets.map { "\"\($0.name)\"" }.joined(separator: ", "))
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use",
            abstract: "Use a preset by name (\"Lancashire 2021/22\") or a convention file (JSON, as `show` prints).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "A preset's name, or the path of a convention file.") var choice: String

        func run() async throws {
            let chosen: CountingConventions
            if let preset = CountingConventions.presets.first(where: { $0.name == choice }) {
                chosen = preset
            } else if FileManager.default.fileExists(atPath: choice) {
                do {
                    chosen = try JSONDecoder().decode(CountingConventions.self, from: try readFile(choice))
                } catch let error as DecodingError {
                    throw Failure(description: "\(choice) is not a convention file: \(describe(decodingError: error))")
                }
            } else {
                let names = CountingConventions.presets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw Failure(description: "No preset or file named \"\(choice)\". The presets are \(names).")
            }
            try await storage.withDatabase { database in
                let settings = SettingsStore(database: database)
                let version = try await settings.countingConventions().version
                try await settings.save(SettingsStore.countingConventionsKey, chosen, expectedVersion: version)
            }
            print("Reports now count with \(chosen.name).")
        }
    }
}
