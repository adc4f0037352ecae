import RedressCore

/// The page frame every screen shares: skip link, header with service navigation, main
/// content, footer. GOV.UK Design System structure with Redress's own stylesheet.
enum Layout {
    enum Section: String {
        case dashboard, cases, myCases, calendar, newComplaint, triage, statistics, people, audit, privacy, users,
            letters, council, none
    }

    /// `forPublic` frames the public feedback forms: the council's service name, no staff
    /// navigation, the privacy notice in the footer.
    static func page(
        title: String, section: Section = .none, hasErrors: Bool = false, forPublic: Bool = false, _ content: HTML
    ) -> HTML {
        let fullTitle = (hasErrors ? "Error: " : "") + title + (forPublic ? " – Tell us what you think" : " – Redress")
        func link(_ href: String, _ label: String, _ target: Section) -> HTML {
            target == section
                ? """
                    <li class=\"app-nav__item app-nav__item--active\"><a class=\"app-link\" href=\"\(href)\" \
                    aria-current=\"page\">\(label)</a></li>
                    """
                : "<li class=\"app-nav__item\"><a class=\"app-link\" href=\"\(href)\">\(label)</a></li>"
        }
        let viewer = forPublic ? nil : RequestScope.current.viewer
        func item(_ permission: Permission, _ href: String, _ label: String, _ target: Section) -> HTML {
            viewer?.may(permission) == true ? link(href, label, target) : ""
        }
        let nav: HTML =
            viewer == nil
            ? ""
            : """
            <nav class="app-nav" aria-label="Main">
              <ul class="app-width-container app-nav__list">
                \(item(.viewCaseList, "/", "Open complaints", .dashboard))
                \(item(.viewCaseList, "/my-cases", "My cases", .myCases))
                \(item(.viewCaseList, "/cases", "All cases", .cases))
                \(item(.viewCaseList, "/calendar", "Calendar", .calendar))
                \(item(.recordRepresentation, "/complaints/new", "Record", .newComplaint))
                \(item(.recordRepresentation, "/triage", "Submissions", .triage))
                \(item(.viewStatistics, "/statistics", "Statistics", .statistics))
                \(item(.managePeople, "/people", "People", .people))
                \(item(.viewAudit, "/audit", "Audit", .audit))
                \(item(.subjectAccess, "/subject-access", "Subject access", .privacy))
                \(item(.manageRetention, "/retention", "Retention", .privacy))
                \(item(.manageLetterTemplates, "/letters", "Letters", .letters))
                \(item(.manageUsers, "/users", "Users", .users))
                \(item(.manageCouncilDetails, "/council", "Council", .council))
              </ul>
            </nav>
            """
        let search: HTML =
            viewer?.may(.viewCaseList) == true
            ? """
            <form class="app-header__search" method="get" action="/search" role="search">
              <label class="app-visually-hidden" for="header-search">Search cases by reference or name</label>
              <input class="app-input" id="header-search" name="q" type="search" placeholder="Reference, name or \
            contact" spellcheck="false">
              <button type="submit" class="app-button app-button--secondary">Search</button>
            </form>
            """ : ""
        let userBar: HTML =
            viewer.map { v in
                """
                \(search)
                <div class="app-header__user">
                  <span>\(v.displayName) <span \
                class="app-header__role">(\(v.role.displayName.lowercased()))</span></span>
                  <form method="post" action="/sign-out">\(HTML.csrfField)<button type="submit" class="app-button \
                app-button--secondary">Sign out</button></form>
                  <form method="post" action="/sign-out-everywhere">\(HTML.csrfField)<button type="submit" \
                class="app-button app-button--secondary">Sign out everywhere</button></form>
                </div>
                """
            } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(fullTitle)</title>
            <link rel="stylesheet" href="/assets/redress.css">
            </head>
            <body>
            <a href="#main-content" class="app-skip-link">Skip to main content</a>
            <header class="app-header">
              <div class="app-width-container app-header__inner">
                \(forPublic ? "<a href=\"/feedback\" class=\"app-header__service\">Tell us what you think</a><span class=\"app-header__tagline\">Complaints, compliments and comments about council services</span>" as HTML
                : "<a href=\"/\" class=\"app-header__service\">Redress</a>")
                \(userBar)
              </div>
              \(nav)
            </header>
            <div class="app-width-container">
            <main class="app-main" id="main-content">
            \(content)
            </main>
            </div>
            <footer class="app-footer">
              <div class="app-width-container">
                \(forPublic ? "<p><a class=\"app-link\" href=\"/feedback/privacy\">How we use your information</a></p>" as HTML
                : "<p>Statutory deadlines are counted in working days on the \(calendarNote) calendar. Day 0 is the day the clock starts.</p>")
              </div>
            </footer>
            </body>
            </html>
            """
    }

    static let calendarNote = "England and Wales bank-holiday"

    /// The GOV.UK error summary: a list of links to each field in error.
    static func errorSummary(_ errors: [FieldError]) -> HTML {
        guard !errors.isEmpty else { return "" }
        let items: [HTML] = errors.map { "<li><a href=\"#\($0.field)\">\($0.message)</a></li>" }
        return """
            <div class="app-error-summary" data-module="error-summary">
              <div role="alert">
                <h2 class="app-error-summary__title">There is a problem</h2>
                <ul class="app-list app-error-summary__list">\(items)</ul>
              </div>
            </div>
            """
    }

    /// A status tag for a clock, with words that do not rely on colour.
    static func statusTag(_ status: Deadline.Status) -> HTML {
        switch status {
        case .met(let taken, let late):
            return late
                ? """
                    <strong class=\"app-tag app-tag--orange\">Responded late</strong> <span \
                    class=\"app-hint-inline\">after \(taken) working days</span>
                    """
                : """
                    <strong class=\"app-tag app-tag--green\">Met</strong> <span class=\"app-hint-inline\">in \(taken) \
                    working days</span>
                    """
        case .running(let left):
            if left == 0 { return "<strong class=\"app-tag app-tag--yellow\">Due today</strong>" }
            return left <= 3
                ? "<strong class=\"app-tag app-tag--yellow\">\(left) working day\(left == 1 ? "" : "s") left</strong>"
                : "<strong class=\"app-tag app-tag--blue\">\(left) working days left</strong>"
        case .overdue(let days):
            return
                "<strong class=\"app-tag app-tag--red\">Overdue by \(days) working day\(days == 1 ? "" : "s")</strong>"
        case .awaitingAgreement:
            return "<strong class=\"app-tag app-tag--grey\">Date not yet agreed</strong>"
        case .notStarted:
            return "<strong class=\"app-tag app-tag--grey\">Not started</strong>"
        case .withdrawn:
            return "<strong class=\"app-tag app-tag--grey\">Withdrawn</strong>"
        }
    }
}
