import ArgumentParser
import Foundation
import RedressCore
import RedressDocuments
import RedressStorage
import RedressWeb

extension ReportScope: ExpressibleByArgument {}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Generate reports from the records.", subcommands: [Annual.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The annual complaints report for a financial year (text, JSON, HTML, CSV of every figure, XLSX with a sheet per table, DOCX to edit, or PDF via headless Chromium).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The year the financial year starts in: 2021 means 1 April 2021 to 31 March 2022.") var year: Int
        @Option(help: "all, adults, children or corporate.") var scope: ReportScope = .all
        @Option(help: "Earlier years to compare with (0 to 4).") var earlierYears: Int = 1
        @Option(help: "text, json, html, csv, xlsx, docx or pdf.") var format: String = "text"
        @Option(help: "File to write; standard output if not given.") var out: String?
        @Option(help: "Bank-holiday calendar for working days (default england-and-wales, or REDRESS_CALENDAR).") var calendar: Division?

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be a year such as 2021, not \(year)") }
            guard (0...4).contains(earlierYears) else { throw ValidationError("--earlier-years must be between 0 and 4") }
            guard Self.formats.contains(format) else { throw ValidationError("--format must be text, json, html, csv, xlsx, docx or pdf") }
            if ["xlsx", "docx", "pdf"].contains(format) && out == nil { throw ValidationError("--out FILE is needed for \(format)") }
        }

        static let formats = ["text", "json", "html", "csv", "xlsx", "docx", "pdf"]

        func run() async throws {
            let format = self.format
            let division = try statutoryDivision(calendar)
            let (year, scope, earlier, json) = (FinancialYear(startYear: self.year), self.scope, earlierYears, format == "json")
            let report = try await storage.withDatabase { database in
                let feed = try await CalendarStore(database: database).effectiveFeed()
                let first = FinancialYear(startYear: year.startYear - earlier)
                let records = try await RepresentationStore(database: database).representations(relevantTo: first.firstDay, year.lastDay, includingOmbudsmanDecisions: true)
                return AnnualReportBuilder(
                    year: year, scope: scope, earlierYears: earlier, calendar: WorkingDayCalendar(division: division, feed: feed),
                    procedures: try await ProcedureStore(database: database).load(), reference: try await ReferenceStore(database: database).load()
                ).build(from: records)
            }
            let bytes: [UInt8]
            switch format {
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                bytes = Array(try encoder.encode(report)) + Array("\n".utf8)
            case "html": bytes = Array(annualReportHTML(report).utf8)
            case "csv": bytes = Array(ReportDocuments.csv(report).utf8)
            case "xlsx": bytes = ReportDocuments.xlsx(report)
            case "docx": bytes = ReportDocuments.docx(report)
            case "pdf": bytes = try printToPDF(annualReportHTML(report))
            default: bytes = Array(report.text().utf8)
            }
            if let out {
                do { try Data(bytes).write(to: URL(fileURLWithPath: out)) } catch { throw Failure(description: "Cannot write \(out).") }
                print("Wrote the \(year) report (\(report.figures.count) figures) to \(out).")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }
}

/// Prints HTML to PDF with headless Chromium, if it is installed.
func printToPDF(_ html: String) throws -> [UInt8] {
    let candidates = ["chromium", "chromium-browser", "google-chrome"]
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    guard let browser = candidates.lazy.compactMap({ name in path.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) } }).first else {
        throw Failure(description: "PDF needs headless Chromium (Debian: apt-get install chromium); or use --format html and print it.")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
    try Data(html.utf8).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", input.absoluteString]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let data = try? Data(contentsOf: output), !data.isEmpty else {
        throw Failure(description: "Chromium could not print the report to PDF (exit \(process.terminationStatus)).")
    }
    return Array(data)
}
