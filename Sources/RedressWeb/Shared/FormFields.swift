import Foundation
import RedressCore

/// A submitted `application/x-www-form-urlencoded` body. A field sent more than once (a group
/// of checkboxes) keeps every value; `subscript` gives the last.
struct FormFields: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    init(values: [String: String]) { self.values = values.mapValues { [$0] } }

    /// Fields with every value given (the API builds these from a JSON body).
    init(lists: [String: [String]]) { self.values = lists }

    subscript(_ name: String) -> String { values[name]?.last ?? "" }

    /// Every value sent for `name`, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// A step form's date `step-name`, appending any problem to `errors`. `future` allows dates
    /// after today (a new due date).
    func date(
        step: String, _ name: String, label: String, today: CalendarDate, optional: Bool = false, future: Bool = false,
        errors: inout [FieldError]
    ) -> CalendarDate? {
        let limit = future ? CalendarDate(year: 9999, month: 12, day: 31)! : today
        switch date("\(step)-\(name)", label: label, today: limit, optional: optional) {
        case .success(let d): return d
        case .failure(let e):
            errors.append(e)
            return nil
        }
    }

    /// A GOV.UK date input `name-day`, `name-month`, `name-year`; `optional` allows all three empty.
    func date(
        _ name: String, label: String, today: CalendarDate, optional: Bool = false
    ) -> Result<CalendarDate?, FieldError> {
        let (d, m, y) = (self["\(name)-day"], self["\(name)-month"], self["\(name)-year"])
        if optional && [d, m, y].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return .success(nil)
        }
        return NewComplaint.validateDate(day: d, month: m, year: y, name: label, field: name, today: today).map { $0 }
    }
}
