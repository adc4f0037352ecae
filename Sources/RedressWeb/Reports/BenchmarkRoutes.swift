import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET /reports/benchmark`: this council's figures file to share, and a form to compare files
/// from other councils; `POST /reports/benchmark` (the files, a multipart form) shows the
/// comparison; `GET /reports/benchmark/file?year=2025` downloads this council's signed file.
struct BenchmarkRoutes: Sendable {
    let deps: WebDependencies
    var years: [Int] { ReportInputRoutes(deps: deps).years }

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try Page(status: .ok, html: BenchmarkView.form(years: years, errors: []))
            .response(from: request, context: context)
    }

    @Sendable func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let year =
            request.uri.queryParameters.get("year").flatMap(Int.init).flatMap { years.contains($0) ? $0 : nil }
            ?? years.dropFirst().first ?? years[0]
        let file = try await ReportSource(database: deps.database, division: deps.division).benchmarkFile(
            year: FinancialYear(startYear: year))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json",
                .contentDisposition: "attachment; filename=\"benchmark-\(year).json\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(try encoder.encode(file)))))
    }

    @Sendable func compare(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = Array(
            buffer: try await request.body.collect(upTo: Endpoint.compareBenchmark.uploadLimit(deps)!.bytes))
        func refuse(_ messages: [String]) throws -> Response {
            try Page(
                status: .unprocessableContent,
                html: BenchmarkView.form(years: years, errors: messages.map { FieldError(field: "files", message: $0) })
            ).response(from: request, context: context)
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            return try refuse(["Choose the councils' benchmark files"])
        }
        let form: MultipartForm
        do { form = try MultipartForm(body, boundary: boundary) } catch { return try refuse([error.description]) }
        var read: [(name: String, file: BenchmarkFile)] = []
        var problems: [String] = []
        for part in form.files("files") where !part.body.isEmpty {
            let name = part.filename ?? "a file"
            do {
                read.append((name, try JSONDecoder().decode(BenchmarkFile.self, from: Data(part.body))))
            } catch {
                problems.append("\(name): not a Redress benchmark file")
            }
        }
        // This council's own figures join the comparison unless a file for it was chosen.
        let own = try await SettingsStore(database: deps.database).councilIdentity().name
        if form["include-own"] == "yes", let year = read.first?.file.year,
            !read.contains(where: { $0.file.council == own }),
            years.contains(year)
        {
            read.insert(
                (
                    "this council",
                    try await ReportSource(database: deps.database, division: deps.division).benchmarkFile(
                        year: FinancialYear(startYear: year))
                ), at: 0)
        }
        problems += BenchmarkComparison.problems(read)
        guard problems.isEmpty else { return try refuse(problems) }
        let report = BenchmarkComparison.report(
            read.map(\.file), own: own, checks: read.map { BenchmarkSigner.check($0.file) })
        return try Page(status: .ok, html: BenchmarkView.comparison(report)).response(from: request, context: context)
    }
}
