import RedressCore

/// The Ombudsman letter inputs page: one year's residents and children, and up to eight similar
/// authorities' published figures, in one form with one button.
enum OmbudsmanLetterView {
    /// What the form shows: the year, the version it was read at, and each field's text.
    struct Form {
        var year: Int
        var version: String
        var values: [String: String]

        init(_ letter: OmbudsmanLetter, version: String) {
            year = letter.year
            self.version = version
            values = [
                "residents": letter.residents.map(Money.grouped) ?? "",
                "children": letter.children.map(Money.grouped) ?? "",
            ]
            for (n, other) in letter.similar.enumerated() {
                values["name-\(n)"] = other.name
                values["upheld-\(n)"] = other.upheldPer100kTenths.map { OmbudsmanLetter.display(tenths: $0) } ?? ""
                values["compliance-\(n)"] = other.complianceTenths.map { OmbudsmanLetter.display(tenths: $0) } ?? ""
                values["remedy-\(n)"] =
                    other.satisfactoryRemedyTenths.map { OmbudsmanLetter.display(tenths: $0) } ?? ""
            }
        }

        /// The form as sent, to show again with its errors.
        init(fields: FormFields, year: Int) {
            self.year = year
            version = fields["version"]
            var values: [String: String] = [:]
            for name in ["residents", "children"] { values[name] = fields[name] }
            for n in 0..<OmbudsmanLetter.similarRows {
                for prefix in ["name", "upheld", "compliance", "remedy"] {
                    values["\(prefix)-\(n)"] = fields["\(prefix)-\(n)"]
                }
            }
            self.values = values
        }

        subscript(_ name: String) -> String { values[name] ?? "" }
    }

    static func page(_ form: Form, years: [Int], errors: [FieldError], saved: Bool) -> HTML {
        let year = FinancialYear(startYear: form.year)
        let banner: HTML =
            saved
            ? """
            <div class="app-notification" role="region" aria-labelledby="saved-title">
            <h2 class="app-notification__title" id="saved-title">Figures for \(year.description) saved</h2>
            <p class="app-body">The annual report for \(year.description) compares with them.</p></div>
            """ : ""
        let yearOptions: [HTML] = years.map { y in
            let selected = HTML(trusted: y == form.year ? " selected" : "")
            return "<option value=\"\(y)\"\(selected)>\(FinancialYear(startYear: y).description)</option>"
        }
        let fields = FormFields(values: form.values)
        func cell(_ name: String, _ label: String, width: Int) -> HTML {
            let hasError = errors.contains { $0.field == name }
            return """
                <td class="app-table__cell">\(CaseActionsView.errorMessage(name, errors))<label \
                class="app-visually-hidden" for="\(name)">\(label)</label><input class="app-input \
                app-input--width-\(width)\(hasError ? " app-input--error" : "")" id="\(name)" name="\(name)" \
                type="text" autocomplete="off" value="\(form[name])"\
                \(HTML.attribute("aria-describedby", hasError ? "\(name)-error" : nil))></td>
                """
        }
        let rows: [HTML] = (0..<OmbudsmanLetter.similarRows).map { n in
            let who = form["name-\(n)"].isEmpty ? "similar authority \(n + 1)" : form["name-\(n)"]
            return """
                <tr class="app-table__row">
                  \(cell("name-\(n)", "Name of similar authority \(n + 1)", width: 20))
                  \(cell("upheld-\(n)", "Upheld decisions per 100,000 residents, \(who)", width: 4))
                  \(cell("compliance-\(n)", "Compliance with recommendations, per cent, \(who)", width: 4))
                  \(cell("remedy-\(n)", "Satisfactory remedy by the council, per cent, \(who)", width: 4))
                </tr>
                """
        }
        return Layout.page(
            title: "Ombudsman comparison \(year.description)", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Ombudsman comparison for \(year.description)</h1>
            <p class="app-body">The Ombudsman's annual letter compares councils on upheld decisions per 100,000 \
            residents, compliance with its recommendations, and how often the council had already offered a \
            satisfactory remedy. Redress counts this council's figures from its cases; enter the population and, \
            if you wish, similar authorities' figures from their letters.</p>
            <form method="get" action="/reports/inputs/ombudsman" class="app-inline-form">
              <div class="app-form-group">
                <label class="app-label" for="year-choice">Financial year</label>
                <select class="app-select" id="year-choice" name="year">\(yearOptions)</select>
              </div>
              <button type="submit" class="app-button app-button--secondary">Show</button>
            </form>
            <form method="post" action="/reports/inputs/ombudsman" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(form.version)">
              <input type="hidden" name="year" value="\(form.year)">
              \(ReportInputsView.text("residents", label: "Residents in \(year.description)",
            hint: "The population the Ombudsman uses, such as the mid-year estimate: 1,235,000", input: fields,
            errors: errors, width: 10))
              \(ReportInputsView.text("children", label: "Children and young people under 18 (optional)",
            hint: "For rates per 10,000 children: 252,000", input: fields, errors: errors, width: 10))
              <h2>Similar authorities (optional)</h2>
              <p class="app-body">As published in each authority's annual letter for the same year. Leave a row \
            empty to leave it out. Percentages and rates may have one decimal place.</p>
              <div class="app-table-wrap">
              <table class="app-table">
                <caption class="app-visually-hidden">Similar authorities' Ombudsman figures</caption>
                <thead><tr><th scope="col" class="app-table__header">Authority</th>\
            <th scope="col" class="app-table__header">Upheld per 100,000 residents</th>\
            <th scope="col" class="app-table__header">Compliance (%)</th>\
            <th scope="col" class="app-table__header">Satisfactory remedy (%)</th></tr></thead>
                <tbody>\(rows)</tbody>
              </table>
              </div>
              <button type="submit" class="app-button">Save figures for \(year.description)</button>
            </form>
            <p class="app-body"><a class="app-link" href="/reports/inputs">Back to report inputs</a></p>
            """)
    }
}
