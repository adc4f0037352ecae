import RedressCore
import RedressStorage

/// The case page's documents and its timeline: the recorded steps and the contact log in one
/// table, in the order things happened.
enum CaseCorrespondenceView {
    static let withheldTag: HTML = " <strong class=\"app-tag app-tag--orange\">Withheld from subject access</strong>"

    static func documents(_ r: Representation, _ documents: [CaseDocument]) -> HTML {
        let items: [HTML] = documents.map { d in
            """
            <li><a class="app-link" href="/complaints/\(r.id)/documents/\(d.id)">\(d.filename)</a> \
            (\(d.kind.displayName), \(CorrespondenceViews.size(d.size)))\
            \(d.withheld == nil ? "" : withheldTag)</li>
            """
        }
        let list: HTML =
            items.isEmpty ? "<p class=\"app-body\">None yet.</p>" : "<ul class=\"app-list\">\(items)</ul>"
        return """
            <h2 id="documents">Documents</h2>
            \(list)
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)/documents">\
            \(items.isEmpty ? "Add documents" : "All documents: add, read, withhold")</a></p>
            """
    }

    static func addContactLink(_ r: Representation) -> HTML {
        """
        <p class="app-body"><a class="app-link" href="/complaints/\(r.id)/contacts">Add a note, call, meeting, \
        email or letter</a></p>
        """
    }

    /// Where an entry sits among the recorded steps: on its day, at the time it was written if
    /// it was written that day, else at the day's start.
    static func sortKey(_ entry: ContactEntry) -> String {
        entry.recordedAt.hasPrefix(entry.occurredOn.iso) ? entry.recordedAt : entry.occurredOn.iso + "T00:00:00Z"
    }

    static func timeline(
        _ events: [CaseEvent], contacts: [ContactEntry], history: HistoryText, r: Representation, viewer: String,
        empty: String
    ) -> HTML {
        guard !events.isEmpty || !contacts.isEmpty else { return "<p class=\"app-body\">\(empty)</p>" }
        var rows: [(key: String, html: HTML)] = events.map {
            let when = HistoryText.when($0.recordedAt)
            let by = history.staffNames[$0.recordedBy] ?? $0.recordedBy
            return ($0.recordedAt, "<tr><td>\(when)</td><td>\(by)</td><td>\(history.describe($0))</td></tr>")
        }
        rows += contacts.map { c in
            let direction = c.direction == .none ? "" : c.direction == .incoming ? " received" : " sent or made"
            let with: HTML = c.withWhom.isEmpty ? "" : ", with \(c.withWhom)"
            let change: HTML =
                c.author == viewer
                ? """
                 <a class="app-link" href="/complaints/\(r.id)/contacts/\(c.id)">Correct<span \
                class="app-visually-hidden"> this \(c.kind.displayName.lowercased())</span></a>
                """ : ""
            let corrected: HTML = c.version > 1 ? " <span class=\"app-hint\">(corrected)</span>" : ""
            return (
                sortKey(c),
                """
                <tr class="app-row--contact"><td>\(c.occurredOn.longDisplay)</td><td>\(c.authorName)</td><td>\
                <strong>\(c.kind.displayName)\(direction)</strong>\(with): <span class="app-pre-line">\(c.summary)\
                </span>\(corrected)\(change)</td></tr>
                """
            )
        }
        let ordered: [HTML] = rows.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element.html)
        return """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">Steps recorded and contacts logged on this case</caption>
              <thead><tr><th scope="col">When</th><th scope="col">By</th><th scope="col">What</th></tr></thead>
              <tbody>\(ordered)</tbody>
            </table></div>
            """
    }
}
