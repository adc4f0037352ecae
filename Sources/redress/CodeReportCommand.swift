import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

extension ReportCommand {
    /// `redress report code --year 2025 --format pdf --out code.pdf`: the Complaint Handling
    /// Code's complaints performance and service improvement report, or with `--quarter` the
    /// quarterly pack for the Member Responsible for Complaints.
    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code",
            abstract:
                """
                The Complaint Handling Code's annual report (self-assessment, performance, refusals, learning, the \
                Ombudsman, the governing body's response), or the member's quarterly pack.
                """
        )
        @OptionGroup var storage: StorageOptions
        @Option(help: "The financial year's start year: 2025 is April 2025 to March 2026. Default: the last one.")
        var year: Int?
        @Option(help: "A quarter such as 2025-Q2 for the member's quarterly pack instead of the annual report.")
        var quarter: String?
        @OptionGroup var output: Output

        func validate() throws {
            if let year, !(2000...2100).contains(year) {
                throw ValidationError("--year must be a year such as 2025, not \(year)")
            }
            if let quarter, FinancialQuarter(quarter) == nil {
                throw ValidationError(
                    "--quarter must look like 2025-Q2 (the financial year's start year, then Q1 to Q4), not \(quarter)")
            }
            if year != nil && quarter != nil { throw ValidationError("Give --year or --quarter, not both") }
        }

        func run() async throws {
            let division = try statutoryDivision(output.calendar)
            let chosen = quarter.flatMap { FinancialQuarter($0) }
            let financialYear =
                chosen?.year ?? year.map { FinancialYear(startYear: $0) }
                ?? FinancialYear(startYear: FinancialYear(containing: LondonClock.today()).startYear - 1)
            let rounding = output.rounding
            let (report, committee) = try await storage.withDatabase { database in
                let source = ReportSource(database: database, division: division)
                let report = try await source.code(year: financialYear, quarter: chosen, rounding: rounding)
                return (report, try await source.committee(code: report, preparedOn: LondonClock.today()))
            }
            try output.write(report, committee: committee)
        }
    }
}
