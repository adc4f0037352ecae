import RedressCore

extension ReportDocuments {
    /// A letter as a Word document: one paragraph per paragraph of the letter, line breaks kept,
    /// so the officer can add a letterhead and sign it.
    public static func docx(_ letter: Letter, logo: CouncilLogo? = nil) -> [UInt8] {
        // Word and LibreOffice take a PNG; an SVG logo is on the PDF and web page only.
        let png = logo.flatMap { $0.kind == .png ? $0 : nil }
        let letterhead = png.map(logoParagraph) ?? ""
        let body = letterhead + letter.paragraphs.map { lines in
            "<w:p>"
                + lines.enumerated().map { i, line in
                    (i > 0 ? "<w:r><w:br/></w:r>" : "") + "<w:r><w:t xml:space=\"preserve\">\(xml(line))</w:t></w:r>"
                }.joined() + "</w:p>"
        }.joined()
        return wordPackage(body: body, charts: [], logoPNG: png?.bytes)
    }
}
