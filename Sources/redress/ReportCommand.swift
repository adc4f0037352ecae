import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

extension ReportScope: ExpressibleByArgument {}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Generate reports from the records.", subcommands: [Annual.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The annual complaints report for a financial year (text, JSON, or a standalone accessible HTML page; DOCX, XLSX and PDF are still to come).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The year the financial year starts in: 2021 means 1 April 2021 to 31 March 2022.") var year: Int
        @Option(help: "all, adults, children or corporate.") var scope: ReportScope = .all
        @Option(help: "Earlier years to compare with (0 to 4).") var earlierYears: Int = 1
        @Option(help: "text, json or html.") var format: String = "text"
        @Option(help: "File to write; standard output if not given.") var out: String?
        @Option(help: "Bank-holiday calendar for working days (default england-and-wales, or REDRESS_CALENDAR).") var calendar: Division?

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be a year such as 2021, not \(year)") }
            guard (0...4).contains(earlierYears) else { throw ValidationError("--earlier-years must be between 0 and 4") }
            guard ["text", "json", "html"].contains(format) else { throw ValidationError("--format must be text, json or html") }
        }

        func run() async throws {
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
            let text: String
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            } else if format == "html" {
                text = annualReportHTML(report)
            } else {
                text = report.text()
            }
            if let out {
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out)) } catch { throw Failure(description: "Cannot write \(out).") }
                print("Wrote the \(year) report (\(report.figures.count) figures) to \(out).")
            } else {
                print(text, terminator: "")
            }
        }
    }
}
