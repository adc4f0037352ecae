import RedressCore

/// The report template page: the committee report's chapters in order, each with its position,
/// its title and whether it is printed, and whether rows of zeros are printed. One form and one
/// button: a chapter is moved by choosing its new position, so the page needs no JavaScript.
enum ReportTemplateView {
    /// The form's values as sent, turned into the template they describe.
    struct Form {
        var template: ReportTemplate
        var version: String

        /// Reads `position-<id>`, `title-<id>` and `shown-<id>` for each chapter of `current`. A
        /// chapter given a new position goes before one left at the same position, so moving
        /// one chapter to position 2 puts it second.
        init(_ fields: FormFields, current: ReportTemplate) {
            let count = current.chapters.count
            let placed = current.chapters.enumerated().map { index, chapter in
                let position = Int(fields["position-\(chapter.id)"]).map { min(max($0, 1), count) } ?? index + 1
                let title = fields["title-\(chapter.id)"].trimmingCharacters(in: .whitespacesAndNewlines)
                return (
                    position: position, moved: position != index + 1, index: index,
                    chapter: ReportTemplate.Chapter(
                        id: chapter.id, title: title, shown: !fields["shown-\(chapter.id)"].isEmpty)
                )
            }
            let ordered = placed.sorted {
                ($0.position, $0.moved ? 0 : 1, $0.index) < ($1.position, $1.moved ? 0 : 1, $1.index)
            }
            template = ReportTemplate(chapters: ordered.map(\.chapter), showZeroRows: !fields["zero-rows"].isEmpty)
            version = fields["version"]
        }

        init(_ template: ReportTemplate, version: String) {
            self.template = template
            self.version = version
        }

        var errors: [FieldError] {
            template.problems.map { FieldError(field: "title-\($0.chapter)", message: $0.message) }
        }
    }

    static func page(_ form: Form, errors: [FieldError], saved: Bool) -> HTML {
        let banner: HTML =
            saved
            ? """
            <div class="app-notification" role="region" aria-labelledby="saved-title">
            <h2 class="app-notification__title" id="saved-title">Report template saved</h2>
            <p class="app-body">The committee report is made with these chapters from now on.</p></div>
            """ : ""
        let count = form.template.chapters.count
        let rows: [HTML] = form.template.chapters.enumerated().map { index, chapter in
            let standard = ReportTemplate.standard.chapters.first { $0.id == chapter.id }?.title ?? chapter.title
            let hasError = errors.contains { $0.field == "title-\(chapter.id)" }
            let options: [HTML] = (1...count).map { position in
                let selected = HTML(trusted: position == index + 1 ? " selected" : "")
                return "<option value=\"\(position)\"\(selected)>\(position)</option>"
            }
            return """
                <tr class="app-table__row">
                  <td class="app-table__cell"><label class="app-visually-hidden" for="position-\(chapter.id)">Position \
                of \(standard)</label><select class="app-select app-select--narrow" id="position-\(chapter.id)" \
                name="position-\(chapter.id)">\(options)</select></td>
                  <td class="app-table__cell">\(CaseActionsView.errorMessage("title-\(chapter.id)", errors))<label \
                class="app-visually-hidden" for="title-\(chapter.id)">Title of \(standard)</label><input \
                class="app-input\(hasError ? " app-input--error" : "")" id="title-\(chapter.id)" \
                name="title-\(chapter.id)" type="text" value="\(chapter.title)" \
                aria-describedby="standard-\(chapter.id)\(hasError ? " title-\(chapter.id)-error" : "")">
                <p class="app-hint" id="standard-\(chapter.id)">Standard title: \(standard)</p></td>
                  <td class="app-table__cell"><div class="app-checkboxes__item"><input id="shown-\(chapter.id)" \
                name="shown-\(chapter.id)" type="checkbox" \
                value="yes"\(HTML(trusted: chapter.shown ? " checked" : ""))>\
                <label class="app-label" for="shown-\(chapter.id)">Print<span class="app-visually-hidden"> \
                \(standard)</span></label></div></td>
                </tr>
                """
        }
        return Layout.page(
            title: "Report template", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Report template</h1>
            <p class="app-body">The chapters of the committee report, in the order they are printed. To move a \
            chapter, \
            choose its new position: it goes there and the others move down. Give a chapter your committee's own \
            title, or leave a chapter out. The figures in each chapter do not change.</p>
            <form method="post" action="/reports/annual/template" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(form.version)">
              <table class="app-table">
                <caption class="app-visually-hidden">Chapters of the committee report</caption>
                <thead><tr><th scope="col" class="app-table__header">Position</th>\
            <th scope="col" class="app-table__header">Title</th>\
            <th scope="col" class="app-table__header">Printed</th></tr></thead>
                <tbody>\(rows)</tbody>
              </table>
              <div class="app-form-group"><div class="app-checkboxes__item"><input id="zero-rows" name="zero-rows" \
            type="checkbox" value="yes" aria-describedby="zero-rows-hint"\
            \(HTML(trusted: form.template.showZeroRows ? " checked" : ""))>\
            <label class="app-label" for="zero-rows">Print rows of zeros</label></div>
              <p class="app-hint" id="zero-rows-hint">A table lists every code on its list; rows for codes no case \
            used are left out unless you tick this.</p></div>
              <button type="submit" class="app-button">Save the template</button>
            </form>
            <form method="post" action="/reports/annual/template" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(form.version)">
              <input type="hidden" name="standard" value="yes">
              <button type="submit" class="app-button app-button--secondary">Go back to the standard chapters</button>
            </form>
            <p class="app-body"><a class="app-link" href="/reports/annual">Back to the annual report</a></p>
            """)
    }
}
