import RedressCore

/// The committee report as one self-contained, accessible HTML document: the page published on
/// the council's website and what Chromium prints to PDF. A cover, contents (with page numbers
/// once a first printing has said where each chapter starts), a chapter per template entry, and
/// print rules that keep headings with what follows, repeat table headings across pages and put
/// the council, title and page number in every footer but the cover's.
public enum CommitteeReportView {
    /// The document; `pages` gives each chapter's first page by its title, from a first printing.
    public static func document(_ report: CommitteeReport, pages: [String: Int] = [:]) -> String {
        let footer = cssString("\(report.council.name) · \(report.title)")
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, \
            initial-scale=1">
            <title>\(report.council.name): \(report.title)</title>
            <style>\(HTML(trusted: Stylesheet.css))\(HTML(trusted: printCSS(footer: footer)))</style>
            </head><body><main class="app-width-container app-main app-committee">
            \(cover(report))
            \(contents(report, pages: pages))
            \(report.chapters.map(chapter))
            </main></body></html>
            """
        return html.description
    }

    static func cover(_ report: CommitteeReport) -> HTML {
        let c = report.council
        let lines: [HTML] = [
            c.committee.isEmpty ? nil : "<p class=\"app-cover__for\">Report to the \(c.committee)</p>",
            c.reportOwner.isEmpty ? nil : "<p>Report of the \(c.reportOwner)</p>",
            "<p>\(report.preparedOn.longDisplay)</p>",
        ].compactMap { $0 }
        let contact: [HTML] = [c.address, c.complaintsTeam].filter { !$0.isEmpty }.map { "<p>\($0)</p>" }
        // The name is printed beside it, so the picture needs no words of its own.
        let logo: HTML = c.logo.map { "<img class=\"app-cover__logo\" src=\"\($0.dataURL)\" alt=\"\">" } ?? ""
        return """
            <section class="app-cover" aria-labelledby="report-title">
              \(logo)
              <p class="app-cover__council">\(c.name)</p>
              <h1 id="report-title">\(report.title)</h1>
              <p class="app-cover__period">\(report.firstDay.longDisplay) to \(report.lastDay.longDisplay)</p>
              <div class="app-cover__details">\(lines)</div>
              <div class="app-cover__contact">\(contact)</div>
            </section>
            """
    }

    static func contents(_ report: CommitteeReport, pages: [String: Int]) -> HTML {
        let items: [HTML] = report.chapters.map { chapter in
            // Before the first printing the number is a placeholder of the same width, so
            // filling it in moves nothing.
            let page = pages[PDFTitle.key(chapter.title)].map { "\($0)" } ?? "00"
            return """
                <li><a class="app-link" href="#chapter-\(chapter.id)">\(chapter.title)</a>\
                <span class="app-contents__page">\(page)</span></li>
                """
        }
        return """
            <nav class="app-contents" aria-labelledby="contents-title">
              <h2 id="contents-title">Contents</h2>
              <ol class="app-contents__list">\(items)</ol>
            </nav>
            """
    }

    static func chapter(_ chapter: CommitteeReport.Chapter) -> HTML {
        let blocks: [HTML] = chapter.blocks.map { block in
            switch block {
            case .paragraph(let text): return "<p class=\"app-body\">\(text)</p>"
            case .bullets(let items):
                let list: [HTML] = items.map { "<li>\($0)</li>" }
                return "<ul class=\"app-list app-list--bullet\">\(list)</ul>"
            case .table(let table):
                // A chart, and a short table, are never split across pages (the heading stays with
                // what follows it); a long table repeats its header on each page.
                // A table of words (the self-assessment) flows on from the page it starts on.
                let words = table.rows.contains { $0.cells.contains { $0.kind == .text } }
                let keep = table.rows.count <= 24 && !words ? " app-figure--keep" : ""
                return "<div class=\"app-figure\(keep)\">\(AnnualReportView.table(section: chapter.id, table))</div>"
            case .quotes(let quotes):
                let items: [HTML] = quotes.map { "<blockquote class=\"app-quote\"><p>\($0)</p></blockquote>" }
                return "<h3>What people said</h3>\(items)"
            }
        }
        return """
            <section class="app-chapter\(chapter.isAppendix ? " app-chapter--appendix" : "")" \
            aria-labelledby="chapter-\(chapter.id)">
              <h2 id="chapter-\(chapter.id)">\(chapter.title)</h2>
              \(blocks)
            </section>
            """
    }

    /// Chromium's outline joins a heading's wrapped lines without a space, so headings are
    /// matched with their white space removed.
    public enum PDFTitle {
        public static func key(_ title: String) -> String { String(title.filter { !$0.isWhitespace }) }
    }

    /// Text for a CSS string: quotes, backslashes and `<` escaped, so a council's name cannot
    /// end the string or the style element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "\n", "\r": out += "\\" + String(scalar.value, radix: 16) + " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func printCSS(footer: String) -> String {
        """
        html { background: #fff; }
        .app-committee { max-width: 960px; }
        .app-cover { min-height: 70vh; display: flex; flex-direction: column; gap: 1.5rem; }
        .app-cover__council { font-size: 1.6rem; font-weight: 700; margin: 0; }
        .app-cover__logo { max-height: 6rem; max-width: 60%; align-self: flex-start; }
        .app-cover h1 { font-size: 2.4rem; margin: 2rem 0 0; }
        .app-cover__period { font-size: 1.3rem; margin: 0; }
        .app-cover__details p, .app-cover__contact p { margin: 0.2rem 0; }
        .app-contents__list { list-style: none; padding: 0; }
        .app-contents__list li { display: flex; justify-content: space-between; gap: 1rem; \
        border-bottom: 1px dotted #b1b4b6; padding: 0.35rem 0; }
        .app-quote { border-left: 5px solid #b1b4b6; margin: 0.8rem 0; padding: 0.2rem 0 0.2rem 1rem; }
        @media print {
          @page { size: A4; margin: 16mm 15mm 18mm;
            @bottom-left { content: \(footer); font: 8pt Arial, sans-serif; color: #505a5f; }
            @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, sans-serif; } }
          @page :first { @bottom-left { content: none; } @bottom-right { content: none; } }
          body { font-size: 10.5pt; }
          .app-committee p, .app-committee li { font-size: 10.5pt; }
          .app-committee h1 { font-size: 28pt; }
          .app-committee .app-cover { border-top: 10mm solid #1d70b8; padding-top: 8mm; }
          .app-committee .app-cover__council { font-size: 20pt; }
          .app-committee .app-cover__period { font-size: 14pt; }
          .app-committee h2 { font-size: 18pt; margin: 0 0 8pt; }
          .app-committee h3 { font-size: 11.5pt; margin: 14pt 0 4pt; }
          .app-committee .app-table { font-size: 9pt; margin-bottom: 4pt; }
          .app-committee .app-table th, .app-committee .app-table td { font-size: 9pt; padding: 2.5pt 8pt 2.5pt 0; }
          .app-committee .app-note { font-size: 8pt; margin: 2pt 0; }
          .app-committee .app-chart { margin: 0 0 4pt; max-width: 125mm; }
          .app-committee .app-chart svg { max-height: 80mm; }
          .app-figure { margin-bottom: 10pt; }
          .app-main { padding: 0; }
          .app-cover { min-height: 230mm; justify-content: flex-start; break-after: page; }
          .app-cover__contact { margin-top: auto; }
          .app-contents, .app-chapter { break-before: page; }
          h2, h3 { break-after: avoid; }
          .app-figure--keep .app-table-wrap, .app-chart { break-inside: avoid; }
          .app-figure .app-table-wrap { break-after: avoid; }
          .app-figure .app-note { break-inside: avoid; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
    }
}
