/// What the council enters for a year to put its Ombudsman figures beside others: its population
/// (the Ombudsman's annual letters compare upheld decisions per 100,000 residents) and the
/// letter's published figures for similar authorities. Redress counts the council's own figures
/// from its cases; only other councils' figures and the population are typed in.
public struct OmbudsmanLetter: Sendable, Hashable, Codable {
    /// The financial year's start year (2025 → 2025/26).
    public var year: Int
    /// Residents, as the Office for National Statistics' mid-year estimate the letter uses.
    public var residents: Int?
    /// Children and young people under 18, for rates per 10,000 children.
    public var children: Int?
    public var similar: [SimilarAuthority]

    /// One similar authority's figures from its Ombudsman annual letter, in tenths as published
    /// to one decimal place (0.9 per 100,000 is 9; 87.5% is 875).
    public struct SimilarAuthority: Sendable, Hashable, Codable {
        public var name: String
        public var upheldPer100kTenths: Int?
        public var complianceTenths: Int?
        public var satisfactoryRemedyTenths: Int?

        public init(
            name: String, upheldPer100kTenths: Int?, complianceTenths: Int?, satisfactoryRemedyTenths: Int?
        ) {
            self.name = name
            self.upheldPer100kTenths = upheldPer100kTenths
            self.complianceTenths = complianceTenths
            self.satisfactoryRemedyTenths = satisfactoryRemedyTenths
        }
    }

    public init(year: Int, residents: Int? = nil, children: Int? = nil, similar: [SimilarAuthority] = []) {
        self.year = year
        self.residents = residents
        self.children = children
        self.similar = similar
    }

    /// How many similar authorities the form offers rows for.
    public static let similarRows = 8

    /// Reads the form: `residents`, `children`, and for each row `n` (0-based) `name-n`,
    /// `upheld-n`, `compliance-n`, `remedy-n`. Every problem is reported, by field; the letter is
    /// to be saved only when there are none.
    public static func validated(
        year: Int, fields: (String) -> String
    ) -> (letter: OmbudsmanLetter, problems: [LifecycleError]) {
        var problems: [LifecycleError] = []
        func whole(_ name: String, _ what: String) -> Int? {
            let text = fields(name).trimmed.replacingOccurrences(of: ",", with: "")
            guard !text.isEmpty else { return nil }
            guard let n = Int(text), n > 0, n < 100_000_000 else {
                problems.append(LifecycleError(name, "Enter \(what) as a whole number above 0, like 1,235,000"))
                return nil
            }
            return n
        }
        func tenths(_ name: String, _ what: String, upTo maximum: Int?) -> Int? {
            let text = fields(name).trimmed.replacingOccurrences(of: "%", with: "")
            guard !text.isEmpty else { return nil }
            guard let value = Self.tenths(text), maximum.map({ value <= $0 * 10 }) ?? true else {
                let limit = maximum.map { " from 0 to \($0)" } ?? ""
                problems.append(
                    LifecycleError(name, "Enter \(what) as a number\(limit) with at most one decimal place, like 0.9"))
                return nil
            }
            return value
        }
        let residents = whole("residents", "the number of residents")
        let children = whole("children", "the number of children")
        var similar: [SimilarAuthority] = []
        for n in 0..<similarRows {
            let name = fields("name-\(n)").trimmed
            let upheld = tenths("upheld-\(n)", "upheld decisions per 100,000 residents", upTo: nil)
            let compliance = tenths("compliance-\(n)", "the compliance rate", upTo: 100)
            let remedy = tenths("remedy-\(n)", "the satisfactory remedy rate", upTo: 100)
            let anyFigure =
                upheld != nil || compliance != nil || remedy != nil
                || !fields("upheld-\(n)").trimmed.isEmpty || !fields("compliance-\(n)").trimmed.isEmpty
                || !fields("remedy-\(n)").trimmed.isEmpty
            if name.isEmpty {
                if anyFigure { problems.append(LifecycleError("name-\(n)", "Enter the authority's name")) }
                continue
            }
            if name.count > 120 {
                problems.append(LifecycleError("name-\(n)", "The name must be 120 characters or fewer"))
            }
            similar.append(
                SimilarAuthority(
                    name: name, upheldPer100kTenths: upheld, complianceTenths: compliance,
                    satisfactoryRemedyTenths: remedy))
        }
        return (OmbudsmanLetter(year: year, residents: residents, children: children, similar: similar), problems)
    }

    /// "0.9" → 9, "87.5" → 875, "100" → 1000; `nil` for anything else.
    static func tenths(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole < 1_000_000,
            parts[0].allSatisfy(\.isNumber)
        else { return nil }
        if parts.count == 1 { return whole * 10 }
        guard parts[1].count == 1, let decimal = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return nil }
        return whole * 10 + decimal
    }

    /// Tenths as published: 9 → "0.9", 1000 → "100" (no ".0").
    public static func display(tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
