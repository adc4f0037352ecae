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

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let division = try statutoryDivision(calendar)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Log.logger
        let (host, port, demo) = (self.host, self.port, self.demo)
        let location = try storage.location()
        try await storage.withDatabase { database in
            if demo, let loaded = try await loadDemo(into: database, seed: 2021) {
                logger.info("demo council loaded", metadata: ["representations": "\(loaded)"])
            }
            let deps = WebDependencies(database: database, division: division, metrics: registry, logger: logger)
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
