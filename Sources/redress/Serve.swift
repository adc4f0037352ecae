import ArgumentParser
import Foundation
import Hummingbird
import Metrics
import Prometheus
import RedressCore
import RedressNotifications
import RedressStorage
import RedressWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web application (migrating the database first).")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Flag(help: "Load the demo council first if the database is empty.") var demo = false
    @Option(help: "Bank-holiday calendar for statutory clocks (default england-and-wales, or REDRESS_CALENDAR).")
    var calendar: Division?
    @Flag(
        help:
            """
            Mark session cookies Secure even if requests do not show TLS (behind a TLS proxy that does not send \
            X-Forwarded-Proto).
            """
    ) var secureCookies = false
    @Option(help: "Write outgoing email (reminders) as .eml files in this folder instead of logging them.")
    var mailFolder: String?
    @Option(
        help:
            """
            Send email through a GOV.UK Notify-style HTTP API at this base URL (key in REDRESS_NOTIFY_KEY, \
            template in REDRESS_NOTIFY_TEMPLATE).
            """
    ) var notifyURL: String?
    @Option(
        help:
            """
            Send email through this SMTP relay (host:port; user and password from REDRESS_SMTP_USER and \
            REDRESS_SMTP_PASSWORD if set).
            """
    ) var smtp: String?
    @Flag(help: "Use TLS from the start with the SMTP relay (SMTPS, usually port 465).") var smtpTLS = false
    @Option(help: "The From address for email.") var mailFrom: String = "complaints@localhost"
    @Option(
        help:
            """
            Where the complaints team's reminders go (unallocated stage 2s, Ombudsman remedies, stages no one is \
            appointed to).
            """
    ) var teamEmail: String?

    @Option(help: .hidden) var simulateFrom: String?
    @Option(help: .hidden) var simulateAnchor: Double?
    @Option(help: .hidden) var simulateSpeed: Double = 1

    func validate() throws {
        if let simulateFrom, ISO8601DateFormatter().date(from: simulateFrom) == nil {
            throw ValidationError("--simulate-from must be an ISO 8601 time, like 2027-01-05T05:00:00Z")
        }
        guard simulateSpeed >= 1 && simulateSpeed <= 100_000 else {
            throw ValidationError("--simulate-speed must be between 1 and 100000")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let smtp {
            let parts = smtp.split(separator: ":")
            guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw ValidationError("--smtp must be host:port, like mail.anyshire.gov.uk:465")
            }
        }
        if let notifyURL {
            guard let url = URL(string: notifyURL),
                url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost"
            else {
                throw ValidationError("--notify-url must be an https address")
            }
            let env = ProcessInfo.processInfo.environment
            guard env["REDRESS_NOTIFY_KEY"]?.isEmpty == false, env["REDRESS_NOTIFY_TEMPLATE"]?.isEmpty == false else {
                throw ValidationError(
                    "--notify-url needs REDRESS_NOTIFY_KEY and REDRESS_NOTIFY_TEMPLATE in the environment")
            }
        }
    }

    func run() async throws {
        let division = try statutoryDivision(calendar)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Log.logger
        let (host, port, demo, secureCookies) = (self.host, self.port, self.demo, self.secureCookies)
        let sender: any MessageSender = {
            let env = ProcessInfo.processInfo.environment
            if let notifyURL, let url = URL(string: notifyURL) {
                return NotifySender(
                    baseURL: url, apiKey: env["REDRESS_NOTIFY_KEY"] ?? "",
                    templateID: env["REDRESS_NOTIFY_TEMPLATE"] ?? "")
            }
            if let smtp {
                let parts = smtp.split(separator: ":")
                return SMTPSender(
                    host: String(parts[0]), port: Int(parts[1]) ?? 25, security: smtpTLS ? .tls : .none,
                    username: env["REDRESS_SMTP_USER"], password: env["REDRESS_SMTP_PASSWORD"], from: mailFrom)
            }
            if let mailFolder { return FileSender(folder: URL(fileURLWithPath: mailFolder)) }
            return LogSender(logger: logger)
        }()
        let teamEmail = self.teamEmail
        let clock = BackgroundClock(
            from: simulateFrom.flatMap { ISO8601DateFormatter().date(from: $0) },
            anchor: simulateAnchor.map { Date(timeIntervalSince1970: $0) } ?? Date(), speed: simulateSpeed)
        let location = try storage.location()
        // A serving node checks its PostgreSQL server every second: a lost server is a 503 at once,
        // and the node carries on by itself on the first server in the URL that can be written to.
        try await storage.withDatabase(watch: .seconds(1)) { database in
            if demo, let loaded = try await loadDemo(into: database) {
                logger.info("demo council loaded", metadata: ["representations": "\(loaded)"])
            }
            if demo {
                let credentials = try await resetDemoUsers(in: database, hasher: .standard)
                // Printed, never logged: new passwords every time the demo starts.
                var text = "Demo users (new passwords each start):\n"
                for c in credentials {
                    text +=
                        "  \(c.username.padding(toLength: 13, withPad: " ", startingAt: 0)) \(c.password)  \(c.role.displayName)\n"
                }
                FileHandle.standardOutput.write(Data(text.utf8))
            } else if try await UserStore(database: database).all().isEmpty {
                logger.notice("no users yet: add the first with `redress user add --role administrator`")
            }
            let deps = WebDependencies(
                database: database, division: division, metrics: registry, logger: logger,
                security: WebSecurity(
                    secureCookies: secureCookies,
                    metricsToken: ProcessInfo.processInfo.environment["REDRESS_METRICS_TOKEN"]))
            let background = BackgroundWork(
                database: database,
                delivery: OutboxDelivery(store: OutboxStore(database: database), sender: sender, logger: logger),
                reminders: ReminderJob(database: database, division: division, teamEmail: teamEmail),
                mailbox: {
                    let settings = try await SettingsStore(database: database).load(
                        MailboxSettings.key, default: MailboxSettings?.none)
                    return IMAPMailbox.configured(settings).map {
                        MailboxReader(mailbox: $0, database: database, today: LondonClock.today, logger: logger)
                    }
                },
                today: { LondonClock.today(at: clock.now()) }, hour: { LondonClock.hour(at: clock.now()) },
                now: { Int(clock.now().timeIntervalSince1970) }, interval: clock.interval, logger: logger)
            let app = buildApplication(deps, host: host, port: port, services: [background]) { actualPort in
                let shown = host == "0.0.0.0" ? "localhost" : host
                // Printed (and flushed) for people and scripts: the one line to look for.
                let line = "Redress is running at http://\(shown):\(actualPort)/ (\(location); Ctrl-C to stop)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            try await app.runService()
        }
    }
}

/// The clock background work reads: the real one, or, to rehearse a day of reminders and
/// deliveries with real processes (`--simulate-from`, hidden, for tests), one that reads `from` at
/// the real time `anchor` and runs `speed` times as fast, passing every simulated minute. Nodes
/// given the same three agree on the time. Pages and records keep the real clock.
struct BackgroundClock: Sendable {
    let from: Date?
    let anchor: Date
    let speed: Double

    func now() -> Date {
        guard let from else { return Date() }
        return from.addingTimeInterval(Date().timeIntervalSince(anchor) * speed)
    }

    /// A pass every minute of the clock's time (at most 50 a second).
    var interval: Duration { from == nil ? .seconds(60) : .milliseconds(max(20, Int(60_000 / speed))) }
}
