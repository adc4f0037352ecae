import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// "Who can read cases": every account whose role reaches case data, and every grant or reset
/// of one, with who made it. Administrators run accounts but read no cases; this page is how the
/// complaints manager sees that no one has quietly given themselves (or anyone) case access.
struct AccessGrantsRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let configuration = try await deps.configuration()
        let users = try await UserStore(database: deps.database).all()
        let readers = users.filter { configuration.accessPolicy.grant(for: $0.role).caseScope != .none }
        let changes = try await Self.grants(deps.database, limit: 200)
        try await AuditLog(database: deps.database).append(
            context.audit(.viewedAccessGrants, detail: "\(readers.count) account(s)"))
        return AccessGrantsView.render(readers: readers, changes: changes, people: configuration.casework.people)
    }

    /// The newest changes to accounts (added, reset, disabled, enabled), newest first.
    static func grants(_ database: Database, limit: Int) async throws -> [AuditEntry] {
        var query = AuditLog.Query()
        query.limit = limit
        query.action = .userAdded
        let added = try await AuditLog(database: database).search(query)
        query.action = .userChanged
        let changed = try await AuditLog(database: database).search(query)
        return (added + changed).sorted { ($0.id ?? 0) > ($1.id ?? 0) }.prefix(limit).map { $0 }
    }
}

enum AccessGrantsView {
    static func render(readers: [User], changes: [AuditEntry], people: PeopleDirectory) -> HTML {
        let rows: [HTML] = readers.map { u in
            let status =
                u.isDisabled
                ? "Disabled" : u.mustChangePassword ? "Not yet signed in with their own password" : "Active"
            return
                "<tr><td>\(u.username)</td><td>\(u.displayName)</td><td>\(u.role.displayName)</td><td>\(u.personID.flatMap { people[$0]?.name } ?? "")</td><td>\(status)</td></tr>"
        }
        let history: [HTML] = changes.map { e in
            "<tr><td>\(e.at)</td><td>\(e.username)</td><td>\(e.action.displayName)</td><td>\(e.detail)</td></tr>"
        }
        return Layout.page(
            title: "Who can read cases", section: .audit,
            """
            <h1>Who can read cases</h1>
            <p class="app-body">Administrators add accounts and reset passwords but cannot read cases. Every account \
            that can read cases is listed here, with every change to accounts and who made it, so the complaints \
            manager can check each grant.</p>
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-table__caption">\(readers.count) account\(readers.count == 1 ? "" : "s") with \
            access to case data</caption>
              <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th \
            scope="col">In the people pool as</th><th scope="col">Status</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            <h2>Changes to accounts</h2>
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-table__caption">Newest first; times are UTC</caption>
              <thead><tr><th scope="col">When (UTC)</th><th scope="col">By</th><th scope="col">Change</th><th \
            scope="col">Account and role</th></tr></thead>
              <tbody>\(history)</tbody></table></div>
            """)
    }
}
