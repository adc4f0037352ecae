import Foundation
import Hummingbird
import RedressCore

/// An API request's query parameters, each checked strictly: a value that is not what the
/// contract says is refused with 400 naming the parameter, never silently ignored.
struct APIQuery {
    let items: [URLQueryItem]

    /// Financial years the report operations accept (a year without records gives zeros).
    static let reportYears = 2000...2100

    init(_ request: Request) {
        items = URLComponents(string: request.uri.description)?.queryItems ?? []
    }

    private func value(_ name: String) -> String? { items.last { $0.name == name }?.value }

    func text(_ name: String, maxLength: Int) throws -> String? {
        guard let v = value(name) else { return nil }
        guard !v.isEmpty, v.unicodeScalars.count <= maxLength else {
            throw APIProblem.badRequest(name, "\(name) must be 1 to \(maxLength) characters")
        }
        return v
    }

    func text(_ name: String, allowed: [String]) throws -> String? {
        guard let v = value(name) else { return nil }
        guard allowed.contains(v) else {
            throw APIProblem.badRequest(name, "\(name) must be one of: \(allowed.joined(separator: ", "))")
        }
        return v
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        try text(name, allowed: T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let v = value(name) else { return nil }
        guard let d = CalendarDate(iso: v) else {
            throw APIProblem.badRequest(name, "\(name) must be a date written YYYY-MM-DD, like 2025-04-01")
        }
        return d
    }

    func integer(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(name) else { return nil }
        guard v.wholeMatch(of: /-?[0-9]{1,12}/) != nil, let n = Int(v), range.contains(n) else {
            throw APIProblem.badRequest(
                name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
