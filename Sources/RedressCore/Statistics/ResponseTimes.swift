/// How long one stage's responses took: the one definition the statistics page, the annual and
/// the quarterly reports all use, so the same figure id has the same value wherever it is shown.
///
/// Counted: each stage of the procedure responded to in the period (closed in period), the
/// working days from the day the stage's response clock started (day 0: receipt for a stage that
/// counts from the request; for the corporate Complaint Handling Code, acknowledgement) to the
/// response, in bands at the clock's limit and its extension limit, inclusive at the top (CAT-04).
public struct ResponseTimes: Sendable, Hashable {
    public var procedureID: String
    public var procedureName: String
    public var stageKey: String
    public var stageName: String
    public var clockName: String
    /// What day 0 is, in words: "receipt", or the milestone's label ("acknowledged and logged").
    public var startsFrom: String
    public var limit: Int
    /// The extension limit; equal to `limit` when the clock cannot be extended.
    public var maximum: Int
    /// Within the limit, within the extension limit, over it.
    public var bands: [Int]
    public var workingDaysSum: Int
    public var basis: CountingBasis { .closedInPeriod }

    public var responses: Int { bands.reduce(0, +) }
    public var isExtendable: Bool { maximum > limit }
    /// The figure id prefix: `timeliness.children-statutory.stage-1`.
    public var id: String { "timeliness.\(procedureID).\(stageKey)" }

    /// The band labels shown, in order: the middle band only when the clock can be extended.
    public var labels: [String] {
        ["Within \(limit) working days"] + (isExtendable ? ["In \(limit + 1) to \(maximum) working days"] : [])
            + ["In over \(maximum) working days"]
    }

    /// The band counts in the order of `labels`.
    public var shownBands: [Int] { isExtendable ? bands : [bands[0], bands[2]] }

    /// What is counted, for the note under a table.
    public static func note(calendar: WorkingDayCalendar, clockName: String) -> String {
        """
        Working days from the day the clock started (day 0) to the response, on the \
        \(calendar.division.displayName) bank-holiday calendar. Clock: \(clockName).
        """
    }

    /// The times for `stage` of `procedure` over the responses sent within `period`; `nil` when
    /// the stage's response clock is not counted in working days (the adults' agreed date).
    /// `from` is the council's counting convention: the clock's own start, or the day requested.
    public static func measure(
        _ procedure: ProcedureDefinition, stage: StageDefinition, records: [Representation],
        period: ClosedRange<CalendarDate>, calendar: WorkingDayCalendar,
        from: CountingConventions.Procedure.ClockStart = .clock
    ) -> ResponseTimes? {
        guard let clock = stage.responseClock, case .workingDays(let limit) = clock.limit else { return nil }
        let maximum = clock.extendableToWorkingDays ?? limit
        var bands = [0, 0, 0], sum = 0
        for r in records where r.kind == .complaint && r.procedureID == procedure.id {
            guard let s = r.stages.first(where: { $0.key == stage.key }), let responded = s.respondedOn,
                period.contains(responded)
            else { continue }
            let start = s.reportingStart(of: clock, from: from)
            let taken = calendar.workingDays(from: start, to: responded)
            sum += taken
            bands[taken <= limit ? 0 : (taken <= maximum ? 1 : 2)] += 1
        }
        return ResponseTimes(
            procedureID: procedure.id, procedureName: procedure.name, stageKey: stage.key, stageName: stage.name,
            clockName: clock.name,
            startsFrom: clock.starts == .requested || from == .request
                ? "receipt" : stage.label(of: clock.starts).lowercased(),
            limit: limit, maximum: maximum, bands: bands, workingDaysSum: sum)
    }

    /// Each band's count and share, as `(count, share)` figures in the order of `labels`.
    public func bandFigures(rounding: Rounding) -> [(count: Figure, share: Figure)] {
        let bands = Array(zip(labels, shownBands).enumerated())
        let shares = Figure.shares(
            bands.map { i, pair in ("\(id).band\(i + 1).share", pair.0, pair.1) }, of: responses, basis: basis,
            rounding: rounding)
        return zip(bands, shares).map { band, share in
            (Figure.count("\(id).band\(band.offset + 1)", band.element.0, band.element.1, basis: basis), share)
        }
    }

    public func responsesFigure() -> Figure { .count("\(id).responses", "Responses", responses, basis: basis) }

    public func averageFigure(rounding: Rounding) -> Figure {
        .average(
            "\(id).average", "Average working days to respond", sum: workingDaysSum, count: responses, basis: basis,
            rounding: rounding)
    }

    /// Every figure, for pages that show them all and for the test that holds views to one value.
    public func figures(rounding: Rounding) -> [Figure] {
        bandFigures(rounding: rounding).flatMap { [$0.count, $0.share] } + [
            responsesFigure(), averageFigure(rounding: rounding),
        ]
    }
}

extension Stage {
    /// Day 0 of `clock` for reporting: the clock's own start (receipt, or the milestone it counts
    /// from, such as acknowledgement), or the day the stage was requested where the council's
    /// convention counts from there.
    public func reportingStart(
        of clock: ClockDefinition, from: CountingConventions.Procedure.ClockStart = .clock
    ) -> CalendarDate {
        clock.starts == .requested || from == .request ? openedOn : (date(of: clock.starts) ?? openedOn)
    }
}
