import Foundation

/// A bank-holiday jurisdiction, named as the GOV.UK feed names it.
///
/// Statutory clocks for English councils use England and Wales (SI 2006/1738 reg 2 and
/// SI 2009/309 define working days by reference to English bank holidays); the others exist
/// for partner bodies and staff elsewhere.
public enum Division: String, Sendable, Codable, CaseIterable {
    case englandAndWales = "england-and-wales"
    case scotland
    case northernIreland = "northern-ireland"

    public var displayName: String {
        switch self {
        case .englandAndWales: "England and Wales"
        case .scotland: "Scotland"
        case .northernIreland: "Northern Ireland"
        }
    }
}

/// One closure day from the feed: a bank holiday, a substitute day, or a one-off day.
public struct BankHoliday: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var title: String
    public var notes: String
    public var bunting: Bool

    public init(date: CalendarDate, title: String, notes: String = "", bunting: Bool = true) {
        self.date = date
        self.title = title
        self.notes = notes
        self.bunting = bunting
    }
}

/// The GOV.UK bank-holiday feed (`https://www.gov.uk/bank-holidays.json` format): one event
/// list per division.
///
/// Councils import a newer copy with `redress calendar import FILE` when a holiday is
/// proclaimed, so parsing validates everything and reports every problem at once, by division,
/// event number and field, before anything is stored.
public struct BankHolidayFeed: Sendable, Equatable {
    public var events: [Division: [BankHoliday]]

    public init(events: [Division: [BankHoliday]]) {
        self.events = events.mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// The first and last year the feed covers for a division.
    public func years(of division: Division) -> ClosedRange<Int>? {
        guard let list = events[division], let first = list.first, let last = list.last else { return nil }
        return first.date.year...last.date.year
    }

    /// A problem found while reading a feed.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Where the problem is, e.g. `england-and-wales event 3 field "date"`.
        public var location: String
        public var reason: String
        public var description: String { "\(location): \(reason)" }
    }

    /// Reading failed; `problems` lists every problem found, in file order.
    public struct InvalidFeed: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String {
            "The bank-holiday file was not imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Parses GOV.UK feed JSON. Throws `InvalidFeed` naming every problem.
    public static func parse(_ data: Data) throws -> BankHolidayFeed {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InvalidFeed(problems: [
                Problem(location: "file", reason: "is not valid JSON: \(jsonProblem(error, in: data))")
            ])
        }
        guard let object = root as? [String: Any] else {
            throw InvalidFeed(problems: [
                Problem(
                    location: "file", reason: "must be a JSON object keyed by division (e.g. \"england-and-wales\")")
            ])
        }
        var problems: [Problem] = []
        var events: [Division: [BankHoliday]] = [:]
        for key in object.keys.sorted() {
            guard let division = Division(rawValue: key) else {
                problems.append(
                    Problem(
                        location: "division \"\(key)\"",
                        reason: "is not one of england-and-wales, scotland, northern-ireland"))
                continue
            }
            guard let body = object[key] as? [String: Any], let list = body["events"] as? [Any] else {
                problems.append(Problem(location: key, reason: "must be an object with an \"events\" list"))
                continue
            }
            if let named = body["division"] as? String, named != key {
                problems.append(
                    Problem(
                        location: "\(key) field \"division\"",
                        reason: "says \"\(named)\" but is listed under \"\(key)\""))
            }
            var seen: Set<CalendarDate> = []
            var parsed: [BankHoliday] = []
            for (index, item) in list.enumerated() {
                let at = "\(key) event \(index + 1)"
                guard let event = item as? [String: Any] else {
                    problems.append(
                        Problem(location: at, reason: "must be an object with title, date, notes and bunting"))
                    continue
                }
                let title = (event["title"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
                if title.isEmpty {
                    problems.append(Problem(location: "\(at) field \"title\"", reason: "is missing or empty"))
                }
                guard let dateText = event["date"] as? String else {
                    problems.append(Problem(location: "\(at) field \"date\"", reason: "is missing"))
                    continue
                }
                guard let date = CalendarDate(iso: dateText) else {
                    problems.append(
                        Problem(
                            location: "\(at) field \"date\"",
                            reason: "\"\(dateText)\" is not a real date in the form YYYY-MM-DD"))
                    continue
                }
                if !seen.insert(date).inserted {
                    problems.append(
                        Problem(location: "\(at) field \"date\"", reason: "\(date.iso) is listed twice for \(key)"))
                    continue
                }
                if let notes = event["notes"], !(notes is String) {
                    problems.append(Problem(location: "\(at) field \"notes\"", reason: "must be text"))
                }
                if let bunting = event["bunting"], !(bunting is Bool) {
                    problems.append(Problem(location: "\(at) field \"bunting\"", reason: "must be true or false"))
                }
                parsed.append(
                    BankHoliday(
                        date: date, title: title,
                        notes: event["notes"] as? String ?? "",
                        bunting: event["bunting"] as? Bool ?? false))
            }
            events[division] = parsed
        }
        if events.isEmpty && problems.isEmpty {
            problems.append(Problem(location: "file", reason: "lists no divisions"))
        }
        guard problems.isEmpty else { throw InvalidFeed(problems: problems) }
        return BankHolidayFeed(events: events)
    }

    /// Foundation's JSON error in words, with the line and column where it can tell.
    private static func jsonProblem(_ error: any Error, in data: Data) -> String {
        let detail = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? "it cannot be read"
        if detail.localizedCaseInsensitiveContains("end of file") {
            return "the file ends before the JSON is complete (was it cut short?)"
        }
        guard let range = detail.range(of: "character "),
            let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
        else { return detail }
        let prefix = data.prefix(offset)
        let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "unexpected text at line \(line), column \(column)"
    }

    /// Writes the feed in the GOV.UK format (divisions and events in date order).
    public func json() -> Data {
        struct Event: Encodable { var title: String; var date: String; var notes: String; var bunting: Bool }
        struct Body: Encodable { var division: String; var events: [Event] }
        var root: [String: Body] = [:]
        for (division, list) in events {
            root[division.rawValue] = Body(
                division: division.rawValue,
                events: list.map { Event(title: $0.title, date: $0.date.iso, notes: $0.notes, bunting: $0.bunting) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(root)) ?? Data()
    }

    /// The feed shipped with Redress: GOV.UK's list for 2012–2028.
    public static let shipped: BankHolidayFeed = {
        do {
            return try parse(Data(ShippedBankHolidays.govukFeedJSON.utf8))
        } catch {
            preconditionFailure("The shipped bank-holiday feed is invalid: \(error)")
        }
    }()

    /// Overlays `newer` on `self`: for each division in `newer`, its events replace ours for
    /// every year it covers (so a moved holiday moves), and ours stay for the other years.
    public func overlaid(with newer: BankHolidayFeed) -> BankHolidayFeed {
        var merged = events
        for (division, list) in newer.events {
            guard let years = newer.years(of: division) else { continue }
            let kept = (merged[division] ?? []).filter { !years.contains($0.date.year) }
            merged[division] = kept + list
        }
        return BankHolidayFeed(events: merged)
    }
}
