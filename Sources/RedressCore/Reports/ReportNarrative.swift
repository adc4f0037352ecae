import Foundation

/// A complaints manager's own words for one chapter of a year's report. Figures are quoted as
/// tokens naming a figure (`{outcome.adults.upheld}`), so the printed text always shows the
/// figure as the records now give it; the displays at the time of writing are kept, so a text
/// whose figures have moved since is flagged for its author to reread.
public struct ReportNarrative: Sendable, Hashable, Codable {
    public var year: Int
    public var scope: ReportScope
    public var chapter: String
    public var text: String
    /// Each quoted figure's display when the text was saved, by figure id.
    public var quoted: [String: String]
    public var version: Int
    public var savedBy: String
    public var savedAt: String

    public init(
        year: Int, scope: ReportScope, chapter: String, text: String, quoted: [String: String],
        version: Int, savedBy: String, savedAt: String
    ) {
        self.year = year
        self.scope = scope
        self.chapter = chapter
        self.text = text
        self.quoted = quoted
        self.version = version
        self.savedBy = savedBy
        self.savedAt = savedAt
    }

    /// The longest text a chapter's commentary may be.
    public static let maximumLength = 20_000

    /// The figure ids quoted in `text`, in order, each once.
    public static func tokens(in text: String) -> [String] {
        text.matches(of: /\{([A-Za-z0-9][A-Za-z0-9._:-]{0,119})\}/).map { String($0.output.1) }.uniqued()
    }

    /// The text with each token replaced by the figure's display now.
    public static func render(_ text: String, figures: [String: Figure]) -> String {
        text.replacing(/\{([A-Za-z0-9][A-Za-z0-9._:-]{0,119})\}/) { match in
            figures[String(match.output.1)]?.display ?? String(match.output.0)
        }
    }

    /// Paragraphs: the text split at blank lines, each with its lines joined.
    public static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .filter { !$0.isEmpty }
    }

    /// What is wrong with a text before it can be saved, in words for the author.
    public static func problems(in text: String, figures: [String: Figure]) -> [String] {
        var problems: [String] = []
        if text.count > maximumLength {
            problems.append("The commentary must be \(maximumLength) characters or fewer")
        }
        let unknown = tokens(in: text).filter { figures[$0] == nil }
        if !unknown.isEmpty {
            problems.append(
                "No figure is called " + unknown.prefix(5).map { "{\($0)}" }.joined(separator: ", ")
                    + "; copy a figure's name from the list below the box")
        }
        return problems
    }

    /// A quoted figure whose display has changed since the text was saved.
    public struct Moved: Sendable, Hashable {
        public var id: String
        public var label: String
        public var then: String
        public var now: String
    }

    /// The quoted figures that have moved since the text was saved.
    public func moved(figures: [String: Figure]) -> [Moved] {
        Self.tokens(in: text).compactMap { id in
            guard let then = quoted[id], let figure = figures[id], figure.display != then else { return nil }
            return Moved(id: id, label: figure.label, then: then, now: figure.display)
        }
    }
}

extension ComplaintsReport {
    /// Every figure with an id, by id (the first, where a figure appears in two tables).
    public var figuresByID: [String: Figure] {
        var result: [String: Figure] = [:]
        for figure in figures where result[figure.id] == nil { result[figure.id] = figure }
        return result
    }
}
