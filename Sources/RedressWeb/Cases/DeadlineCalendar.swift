import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET /calendar?month=2026-12&owner=me&area=children`: the statutory due dates of open cases,
/// a month at a time, for one officer or all, one service area or all; bank holidays marked.
struct DeadlineCalendarRoutes: Sendable {
    let deps: WebDependencies

    struct Entry: Sendable {
        var representation: Representation
        var what: String
        var overdue: Bool
    }

    @Sendable func month(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let viewer = try context.requireViewer()
        let query = request.uri.queryParameters
        let today = deps.today()
        var errors: [FieldError] = []
        var first = CalendarDate(year: today.year, month: today.month, day: 1)!
        if let text = query.get("month"), !text.isEmpty {
            if let d = CalendarDate(iso: text + "-01"), (1990...2100).contains(d.year) {
                first = d
            } else {
                errors.append(FieldError(field: "month", message: "Month must be written like 2026-12"))
            }
        }
        let area = query.get("area").flatMap(ServiceArea.init(rawValue:))
        let ownerChoice = query.get("owner") ?? ""
        let owner: String? = ownerChoice == "me" ? viewer.userID : (ownerChoice.isEmpty ? nil : ownerChoice)
        let last = CalendarDate(
            year: first.year, month: first.month, day: CalendarDate.daysIn(month: first.month, year: first.year))!
        let casework = try await Casework.load(deps)
        let engine = ClockEngine(calendar: casework.calendar)
        var byDay: [Int: [Entry]] = [:]
        for r in try await CaseAccess(database: deps.database, viewer: viewer).workQueue() where r.isOpen {
            if let area, r.serviceArea != area { continue }
            if let owner, r.owner != (owner == RepresentationFilter.nobody ? nil : owner) { continue }
            guard let procedure = HistoryReplay.procedure(for: r, in: casework.procedures) else { continue }
            let open = Set(r.stages.filter(\.isOpen).map(\.key))
            for d in engine.deadlines(for: r, procedure: procedure) where d.isRunning && open.contains(d.stageKey) {
                guard let due = d.dueOn, due >= first, due <= last else { continue }
                byDay[due.dayNumber, default: []].append(Entry(representation: r, what: d.name, overdue: due < today))
            }
        }
        let owners = try await CaseManagementRoutes(deps: deps).owners()
        return Page(
            status: errors.isEmpty ? .ok : .badRequest,
            html: DeadlineCalendarView.render(
                first: first, last: last, today: today, byDay: byDay, calendar: casework.calendar, area: area,
                ownerChoice: ownerChoice,
                owners: owners, errors: errors))
    }
}

enum DeadlineCalendarView {
    static func render(
        first: CalendarDate, last: CalendarDate, today: CalendarDate, byDay: [Int: [DeadlineCalendarRoutes.Entry]],
        calendar: WorkingDayCalendar, area: ServiceArea?, ownerChoice: String, owners: [User], errors: [FieldError]
    ) -> HTML {
        let monthName = "\(CalendarDate.monthNames[first.month - 1]) \(first.year)"
        let previous = first.adding(days: -1), next = last.adding(days: 1)
        func monthParam(_ d: CalendarDate) -> String { "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)" }
        var extra = ""
        if let area { extra += "&area=\(area.rawValue)" }
        if !ownerChoice.isEmpty { extra += "&owner=\(CaseListViews.percent(ownerChoice))" }
        // Weeks from Monday; days outside the month are blank cells.
        let lead = first.weekday.rawValue - 1
        var cells: [HTML] = Array(repeating: "<td class=\"app-calendar__blank\"></td>", count: lead)
        var total = 0
        for dayNumber in first.dayNumber...last.dayNumber {
            let day = CalendarDate(dayNumber: dayNumber)
            let entries = byDay[dayNumber] ?? []
            total += entries.count
            let items: [HTML] = entries.sorted { $0.representation.reference < $1.representation.reference }.map { e in
                """
                    <li class=\"\(e.overdue ? "app-calendar__overdue" : "")\"><a class=\"app-link\" \
                    href=\"/complaints/\(e.representation.id)\">\(e.representation.reference)</a> \
                    \(e.what)\(e.overdue ? " <strong class=\"app-tag app-tag--red\">Overdue</strong>" : "")</li>
                    """
            }
            let holiday: HTML =
                calendar.holidayName(on: day).map { "<span class=\"app-calendar__holiday\">\($0)</span>" } ?? ""
            cells.append(
                """
                <td class="app-calendar__day\(day == today ? " app-calendar__today" : "")\(day.isWeekend ? " app-calendar__weekend" : "")">
                  <span class="app-calendar__date">\(day.day)<span class="app-visually-hidden"> \
                \(CalendarDate.monthNames[day.month - 1])</span></span>\(holiday)
                  \(items.isEmpty ? "" : "<ul class=\"app-calendar__list\">\(items)</ul>" as HTML)
                </td>
                """)
        }
        while cells.count % 7 != 0 { cells.append("<td class=\"app-calendar__blank\"></td>") }
        let weeks: [HTML] = stride(from: 0, to: cells.count, by: 7).map { "<tr>\(Array(cells[$0..<$0 + 7]))</tr>" }
        let ownerOptions: [HTML] =
            ([("", "Everyone"), ("me", "Me"), (RepresentationFilter.nobody, "No one (unassigned)")]
            + owners.sorted { $0.displayName < $1.displayName }.map { ($0.id, $0.displayName) }).map {
                "<option value=\"\($0.0)\"\($0.0 == ownerChoice ? " selected" : "")>\($0.1)</option>"
            }
        let areaOptions: [HTML] =
            [("", "All service areas")].map {
                "<option value=\"\($0.0)\"\(area == nil ? " selected" : "")>\($0.1)</option>"
            }
            + ServiceArea.allCases.map {
                "<option value=\"\($0.rawValue)\"\(area == $0 ? " selected" : "")>\($0.displayName)</option>"
            }
        return Layout.page(
            title: "Deadlines in \(monthName)", section: .calendar, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Deadlines in \(monthName)</h1>
            <p class="app-body">Statutory due dates of open cases: \(total) in this month. Bank holidays are marked; \
            weekends are shaded.</p>
            <form method="get" action="/calendar" class="app-inline-form">
              <input type="hidden" name="month" value="\(monthParam(first))">
              <div class="app-form-group"><label class="app-label" for="owner">Owner</label><select \
            class="app-select" id="owner" name="owner">\(ownerOptions)</select></div>
              <div class="app-form-group"><label class="app-label" for="area">Service area</label><select \
            class="app-select" id="area" name="area">\(areaOptions)</select></div>
              <button type="submit" class="app-button app-button--secondary">Show</button>
            </form>
            <nav class="app-pager" aria-label="Months">
              <a class="app-link" href="/calendar?month=\(monthParam(previous))\(extra)" rel="prev">Previous month</a>
              <a class="app-link" href="/calendar?month=\(monthParam(next))\(extra)" rel="next">Next month</a>
            </nav>
            <div class="app-table-wrap"><table class="app-calendar">
              <caption class="app-visually-hidden">Due dates in \(monthName), a week to each row</caption>
              <thead><tr>\(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday"].map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
              <tbody>\(weeks)</tbody>
            </table></div>
            """)
    }
}
