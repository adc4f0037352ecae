import Foundation
import Hummingbird
import ServiceLifecycle
import Logging
import Prometheus
import RedressCore
import RedressStorage

/// What the web application needs from outside: the database, today's date and settings.
/// Passing them in (rather than reading globals) keeps every route testable.
public struct WebDependencies: Sendable {
    public var database: Database
    /// Today's date in the council's time zone; tests fix it.
    public var today: @Sendable () -> CalendarDate
    /// The bank-holiday division statutory clocks use (England and Wales unless configured).
    public var division: Division
    public var metrics: PrometheusCollectorRegistry?
    public var logger: Logger
    /// Password hashing, sign-in throttling, session lifetimes and cookie settings.
    public var security: WebSecurity
    /// Where reports and letters are printed to PDF: off Swift's cooperative threads, a bounded
    /// queue (`PasswordWork.printing`), 503 when full.
    public var printing: PasswordWork
    /// The most one upload of documents to a case may come to, in bytes
    /// (`REDRESS_DOCUMENT_LIMIT_MB`, 20 MB unless set).
    public var documentLimit: Int = WebDependencies.configuredDocumentLimit
    /// Configuration kept between requests while its `ConfigurationStamp` is unchanged.
    let configurationCache = ConfigurationCache()
    /// The work queues and open cases as last worked out, kept while nothing on them changed.
    let workQueueMemo = WorkQueueMemo()

    public init(
        database: Database, today: @escaping @Sendable () -> CalendarDate = LondonClock.today,
        division: Division = .englandAndWales, metrics: PrometheusCollectorRegistry? = nil, logger: Logger,
        security: WebSecurity = WebSecurity(), printing: PasswordWork = .printing
    ) {
        self.database = database
        self.printing = printing
        self.security = security
        self.today = today
        self.division = division
        self.metrics = metrics
        self.logger = logger
    }
}

extension WebDependencies {
    static var configuredDocumentLimit: Int {
        let megabytes = ProcessInfo.processInfo.environment["REDRESS_DOCUMENT_LIMIT_MB"].flatMap(Int.init) ?? 20
        return max(1, min(megabytes, 500)) * 1_048_576
    }

    /// A limit in bytes in words ("20 MB", "512 KB").
    static func words(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : "\(bytes / 1024) KB"
    }
}

/// Today's date in England, whatever the server's time zone.
public enum LondonClock {
    @Sendable public static func today() -> CalendarDate { today(at: Date()) }

    /// The date in London at `instant`.
    public static func today(at instant: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The hour of the day in London (0–23), for "send reminders from 7am".
    @Sendable public static func hour() -> Int { hour(at: Date()) }

    /// The hour in London at `instant`.
    public static func hour(at instant: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar.component(.hour, from: instant)
    }
}

/// Code lists, procedures and the working-day calendar as stored now. Checked per request
/// against the configuration stamp, so a change made with the CLI (a new code, an imported
/// bank holiday) applies at once, and loaded again only when something changed.
struct Casework: Sendable {
    var reference: ReferenceData
    var procedures: [ProcedureDefinition]
    var calendar: WorkingDayCalendar
    var people: PeopleDirectory

    static func load(_ deps: WebDependencies) async throws -> Casework {
        try await deps.configuration().casework
    }

    func procedure(_ id: String?) -> ProcedureDefinition? { procedures.first { $0.id == id } }
}

/// Everything a request may need from the council's configuration.
struct Configuration: Sendable {
    var casework: Casework
    var accessPolicy: AccessPolicy
    /// The `ConfigurationStamp` it was loaded under: what was worked out from it (the work
    /// queues' deadlines) is kept under the same stamp.
    var stamp = ""
}

/// The last configuration loaded and the stamp it was loaded under.
actor ConfigurationCache {
    private var cached: (stamp: String, configuration: Configuration)?

    func configuration(stamp: String) -> Configuration? {
        cached?.stamp == stamp ? cached?.configuration : nil
    }

    func keep(_ configuration: Configuration, stamp: String) {
        cached = (stamp, configuration)
    }
}

extension WebDependencies {
    /// The configuration as stored now: one small read of the stamp, and a full load only when
    /// the stamp has changed. The stamp is read first, so a change made during the load is
    /// picked up by the next request. Within a signed-in request, the one read at sign-in.
    /// `stamp` is the stamp when the caller has just read it (with the session).
    func configuration(stamp known: String? = nil) async throws -> Configuration {
        if let current = RequestScope.current.configuration { return current }
        let stamp: String
        if let known { stamp = known } else { stamp = try await ConfigurationStamp.current(in: database) }
        if let cached = await configurationCache.configuration(stamp: stamp) { return cached }
        async let reference = ReferenceStore(database: database).load()
        async let procedures = ProcedureStore(database: database).load()
        async let feed = CalendarStore(database: database).effectiveFeed()
        async let people = PeopleStore(database: database).load()
        async let policy = SettingsStore(database: database).accessPolicy()
        let loaded = Configuration(
            casework: Casework(
                reference: try await reference, procedures: try await procedures,
                calendar: WorkingDayCalendar(division: division, feed: try await feed), people: try await people),
            accessPolicy: try await policy, stamp: stamp)
        await configurationCache.keep(loaded, stamp: stamp)
        return loaded
    }
}

/// Builds the router: every page and endpoint of the web application, each registered from
/// the `Endpoint` table behind its access rule.
public func buildRouter(_ deps: WebDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost, so it counts the answer as sent: a 4xx made from an error is counted as a 4xx.
    if deps.metrics != nil { router.add(middleware: MetricsMiddleware()) }
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(logger: deps.logger))
    router.add(middleware: APIErrorMiddleware(logger: deps.logger))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SessionMiddleware(deps: deps))
    for endpoint in Endpoint.allCases {
        router.on(
            RouterPath(endpoint.path), method: endpoint.method,
            use: endpoint.guarded(
                endpoint.handler(deps), database: deps.database, uploadLimit: endpoint.uploadLimit(deps)))
    }
    return router
}

/// Builds the application for `redress serve`.
public func buildApplication(
    _ deps: WebDependencies, host: String, port: Int, services: [any Service] = [],
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(deps),
        configuration: .init(address: .hostname(host, port: port), serverName: "Redress"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
        logger: deps.logger)
}
