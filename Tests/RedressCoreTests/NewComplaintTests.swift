import Testing
@testable import RedressCore

@Suite("Recording a complaint: validation")
struct NewComplaintTests {
    let today = date("2022-06-10")

    func valid() -> NewComplaintInput {
        var input = NewComplaintInput()
        input.serviceArea = "children"
        input.receivedDay = "1"; input.receivedMonth = "6"; input.receivedYear = "2022"
        input.methodOfReceipt = "email"
        input.relationship = "parent"
        input.childOrYoungPerson = "no"
        input.serviceCategory = "child-in-need"
        input.summary = "Worker did not return calls."
        return input
    }

    func errors(_ input: NewComplaintInput) -> [FieldError] {
        switch NewComplaint.validate(input, reference: .defaults, procedures: BuiltInProcedures.all, today: today) {
        case .success: return []
        case .failure(let e): return e.errors
        }
    }

    @Test("valid input becomes a command on the area's statutory procedure")
    func validInput() throws {
        let result = NewComplaint.validate(valid(), reference: .defaults, procedures: BuiltInProcedures.all, today: today)
        let command = try result.get()
        #expect(command.procedure.id == "children-statutory")
        #expect(command.receivedOn == date("2022-06-01"))
        #expect(command.complainant == Complainant(relationship: "parent", isChildOrYoungPerson: false, advocate: nil))
    }

    @Test("dates: missing, partial, impossible, future, short year", arguments: [
        ("", "", "", "received-day", "Enter the date the complaint was received"),
        ("1", "", "2022", "received-month", "Date the complaint was received must include a month"),
        ("", "", "2022", "received-day", "Date the complaint was received must include a day and month"),
        ("31", "4", "2022", "received-day", "Date the complaint was received must be a real date"),
        ("x", "4", "2022", "received-day", "Date the complaint was received must be a real date"),
        ("11", "6", "2022", "received-day", "Date the complaint was received must be today or in the past"),
        ("1", "6", "22", "received-year", "Year must include 4 numbers"),
    ])
    func dates(day: String, month: String, year: String, field: String, message: String) {
        var input = valid()
        input.receivedDay = day; input.receivedMonth = month; input.receivedYear = year
        #expect(errors(input) == [FieldError(field: field, message: message)])
    }

    @Test("unknown codes are refused, and the service must belong to the chosen area")
    func unknownCodes() {
        var input = valid()
        input.serviceArea = "housing"
        input.methodOfReceipt = "pigeon"
        input.serviceCategory = "support-planning"  // an adults' service
        // With no valid area, any listed service is accepted; the area error is the one to fix.
        #expect(errors(input).map(\.field) == ["service-area", "method"])
        input.serviceArea = "children"
        #expect(errors(input).map(\.message) == ["Select how the complaint was received from the list", "Select a service from the children's social care list"])
    }

    @Test("an empty form lists every required field in form order")
    func emptyForm() {
        #expect(errors(NewComplaintInput()).map(\.field) == [
            "service-area", "received-day", "method", "relationship", "child-or-young-person", "service-category", "summary",
        ])
    }

    @Test("code lists: codes are stable slugs and every list is seeded")
    func referenceData() {
        #expect(Category.code(for: "Direct payments / personal budgets") == "direct-payments-personal-budgets")
        #expect(Category.code(for: "Reablement & rehabilitation") == "reablement-and-rehabilitation")
        for list in CategoryList.allCases { #expect(!ReferenceData.defaults.active(list).isEmpty, "\(list)") }
        let all = ReferenceData.defaults.categories
        #expect(Set(all.map { "\($0.list.rawValue)/\($0.group ?? "")/\($0.code)" }).count == all.count)
    }
}

@Suite("Demo council")
struct DemoCouncilTests {
    @Test("is deterministic and has the reference reports' mixes")
    func demo() {
        let today = date("2026-11-21")
        let a = DemoCouncil(today: today).representations()
        let b = DemoCouncil(today: today).representations()
        #expect(a == b)
        let year = FinancialYear(startYear: 2024)
        let figures = FirstFigures.compute(year: year, representations: a, calendar: .englandAndWales)
        let adults = figures.received.rows.first { $0.area == .adultSocialCare }!
        #expect((420...500).contains(adults.complaints))
        #expect((580...700).contains(adults.compliments))
        let children = figures.stageOne[0]
        let within = Double(children.withinTen.count) / Double(children.total)
        #expect((0.40...0.58).contains(within))
        #expect(a.contains { $0.isOpen && $0.receivedOn > date("2026-10-01") })
        #expect(a.allSatisfy { $0.receivedOn <= today && !$0.reference.isEmpty })
        #expect(Set(a.map(\.reference)).count == a.count)
    }
}
