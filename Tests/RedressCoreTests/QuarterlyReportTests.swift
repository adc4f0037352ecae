import Foundation
import Testing
@testable import RedressCore

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
private let children = BuiltInProcedures.childrenStatutory
private let engine = ClockEngine(calendar: .englandAndWales)

/// Children's stage 1 complaints, due dates fixed as the clock engine fixes them. Every figure
/// below was computed by hand and the working days checked against the GOV.UK feed:
/// 20 December 2021 + 10 working days = 6 January 2022 (across the moved Christmas, Boxing Day
/// and New Year holidays); 2 August → 31 December 2021 is 106 working days.
private func quarterCouncil() -> [Representation] {
    func complaint(
        _ id: String, received: String, service: String, responded: String? = nil, outcome: String? = nil,
        extendedTo: String? = nil
    ) -> Representation {
        var stage = engine.openingStage(for: children, receivedOn: day(received))!
        stage.milestones[.acknowledged] = day(received).adding(days: 1)
        stage.milestones[.responded] = responded.map(day)
        stage.outcome = outcome
        if let extendedTo {
            stage.extensions = [
                Extension(
                    clockKey: children.stages[0].responseClock!.key, agreedOn: day(received).adding(days: 7),
                    newDueOn: day(extendedTo), reason: "r")
            ]
        }
        return Representation(
            id: id, reference: id, kind: .complaint, serviceArea: .childrensSocialCare, procedureID: children.id,
            receivedOn: day(received),
            methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: service,
            summary: "s", stages: [stage])
    }
    let adults = BuiltInProcedures.adultsStatutory
    var adultsStage = engine.openingStage(for: adults, receivedOn: day("2021-06-01"))!
    adultsStage.milestones[.acknowledged] = day("2021-06-02")
    let a1 = Representation(
        id: "A1", reference: "A1", kind: .complaint, serviceArea: .adultSocialCare, procedureID: adults.id,
        receivedOn: day("2021-06-01"),
        methodOfReceipt: "email", complainant: Complainant(relationship: "self"), serviceCategory: "assessment",
        summary: "s",
        stages: [adultsStage])
    var compliment = Representation(
        id: "K1", reference: "K1", kind: .compliment, serviceArea: .childrensSocialCare, procedureID: nil,
        receivedOn: day("2021-10-11"),
        methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "fostering",
        summary: "s")
    compliment.stages = []
    return [
        complaint("Q1", received: "2021-10-04", service: "fostering", responded: "2021-10-15", outcome: "not-upheld"),
        complaint(
            "Q2", received: "2021-12-20", service: "child-in-need", responded: "2022-01-05", outcome: "not-upheld"),
        complaint(
            "Q3", received: "2021-09-01", service: "fostering", responded: "2021-09-28", outcome: "partly-upheld",
            extendedTo: "2021-09-29"),
        complaint("Q4", received: "2021-11-01", service: "fostering", responded: "2021-11-22", outcome: "upheld"),
        complaint("Q5", received: "2021-08-02", service: "child-in-need"),
        a1, compliment,
    ]
}

private func quarterly() -> ComplaintsReport {
    QuarterlyReportBuilder(quarter: FinancialQuarter("2021-Q3")!, trendQuarters: 2, calendar: .englandAndWales).build(
        from: quarterCouncil())
}

private func figure(_ r: ComplaintsReport, _ id: String) -> String? { r.figures.first { $0.id == id }?.display }

@Suite("Quarterly performance report")
struct QuarterlyReportTests {
    @Test("quarters of the financial year: parsing, days, the previous quarter")
    func quarters() {
        let q = FinancialQuarter("2025-Q2")!
        #expect(q.firstDay == day("2025-07-01") && q.lastDay == day("2025-09-30") && q.description == "Q2 2025/26")
        #expect(
            FinancialQuarter("2025-Q4")!.firstDay == day("2026-01-01")
                && FinancialQuarter("2025-Q4")!.lastDay == day("2026-03-31"))
        #expect(FinancialQuarter("2025-Q1")!.previous == FinancialQuarter("2024-Q4")!)
        #expect(FinancialQuarter(containing: day("2026-02-14")) == FinancialQuarter("2025-Q4")!)
        #expect(FinancialQuarter(containing: day("2026-04-01")).code == "2026-Q1")
        for bad in ["2025", "2025-Q5", "2025-Q0", "Q2-2025", "20x5-Q1", "2025-Q12"] {
            #expect(FinancialQuarter(bad) == nil, "\(bad)")
        }
    }

    @Test("a case as it stood on a day: later responses, extensions and outcomes undone")
    func snapshot() throws {
        let q2 = try #require(quarterCouncil().first { $0.id == "Q2" })
        let then = try #require(q2.asAt(day("2021-12-31")))
        #expect(then.isOpen && q2.isOpen == false)
        #expect(
            then.stages[0].outcome == nil && then.stages[0].respondedOn == nil
                && then.stages[0].dueOn == day("2022-01-06"))
        #expect(q2.asAt(day("2021-12-19")) == nil, "not yet received")
        let q3 = try #require(quarterCouncil().first { $0.id == "Q3" })
        #expect(
            q3.asAt(day("2021-09-05"))?.stages[0].extensions.isEmpty == true, "the extension was agreed on 8 September")
    }

    @Test("trends: received, closed, on time counting extensions, fault found, open at each quarter's end")
    func trends() {
        let r = quarterly()
        #expect(figure(r, "trend.received.2021-Q2") == "2" && figure(r, "trend.received.2021-Q3") == "3")
        #expect(figure(r, "trend.compliments.2021-Q3") == "1")
        #expect(
            figure(r, "trend.responses.2021-Q2") == "1" && figure(r, "trend.on-time.2021-Q2") == "100%",
            "Q3 answered a day before its extended due date")
        #expect(
            figure(r, "trend.responses.2021-Q3") == "2" && figure(r, "trend.on-time.2021-Q3") == "50%",
            "Q4 answered after 15 November")
        #expect(figure(r, "trend.closed.2021-Q3") == "2" && figure(r, "trend.fault-found.2021-Q3") == "50%")
        #expect(figure(r, "trend.fault-found.2021-Q2") == "100%")
        #expect(
            figure(r, "trend.open.2021-Q2") == "2" && figure(r, "trend.open.2021-Q3") == "3",
            "Q2, answered in January, was open on 31 December")
        #expect(
            r.sections[0].findings.first
                == "3 complaints were received in Q3 2021/22, against 2 in Q2 2021/22 (+50% on the previous quarter).")
    }

    @Test("charts: the trend is one bar per quarter of complaints received; the service chart says it plots on time")
    func charts() throws {
        let r = quarterly()
        let tables = r.sections.flatMap(\.tables)
        let trend = try #require(tables.first { $0.id == "trends" })
        #expect(trend.chartBars.map(\.label) == trend.columns, "one bar per quarter")
        #expect(trend.chartBars.map(\.display) == ["2", "3"])
        #expect(trend.chartBars.map(\.value) == [2.0 / 3.0, 1.0], "scaled to the largest quarter")
        #expect(trend.chartMeasure == "Complaints received")
        let rounding = Rounding()
        func row(_ label: String, _ part: Int) -> ReportTable.Row {
            ReportTable.Row(
                label: label,
                cells: [
                    .count("\(label).n", label, 4, basis: .receivedInPeriod),
                    .share("\(label).on-time", label, part, of: 4, basis: .closedInPeriod, rounding: rounding),
                ])
        }
        let service = ReportTable(
            id: "by-service", title: "Complaints by service", basis: .receivedInPeriod,
            columns: ["Received", "On time"], rows: [row("A", 1), row("B", 3)], notes: [])
        #expect(service.chartMeasure == "On time" && service.chartBars.map(\.display) == ["25%", "75%"])
        var long = service
        long.rows = (0...ReportTable.mostBars).map { row("S\($0)", 2) }
        #expect(long.chartBars.isEmpty, "more bars than fit a page are left to the table")
    }

    @Test("the committee document: a summary, a chapter per part, each table once, no rows of zeros, no appendix")
    func committee() {
        let report = quarterly()
        let council = CouncilIdentity(name: "Anyshire County Council", committee: "Scrutiny Committee")
        let document = CommitteeReport(quarterly: report, council: council, preparedOn: day("2023-01-10"))
        #expect(document.chapters.first?.id == "summary")
        #expect(Set(document.chapters.dropFirst().map(\.id)).isSubset(of: ["trends", "by-service", "ageing", "due"]))
        #expect(!document.chapters.contains { $0.isAppendix })
        guard case .paragraph(let opening) = document.chapters[0].blocks.first else {
            Issue.record("the summary opens with a paragraph")
            return
        }
        #expect(opening.hasPrefix("This report tells the Scrutiny Committee how Anyshire County Council"))
        let tables = document.chapters.flatMap(\.blocks).compactMap { block -> ReportTable? in
            if case .table(let table) = block { table } else { nil }
        }
        #expect(
            tables.map(\.id)
                == report.sections.flatMap(\.tables).map(\.id).filter { id in
                    tables.contains { $0.id == id }
                })
        #expect(Set(tables.map(\.id)).count == tables.count, "each table once")
        for table in tables { #expect(table.rows == table.withoutEmptyRows.rows, "\(table.id) has no rows of zeros") }
        let withZeros = CommitteeReport(
            quarterly: report, council: council, preparedOn: day("2023-01-10"), showZeroRows: true)
        let rows = { (d: CommitteeReport) in
            d.chapters.flatMap(\.blocks).reduce(0) { n, b in if case .table(let t) = b { n + t.rows.count } else { n } }
        }
        #expect(rows(withZeros) >= rows(document))
    }

    @Test("by service, ageing across bank holidays, and due and overdue on the quarter's last day")
    func serviceAgeingAndDue() {
        let r = quarterly()
        #expect(
            figure(r, "service.children.fostering.received") == "2"
                && figure(r, "service.children.fostering.on-time") == "50%")
        #expect(
            figure(r, "service.children.child-in-need.open") == "2"
                && figure(r, "service.children.child-in-need.overdue") == "1")
        #expect(figure(r, "service.children.child-in-need.on-time") == "–", "nothing answered")
        #expect(
            !r.figures.contains { $0.id.hasPrefix("service.children.adoption") },
            "services with nothing to show are left out")
        #expect(figure(r, "ageing.children-statutory.band1") == "1", "Q2: 7 working days on 31 December")
        #expect(figure(r, "ageing.children-statutory.band4") == "1", "Q5: 106 working days")
        #expect(
            figure(r, "ageing.children-statutory.open") == "2"
                && figure(r, "ageing.children-statutory.six-months") == "0")
        #expect(
            figure(r, "ageing.adults-statutory.band4") == "1" && figure(r, "ageing.adults-statutory.six-months") == "1",
            "A1: six months ended 30 November")
        #expect(figure(r, "due.due-soon") == "1", "Q2 due 6 January, 3 working days after 31 December")
        #expect(
            figure(r, "due.overdue") == "2",
            """
            Q5's response, and A1's six-month notification (due 30 November); A1 has no agreed response date to \
            be late against
            """
        )
        #expect(figure(r, "due.overdue.cases") == "2")
    }
}

@Suite("Report inputs")
struct ReportInputsTests {
    private func complaints(_ n: Int, received: String, area: ServiceArea = .childrensSocialCare) -> [Representation] {
        (0..<n).map { i in
            Representation(
                id: "\(area.rawValue)-\(received)-\(i)", reference: "R\(i)", kind: .complaint, serviceArea: area,
                procedureID: nil, receivedOn: day(received),
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"), serviceCategory: "x",
                summary: "s")
        }
    }

    @Test(
        """
        complaints per 100 of a context measure (STAT-11: 65 ÷ 4,934 = 1.3, 86 ÷ 5,435 = 1.6), each year on its \
        own measure
        """
    )
    func context() {
        let records = complaints(65, received: "2021-06-01") + complaints(86, received: "2022-06-01")
        let inputs = ReportInputs(contextMeasures: [
            ContextMeasure(
                year: 2021, serviceArea: .childrensSocialCare, measure: "Referrals to children's social care",
                value: 4_934),
            ContextMeasure(
                year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals to children's social care",
                value: 5_435),
            ContextMeasure(
                year: 2022, serviceArea: .childrensSocialCare, measure: "Children in care at 31 March", value: 600),
        ])
        let r = AnnualReportBuilder(year: FinancialYear(startYear: 2022), scope: .children, calendar: .englandAndWales)
            .build(from: records, inputs: inputs)
        #expect(figure(r, "context.children.referrals-to-children-s-social-care.2021.per-100") == "1.3")
        #expect(figure(r, "context.children.referrals-to-children-s-social-care.2022.per-100") == "1.6")
        #expect(
            figure(r, "context.children.children-in-care-at-31-march.2022.per-100") == "14.3", "86 × 100 ÷ 600 = 14.33")
        #expect(
            figure(r, "context.children.children-in-care-at-31-march.2021") == nil,
            "not entered for 2021: a blank cell, not a figure")
        #expect(
            r.sections.first { $0.id == "context" }?.tables.first?.rows.first {
                $0.label == "Children in care at 31 March"
            }?.cells.first?.display == "–")
        let empty = AnnualReportBuilder(
            year: FinancialYear(startYear: 2022), scope: .adults, calendar: .englandAndWales
        ).build(from: records, inputs: inputs)
        #expect(empty.sections.first { $0.id == "context" }?.tables.isEmpty == true, "no adults' measures")
    }

    @Test("equality profile: counts from 1 to 4 withheld, and the next smallest when one alone could be worked out")
    func equality() {
        let builder = AnnualReportBuilder(year: FinancialYear(startYear: 2021), calendar: .englandAndWales)
        #expect(builder.suppressedIndexes([0, 3, 10, 7]) == [1, 3])
        #expect(builder.suppressedIndexes([3, 2, 10]) == [0, 1])
        #expect(builder.suppressedIndexes([0, 0, 12]) == [])
        let records = complaints(20, received: "2021-06-01") + complaints(5, received: "2020-06-01")
        var answers: [String: EqualityMonitoring] = [:]
        for (i, r) in records.prefix(16).enumerated() {
            answers[r.id] = EqualityMonitoring(disability: i < 2 ? "yes" : i < 12 ? "no" : "not-stated")
        }
        answers[records[24].id] = EqualityMonitoring(disability: "yes")  // received the year before: not counted
        let r = builder.build(from: records, inputs: ReportInputs(equality: answers))
        #expect(figure(r, "equality.returned") == "80%" && figure(r, "equality.returned.count") == "16")
        #expect(figure(r, "equality.disability.yes") == "<5" && figure(r, "equality.disability.yes.share") == "–")
        #expect(figure(r, "equality.disability.not-stated") == "<5", "4 is under 5 as well")
        #expect(figure(r, "equality.disability.no") == "10" && figure(r, "equality.disability.no.share") == "63%")
        #expect(
            r.figures.first { $0.id == "equality.disability.yes" }?.numerator == nil,
            "the withheld count is not in the JSON either")
    }

    @Test("recommendations made this year are listed; last year's progress counted by status; other services left out")
    func recommendations() throws {
        let inputs = ReportInputs(recommendations: [
            ReportRecommendation(
                id: "1", year: 2021, serviceArea: nil, title: "Learning from complaints", detail: "Share themes.",
                dueOn: day("2023-03-31")),
            ReportRecommendation(
                id: "2", year: 2020, serviceArea: .childrensSocialCare, title: "Stage 2 recovery", detail: "",
                dueOn: nil, status: .completed, progress: "Done."),
            ReportRecommendation(
                id: "3", year: 2020, serviceArea: nil, title: "Pool capacity", detail: "", dueOn: nil, status: .ongoing),
            ReportRecommendation(
                id: "4", year: 2020, serviceArea: .adultSocialCare, title: "Response dates", detail: "", dueOn: nil,
                status: .completed),
        ])
        let r = AnnualReportBuilder(year: FinancialYear(startYear: 2021), scope: .children, calendar: .englandAndWales)
            .build(from: [], inputs: inputs)
        let section = try #require(r.sections.first { $0.id == "recommendations" })
        #expect(
            section.findings.first
                == "Recommendation 1 – Learning from complaints. Share themes. To be completed by 31 March 2023.")
        #expect(section.findings.contains("2020/21 recommendation – Stage 2 recovery. Progress – Completed. Done."))
        #expect(
            !section.findings.contains { $0.contains("Response dates") },
            "an adults' recommendation is not in the children's report")
        #expect(
            figure(r, "recommendations.progress.completed") == "1"
                && figure(r, "recommendations.progress.completed.share") == "50%")
        #expect(figure(r, "recommendations.progress:total") == "2")
        #expect(
            !(r.sections.first?.findings ?? []).contains { $0.contains("Recommendation") },
            "the summary does not repeat them")
    }

    @Test("the demo council's inputs use codes from the equality lists and give measures for every year")
    func demoInputs() {
        let demo = DemoCouncil(today: day("2025-11-01"))
        let records = demo.representations()
        let inputs = demo.reportInputs(for: records)
        let reference = ReferenceData.defaults
        for answer in inputs.equality.values {
            for list in [CategoryList.disability, .gender, .ageBand, .ethnicity] {
                #expect(reference.category(list, answer.code(list)!) != nil, "\(list.rawValue) \(answer.code(list)!)")
            }
        }
        #expect(Set(inputs.contextMeasures.map(\.year)) == Set(demo.years.map(\.startYear)))
        #expect(
            inputs.equality.count > 0
                && inputs.equality.keys.allSatisfy { id in records.contains { $0.id == id && $0.kind == .complaint } })
    }
}
