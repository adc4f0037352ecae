import RedressCore

/// Loads what a report needs — the council's calendar, procedures, code lists, the records the
/// period can count and the council's report inputs — and builds it. One loader for the web
/// app and the command line, so both produce the same report from the same database.
public struct ReportSource: Sendable {
    public let database: Database
    public var division: Division

    public init(database: Database, division: Division = .englandAndWales) {
        self.database = database
        self.division = division
    }

    /// A step of a long run, for progress messages: what is being done, step `done` of `total`.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int, _ step: String) -> Void

    /// The annual report. `listsReference` says which cases' references its reader may see named
    /// (the data-quality appendix); the command line names them all.
    public func annual(
        year: FinancialYear, scope: ReportScope, earlierYears: Int = 1, rounding: Rounding = Rounding(),
        progress: Progress? = nil,
        listsReference: @escaping @Sendable (Representation) -> Bool = { _ in true }
    ) async throws -> ComplaintsReport {
        // The council's settings and the report's inputs are small reads, each a few round trips
        // on PostgreSQL: read beside the cases (on other connections), not one after another.
        async let setting = setting()
        async let inputs = ReportInputStore(database: database).inputs()
        async let conventions = SettingsStore(database: database).countingConventions().conventions
        let first = FinancialYear(startYear: year.startYear - earlierYears, startMonth: year.startMonth)
        let records = try await RepresentationStore(database: database).representations(
            relevantTo: first.firstDay, year.lastDay, includingOmbudsmanDecisions: true)
        progress?(0, 0, "loaded \(records.count) records")
        let (calendar, procedures, reference) = try await setting
        var builder = AnnualReportBuilder(
            year: year, scope: scope, earlierYears: earlierYears, calendar: calendar,
            procedures: procedures, reference: reference, rounding: rounding)
        builder.listsReference = listsReference
        builder.conventions = try await conventions
        return builder.build(from: records, inputs: try await inputs, progress: progress)
    }

    public func quarterly(
        quarter: FinancialQuarter, scope: ReportScope, trendQuarters: Int = 5, rounding: Rounding = Rounding(),
        progress: Progress? = nil
    ) async throws -> ComplaintsReport {
        let setting = try await setting()
        var builder = QuarterlyReportBuilder(
            quarter: quarter, scope: scope, trendQuarters: trendQuarters, calendar: setting.calendar,
            procedures: setting.procedures, reference: setting.reference, rounding: rounding)
        builder.conventions = try await SettingsStore(database: database).countingConventions().conventions
        let records = try await RepresentationStore(database: database).representations(
            activeBetween: builder.quarters[0].firstDay, quarter.lastDay)
        progress?(0, 0, "loaded \(records.count) records")
        return builder.build(from: records)
    }

    /// The Complaint Handling Code's annual report for `year` (with the self-assessment, the
    /// governing body's response and the Ombudsman letter figures), or the member's quarterly pack
    /// for `quarter` when given.
    public func code(
        year: FinancialYear, quarter: FinancialQuarter? = nil, rounding: Rounding = Rounding()
    ) async throws -> ComplaintsReport {
        let setting = try await setting()
        let procedure =
            setting.procedures.first { $0.id == BuiltInProcedures.corporate.id } ?? BuiltInProcedures.corporate
        let builder =
            quarter.map {
                CodeReportBuilder(
                    quarter: $0, calendar: setting.calendar, procedure: procedure, reference: setting.reference,
                    rounding: rounding)
            }
            ?? CodeReportBuilder(
                year: year, calendar: setting.calendar, procedure: procedure, reference: setting.reference,
                rounding: rounding)
        let records = try await RepresentationStore(database: database).representations(
            relevantTo: builder.firstDay, builder.lastDay, includingOmbudsmanDecisions: true)
        guard quarter == nil else { return builder.build(from: records, assessment: nil) }
        let assessment = try await CodeAssessmentStore(database: database).assessment(year: year.startYear).assessment
        let letter = try await ReportInputStore(database: database).ombudsmanLetter(year: year.startYear).letter
        return builder.build(from: records, assessment: assessment, letter: letter)
    }

    /// What Redress counts for one provision of the Code in `year`, in words; `nil` when it
    /// counts nothing for it.
    public func codeEvidence(_ provision: ComplaintHandlingCode.Provision, year: FinancialYear) async throws -> String?
    {
        guard let measure = provision.measure else { return nil }
        let setting = try await setting()
        let procedure =
            setting.procedures.first { $0.id == BuiltInProcedures.corporate.id } ?? BuiltInProcedures.corporate
        let builder = CodeReportBuilder(
            year: year, calendar: setting.calendar, procedure: procedure, reference: setting.reference)
        let records = try await RepresentationStore(database: database).representations(
            relevantTo: builder.firstDay, builder.lastDay)
        return builder.evidence(for: measure, builder.measures(records))
    }

    /// The council's benchmark file for `year`: its figures on the common definitions, the
    /// population from the Ombudsman letter inputs, signed with the council's key.
    public func benchmarkFile(year: FinancialYear) async throws -> BenchmarkFile {
        let setting = try await setting()
        let records = try await RepresentationStore(database: database).representations(
            relevantTo: year.firstDay, year.lastDay, includingOmbudsmanDecisions: true)
        let letter = try await ReportInputStore(database: database).ombudsmanLetter(year: year.startYear).letter
        let file = BenchmarkFile.make(
            council: try await SettingsStore(database: database).councilIdentity().name, year: year, records: records,
            residents: letter.residents, children: letter.children, calendar: setting.calendar,
            procedures: setting.procedures)
        return try await BenchmarkSigner(database: database).sign(file)
    }

    /// The Code's report as a document, with the council's details.
    public func committee(code report: ComplaintsReport, preparedOn: CalendarDate) async throws -> CommitteeReport {
        CommitteeReport(
            code: report, council: try await SettingsStore(database: database).councilIdentity(), preparedOn: preparedOn
        )
    }

    private func setting() async throws -> (
        calendar: WorkingDayCalendar, procedures: [ProcedureDefinition], reference: ReferenceData
    ) {
        let feed = try await CalendarStore(database: database).effectiveFeed()
        return (
            WorkingDayCalendar(division: division, feed: feed), try await ProcedureStore(database: database).load(),
            try await ReferenceStore(database: database).load()
        )
    }
}

extension ReportSource {
    /// The committee document for an annual report: the council's details, its saved template and
    /// the complaints manager's words for the year and scope, with their figures filled in. The
    /// web page, the command line and the commentary pages all make it here, so they agree.
    public func committee(
        _ report: ComplaintsReport, year: Int, scope: ReportScope, preparedOn: CalendarDate
    ) async throws -> CommitteeReport {
        let settings = SettingsStore(database: database)
        let council = try await settings.councilIdentity()
        let template = try await settings.reportTemplate().template
        let narratives = try await ReportNarrativeStore(database: database).narratives(year: year, scope: scope)
        let figures = report.figuresByID
        return CommitteeReport(
            report, council: council, preparedOn: preparedOn, template: template,
            narratives: narratives.mapValues { ReportNarrative.render($0.text, figures: figures) })
    }

    /// The committee document for a quarterly report, with the council's details and its choice
    /// of printing rows of zeros.
    public func committee(quarterly report: ComplaintsReport, preparedOn: CalendarDate) async throws -> CommitteeReport
    {
        let settings = SettingsStore(database: database)
        return CommitteeReport(
            quarterly: report, council: try await settings.councilIdentity(), preparedOn: preparedOn,
            showZeroRows: try await settings.reportTemplate().template.showZeroRows)
    }
}
