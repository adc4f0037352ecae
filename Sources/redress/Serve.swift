import ArgumentParser
import Foundation
import Hummingbird
import Metrics
import Prometheus
import RedressCore
import RedressStorage
import RedressWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web application (migrating the database first).")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Flag(help: "Load the demo council first if the database is empty.") var demo = false
    @Option(help: "Bank-holiday calendar for statutory clocks (default england-and-wales, or REDRESS_CALENDAR).") var calendar: Division?
    @Flag(help: "Mark session cookies Secure even if requests do not show TLS (behind a TLS proxy that does not send X-Forwarded-Proto).") var secureCookies = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let division = try statutoryDivision(calendar)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Log.logger
        let (host, port, demo, secureCookies) = (self.host, self.port, self.demo, self.secureCookies)
        let location = try storage.location()
        try await storage.withDatabase { database in
            if demo, let loaded = try await loadDemo(into: database, seed: 2021) {
                logger.info("demo council loaded", metadata: ["representations": "\(loaded)"])
            }
            if demo {
                let credentials = try await resetDemoUsers(in: database, hasher: .standard)
                // Printed, never logged: new passwords every time the demo starts.
                var text = "Demo users (new passwords each start):\n"
                for c in credentials { text += "  \(c.username.padding(toLength: 13, withPad: " ", startingAt: 0)) \(c.password)  \(c.role.displayName)\n" }
                FileHandle.standardOutput.write(Data(text.utf8))
            } else if try await UserStore(database: database).all().isEmpty {
                logger.notice("no users yet: add the first with `redress user add --role administrator`")
            }
            let deps = WebDependencies(database: database, division: division, metrics: registry, logger: logger,
                                       security: WebSecurity(secureCookies: secureCookies))
            let app = buildApplication(deps, host: host, port: port) { actualPort in
                let shown = host == "0.0.0.0" ? "localhost" : host
                // Printed (and flushed) for people and scripts: the one line to look for.
                let line = "Redress is running at http://\(shown):\(actualPort)/ (\(location); Ctrl-C to stop)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            try await app.runService()
        }
    }
}
