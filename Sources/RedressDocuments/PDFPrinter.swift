import Foundation

/// Prints HTML to PDF with headless Chromium, when it is installed (Debian: `chromium`). Used for
/// the report's PDF and for letters; without Chromium, HTML is offered to print from a browser.
public enum PDFPrinter {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The Chromium binary on PATH, if any.
    public static var browser: String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name in
            path.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }.first
    }

    /// Prints twice: first to learn from the outline which page each heading is on, then with
    /// those pages (each heading's first, under `key` of its title) given to `render` for a
    /// contents list; `render` must not change the layout when given them.
    public static func pdf(key: (String) -> String = { $0 }, render: ([String: Int]) -> String) throws -> [UInt8] {
        let first = try pdf(fromHTML: render([:]), outline: true)
        var pages: [String: Int] = [:]
        for (title, page) in PDFOutline.headingPages(in: first) where pages[key(title)] == nil {
            pages[key(title)] = page
        }
        return try pdf(fromHTML: render(pages), outline: true)
    }

    /// How long one printing may take.
    public static let timeLimit: TimeInterval = 300

    /// `outline` adds the document outline (bookmarks) from the headings.
    public static func pdf(fromHTML html: String, outline: Bool = false) throws -> [UInt8] {
        guard let browser else {
            throw Failure(
                description: "PDF needs headless Chromium (Debian: apt-get install chromium); or use HTML and print it."
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redress-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.html"),
            output = folder.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: input)
        let arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(folder.path)/profile",
                "--print-to-pdf=\(output.path)", input.absoluteString,
            ] + (outline ? ["--generate-pdf-document-outline"] : [])
        let chromium = try ChildProcess.start(browser, arguments, environment: ProcessInfo.processInfo.environment)
        // A Chromium that never exits must not hold the printing thread for ever: after
        // `timeLimit` it is stopped and the print fails with a message.
        let deadline = Date().addingTimeInterval(timeLimit)
        var status = chromium.ended()
        while status == nil, Date() < deadline {
            usleep(20_000)
            status = chromium.ended()
        }
        guard let status else {
            kill(chromium.id, SIGTERM)
            let grace = Date().addingTimeInterval(5)
            while chromium.ended() == nil, Date() < grace { usleep(20_000) }
            kill(chromium.id, SIGKILL)
            _ = chromium.wait()
            throw Failure(description: "Chromium did not finish printing within \(Int(timeLimit)) seconds.")
        }
        guard status == 0, let data = try? Data(contentsOf: output), !data.isEmpty else {
            throw Failure(description: "Chromium could not print to PDF (exit \(status)).")
        }
        return Array(data)
    }
}
