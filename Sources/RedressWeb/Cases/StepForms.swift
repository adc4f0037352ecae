import Foundation
import RedressCore

/// The step forms of a case, one page each (GOV.UK "one thing per page"). The views that know
/// when a step can be taken (`CaseActionsView`, `IntakeView`, `CaseRecordsView`) build each form
/// through `CaseActionsView.form`; while a collector is set, the form is collected instead of
/// drawn inline, so the case page lists the steps as a task list and a step's own page shows
/// just that form, from the same rules.
final class StepFormCollector: @unchecked Sendable {
    /// One available step: its page key (`respond`, `finding-2`), what it is called, and its form.
    struct Form: Sendable {
        var key: String
        var step: String
        var title: String
        var html: HTML
    }

    /// The key of the one form to draw in full (a step's own page), or `nil` to list the steps
    /// by title only (the case page): a form nobody will see is not drawn.
    let drawing: String?
    private let lock = NSLock()
    private var collected: [Form] = []

    init(drawing: String?) { self.drawing = drawing }

    func add(_ form: Form) { lock.withLock { collected.append(form) } }
    var forms: [Form] { lock.withLock { collected } }
}

enum StepForms {
    /// Set while the case page or a step page is drawn.
    @TaskLocal static var collector: StepFormCollector?
    /// Today, for date inputs that start at today's date.
    @TaskLocal static var today: CalendarDate?

    /// The key a form with these hidden values has: `finding-2`, `complete-action-<id>`.
    static func key(_ step: String, hidden: [(String, String)]) -> String {
        ([step] + hidden.filter { $0.0 != "form-key" }.map(\.1)).joined(separator: "-")
    }

    /// Draws `body` collecting the step forms it builds: by title only, but for the one with the
    /// key `drawing`, drawn in full.
    static func collecting<T>(
        today: CalendarDate, drawing: String? = nil, _ body: () throws -> T
    ) rethrows -> (T, [StepFormCollector.Form]) {
        let collector = StepFormCollector(drawing: drawing)
        let result = try $collector.withValue(collector) { try $today.withValue(today) { try body() } }
        return (result, collector.forms)
    }

    /// The start of a disclosure holding step forms; nothing while they are being collected.
    static func disclosure(_ summary: String, open: String) -> HTML {
        collector == nil
            ? HTML(trusted: "<details class=\"app-details\"\(open)><summary>\(HTML.escape(summary))</summary>") : ""
    }

    /// The end of such a disclosure.
    static var disclosureEnd: HTML { collector == nil ? "</details>" : "" }

    /// Date fields that are about the future or optional: never filled in with today.
    static let notToday: Set<String> = ["extend-to", "remedy-due-on", "action-due-on"]
}
