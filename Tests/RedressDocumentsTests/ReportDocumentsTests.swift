import Foundation
import RedressCore
import RedressTestSupport
import Testing
@testable import RedressDocuments

private func sampleReport() -> ComplaintsReport {
    let rounding = Rounding()
    let table = ReportTable(
        id: "outcomes-adults", title: "Outcomes, \"adults\" & others", basis: .closedInPeriod,
        columns: ["Complaints", "Share"],
        rows: [
            .init(
                label: "Upheld, in part",
                cells: [
                    .count("a", "Upheld", 1, basis: .closedInPeriod),
                    .share("b", "Upheld", 1, of: 3, basis: .closedInPeriod, rounding: rounding),
                ])
        ],
        notes: ["A note"])
    return ComplaintsReport(
        title: "Annual complaints report 2021/22: All services", period: "2021/22",
        firstDay: CalendarDate(iso: "2021-04-01")!,
        lastDay: CalendarDate(iso: "2022-03-31")!, scope: .all, earlierYears: [],
        sections: [
            ReportSection(id: "outcomes", title: "Outcomes", findings: ["Half were upheld."], tables: [table])
        ], rounding: rounding.statement)
}

/// The entries of a stored ZIP as text.
private func entries(_ bytes: [UInt8]) -> [String: String] {
    let texts = try? ZipReader.texts(bytes)
    #expect(texts != nil, "a ZIP with a central directory")
    return texts ?? [:]
}

@Suite("Report documents")
struct ReportDocumentsTests {
    @Test("CRC-32 and the stored ZIP layout match the specification")
    func zip() {
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        var archive = ZipArchive()
        archive.add("a.txt", "hello")
        archive.add("dir/b.xml", "<b/>")
        #expect(entries(archive.bytes) == ["a.txt": "hello", "dir/b.xml": "<b/>"])
        var again = ZipArchive()
        again.add("a.txt", "hello")
        again.add("dir/b.xml", "<b/>")
        #expect(archive.bytes == again.bytes, "deterministic")
    }

    @Test("the committee DOCX: a contents entry per chapter pointing at its heading, a footer with page fields")
    func committeeDocx() {
        let council = CouncilIdentity(name: "Anyshire & Co", committee: "Scrutiny Committee")
        let committee = CommitteeReport(
            sampleReport(), council: council, preparedOn: CalendarDate(iso: "2022-06-01")!,
            narratives: ["adults": "Our words."])
        let files = entries(ReportDocuments.docx(committee))
        let document = files["word/document.xml"] ?? ""
        for (i, chapter) in committee.chapters.enumerated() {
            #expect(document.contains("PAGEREF _Chapter\(i + 1) \\h"), "\(chapter.id) in the contents")
            #expect(document.contains("w:name=\"_Chapter\(i + 1)\"/><w:r><w:t xml:space=\"preserve\">\(chapter.title)"))
        }
        #expect(document.contains("Anyshire &amp; Co") && document.contains("Our words."))
        #expect(document.contains("<w:titlePg/>"), "no footer on the cover")
        let footer = files["word/footer1.xml"] ?? ""
        #expect(footer.contains(" PAGE ") && footer.contains(" NUMPAGES ") && footer.contains("Anyshire &amp; Co"))
        #expect(files["[Content_Types].xml"]?.contains("/word/footer1.xml") == true)
    }

    @Test("the CSV has one line per figure, quoted where needed, with basis and display")
    func csv() {
        let lines = ReportDocuments.csv(sampleReport()).components(separatedBy: "\r\n")
        #expect(lines[0] == "section,table,row,column,figure_id,label,kind,value,numerator,denominator,basis,display")
        #expect(
            lines[1]
                == #"Outcomes,"Outcomes, ""adults"" & others","Upheld, in part",Complaints,a,Upheld,count,1.0,1,,closed,1"#
        )
        #expect(lines[2].hasSuffix(",share,0.3333333333333333,1,3,closed,33%"))
        #expect(lines.count == 4 && lines[3].isEmpty)
    }

    @Test("the workbook has a contents sheet and one sheet per table, counts as numbers, text escaped")
    func xlsx() {
        let files = entries(ReportDocuments.xlsx(sampleReport()))
        #expect(
            files["xl/workbook.xml"]?.contains(
                #"<sheet name="Contents" sheetId="1" r:id="rId1"/><sheet name="1 outcomes-adults" sheetId="2" r:id="rId2"/>"#
            ) == true)
        let sheet = files["xl/worksheets/sheet2.xml"] ?? ""
        #expect(sheet.contains(#"<c r="B3"><v>1</v></c>"#))
        #expect(sheet.contains("Outcomes, &quot;adults&quot; &amp; others"))
        #expect(sheet.contains(#"<c r="C3" t="inlineStr"><is><t xml:space="preserve">33%</t></is></c>"#))
        #expect(
            ReportDocuments.columnName(0) == "A" && ReportDocuments.columnName(25) == "Z"
                && ReportDocuments.columnName(26) == "AA")
    }

    @Test("the Word document has the title, headings, findings, a table and the basis")
    func docx() {
        let files = entries(ReportDocuments.docx(sampleReport()))
        let document = files["word/document.xml"] ?? ""
        #expect(
            document.contains(
                #"<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Annual complaints report 2021/22: All services</w:t>"#
            ))
        #expect(
            document.contains("Half were upheld.") && document.contains("<w:tbl>")
                && document.contains("Basis: Counted on the date responded"))
        #expect(files["word/styles.xml"]?.contains(#"w:styleId="Heading1""#) == true)
        #expect(files["[Content_Types].xml"]?.contains("wordprocessingml.document.main+xml") == true)
    }

    @Test(
        "a table of shares gets a native Word bar chart with its labels and unrounded values cached; a table without gets none"
    )
    func docxChart() throws {
        var report = sampleReport()
        let rounding = Rounding()
        report.sections[0].tables.append(
            ReportTable(
                id: "method", title: "How complaints arrived", basis: .receivedInPeriod, columns: ["Number", "Share"],
                rows: [
                    .init(
                        label: "Email & letter",
                        cells: [
                            .count("m1", "Email", 1, basis: .receivedInPeriod),
                            .share("m1s", "Email", 1, of: 4, basis: .receivedInPeriod, rounding: rounding),
                        ]),
                    .init(
                        label: "Online form",
                        cells: [
                            .count("m2", "Online", 3, basis: .receivedInPeriod),
                            .share("m2s", "Online", 3, of: 4, basis: .receivedInPeriod, rounding: rounding),
                        ]),
                ], notes: []))
        let files = entries(ReportDocuments.docx(report))
        let chart = try #require(files["word/charts/chart1.xml"])
        #expect(files["word/charts/chart2.xml"] == nil, "the one-row table has no chart")
        #expect(
            chart.contains("<c:v>Email &amp; letter</c:v>") && chart.contains("<c:v>0.25</c:v>")
                && chart.contains("<c:v>0.75</c:v>"))
        #expect(chart.contains(#"<c:barDir val="bar"/>"#))
        #expect(files["[Content_Types].xml"]?.contains(#"PartName="/word/charts/chart1.xml""#) == true)
        #expect(files["word/_rels/document.xml.rels"]?.contains(#"Id="rIdChart1""#) == true)
        let document = files["word/document.xml"] ?? ""
        #expect(
            document.contains(#"<c:chart r:id="rIdChart1"/>"#)
                && document.contains(
                    "descr=\"Bar chart: How complaints arrived. The same figures are in the table below.\"")
        )
    }

    @Test("a trend's chart caches each period's count itself, a thousand and more without the table's commas")
    func docxTrendChart() throws {
        var report = sampleReport()
        report.sections[0].tables.append(
            ReportTable(
                id: "trends", title: "Complaints over the years", basis: .receivedInPeriod,
                columns: ["2024/25", "2025/26"],
                rows: [
                    .init(
                        label: "Complaints received",
                        cells: [
                            .count("t1", "2024/25", 1_100, basis: .receivedInPeriod),
                            .count("t2", "2025/26", 12_345, basis: .receivedInPeriod),
                        ])
                ], notes: []))
        let files = entries(ReportDocuments.docx(report))
        let chart = try #require(
            files.first { $0.key.hasPrefix("word/charts/") && $0.value.contains("2025/26") }?.value)
        #expect(chart.contains("<c:v>1100.0</c:v>") && chart.contains("<c:v>12345.0</c:v>"))
        #expect(chart.contains(#"<c:formatCode>0</c:formatCode>"#))
        #expect(report.sections[0].tables.last?.chartBars.map(\.display) == ["1,100", "12,345"])
    }
}
