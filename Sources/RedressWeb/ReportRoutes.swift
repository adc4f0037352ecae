import Foundation
import Hummingbird
import RedressCore
import RedressDocuments
import RedressStorage

/// `GET /reports/annual?year=2021&scope=adults&format=html|json`: the annual report for report
/// readers and managers, built from the records at the moment it is asked for.
struct ReportRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func annual(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let current = FinancialYear(containing: deps.today())
        let years = Array((current.startYear - 9)...current.startYear).reversed().map { $0 }
        let year = query.get("year").flatMap(Int.init).flatMap { years.contains($0) ? $0 : nil } ?? current.startYear - 1
        let scope = query.get("scope").flatMap(ReportScope.init(rawValue:)) ?? .all
        let report = try await Self.build(deps: deps, year: FinancialYear(startYear: year), scope: scope)
        switch query.get("format") {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            return Response(status: .ok, headers: [.contentType: "application/json", .contentDisposition: "attachment; filename=\"annual-report-\(year)-\(scope.rawValue).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
        case "csv", "xlsx", "docx":
            let format = query.get("format")!
            let (bytes, type): ([UInt8], String) = switch format {
            case "csv": (Array(ReportDocuments.csv(report).utf8), "text/csv; charset=utf-8")
            case "xlsx": (ReportDocuments.xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            default: (ReportDocuments.docx(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"annual-report-\(year)-\(scope.rawValue).\(format)\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case "html":
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentDisposition: "attachment; filename=\"annual-report-\(year)-\(scope.rawValue).html\""],
                            body: .init(byteBuffer: ByteBuffer(string: AnnualReportView.standalone(report).description)))
        default:
            return try AnnualReportView.page(report, years: years, selected: year, scope: scope).response(from: request, context: context)
        }
    }

    static func build(deps: WebDependencies, year: FinancialYear, scope: ReportScope, earlierYears: Int = 1) async throws -> AnnualReport {
        let casework = try await Casework.load(deps)
        let first = FinancialYear(startYear: year.startYear - earlierYears)
        let records = try await RepresentationStore(database: deps.database).representations(relevantTo: first.firstDay, year.lastDay, includingOmbudsmanDecisions: true)
        return AnnualReportBuilder(year: year, scope: scope, earlierYears: earlierYears, calendar: casework.calendar,
                                   procedures: casework.procedures, reference: casework.reference).build(from: records)
    }
}

/// The standalone HTML report for the command line.
public func annualReportHTML(_ report: AnnualReport) -> String { AnnualReportView.standalone(report).description }
