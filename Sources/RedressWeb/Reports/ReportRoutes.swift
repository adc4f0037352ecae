import Foundation
import Hummingbird
import RedressCore
import RedressDocuments
import RedressStorage

/// `GET /reports/annual?year=2021&scope=adults&format=…` and `GET /reports/quarterly?quarter=2025-Q2…`:
/// the reports for report readers and managers, built from the records when asked for, as a
/// page or a download (JSON, CSV, XLSX, DOCX, standalone HTML).
struct ReportRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func annual(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let current = FinancialYear(containing: deps.today())
        let years = Array((current.startYear - 9)...current.startYear).reversed().map { $0 }
        let year =
            query.get("year").flatMap(Int.init).flatMap { years.contains($0) ? $0 : nil } ?? current.startYear - 1
        let scope = query.get("scope").flatMap(ReportScope.init(rawValue:)) ?? .all
        let rounding = Rounding(percentDecimals: query.get("decimals") == "1" ? 1 : 0)
        let access = try context.cases(deps.database)
        let report = try await ReportSource(database: deps.database, division: deps.division)
            .annual(
                year: FinancialYear(startYear: year), scope: scope, rounding: rounding,
                listsReference: { access.canSee($0) })
        let name = "annual-report-\(year)-\(scope.rawValue)"
        if let format = query.get("format"), ["pdf", "html", "docx"].contains(format) {
            let committee = try await ReportSource(database: deps.database, division: deps.division).committee(
                report, year: year, scope: scope, preparedOn: deps.today())
            return try await Self.committeeDocument(committee, format: format, name: name, printing: deps.printing)
                .response(from: request, context: context)
        }
        if let download = try Self.download(report, format: query.get("format"), name: name) {
            return download
        }
        return try AnnualReportView.page(report, years: years, selected: year, scope: scope, rounding: rounding)
            .response(from: request, context: context)
    }

    @Sendable func quarterly(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let latest = FinancialQuarter(containing: deps.today())
        var quarters = [latest]
        while quarters.count < 12 { quarters.append(quarters.last!.previous) }
        let quarter =
            query.get("quarter").flatMap { FinancialQuarter($0) }.flatMap { quarters.contains($0) ? $0 : nil }
            ?? latest.previous
        let scope = query.get("scope").flatMap(ReportScope.init(rawValue:)) ?? .all
        let rounding = Rounding(percentDecimals: query.get("decimals") == "1" ? 1 : 0)
        let source = ReportSource(database: deps.database, division: deps.division)
        let report = try await source.quarterly(quarter: quarter, scope: scope, rounding: rounding)
        let name = "quarterly-report-\(quarter.code)-\(scope.rawValue)"
        if let format = query.get("format"), ["pdf", "html", "docx"].contains(format) {
            let committee = try await source.committee(quarterly: report, preparedOn: deps.today())
            return try await Self.committeeDocument(committee, format: format, name: name, printing: deps.printing)
                .response(from: request, context: context)
        }
        if let download = try Self.download(report, format: query.get("format"), name: name) {
            return download
        }
        return try AnnualReportView.quarterlyPage(
            report, quarters: quarters, selected: quarter, scope: scope, rounding: rounding
        ).response(from: request, context: context)
    }

    /// The committee report as a web page to publish (HTML) or to print (PDF, by Chromium on the
    /// server, on the printing thread); without Chromium, a page that says so and offers the HTML.
    static func committeeDocument(
        _ committee: CommitteeReport, format: String, name: String, printing: PasswordWork
    ) async throws -> any ResponseGenerator {
        if format == "docx" {
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    .contentDisposition: "attachment; filename=\"\(name).docx\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: ReportDocuments.docx(committee))))
        }
        if format == "html" {
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"\(name).html\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: CommitteeReportView.document(committee))))
        }
        guard PDFPrinter.browser != nil else {
            return Page(status: .serviceUnavailable, html: AnnualReportView.noPDF(name: name))
        }
        let bytes = try await printing.run {
            try PDFPrinter.pdf(key: CommitteeReportView.PDFTitle.key) {
                CommitteeReportView.document(committee, pages: $0)
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(name).pdf\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The report as a file, or `nil` for the page.
    static func download(_ report: ComplaintsReport, format: String?, name: String) throws -> Response? {
        let (bytes, type): ([UInt8], String)
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            (bytes, type) = (Array(try encoder.encode(report)), "application/json")
        case "csv": (bytes, type) = (Array(ReportDocuments.csv(report).utf8), "text/csv; charset=utf-8")
        case "xlsx":
            (bytes, type) = (
                ReportDocuments.xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        case "docx":
            (bytes, type) = (
                ReportDocuments.docx(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
        case "html":
            (bytes, type) = (Array(AnnualReportView.standalone(report).description.utf8), "text/html; charset=utf-8")
        default: return nil
        }
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name).\(format!)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The standalone HTML report for the command line.
public func annualReportHTML(_ report: ComplaintsReport) -> String { AnnualReportView.standalone(report).description }
