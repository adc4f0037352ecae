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

    public init(database: Database, today: @escaping @Sendable () -> CalendarDate = LondonClock.today, division: Division = .englandAndWales, metrics: PrometheusCollectorRegistry? = nil, logger: Logger, security: WebSecurity = WebSecurity()) {
        self.database = database
        self.security = security
        self.today = today
        self.division = division
        self.metrics = metrics
        self.logger = logger
    }
}

/// Today's date in England, whatever the server's time zone.
public enum LondonClock {
    @Sendable public static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The hour of the day in London (0–23), for "send reminders from 7am".
    @Sendable public static func hour() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar.component(.hour, from: Date())
    }
}

/// Code lists, procedures and the working-day calendar as stored now. Loaded per request so a
/// change made with the CLI (a new code, an imported bank holiday) applies at once.
struct Casework: Sendable {
    var reference: ReferenceData
    var procedures: [ProcedureDefinition]
    var calendar: WorkingDayCalendar
    var people: PeopleDirectory

    static func load(_ deps: WebDependencies) async throws -> Casework {
        async let reference = ReferenceStore(database: deps.database).load()
        async let procedures = ProcedureStore(database: deps.database).load()
        async let feed = CalendarStore(database: deps.database).effectiveFeed()
        async let people = PeopleStore(database: deps.database).load()
        return Casework(
            reference: try await reference, procedures: try await procedures,
            calendar: WorkingDayCalendar(division: deps.division, feed: try await feed), people: try await people)
    }

    func procedure(_ id: String?) -> ProcedureDefinition? { procedures.first { $0.id == id } }
}

/// Builds the router: every page and endpoint of the web application, each registered from
/// the `Endpoint` table behind its access rule.
public func buildRouter(_ deps: WebDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(logger: deps.logger))
    router.add(middleware: APIErrorMiddleware(logger: deps.logger))
    if deps.metrics != nil { router.add(middleware: MetricsMiddleware()) }
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SessionMiddleware(deps: deps))
    for endpoint in Endpoint.allCases {
        router.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.guarded(endpoint.handler(deps), database: deps.database))
    }
    return router
}

/// Builds the application for `redress serve`.
public func buildApplication(_ deps: WebDependencies, host: String, port: Int, services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    Application(
        router: buildRouter(deps),
        configuration: .init(address: .hostname(host, port: port), serverName: "Redress"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
        logger: deps.logger)
}
