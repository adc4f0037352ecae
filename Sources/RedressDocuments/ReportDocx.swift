import Foundation
import RedressCore

extension ReportDocuments {
    /// A Word document: title, the rounding rule, each section's findings as paragraphs and each
    /// table as a Word table with its basis and notes, so the officer can add the narrative and
    /// the committee's covering text. Every table of shares gets a native Word bar chart (its
    /// data cached in the chart, so Word and LibreOffice draw it) before the table.
    public static func docx(_ report: ComplaintsReport) -> [UInt8] {
        var charts: [String] = []
        var body = paragraph(report.title, style: "Title")
        body += paragraph(
            """
            \(report.firstDay.longDisplay) to \(report.lastDay.longDisplay). Every figure is counted from the \
            case records in Redress.
            """
        )
        body += paragraph(report.rounding)
        for section in report.sections {
            body += paragraph(section.title, style: "Heading1")
            for finding in section.findings { body += paragraph(finding, style: "ListBullet") }
            for table in section.tables {
                body += paragraph(table.title, style: "Heading2")
                let bars = table.chartBars
                if !bars.isEmpty {
                    charts.append(chartPart(bars))
                    body += chartParagraph(number: charts.count, bars: bars, title: table.title)
                    if let measure = table.chartMeasure {
                        body += paragraph("The chart shows: \(measure)", style: "Note")
                    }
                }
                body += wordTable(table)
                body += paragraph("Basis: " + table.basis.explanation, style: "Note")
                for note in table.notes { body += paragraph(note, style: "Note") }
            }
        }
        return wordPackage(body: body, charts: charts)
    }

    /// A Word package around a document body: content types, relationships, styles, charts.
    static func wordPackage(
        body: String, charts: [String], footer: String? = nil, sectionProperties: String? = nil,
        logoPNG: Data? = nil
    )
        -> [UInt8]
    {
        var archive = ZipArchive()
        let footerType =
            footer == nil
            ? ""
            : """
            <Override PartName="/word/footer1.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
            """
        let footerRelationship =
            footer == nil
            ? ""
            : """
            <Relationship Id="rIdFooter1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
            """
        let chartTypes = charts.indices.map {
            """
            <Override PartName="/word/charts/chart\($0 + 1).xml" \
            ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>
            """
        }.joined()
        let chartRelationships = charts.indices.map {
            """
            <Relationship Id="rIdChart\($0 + 1)" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" \
            Target="charts/chart\($0 + 1).xml"/>
            """
        }.joined()
        archive.add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            \(logoPNG == nil ? "" : "<Default Extension=\"png\" ContentType=\"image/png\"/>")<Default Extension="rels" \
            ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" \
            ContentType="application/xml"/><Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override \
            PartName="/word/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            \(footerType)\(chartTypes)</Types>
            """)
        archive.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship \
            Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """)
        archive.add(
            "word/_rels/document.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship \
            Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
            Target="styles.xml"/>\(footerRelationship)\(logoPNG == nil ? "" : Self.logoRelationship)\
            \(chartRelationships)</Relationships>
            """)
        archive.add("word/styles.xml", styles)
        if let footer { archive.add("word/footer1.xml", footer) }
        if let logoPNG { archive.add("word/media/logo.png", Array(logoPNG)) }
        for (i, chart) in charts.enumerated() { archive.add("word/charts/chart\(i + 1).xml", chart) }
        archive.add(
            "word/document.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)\
            \(sectionProperties ?? Self.plainSection)</w:body></w:document>
            """)
        return archive.bytes
    }

    static let plainSection = """
        <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" \
        w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>
        """

    /// The paragraph holding chart `number`, sized to its bars, described for screen readers.
    static func chartParagraph(number: Int, bars: [ChartBar], title: String) -> String {
        let emuPerInch = 914_400
        let height = Int((0.2 * Double(bars.count) + 0.45) * Double(emuPerInch))
        let description = xml("Bar chart: \(title). The same figures are in the table below.")
        return
            """
            <w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent \
            cx=\"\(6 * emuPerInch)\" cy=\"\(height)\"/>
            """
                + """
                <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(number)\" name=\"Chart \(number)\" \
                descr=\"\(description)\"/><wp:cNvGraphicFramePr/>
                """
                    + """
                    <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart \
                    r:id=\"rIdChart\(number)\"/></a:graphicData></a:graphic>
                    """
                + "</wp:inline></w:drawing></w:r></w:p>"
    }

    /// A horizontal bar chart part with its categories and values cached in the chart itself.
    static func chartPart(_ bars: [ChartBar]) -> String {
        let n = bars.count
        let categories = bars.enumerated().map { "<c:pt idx=\"\($0)\"><c:v>\(xml($1.label))</c:v></c:pt>" }.joined()
        // Shares are drawn as percentages; a trend's counts as the counts themselves.
        let percent = bars.allSatisfy { $0.count == nil }
        let format = percent ? "0%" : "0"
        let values = bars.enumerated().map { i, bar in
            "<c:pt idx=\"\(i)\"><c:v>\(bar.count.map(Double.init) ?? bar.value)</c:v></c:pt>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" \
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>\
            <c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>\
            <c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Share</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr \
            val="1D70B8"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>\
            <c:dLbls><c:numFmt formatCode="\(format)" \
            sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey \
            val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent \
            val="0"/><c:showBubbleSize val="0"/></c:dLbls>\
            <c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(n + 1)</c:f><c:strCache><c:ptCount \
            val="\(n)"/>\(categories)</c:strCache></c:strRef></c:cat>\
            <c:val><c:numRef><c:f>Sheet1!$B$2:$B$\(n + 1)</c:f><c:numCache><c:formatCode>\(format)</c:formatCode>\
            <c:ptCount val="\(n)"/>\(values)</c:numCache></c:numRef></c:val>\
            </c:ser><c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>\
            <c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete \
            val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos \
            val="nextTo"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn \
            val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:tickMarkSkip val="1"/><c:noMultiLvlLbl \
            val="0"/></c:catAx>\
            <c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min \
            val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt \
            formatCode="\(format)" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses \
            val="max"/><c:crossBetween val="between"/></c:valAx>\
            </c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>\
            <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin \
            typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr></c:chartSpace>
            """
    }

    static func paragraph(_ text: String, style: String? = nil) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(xml(text))</w:t></w:r></w:p>"
    }

    /// A Word table with its header row repeated on each page; `keepTogether` keeps every row
    /// with the next, so a short table is not split across pages.
    static func wordTable(_ t: ReportTable, keepTogether: Bool = false) -> String {
        func cell(_ text: String, bold: Bool = false, right: Bool = false, keep: Bool = false) -> String {
            let run = "<w:rPr>" + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"18\"/></w:rPr>"
            let properties = (keep ? "<w:keepNext/>" : "") + (right ? "<w:jc w:val=\"right\"/>" : "")
            let pPr = properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
            return "<w:tc><w:p>\(pPr)<w:r>\(run)<w:t xml:space=\"preserve\">\(xml(text))</w:t></w:r></w:p></w:tc>"
        }
        let header =
            "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" + cell("", bold: true, keep: true)
            + t.columns.map { cell($0, bold: true, right: true, keep: true) }.joined() + "</w:tr>"
        let rows = t.rows.enumerated().map { i, row in
            let keep = keepTogether && i < t.rows.count - 1
            return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(row.label, keep: keep)
                + row.cells.map { cell($0.display, right: $0.kind != .text, keep: keep) }.joined()
                + String(repeating: cell("", keep: keep), count: max(0, t.columns.count - row.cells.count)) + "</w:tr>"
        }.joined()
        return
            """
            <w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" \
            w:type=\"auto\"/></w:tblPr>\(header)\(rows)</w:tbl>
            """
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz \
        w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing \
        w:after="100"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360"/><w:outlineLvl \
        w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200"/><w:outlineLvl \
        w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="CoverCouncil"><w:name w:val="Cover council"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:spacing w:before="1200" w:after="600"/></w:pPr><w:rPr><w:b/><w:sz \
        w:val="40"/><w:color w:val="1D70B8"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:spacing w:after="600"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Contents"><w:name w:val="Contents"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9600"/></w:tabs></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:pPr><w:ind \
        w:left="567"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="9600"/></w:tabs><w:spacing \
        w:after="0"/></w:pPr><w:rPr><w:sz w:val="16"/><w:color w:val="505A5F"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:spacing w:after="40"/></w:pPr><w:rPr><w:sz w:val="16"/><w:color \
        w:val="505A5F"/></w:rPr></w:style>\
        <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top \
        w:val="single" w:sz="4" w:space="0" w:color="B1B4B6"/><w:bottom w:val="single" w:sz="4" w:space="0" \
        w:color="B1B4B6"/><w:insideH w:val="single" w:sz="4" w:space="0" \
        w:color="B1B4B6"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" \
        w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """
}
