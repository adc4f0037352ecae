import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RedressCore
import RedressStorage
import RedressTestSupport
import Synchronization
import Testing
@testable import RedressWeb

/// Every line logged, with its metadata, kept for the test to read.
private final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

private struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        log.lines.withLock { $0.append("\(level) \(message) \(all.sorted { $0.key < $1.key }.map { "\($0)=\($1)" })") }
    }
}

@Suite("Request logs hold no personal data")
struct RequestLogTests {
    @Test(
        "a search's query, a name in the address and a form's fields never reach the log",
        arguments: TestDatabase.engines)
    func searchNotLogged(engine: DatabaseEngine) async throws {
        let captured = CapturedLog()
        let logger = Logger(label: "test") { _ in CapturingHandler(log: captured) }
        try await TestDatabase.with(engine) { database in
            let deps = WebDependencies(
                database: database, today: { CalendarDate(iso: "2023-12-01")! }, logger: logger,
                security: WebSecurity(hasher: .testing, now: { testNow }))
            let app = Application(router: buildRouter(deps), logger: logger)
            try await app.test(.router) { client in
                let manager = try await signIn(client, database, as: .complaintsManager)
                _ = try await manager.execute(uri: "/search?q=Zebedee+Quartermain", method: .get)
                _ = try await manager.execute(uri: "/cases?q=zebedee%40example.org&status=open", method: .get)
                _ = try await client.execute(
                    uri: "/sign-in", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "username=Quartermain&password=hunter2hunter2"))
            }
        }
        let text = captured.text
        #expect(text.contains("hb.request.path=/search"), "the request is logged: \(text.prefix(600))")
        #expect(text.contains("hb.request.path=/cases"))
        for secret in ["Zebedee", "Quartermain", "zebedee", "example.org", "hunter2"] {
            #expect(!text.contains(secret), "\(secret) in the log")
        }
    }
}
