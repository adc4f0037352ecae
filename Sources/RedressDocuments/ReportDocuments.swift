import RedressCore

/// The annual report as files for people who work in spreadsheets and word processors: a CSV of
/// every figure, an XLSX workbook with one sheet per table, and a DOCX the complaints officer
/// can edit into the committee report. All are deterministic: the same report, the same bytes.
public enum ReportDocuments {
    /// One line per figure: where it sits, what it is, and how it was counted.
    public static func csv(_ report: ComplaintsReport) -> String {
        var lines = ["section,table,row,column,figure_id,label,kind,value,numerator,denominator,basis,display"]
        for section in report.sections {
            for table in section.tables {
                for row in table.rows {
                    for (i, cell) in row.cells.enumerated() {
                        let column = i < table.columns.count ? table.columns[i] : ""
                        let value = cell.value.map { String($0) } ?? ""
                        lines.append(
                            [
                                section.title, table.title, row.label, column, cell.id, cell.label, cell.kind.rawValue,
                                value,
                                cell.numerator.map { "\($0)" } ?? "", cell.denominator.map { "\($0)" } ?? "",
                                cell.basis.rawValue, cell.display,
                            ]
                            .map(CSV.field).joined(separator: ","))
                    }
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A workbook: a contents sheet, then one sheet per table (numbers as numbers, shares as
    /// the shown text beside the count, basis and notes under each table).
    public static func xlsx(_ report: ComplaintsReport) -> [UInt8] {
        let tables = report.sections.flatMap(\.tables)
        var names: [String] = []
        for (i, t) in tables.enumerated() {
            let cleaned = t.id.filter { !"[]:*?/\\".contains($0) }
            names.append(String("\(i + 1) \(cleaned)".prefix(31)))
        }
        var archive = ZipArchive()
        let sheetCount = tables.count + 1
        archive.add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" \
            ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" \
            ContentType="application/xml"/><Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\((1...sheetCount).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        archive.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship \
            Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetNames = ["Contents"] + names
        archive.add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetNames.enumerated().map { "<sheet name=\"\(xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets></workbook>
            """)
        archive.add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships \
            xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\((1...sheetCount).map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())</Relationships>
            """)
        var contents: [[Cell]] = [
            [.text(report.title)], [.text("\(report.firstDay.longDisplay) to \(report.lastDay.longDisplay)")],
            [.text(report.rounding)], [],
        ]
        contents += zip(names, tables).map { [.text($0), .text($1.title)] }
        archive.add("xl/worksheets/sheet1.xml", sheet(contents))
        for (i, t) in tables.enumerated() {
            var rows: [[Cell]] = [[.text(t.title)], [.text("")] + t.columns.map(Cell.text)]
            for row in t.rows {
                rows.append(
                    [.text(row.label)]
                        + row.cells.map { $0.kind == .count ? .number(Double($0.numerator ?? 0)) : .text($0.display) })
            }
            rows.append([])
            rows.append([.text("Basis: " + t.basis.explanation)])
            rows += t.notes.map { [.text($0)] }
            archive.add("xl/worksheets/sheet\(i + 2).xml", sheet(rows))
        }
        return archive.bytes
    }

    enum Cell {
        case text(String)
        case number(Double)
    }

    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func sheet(_ rows: [[Cell]]) -> String {
        let body = rows.enumerated().map { r, cells in
            "<row r=\"\(r + 1)\">"
                + cells.enumerated().map { c, cell in
                    let ref = "\(columnName(c))\(r + 1)"
                    switch cell {
                    case .text(let s):
                        return "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(xml(s))</t></is></c>"
                    case .number(let v):
                        return "<c r=\"\(ref)\"><v>\(v == v.rounded() ? String(Int(v)) : String(v))</v></c>"
                    }
                }.joined() + "</row>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet \
            xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(body)</sheetData></worksheet>
            """
    }
}
