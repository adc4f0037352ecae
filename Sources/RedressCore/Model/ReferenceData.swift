/// The council-editable code lists every representation is recorded against.
///
/// Councils' lists differ and change between years (`statutory-rules.md` CAT-00), so they live
/// in the database, seeded from these defaults on first run; a retired code stays for old
/// records but is no longer offered.
public enum CategoryList: String, Sendable, Codable, CaseIterable, Hashable {
    case method
    case relationship
    case service
    case nature
    case outcome
    case refusalReason = "refusal-reason"
    case outcomeSought = "outcome-sought"
    case actualOutcome = "actual-outcome"
    case learningTheme = "learning-theme"
    // Equality monitoring (Hampshire Tables 17–20), optional and kept apart from the case.
    case disability
    case gender
    case ageBand = "age-band"
    case ethnicity

    /// One entry, in words: "nature of complaint".
    public var singularName: String {
        switch self {
        case .method: "method of receipt"
        case .relationship: "relationship"
        case .service: "service"
        case .nature: "nature of complaint"
        case .outcome: "outcome"
        case .refusalReason: "refusal reason"
        case .outcomeSought: "outcome sought"
        case .actualOutcome: "actual outcome"
        case .learningTheme: "learning theme"
        case .disability: "disability"
        case .gender: "gender"
        case .ageBand: "age band"
        case .ethnicity: "ethnic group"
        }
    }

    public var displayName: String {
        switch self {
        case .method: "Methods of receipt"
        case .relationship: "Relationship of complainant"
        case .service: "Service categories"
        case .nature: "Nature of complaint"
        case .outcome: "Outcomes (findings)"
        case .refusalReason: "Refusal reasons"
        case .outcomeSought: "Outcomes sought"
        case .actualOutcome: "Actual outcomes"
        case .learningTheme: "Learning themes"
        case .disability: "Equality monitoring: disability"
        case .gender: "Equality monitoring: gender"
        case .ageBand: "Equality monitoring: age band"
        case .ethnicity: "Equality monitoring: ethnic group"
        }
    }
}

/// One entry of a code list.
public struct Category: Sendable, Codable, Hashable {
    public var list: CategoryList
    /// Stable code stored on records (lower-case words joined by hyphens).
    public var code: String
    public var label: String
    /// Grouping: the service area for services, the group heading for relationships.
    public var group: String?
    public var isActive: Bool

    public init(list: CategoryList, code: String, label: String, group: String? = nil, isActive: Bool = true) {
        self.list = list
        self.code = code
        self.label = label
        self.group = group
        self.isActive = isActive
    }

    /// A stable code from a label: "Direct Payments / Personal Budgets" → "direct-payments-personal-budgets".
    public static func code(for label: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in label.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else if scalar == "&" {
                if !out.isEmpty { out += "-and" }
                pendingHyphen = true
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}

/// A loaded set of code lists, for validation and display.
public struct ReferenceData: Sendable {
    public private(set) var categories: [Category]
    private var byKey: [String: Category]
    /// Each list's active entries in stored order: pages ask for them many times over.
    private var activeByList: [CategoryList: [Category]]

    public init(_ categories: [Category]) {
        self.categories = categories
        var byKey: [String: Category] = [:]
        for c in categories {
            byKey["\(c.list.rawValue)/\(c.group ?? "")/\(c.code)"] = c
            if byKey["\(c.list.rawValue)//\(c.code)"] == nil { byKey["\(c.list.rawValue)//\(c.code)"] = c }
        }
        self.byKey = byKey
        self.activeByList = Dictionary(grouping: categories.filter(\.isActive), by: \.list)
    }

    /// Active entries of a list, optionally within one group, in their stored order.
    public func active(_ list: CategoryList, group: String? = nil) -> [Category] {
        let active = activeByList[list] ?? []
        guard let group else { return active }
        return active.filter { $0.group == group }
    }

    /// The entry for a code, active or retired; within `group` when given (service codes such
    /// as "assessment" exist in more than one service area).
    public func category(_ list: CategoryList, _ code: String, group: String? = nil) -> Category? {
        if let group, let exact = byKey["\(list.rawValue)/\(group)/\(code)"] { return exact }
        return byKey["\(list.rawValue)//\(code)"]
    }

    /// The label for a code, or the code itself when it is not in the list.
    public func label(_ list: CategoryList, _ code: String, group: String? = nil) -> String {
        category(list, code, group: group)?.label ?? code
    }

    /// The defaults seeded from the reference reports (`statutory-rules.md` §5).
    public static let defaults = ReferenceData(DefaultCategories.all)

    /// The lists of the first schema version (the equality lists came with schema version 3).
    public static let firstLists = ReferenceData(DefaultCategories.casework)

    /// The equality-monitoring lists, seeded by schema version 3.
    public static let equalityLists = ReferenceData(DefaultCategories.equality)
}
