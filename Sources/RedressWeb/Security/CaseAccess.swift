import Foundation
import RedressCore
import RedressStorage

/// The one place the web application reads and changes cases. Every page, API operation and
/// export that touches a case goes through here, and here every case is held to the viewer's
/// role, scope and restrictions (`Viewer.canSee`, `Viewer.may`) before it is returned or changed.
/// Nothing else in `RedressWeb` reads `RepresentationStore` or a case's history (a test holds the
/// sources to that), so a new page cannot forget the check.
struct CaseAccess: Sendable {
    /// Who is asking: a signed-in user, or the command line (whoever runs it holds the database).
    enum Asker: Sendable {
        case viewer(Viewer)
        case commandLine
    }

    let database: Database
    let asker: Asker

    init(database: Database, viewer: Viewer) {
        self.database = database
        self.asker = .viewer(viewer)
    }

    private init(database: Database, asker: Asker) {
        self.database = database
        self.asker = asker
    }

    /// Access for the command line: every case, each use audited by the command.
    static func commandLine(_ database: Database) -> CaseAccess { CaseAccess(database: database, asker: .commandLine) }

    private var store: RepresentationStore { RepresentationStore(database: database) }

    /// Whether the asker may see `r` at all.
    func canSee(_ r: Representation) -> Bool {
        switch asker {
        case .commandLine: true
        case .viewer(let viewer): viewer.canSee(r)
        }
    }

    /// Whether the asker may use `permission` on `r`.
    func may(_ permission: Permission, on r: Representation) -> Bool {
        switch asker {
        case .commandLine: true
        case .viewer(let viewer): viewer.may(permission, on: r)
        }
    }

    private func may(_ permission: Permission) -> Bool {
        switch asker {
        case .commandLine: true
        case .viewer(let viewer): viewer.may(permission)
        }
    }

    // MARK: - Reading

    /// The case with `id`, whatever the asker may do with it: `nil` when there is none. Callers
    /// must decide with `canSee`/`may` before showing anything (`lookUp` does both and audits).
    private func unchecked(id: String) async throws -> Representation? {
        guard id.count <= 64 else { return nil }
        return try await store.representation(id: id)
    }

    /// The case with `id` if the asker may see it, hold `permission` on it and `allowed` accepts
    /// it; a refusal is written to the audit trail by `audit` before `.refused` is returned.
    func lookUp(
        id: String, permission: Permission? = nil, allowed: (Representation) -> Bool = { _ in true },
        refused audit: (Representation) async throws -> Void
    ) async throws -> CaseLookupResult {
        guard let r = try await unchecked(id: id) else { return .missing }
        guard canSee(r), permission.map({ may($0, on: r) }) ?? true, allowed(r) else {
            try await audit(r)
            return .refused(r)
        }
        return .found(r)
    }

    /// The case with `id` if the asker may see it (no refusal is audited: for linked cases shown
    /// beside one already opened).
    func visible(id: String) async throws -> Representation? {
        try await unchecked(id: id).flatMap { canSee($0) ? $0 : nil }
    }

    /// The case with this reference, if the asker may see it.
    func visible(reference: String) async throws -> Representation? {
        try await store.representation(reference: reference).flatMap { canSee($0) ? $0 : nil }
    }

    /// The history of a case the asker may see (empty for one they may not).
    func history(of r: Representation) async throws -> [CaseEvent] {
        guard canSee(r) else { return [] }
        return try await CaseEventLog.events(of: r.id, in: database)
    }

    /// What the case page shows beside a case the asker may see, in one read: its history,
    /// documents, contact log, letters (complaints only) and the templates and staff its forms
    /// need. Nothing of the case for one they may not see.
    func workspace(of r: Representation) async throws -> CaseWorkspaceRead {
        guard canSee(r) else { return CaseWorkspaceRead() }
        return try await CaseWorkspaceRead.read(caseID: r.id, withLetters: r.kind == .complaint, in: database)
    }

    /// The documents kept on a case the asker may see (none for one they may not).
    func documents(of r: Representation) async throws -> [CaseDocument] {
        guard canSee(r) else { return [] }
        return try await DocumentStore(database: database).documents(of: r.id)
    }

    /// One document of a case the asker may see, with its bytes; `nil` when the case has no such
    /// document or the asker may not see the case.
    func document(_ id: String, of r: Representation) async throws -> (CaseDocument, [UInt8])? {
        guard canSee(r), let document = try await DocumentStore(database: database).document(id: id),
            document.representationID == r.id
        else { return nil }
        return (document, try await DocumentStore(database: database).content(of: document))
    }

    /// What the case knows of one of its documents, without its bytes.
    func documentRecord(_ id: String, of r: Representation) async throws -> CaseDocument? {
        guard canSee(r), let document = try await DocumentStore(database: database).document(id: id),
            document.representationID == r.id
        else { return nil }
        return document
    }

    /// One entry of a case's contact log with every version of it, newest first.
    func contactEntry(_ id: String, of r: Representation) async throws -> (ContactEntry, [ContactEntry])? {
        let store = ContactLogStore(database: database)
        guard canSee(r), let entry = try await store.entry(id: id), entry.representationID == r.id else { return nil }
        return (entry, try await store.history(of: id))
    }

    /// The contact log of a case the asker may see (empty for one they may not).
    func contacts(of r: Representation) async throws -> [ContactEntry] {
        guard canSee(r) else { return [] }
        return try await ContactLogStore(database: database).entries(of: r.id)
    }

    /// The case as stored now, if the asker may still see it (after a refused or conflicting save).
    func latest(_ r: Representation) async throws -> Representation? {
        try await unchecked(id: r.id).flatMap { canSee($0) ? $0 : nil }
    }

    /// Open cases and closed ones with follow-ups, that the asker may see.
    func workQueue() async throws -> [Representation] {
        try await store.workQueueCases().filter(canSee)
    }

    /// The work queues and open cases the asker may see. Worked out for every case on the queue
    /// once and kept in `memo` while the queue's stamp, the configuration and the day stay the
    /// same (the stamp is read first, so a change made meanwhile is worked out next time); then
    /// held to the asker here, like every other read of cases.
    func workQueueState(
        memo: WorkQueueMemo, configuration: Configuration, today: CalendarDate
    ) async throws -> WorkQueueState {
        let key = WorkQueueMemo.Key(
            cases: try await store.workQueueStamp(), configuration: configuration.stamp, today: today)
        var all: WorkQueueState
        if let held = await memo.state(for: key) {
            all = held
        } else {
            all = WorkQueueState(
                cases: try await store.workQueueCases(), casework: configuration.casework, today: today)
            all.keptUnder = key
            await memo.keep(all, for: key)
        }
        return all.visible(to: canSee)
    }

    /// One page of the cases matching `filter` that the asker may see.
    func page(_ filter: RepresentationFilter, limit: Int, offset: Int) async throws -> RepresentationPage {
        switch asker {
        case .viewer(let viewer): return try await store.page(filter, visibleTo: viewer, limit: limit, offset: offset)
        case .commandLine:
            let all = try await store.all()
            return RepresentationPage(items: Array(all.dropFirst(offset).prefix(limit)), total: all.count)
        }
    }

    /// The cases the asker may see that match a search, best first (at most `limit`).
    func search(_ query: SearchQuery, limit: Int = 50) async throws -> [Representation] {
        try await store.representations(ids: try await searchIDs(query, limit: limit)).filter(canSee)
    }

    /// The ids of the matches the asker may see, best first: the index applies the asker's scope
    /// and restrictions, so these can be counted without reading the cases.
    func searchIDs(_ query: SearchQuery, limit: Int) async throws -> [String] {
        let scope: SearchIndex.Scope
        switch asker {
        case .commandLine: scope = .everything
        case .viewer(let viewer):
            switch viewer.grant.caseScope {
            case .none: return []
            case .all: scope = .all(userID: viewer.userID)
            case .appointed:
                guard let person = viewer.personID else { return [] }
                scope = .only(try await store.appointedCaseIDs(personID: person))
            }
        }
        return try await store.searchIDs(query, scope: scope, limit: limit)
    }

    /// These cases, in this order, those the asker may see.
    func representations(ids: [String]) async throws -> [Representation] {
        try await store.representations(ids: ids).filter(canSee)
    }

    /// Every case the asker may see that holds data about the named person.
    func subjectAccessHits(name: String) async throws -> [(hit: SubjectAccessHit, representation: Representation)] {
        guard may(.subjectAccess) else { return [] }
        let visible = try await store.all().filter(canSee)
        let byID = Dictionary(uniqueKeysWithValues: visible.map { ($0.id, $0) })
        return SubjectAccess.search(name: name, in: visible).compactMap { hit in
            byID[hit.representationID].map { (hit, $0) }
        }
    }

    /// The records a period's aggregate figures count. For counting only: no case from here is
    /// shown; where a figure lists references, `canSee` decides which are listed.
    func forFigures(relevantTo start: CalendarDate, _ end: CalendarDate) async throws -> [Representation] {
        guard may(.viewStatistics) else { return [] }
        return try await store.representations(relevantTo: start, end)
    }

    /// Open and overdue cases per owner (user id) and per pool member (person id): counts only,
    /// for the People page, which those who manage the pools see.
    func caseloads(
        today: CalendarDate
    ) async throws -> (owners: [String: (open: Int, overdue: Int)], pool: [String: (open: Int, overdue: Int)]) {
        guard may(.managePeople) else { return ([:], [:]) }
        var pool: [String: (open: Int, overdue: Int)] = [:]
        for r in try await store.openComplaints() {
            let open = r.stages.filter(\.isOpen)
            let overdue = open.contains { ($0.dueOn.map { $0 < today } ?? false) }
            for personID in Set(open.flatMap { $0.appointments.map(\.personID) }) {
                pool[personID, default: (0, 0)].open += 1
                if overdue { pool[personID, default: (0, 0)].overdue += 1 }
            }
        }
        return (try await store.caseloads(today: today), pool)
    }

    // MARK: - Changing

    /// Records a new representation.
    func record(_ command: NewComplaint, engine: ClockEngine, audit: AuditEntry) async throws -> Representation {
        guard may(.recordRepresentation) else { throw CaseAccessRefused() }
        return try await store.record(command, engine: engine, audit: audit)
    }

    /// Applies a lifecycle command to a case the asker may take steps on.
    func apply(
        _ command: CaseCommand, to r: Representation, expectedVersion: Int, lifecycle: Lifecycle, recordedBy: String,
        audit: AuditEntry, messages: [OutboxMessage] = []
    ) async throws -> Representation {
        guard may(.takeCaseSteps, on: r) else { throw CaseAccessRefused() }
        return try await store.apply(
            command, to: r.id, expectedVersion: expectedVersion, lifecycle: lifecycle, recordedBy: recordedBy,
            audit: audit, messages: messages)
    }

    /// One step on each of two cases the asker may take steps on, together or not at all.
    func applyPair(
        _ first: CaseCommand, to a: Representation, expectedVersion: Int, lifecycle: Lifecycle,
        _ second: CaseCommand, to b: Representation, otherLifecycle: Lifecycle, recordedBy: String,
        audit: AuditEntry
    ) async throws -> (Representation, Representation) {
        guard may(.takeCaseSteps, on: a), may(.takeCaseSteps, on: b) else { throw CaseAccessRefused() }
        return try await store.applyPair(
            first, to: a.id, expectedVersion: expectedVersion, lifecycle: lifecycle,
            second, to: b.id, lifecycle: otherLifecycle, recordedBy: recordedBy, audit: audit)
    }

    /// Restricts a case the asker may restrict, or lifts its restriction.
    func restrict(
        _ r: Representation, to userIDs: [String]?, expectedVersion: Int, audit: AuditEntry
    ) async throws -> Representation {
        guard may(.restrictCase, on: r) else { throw CaseAccessRefused() }
        return try await store.restrict(r.id, to: userIDs, expectedVersion: expectedVersion, audit: audit)
    }
}

/// What looking up a case found: the case, no such case, or one the asker may not have (the
/// refusal already audited).
enum CaseLookupResult {
    case found(Representation)
    case missing
    case refused(Representation)
}

/// A change refused because the asker may not make it (a programming error if it reaches here:
/// routes look the case up first).
struct CaseAccessRefused: Error {}

extension AppRequestContext {
    /// Case access for this request's signed-in user.
    func cases(_ database: Database) throws -> CaseAccess {
        CaseAccess(database: database, viewer: try requireViewer())
    }
}
