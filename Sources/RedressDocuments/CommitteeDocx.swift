import RedressCore

extension ReportDocuments {
    /// The committee report as a Word document in the same shape as its PDF: a cover, contents
    /// whose page numbers are fields Word and LibreOffice work out when they lay the document out
    /// (`PAGEREF` to a bookmark on each chapter's heading), each chapter from a new page with the
    /// manager's words, tables (headers repeated, short ones kept on one page) and native charts,
    /// and a footer with the council, the title and "Page N of M" on every page but the cover.
    public static func docx(_ report: CommitteeReport) -> [UInt8] {
        var charts: [String] = []
        var body = ""
        let c = report.council
        body += paragraph(c.name, style: "CoverCouncil")
        body += paragraph(report.title, style: "Title")
        body += paragraph("\(report.firstDay.longDisplay) to \(report.lastDay.longDisplay)", style: "Subtitle")
        if !c.committee.isEmpty { body += paragraph("Report to the \(c.committee)") }
        if !c.reportOwner.isEmpty { body += paragraph("Report of the \(c.reportOwner)") }
        body += paragraph(report.preparedOn.longDisplay)
        for line in [c.address, c.complaintsTeam] where !line.isEmpty { body += paragraph(line) }

        body +=
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>"
        for (i, chapter) in report.chapters.enumerated() {
            body += """
                <w:p><w:pPr><w:pStyle w:val="Contents"/></w:pPr><w:r><w:t xml:space="preserve">\
                \(xml(chapter.title))</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
                <w:r><w:instrText xml:space="preserve"> PAGEREF _Chapter\(i + 1) \\h </w:instrText></w:r><w:r>\
                <w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>\(i + 3)</w:t></w:r><w:r>\
                <w:fldChar w:fldCharType="end"/></w:r></w:p>
                """
        }
        for (i, chapter) in report.chapters.enumerated() {
            body += """
                <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:bookmarkStart \
                w:id="\(i + 1)" w:name="_Chapter\(i + 1)"/><w:r><w:t xml:space="preserve">\(xml(chapter.title))\
                </w:t></w:r><w:bookmarkEnd w:id="\(i + 1)"/></w:p>
                """
            for block in chapter.blocks {
                switch block {
                case .paragraph(let text): body += paragraph(text)
                case .bullets(let items): for item in items { body += paragraph("• " + item, style: "ListBullet") }
                case .quotes(let quotes):
                    body += paragraph("What people said", style: "Heading2")
                    for quote in quotes { body += paragraph(quote, style: "Quote") }
                case .table(let table):
                    body += paragraph(table.title, style: "Heading2")
                    let bars = table.chartBars
                    if !bars.isEmpty {
                        charts.append(chartPart(bars))
                        body += chartParagraph(number: charts.count, bars: bars, title: table.title)
                            .replacingOccurrences(
                                of: "<w:p><w:r><w:drawing>",
                                with: "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing>")
                        if let measure = table.chartMeasure {
                            body += paragraph("The chart shows: \(measure)", style: "Note")
                        }
                    }
                    body += wordTable(table, keepTogether: table.rows.count <= 24)
                    body += paragraph("Basis: " + table.basis.explanation, style: "Note")
                    for note in table.notes { body += paragraph(note, style: "Note") }
                }
            }
        }
        let footerText = xml("\(c.name) · \(report.title)")
        func field(_ name: String) -> String {
            """
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> \(name) \
            </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r>\
            <w:fldChar w:fldCharType="end"/></w:r>
            """
        }
        let footer = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr>\
            <w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">\(footerText)</w:t></w:r><w:r><w:tab/>\
            </w:r><w:r><w:t xml:space="preserve">Page </w:t></w:r>\(field("PAGE"))<w:r><w:t xml:space="preserve"> \
            of </w:t></w:r>\(field("NUMPAGES"))</w:p></w:ftr>
            """
        // The footer on every page but the first (the cover): `titlePg` with no first-page footer.
        let section = """
            <w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="500" \
            w:gutter="0"/><w:titlePg/></w:sectPr>
            """
        return wordPackage(body: body, charts: charts, footer: footer, sectionProperties: section)
    }
}
