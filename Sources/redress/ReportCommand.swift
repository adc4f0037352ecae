import ArgumentParser
import Foundation
import RedressCore
import RedressDocuments
import RedressStorage
import RedressWeb

extension ReportScope: ExpressibleByArgument {}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Generate reports from the records.",
        subcommands: [Annual.self, Quarterly.self, Code.self])

    /// What every report command shares: scope, format, output file, calendar.
    struct Output: ParsableArguments {
        @Option(help: "all, adults, children or corporate.") var scope: ReportScope = .all
        @Option(help: "text, json, html, csv, xlsx, docx or pdf.") var format: String = "text"
        @Option(help: "File to write; standard output if not given.") var out: String?
        @Option(help: "Bank-holiday calendar for working days (default england-and-wales, or REDRESS_CALENDAR).")
        var calendar: Division?
        @Option(help: "Decimal places for percentages: 0 (whole numbers) or 1.") var percentDecimals: Int = 0
        @Flag(help: "No progress messages on standard error.") var quiet = false

        var rounding: Rounding { Rounding(percentDecimals: percentDecimals) }
        /// Whether the format prints the committee document (HTML, DOCX, PDF); the others carry the
        /// report's figures alone, so the document is not made for them.
        var printsCommittee: Bool { ["html", "docx", "pdf"].contains(format) }

        static let formats = ["text", "json", "html", "csv", "xlsx", "docx", "pdf"]

        func validate() throws {
            guard (0...1).contains(percentDecimals) else { throw ValidationError("--percent-decimals must be 0 or 1") }
            guard Self.formats.contains(format) else {
                throw ValidationError("--format must be text, json, html, csv, xlsx, docx or pdf")
            }
            if ["xlsx", "docx", "pdf"].contains(format) && out == nil {
                throw ValidationError("--out FILE is needed for \(format)")
            }
        }

        /// Progress on standard error (never standard output, which may carry the report).
        func progress() -> ReportSource.Progress? {
            guard !quiet else { return nil }
            let started = Date()
            return { done, total, step in
                let elapsed = String(format: "%.1f", Date().timeIntervalSince(started))
                let line =
                    total == 0
                    ? "report: \(step) (\(elapsed) s)\n"
                    : "report: \(done)/\(total) sections — \(step) (\(elapsed) s)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }

        /// Writes the report; with `committee`, its HTML and PDF are that committee document.
        func write(_ report: ComplaintsReport, committee: CommitteeReport? = nil) throws {
            let bytes: [UInt8]
            switch format {
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                bytes = Array(try encoder.encode(report)) + Array("\n".utf8)
            case "html":
                bytes = Array((committee.map { CommitteeReportView.document($0) } ?? annualReportHTML(report)).utf8)
            case "csv": bytes = Array(ReportDocuments.csv(report).utf8)
            case "xlsx": bytes = ReportDocuments.xlsx(report)
            case "docx": bytes = committee.map { ReportDocuments.docx($0) } ?? ReportDocuments.docx(report)
            case "pdf":
                do {
                    if let committee {
                        bytes = try PDFPrinter.pdf(key: CommitteeReportView.PDFTitle.key) {
                            CommitteeReportView.document(committee, pages: $0)
                        }
                    } else {
                        bytes = try PDFPrinter.pdf(fromHTML: annualReportHTML(report))
                    }
                } catch let error as PDFPrinter.Failure { throw Failure(description: error.description) }
            default: bytes = Array(report.text().utf8)
            }
            if let out {
                do { try Data(bytes).write(to: URL(fileURLWithPath: out)) } catch {
                    throw Failure(description: "Cannot write \(out).")
                }
                print("Wrote the \(report.period) report (\(report.figures.count) figures) to \(out).")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annual",
            abstract:
                """
                The annual complaints report for a financial year (text, JSON, HTML, CSV of every figure, XLSX \
                with a sheet per table, DOCX to edit, or PDF via headless Chromium).
                """
        )
        @OptionGroup var storage: StorageOptions
        @Option(help: "The year the financial year starts in: 2021 means 1 April 2021 to 31 March 2022.") var year: Int
        @Option(help: "Earlier years to compare with (0 to 4).") var earlierYears: Int = 1
        @OptionGroup var output: Output

        func validate() throws {
            guard (2000...2100).contains(year) else {
                throw ValidationError("--year must be a year such as 2021, not \(year)")
            }
            guard (0...4).contains(earlierYears) else {
                throw ValidationError("--earlier-years must be between 0 and 4")
            }
        }

        func run() async throws {
            let division = try statutoryDivision(output.calendar)
            let (year, scope, earlier, rounding, progress) = (
                FinancialYear(startYear: self.year), output.scope, earlierYears, output.rounding, output.progress()
            )
            let printsCommittee = output.printsCommittee
            let (report, committee) = try await storage.withDatabase { database in
                let source = ReportSource(database: database, division: division)
                let report = try await source.annual(
                    year: year, scope: scope, earlierYears: earlier, rounding: rounding, progress: progress)
                guard printsCommittee else { return (report, nil as CommitteeReport?) }
                return (
                    report,
                    try await source.committee(
                        report, year: year.startYear, scope: scope, preparedOn: LondonClock.today())
                )
            }
            try output.write(report, committee: committee)
        }
    }

    struct Quarterly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quarterly",
            abstract:
                """
                The quarterly performance report: trends by quarter, performance by service, open-case ageing, \
                due and overdue at the quarter's end.
                """
        )
        @OptionGroup var storage: StorageOptions
        @Option(
            help:
                """
                The quarter, as the financial year's start year and the quarter: 2025-Q2 is July to September \
                2025. Default: the last complete quarter.
                """
        ) var quarter: String?
        @Option(help: "Quarters in the trend table, ending with this one (2 to 8).") var trend: Int = 5
        @OptionGroup var output: Output

        func validate() throws {
            if let quarter, FinancialQuarter(quarter) == nil {
                throw ValidationError(
                    "--quarter must look like 2025-Q2 (the financial year's start year, then Q1 to Q4), not \(quarter)")
            }
            guard (2...8).contains(trend) else { throw ValidationError("--trend must be between 2 and 8") }
        }

        func run() async throws {
            let division = try statutoryDivision(output.calendar)
            let chosen =
                quarter.flatMap { FinancialQuarter($0) } ?? FinancialQuarter(containing: LondonClock.today()).previous
            let (scope, trend, rounding, progress) = (output.scope, self.trend, output.rounding, output.progress())
            let printsCommittee = output.printsCommittee
            let (report, committee) = try await storage.withDatabase { database in
                let source = ReportSource(database: database, division: division)
                let report = try await source.quarterly(
                    quarter: chosen, scope: scope, trendQuarters: trend, rounding: rounding, progress: progress)
                guard printsCommittee else { return (report, nil as CommitteeReport?) }
                return (report, try await source.committee(quarterly: report, preparedOn: LondonClock.today()))
            }
            try output.write(report, committee: committee)
        }
    }
}
