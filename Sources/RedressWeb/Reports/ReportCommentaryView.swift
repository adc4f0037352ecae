import RedressCore

/// The commentary pages: the chapters with where each stands (a task list), and one chapter's
/// page with its text, the figures it can quote, and its earlier versions.
enum ReportCommentaryView {
    static func query(_ choice: ReportCommentaryRoutes.Choice) -> String {
        "year=\(choice.year)&scope=\(choice.scope.rawValue)"
    }

    static func list(_ choice: ReportCommentaryRoutes.Choice, saved: String?) -> HTML {
        let figures = choice.report.figuresByID
        let items: [HTML] = choice.committee.chapters.filter { !$0.isAppendix }.map { chapter in
            let tag: HTML
            if let narrative = choice.narratives[chapter.id] {
                tag =
                    narrative.moved(figures: figures).isEmpty
                    ? "<strong class=\"app-tag app-tag--green\">Written</strong>"
                    : "<strong class=\"app-tag app-tag--orange\">Figures changed since written</strong>"
            } else {
                tag = "<strong class=\"app-tag app-tag--grey\">Not written</strong>"
            }
            return """
                <li class="app-task-list__item"><a class="app-link" \
                href="/reports/annual/commentary/\(chapter.id)?\(query(choice))">\(chapter.title)</a> \(tag)</li>
                """
        }
        let savedTitle = saved.flatMap { id in choice.committee.chapters.first { $0.id == id }?.title }
        let banner: HTML =
            savedTitle.map {
                """
                <div class="app-notification" role="region" aria-labelledby="saved-title">
                <h2 class="app-notification__title" id="saved-title">Commentary saved: \($0)</h2></div>
                """
            } ?? ""
        return Layout.page(
            title: "Commentary for the annual report", section: .statistics,
            """
            \(banner)
            <span class="app-caption">\(choice.report.title)</span>
            <h1>Commentary for the annual report</h1>
            <p class="app-body">Write each chapter's commentary in your own words. It opens the chapter in the \
            committee report (PDF and web page); the tables and charts follow it.</p>
            <ul class="app-task-list">\(items)</ul>
            <p class="app-body">To change the chapters' order or titles, or leave one out, \
            <a class="app-link" href="/reports/annual/template">change the report template</a>.</p>
            <p class="app-body"><a class="app-link" href="/reports/annual?\(query(choice))">Back to the annual \
            report</a></p>
            """)
    }

    static func form(
        _ choice: ReportCommentaryRoutes.Choice, chapter: CommitteeReport.Chapter, text: String, version: Int,
        isDraft: Bool, history: [ReportNarrative], errors: [FieldError]
    ) -> HTML {
        let figures = choice.report.figuresByID
        let moved = choice.narratives[chapter.id]?.moved(figures: figures) ?? []
        let movedList: [HTML] = moved.map {
            "<li>\($0.label) ({\($0.id)}) was \($0.then) when written; now \($0.now)</li>"
        }
        let warning: HTML =
            moved.isEmpty
            ? ""
            : """
            <div class="app-notification" role="region" aria-labelledby="moved-title">
              <h2 class="app-notification__title" id="moved-title">Figures have changed since this was written</h2>
              <ul class="app-list">\(movedList)</ul>
              <p class="app-body">The report prints the figures as they are now; check the words around them.</p>
            </div>
            """
        let draftNote: HTML =
            isDraft && !text.isEmpty
            ? "<p class=\"app-body\">Nothing has been written yet: below is a first draft from the figures to edit.</p>"
            : ""
        let hasError = !errors.isEmpty
        let earlier: [HTML] = history.map { n in
            """
            <li><details><summary>Version \(n.version), saved by \(n.savedBy) at \(n.savedAt)</summary>\
            <p class="app-body">\(n.text)</p></details></li>
            """
        }
        return Layout.page(
            title: "Commentary: \(chapter.title)", section: .statistics, hasErrors: hasError,
            """
            \(Layout.errorSummary(errors))
            \(warning)
            <span class="app-caption">\(choice.report.title)</span>
            <h1>Commentary: \(chapter.title)</h1>
            \(draftNote)
            <form method="post" action="/reports/annual/commentary/\(chapter.id)" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              <input type="hidden" name="year" value="\(choice.year)">
              <input type="hidden" name="scope" value="\(choice.scope.rawValue)">
              <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                <label class="app-label" for="text">What the committee should know about this chapter</label>
                <p class="app-hint" id="text-hint">Leave a blank line between paragraphs. To quote a figure, type \
            its name in curly brackets, as in the list below: the report prints the figure as the records give \
            it on the day it is made.</p>
                \(CaseActionsView.errorMessage("text", errors))
                <textarea class="app-textarea\(hasError ? " app-textarea--error" : "")" id="text" name="text" \
            rows="14" aria-describedby="text-hint\(hasError ? " text-error" : "")">\(text)</textarea>
              </div>
              <button type="submit" class="app-button">Save commentary</button>
            </form>
            \(figureTable(chapter, report: choice.report))
            \(earlier.isEmpty ? "" as HTML : "<h2>Earlier versions</h2><ul class=\"app-list\">\(earlier)</ul>")
            <p class="app-body"><a class="app-link" href="/reports/annual/commentary?\(query(choice))">Back to the \
            chapters</a></p>
            """)
    }

    /// The figures a chapter can quote: those of its tables, or for a chapter without tables the
    /// year's main counts.
    static func figureTable(_ chapter: CommitteeReport.Chapter, report: ComplaintsReport) -> HTML {
        var tables = chapter.blocks.compactMap { block -> ReportTable? in
            if case .table(let t) = block { t } else { nil }
        }
        if tables.isEmpty {
            tables = report.sections.flatMap(\.tables).filter {
                ["received-by-type", "compliments-by-year", "escalation"].contains($0.id)
            }
        }
        let rows: [HTML] = tables.flatMap { table in
            table.rows.flatMap { row in
                row.cells.filter { !$0.id.isEmpty }.map { cell -> HTML in
                    """
                    <tr><td><code>{\(cell.id)}</code></td><td>\(table.title): \(row.label)</td>\
                    <td class="app-numeric">\(cell.display)</td></tr>
                    """
                }
            }
        }
        guard !rows.isEmpty else { return "" }
        return """
            <h2 id="figures">Figures you can quote</h2>
            <div class="app-table-wrap"><table class="app-table" aria-labelledby="figures">
              <thead><tr><th scope="col">Type this</th><th scope="col">Figure</th>\
            <th scope="col" class="app-numeric">Now</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            """
    }
}
