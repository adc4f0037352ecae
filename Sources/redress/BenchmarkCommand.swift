import ArgumentParser
import Foundation
import RedressCore
import RedressDocuments
import RedressStorage
import RedressWeb

/// `redress benchmark`: the council's figures on the common definitions as a signed file for its
/// group of councils, comparing any number of such files, and the demo's four councils' files.
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark", abstract: "Compare councils on common definitions.",
        subcommands: [Export.self, Compare.self, Demo.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write this council's figures for a year as a signed file to share (no personal data).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The financial year's start year. Default: the last complete one.") var year: Int?
        @Option(help: "The file to write.") var out: String

        func run() async throws {
            let chosen = FinancialYear(startYear: year ?? FinancialYear(containing: LondonClock.today()).startYear - 1)
            let file = try await storage.withDatabase {
                try await ReportSource(database: $0).benchmarkFile(year: chosen)
            }
            try Self.write(file, to: out)
            print("Wrote \(file.council)'s \(chosen) figures (\(file.figures.count) measures) to \(out).")
        }

        static func write(_ file: BenchmarkFile, to path: String) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(file).write(to: URL(fileURLWithPath: path))
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare councils' benchmark files: a table per measure, the definitions stated.")
        @Argument(help: "Two or more benchmark files.") var files: [String]
        @Option(help: "This council's name, marked in the tables.") var own: String?
        @Option(help: "text, json, html, csv, xlsx or docx.") var format: String = "text"
        @Option(help: "The file to write (needed for xlsx and docx).") var out: String?

        func run() async throws {
            var read: [(name: String, file: BenchmarkFile)] = []
            for path in files {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    read.append(
                        (
                            name,
                            try JSONDecoder().decode(
                                BenchmarkFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                        ))
                } catch {
                    throw ValidationError("\(name): not a readable benchmark file (\(error.localizedDescription))")
                }
            }
            let problems = BenchmarkComparison.problems(read)
            guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
            let report = BenchmarkComparison.report(
                read.map(\.file), own: own, checks: read.map { BenchmarkSigner.check($0.file) })
            let bytes: [UInt8]
            switch format {
            case "text": bytes = Array(report.text().utf8)
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                bytes = Array(try encoder.encode(report))
            case "html": bytes = Array(annualReportHTML(report).utf8)
            case "csv": bytes = Array(ReportDocuments.csv(report).utf8)
            case "xlsx": bytes = ReportDocuments.xlsx(report)
            case "docx": bytes = ReportDocuments.docx(report)
            default: throw ValidationError("--format must be text, json, html, csv, xlsx or docx")
            }
            if let out {
                try Data(bytes).write(to: URL(fileURLWithPath: out))
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract:
                """
                Write the demo council's three neighbours' benchmark files (other sizes and practice), to compare \
                with the demo council's own (benchmark export).
                """)
        @Option(help: "The folder to write them in.") var out: String
        @Option(help: "The financial year's start year. Default: the last complete one.") var year: Int?

        func run() async throws {
            let today = LondonClock.today()
            let chosen = FinancialYear(startYear: year ?? FinancialYear(containing: today).startYear - 1)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (i, council) in DemoCouncil.benchmarkCouncils.enumerated() {
                let demo = DemoCouncil(seed: 2021 + UInt64(i) * 7, today: today, completeYears: 1, scale: council.scale)
                let file = try BenchmarkSigner.signedWithNewKey(
                    BenchmarkFile.make(
                        council: council.name, year: chosen, records: demo.representations(),
                        residents: council.residents, children: council.children, calendar: .englandAndWales))
                let path = URL(fileURLWithPath: out).appendingPathComponent("benchmark-\(i + 1).json").path
                try Export.write(file, to: path)
                print("Wrote \(council.name) to \(path).")
            }
        }
    }
}
