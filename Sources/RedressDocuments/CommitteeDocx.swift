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
        // Word and LibreOffice take a PNG; an SVG logo is printed in the PDF and web page only.
        let logo = c.logo.flatMap { $0.kind == .png ? $0 : nil }
        if let logo { body += logoParagraph(logo) }
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
        return wordPackage(
            body: body, charts: charts, footer: footer, sectionProperties: section, logoPNG: logo?.bytes)
    }

    static let logoRelationship = """
        <Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" \
        Target="media/logo.png"/>
        """

    /// The logo at most 2.2 cm high and 10 cm wide, in its own proportions (EMU: 360,000 a cm).
    static func logoParagraph(_ logo: CouncilLogo) -> String {
        var (height, width) = (792_000.0, 792_000.0 * Double(logo.width) / Double(logo.height))
        if width > 3_600_000 { (width, height) = (3_600_000, 3_600_000 * Double(logo.height) / Double(logo.width)) }
        let (cx, cy) = (Int(width), Int(height))
        return """
            <w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\(cx)" \
            cy="\(cy)"/><wp:docPr id="9000" name="Logo" descr=""/><wp:cNvGraphicFramePr><a:graphicFrameLocks \
            noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData \
            uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic \
            xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9000" \
            name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch>\
            <a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" \
            cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
            </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            """
    }
}
