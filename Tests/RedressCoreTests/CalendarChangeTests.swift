import Testing

@testable import RedressCore

/// A holiday proclaimed after a clock started moves the running deadline; nothing else does.
@Suite("Deadlines follow the calendar")
struct CalendarChangeTests {
    static let funeral = date("2022-09-19")
    /// England and Wales as the calendar stood before the State Funeral was proclaimed.
    static let beforeFuneral = WorkingDayCalendar(
        feed: BankHolidayFeed(
            events: BankHolidayFeed.shipped.events.mapValues { $0.filter { $0.date != funeral } }))
    let change = CalendarChange(before: Self.beforeFuneral, after: .englandAndWales)
    let children = BuiltInProcedures.childrenStatutory

    func complaint(receivedOn: String, calendar: WorkingDayCalendar = Self.beforeFuneral) -> Representation {
        let stage = ClockEngine(calendar: calendar).openingStage(for: children, receivedOn: date(receivedOn))!
        return Representation(
            id: "r-\(receivedOn)", reference: "CSC-2022-00001", kind: .complaint, serviceArea: .childrensSocialCare,
            procedureID: children.id, receivedOn: date(receivedOn), methodOfReceipt: "email",
            complainant: Complainant(relationship: "parent"), serviceCategory: "fostering", summary: "",
            stages: [stage])
    }

    @Test("A stage 1 opened on 12 September 2022 is due on 26 September, then on 27 once the funeral is a holiday")
    func funeralMovesTheDeadline() throws {
        let r = complaint(receivedOn: "2022-09-12")
        #expect(r.stages[0].dueOn == date("2022-09-26"))
        let step = try #require(change.step(for: r, procedure: children))
        guard case .followCalendar(let stage, let from, let to, let why) = step else {
            Issue.record("expected a calendar step, got \(step)")
            return
        }
        #expect(stage == "stage-1" && from == date("2022-09-26") && to == date("2022-09-27"))
        #expect(
            why == """
                the bank-holiday calendar now has 19 September 2022 as a bank holiday \
                (Bank Holiday for the State Funeral of Queen Elizabeth II)
                """)
        let lifecycle = Lifecycle(procedure: children, calendar: .englandAndWales, today: date("2022-09-16"))
        let moved = try lifecycle.apply(step, to: r)
        #expect(moved.stages[0].dueOn == date("2022-09-27"))
        let deadline = ClockEngine(calendar: .englandAndWales).deadlines(for: moved, procedure: children).first
        #expect(deadline?.dueOn == date("2022-09-27"))
        #expect(
            step.summary(procedure: children, stage: "stage-1")
                == """
                    Stage 1: local resolution: Response due date moved from 26 September 2022 to 27 September 2022: \
                    \(why)
                    """)
        // Applying the same step again (a replay out of order) is refused: the deadline is no longer 26.
        #expect(throws: LifecycleError.self) { try lifecycle.apply(step, to: moved) }
    }

    @Test("A running period that does not contain the changed day, a stopped clock and an agreed date stay")
    func otherDeadlinesStay() throws {
        #expect(change.changedDays(in: date("2022-01-01")...date("2022-12-31")) == [Self.funeral])
        #expect(change.step(for: complaint(receivedOn: "2022-09-20"), procedure: children) == nil)
        #expect(change.step(for: complaint(receivedOn: "2022-08-22"), procedure: children) == nil)
        var answered = complaint(receivedOn: "2022-09-12")
        answered.stages[0].milestones[.responded] = date("2022-09-15")
        #expect(change.step(for: answered, procedure: children) == nil)
        let lifecycle = Lifecycle(procedure: children, calendar: Self.beforeFuneral, today: date("2022-09-14"))
        let extended = try lifecycle.apply(
            .extend(
                clock: "stage-1-response", agreedOn: date("2022-09-14"), to: date("2022-10-07"),
                reason: "Records held by another team", complainantInformedOn: date("2022-09-14")),
            to: complaint(receivedOn: "2022-09-12"))
        #expect(change.step(for: extended, procedure: children) == nil)
    }

    @Test("Taking a holiday away moves the deadline back, and says so")
    func removedHoliday() throws {
        let reverse = CalendarChange(before: .englandAndWales, after: Self.beforeFuneral)
        let r = complaint(receivedOn: "2022-09-12", calendar: .englandAndWales)
        #expect(r.stages[0].dueOn == date("2022-09-27"))
        let step = try #require(reverse.step(for: r, procedure: children))
        guard case .followCalendar(_, _, let to, let why) = step else { return }
        #expect(to == date("2022-09-26"))
        #expect(
            why.hasSuffix(
                "19 September 2022 as a working day, no longer "
                    + "Bank Holiday for the State Funeral of Queen Elizabeth II"))
    }
}
