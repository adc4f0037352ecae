import Foundation

/// A figure the council keeps in another system and enters once a year, so complaints can be
/// put in context: "complaints per 100 referrals" (Leicestershire Table 1, `statutory-rules.md`
/// §5.16, STAT-11). It is a denominator, never a complaints statistic.
public struct ContextMeasure: Sendable, Hashable, Codable {
    /// The financial year's start year (2021 → 2021/22).
    public var year: Int
    public var serviceArea: ServiceArea
    /// In the council's words: "Referrals to children's social care", "Open cases at 31 March".
    public var measure: String
    public var value: Int

    public init(year: Int, serviceArea: ServiceArea, measure: String, value: Int) {
        self.year = year
        self.serviceArea = serviceArea
        self.measure = measure
        self.value = value
    }

    /// Checks a measure before it is saved: a name, a sensible year, a positive whole number.
    public static func validated(
        year: String, serviceArea: String, measure: String, value: String
    ) throws(LifecycleError) -> ContextMeasure {
        guard let y = Int(year.trimmed), (1990...2999).contains(y) else {
            throw LifecycleError("year", "Choose the financial year")
        }
        guard let area = ServiceArea(rawValue: serviceArea) else {
            throw LifecycleError("service-area", "Choose the service area")
        }
        let name = measure.trimmed
        guard !name.isEmpty else {
            throw LifecycleError("measure", "Enter what is measured, for example referrals to children's social care")
        }
        guard name.count <= 120 else {
            throw LifecycleError("measure", "The measure's name must be 120 characters or fewer")
        }
        let digits = value.trimmed.replacingOccurrences(of: ",", with: "")
        guard let n = Int(digits), n > 0, n < 100_000_000 else {
            throw LifecycleError("value", "Enter the number as a whole number above 0, like 4934")
        }
        return ContextMeasure(year: y, serviceArea: area, measure: name, value: n)
    }
}

/// A recommendation the annual report makes for the coming year, and its progress, reported
/// in the next year's report ("2021/22 recommendations – progress", Leicestershire §11).
/// The words are the complaints manager's; only the counts by status are figures.
public struct ReportRecommendation: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable, Hashable {
        case notStarted = "not-started", ongoing, partlyCompleted = "partly-completed", completed, superseded

        public var displayName: String {
            switch self {
            case .notStarted: "Not started"
            case .ongoing: "Ongoing"
            case .partlyCompleted: "Partly completed"
            case .completed: "Completed"
            case .superseded: "Superseded"
            }
        }
    }

    public var id: String
    /// The start year of the financial year whose report made it.
    public var year: Int
    public var serviceArea: ServiceArea?
    public var title: String
    public var detail: String
    public var dueOn: CalendarDate?
    public var status: Status
    public var progress: String
    /// Optimistic concurrency: a change names the version it was made from.
    public var version: Int

    public init(
        id: String, year: Int, serviceArea: ServiceArea?, title: String, detail: String, dueOn: CalendarDate?,
        status: Status = .notStarted, progress: String = "", version: Int = 1
    ) {
        self.id = id
        self.year = year
        self.serviceArea = serviceArea
        self.title = title
        self.detail = detail
        self.dueOn = dueOn
        self.status = status
        self.progress = progress
        self.version = version
    }
}

/// Optional equality monitoring for one representation (Hampshire Tables 17–20): codes from
/// the equality lists. Kept apart from the case record — case handlers never see it; only the
/// report's suppressed totals use it.
public struct EqualityMonitoring: Sendable, Hashable, Codable {
    public var disability: String
    public var gender: String
    public var ageBand: String
    public var ethnicity: String

    public init(
        disability: String = "not-stated", gender: String = "not-stated", ageBand: String = "not-stated",
        ethnicity: String = "not-stated"
    ) {
        self.disability = disability
        self.gender = gender
        self.ageBand = ageBand
        self.ethnicity = ethnicity
    }

    public func code(_ list: CategoryList) -> String? {
        switch list {
        case .disability: disability
        case .gender: gender
        case .ageBand: ageBand
        case .ethnicity: ethnicity
        default: nil
        }
    }
}

/// Everything a report reads besides the case records.
public struct ReportInputs: Sendable, Hashable {
    public var contextMeasures: [ContextMeasure]
    public var recommendations: [ReportRecommendation]
    /// Equality monitoring by representation id.
    public var equality: [String: EqualityMonitoring]
    /// Population and similar authorities' Ombudsman figures, by year.
    public var ombudsmanLetters: [OmbudsmanLetter]

    public init(
        contextMeasures: [ContextMeasure] = [], recommendations: [ReportRecommendation] = [],
        equality: [String: EqualityMonitoring] = [:], ombudsmanLetters: [OmbudsmanLetter] = []
    ) {
        self.contextMeasures = contextMeasures
        self.recommendations = recommendations
        self.equality = equality
        self.ombudsmanLetters = ombudsmanLetters
    }
}
