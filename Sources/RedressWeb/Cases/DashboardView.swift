import RedressCore

/// One open complaint as the dashboard shows it. A class: the rows are worked out once and kept
/// (`WorkQueueState`), and each request picks its viewer's out of them without copying them.
final class DashboardRow: Sendable {
    let representation: Representation
    let procedure: ProcedureDefinition?
    let next: Deadline?
    let status: Deadline.Status?

    init(representation: Representation, procedure: ProcedureDefinition?, next: Deadline?, status: Deadline.Status?) {
        self.representation = representation
        self.procedure = procedure
        self.next = next
        self.status = status
    }
}

/// `GET /`: open complaints with their next statutory deadline, overdue ones first.
enum DashboardView {
    /// The pages asked for (`page` of the open cases, `queue-page` of the chosen queue), from 1.
    /// Both lists are long in a large council (hundreds of open cases): 50 rows a page, most
    /// urgent first, so the first page is the one that matters and each page loads quickly.
    struct Pages: Sendable {
        var rows = 1
        var queue = 1
        static let size = 50

        /// The page of `items` numbered `asked` (the last page when past it), with its place.
        static func slice<T>(_ items: [T], asked: Int) -> (items: ArraySlice<T>, page: Int, first: Int, last: Int) {
            let pages = max(1, (items.count + size - 1) / size)
            let page = min(max(asked, 1), pages)
            let start = (page - 1) * size
            let end = min(items.count, start + size)
            return (items[start..<end], page, items.isEmpty ? 0 : start + 1, end)
        }
    }

    /// "Showing 51 to 100 of 416 …" and the links to the pages either side, keeping the other
    /// choices on the page (`others`: area, queue and the other list's page).
    static func pager(
        total: Int, shown: (page: Int, first: Int, last: Int), noun: String, parameter: String,
        others: [(String, String)], id: String
    ) -> HTML {
        guard total > Pages.size else { return "" }
        func link(_ page: Int) -> String {
            // Only what differs from the page's defaults: no empty choice, no page 1.
            let items = (others + [(parameter, String(page))]).filter {
                !$0.1.isEmpty && !($0.0.hasSuffix("page") && $0.1 == "1")
            }
            return items.isEmpty ? "/" : "/?" + items.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        }
        var links: [HTML] = []
        if shown.page > 1 {
            links.append("<a class=\"app-link\" href=\"\(link(shown.page - 1))\" rel=\"prev\">Previous page</a>")
        }
        if shown.last < total {
            links.append("<a class=\"app-link\" href=\"\(link(shown.page + 1))\" rel=\"next\">Next page</a>")
        }
        return """
            <p class="app-body" id="\(id)-count">Showing \(shown.first.grouped) to \(shown.last.grouped) of \
            \(total.grouped) \(noun)</p>
            <nav class="app-pager" aria-label="Pages of \(noun)">\(links)</nav>
            """
    }

    /// The queue links with their counts, and the chosen queue's table (a page of it).
    static func queues(
        _ queues: WorkQueues, selected: WorkQueues.Queue?, page: Int = 1, others: [(String, String)] = []
    ) -> (nav: HTML, table: HTML) {
        let links: [HTML] = WorkQueues.Queue.allCases.map { q in
            let count = queues.items(q).count
            let current: HTML = q == selected ? " aria-current=\"true\"" : ""
            return
                """
                <li><a class=\"app-link\" href=\"/?queue=\(q.rawValue)\"\(current)>\(q.displayName)</a> <strong \
                class=\"app-tag app-tag--\(q == .overdue && count > 0 ? "red" : "grey")\" \
                id=\"queue-\(q.rawValue)\">\(count.grouped)</strong></li>
                """
        }
        let nav: HTML = "<h2>Work queues</h2><ul class=\"app-list app-queue-list\">\(links)</ul>"
        guard let selected else { return (nav, "") }
        let all = queues.items(selected)
        let shown = Pages.slice(all, asked: page)
        let rows: [HTML] = shown.items.map { item in
            let r = item.representation
            let due: HTML =
                item.dueOn.map { d in
                    item.isOverdue
                        ? "<strong class=\"app-tag app-tag--red\">Overdue</strong> \(d.shortDisplay)"
                        : "\(d.shortDisplay)"
                } ?? "–"
            return """
                <tr class="\(item.isOverdue ? "app-row--overdue" : "")">
                  <th scope="row"><a class="app-link" href="/complaints/\(r.id)">\(r.reference)</a></th>
                  <td>\(r.serviceArea.displayName)</td><td>\(item.what)</td><td>\(due)</td>
                </tr>
                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>Nothing in this queue.</p>"
            : """
            <div class="app-table-wrap"><table class="app-table">
              <caption>\(selected.displayName)</caption>
              <thead><tr><th scope="col">Reference</th><th scope="col">Service area</th><th scope="col">What</th><th \
            scope="col">Due</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            \(pager(total: all.count, shown: (shown.page, shown.first, shown.last), noun: "items in this queue",
                parameter: "queue-page", others: others, id: "queue"))
            """
        return (nav, table)
    }

    /// One open case's row in the table of open cases.
    static func row(_ row: DashboardRow) -> HTML {
        let r = row.representation
        let stageName = row.procedure?.stage(r.currentStage?.key ?? "")?.name ?? "–"
        var isOverdue = false
        if case .overdue = row.status { isOverdue = true }
        let deadline: HTML =
            row.next.map { d in
                let when: HTML = d.dueOn.map { "<br><span class=\"app-hint-inline\">\($0.shortDisplay)</span>" } ?? ""
                return "\(d.name)\(when)"
            } ?? "–"
        return """
            <tr class="\(isOverdue ? "app-row--overdue" : "")">
              <th scope="row"><a class="app-link" href="/complaints/\(r.id)">\(r.reference)</a></th>
              <td>\(r.serviceArea.displayName)</td>
              <td>\(r.receivedOn.shortDisplay)</td>
              <td>\(stageName)</td>
              <td>\(deadline)</td>
              <td>\(row.status.map(Layout.statusTag) ?? "–")</td>
            </tr>
            """
    }

    /// The page: the content below in the layout (which names the viewer and carries their
    /// sign-out form, so it is drawn for each request).
    static func render(_ content: HTML) -> HTML {
        Layout.page(title: "Open complaints", section: .dashboard, content)
    }

    /// What the page shows below the layout. The same for everyone who may see every case on the
    /// queue, so it is kept with the work it was drawn from (`WorkQueueMemo.drawn`).
    static func content(
        rows: [WorkQueueState.Listed], area: ServiceArea?, today: CalendarDate, reference: ReferenceData,
        queues: WorkQueues, queue: WorkQueues.Queue?, pages: Pages = Pages()
    ) -> HTML {
        let shown = Pages.slice(rows, asked: pages.rows)
        let (queueNav, queueTable) = Self.queues(
            queues, selected: queue, page: pages.queue,
            others: [("area", area?.rawValue ?? ""), ("queue", queue?.rawValue ?? ""), ("page", String(shown.page))])
        // The headline counts what the queues list: cases, each once.
        let overdue = queues.items(.overdue).count
        let dueSoon = queues.items(.dueSoon).count
        // Complaints only, as the quarterly report counts them; other open cases are listed below.
        let complaints = rows.count(where: { $0.row.representation.kind == .complaint })
        let others = rows.count - complaints
        // Named by kind (these are the kinds that stay open: pre-complaints, case concerns, service requests).
        let byKind = Dictionary(
            grouping: rows.filter { $0.row.representation.kind != .complaint }, by: \.row.representation.kind
        )
        .sorted { $0.key.displayName < $1.key.displayName }
        .map { "\($0.value.count) \($0.key.displayName.lowercased())\($0.value.count == 1 ? "" : "s")" }
        let otherCases: HTML =
            others == 0
            ? ""
            : " Also open and listed below, not counted as complaints: \(byKind.joined(separator: ", "))."
        let openID = area.map { "open.complaints.\($0.rawValue)" } ?? "open.complaints"
        let options: [HTML] =
            [("", "All service areas")].map {
                "<option value=\"\($0.0)\"\(area == nil ? " selected" : "")>\($0.1)</option>"
            }
            + ServiceArea.allCases.map {
                "<option value=\"\($0.rawValue)\"\(area == $0 ? " selected" : "")>\($0.displayName)</option>"
            }
        let body: [HTML] = shown.items.map(\.html)
        let table: HTML =
            rows.isEmpty
            ? "<p>There are no open complaints\(area.map { " in \($0.displayName.lowercased())" } ?? "").</p>"
            : """
            <div class="app-table-wrap">
            <table class="app-table">
              <caption class="app-visually-hidden">Open \
            complaints\(area.map { ": \($0.displayName.lowercased())" } ?? ""), most urgent first</caption>
              <thead><tr>
                <th scope="col">Reference</th><th scope="col">Service area</th><th scope="col">Received</th>
                <th scope="col">Stage</th><th scope="col">Next deadline</th><th scope="col">Status</th>
              </tr></thead>
              <tbody>\(body)</tbody>
            </table>
            </div>
            \(pager(total: rows.count, shown: (shown.page, shown.first, shown.last), noun: "open cases",
                parameter: "page",
                others: [("area", area?.rawValue ?? ""), ("queue", queue?.rawValue ?? ""),
                    ("queue-page", String(pages.queue))], id: "open"))
            """
        return """
            <h1>Open complaints</h1>
            <p class="app-body">Today is \(today.longDisplay). Working days left are counted on the England and Wales \
            calendar.</p>
            <ul class="app-stats">
              <li><strong id="count-open" data-figure="\(openID)">\(complaints.grouped)</strong> open \
            complaint\(complaints == 1 ? "" : "s")</li>
              <li><a class="app-link" href="/?queue=overdue"><strong id="count-overdue" \
            data-figure="due.overdue.cases">\(overdue.grouped)</strong> overdue</a></li>
              <li><a class="app-link" href="/?queue=due-soon"><strong id="count-due-soon" \
            data-figure="due.due-soon.cases">\(dueSoon.grouped)</strong> due within 5 working days</a></li>
            </ul>
            <p class="app-hint">Counted in cases: a case with two clocks overdue is one overdue case. The quarterly \
            report counts these the same way on its quarter's last day.\(otherCases)</p>
            \(queueNav)
            \(queueTable)
            <h2>All open complaints</h2>
            <form class="app-inline-form" method="get" action="/">
              <div class="app-form-group">
                <label class="app-label" for="area">Service area</label>
                <select class="app-select" id="area" name="area">\(options)</select>
              </div>
              <button type="submit" class="app-button app-button--secondary">Show</button>
            </form>
            \(table)
            <p><a class="app-button" href="/complaints/new" role="button" draggable="false">Record a complaint</a></p>
            """
    }
}
