/// A count and its displayed share of a total.
public struct Share: Sendable, Hashable {
    public var label: String
    public var count: Int
    public var percentage: String
}

/// Complaints received in the year by service area (basis: received in period).
public struct ReceivedByServiceArea: Sendable, Hashable {
    public var basis: CountingBasis { .receivedInPeriod }
    /// One row per service area: complaints, compliments, comments.
    public var rows: [(area: ServiceArea, complaints: Int, compliments: Int, comments: Int)]
    public var totalComplaints: Int { rows.reduce(0) { $0 + $1.complaints } }
    public var totalCompliments: Int { rows.reduce(0) { $0 + $1.compliments } }
    public var totalComments: Int { rows.reduce(0) { $0 + $1.comments } }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.rows.map { "\($0.area)\($0.complaints)/\($0.compliments)/\($0.comments)" }
            == rhs.rows.map { "\($0.area)\($0.complaints)/\($0.compliments)/\($0.comments)" }
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(totalComplaints) }
}

/// Stage 1 responses in the year in timescale bands (Hampshire data appendix Table 2):
/// within 10 working days, 11–20, over 20 (CAT-04: bands inclusive at the top), and the
/// average working days from the clock's start to the response. Basis: responses sent in the
/// period. The counting is `ResponseTimes`, the annual report's own.
public struct StageOneTimeliness: Sendable, Hashable {
    public var times: ResponseTimes
    public var rounding: Rounding
    public var procedureName: String { times.procedureName }
    public var basis: CountingBasis { times.basis }
    public var total: Int { times.responses }
    public var workingDaysSum: Int { times.workingDaysSum }
    public var withinTen: Share { share(0) }
    public var elevenToTwenty: Share { share(1) }
    public var overTwenty: Share { share(2) }
    /// Average working days, one decimal place; `nil` with no responses.
    public var average: String? { rounding.average(sum: times.workingDaysSum, count: total) }
    /// How the working days are counted, for the basis line.
    public var counting: String {
        "Working days counted from the clock's start (day 0: \(times.startsFrom)) to the response date."
    }

    func share(_ band: Int) -> Share {
        let labels = [
            "Within \(times.limit) working days", "In \(times.limit + 1) to \(times.maximum) working days",
            "In over \(times.maximum) working days",
        ]
        let n = times.bands[band]
        return Share(label: labels[band], count: n, percentage: rounding.percentage(n, of: total))
    }
}

/// The first report figures, derived only from records: what `redress stats` prints and the
/// statistics page shows.
public struct FirstFigures: Sendable, Hashable {
    public var year: FinancialYear
    public var received: ReceivedByServiceArea
    public var stageOne: [StageOneTimeliness]
    public var rounding: Rounding

    /// Computes the figures for `year` from `representations`.
    ///
    /// Stage 1 bands count, for the children's statutory and corporate procedures, each stage 1
    /// responded to within the year, measuring working days from the stage's clock start (receipt
    /// for children's; acknowledgement for corporate, as the Complaint Handling Code counts):
    /// the same definition, and the same figure ids, as the annual report's timeliness tables.
    public static func compute(
        year: FinancialYear, representations: [Representation], calendar: WorkingDayCalendar,
        procedures: [ProcedureDefinition] = BuiltInProcedures.all, rounding: Rounding = Rounding(),
        conventions: CountingConventions = .standard
    ) -> FirstFigures {
        // The council's conventions, as the reports count: which complaints count, and from when.
        let representations = conventions.counted(representations)
        var rounding = rounding
        rounding.sharesTotal100 = conventions.sharesTotal100
        var counts: [ServiceArea: (Int, Int, Int)] = [:]
        // Pre-complaints, concerns and enquiries are reported separately.
        let period = year.firstDay...year.lastDay
        for area in ServiceArea.allCases {
            let mine = representations.filter { $0.serviceArea == area }
            counts[area] = (
                Counting.received(mine, kind: .complaint, in: period),
                Counting.received(mine, kind: .compliment, in: period),
                Counting.received(mine, kind: .comment, in: period)
            )
        }
        let rows = ServiceArea.allCases.map { area in
            let c = counts[area] ?? (0, 0, 0)
            return (area: area, complaints: c.0, compliments: c.1, comments: c.2)
        }

        // Stage 1 of each procedure whose stage 1 has an extendable working-day clock (the adults'
        // agreed response date has no bands).
        let stageOne: [StageOneTimeliness] = procedures.compactMap { procedure in
            guard let first = procedure.stages.first, first.key == "stage-1",
                first.responseClock?.extendableToWorkingDays != nil,
                let times = ResponseTimes.measure(
                    procedure, stage: first, records: representations, period: year.firstDay...year.lastDay,
                    calendar: calendar, from: conventions.of(procedure.id).timedFrom)
            else { return nil }
            return StageOneTimeliness(times: times, rounding: rounding)
        }
        return FirstFigures(
            year: year, received: ReceivedByServiceArea(rows: rows), stageOne: stageOne, rounding: rounding)
    }

    /// Every figure shown, with the ids the annual report for all services gives the same figures.
    public var figures: [Figure] {
        let received: [Figure] = [
            ("complaint", self.received.totalComplaints), ("compliment", self.received.totalCompliments),
            ("comment", self.received.totalComments),
        ].map {
            .count("received.\($0.0).\(year.startYear)", "\($0.0) received \(year)", $0.1, basis: .receivedInPeriod)
        }
        return received + stageOne.flatMap { $0.times.figures(rounding: rounding) }
    }

    /// Plain-text rendering for the CLI, with basis and rounding stated.
    public func text() -> String {
        var out = "Redress statistics for financial year \(year) (\(year.longDescription))\n\n"
        out += "Representations received by service area\n"
        out += "Basis: \(received.basis.explanation)\n\n"
        out += pad("Service area", 26) + pad("Complaints", 12) + pad("Compliments", 13) + "Comments\n"
        for row in received.rows {
            out +=
                pad(row.area.displayName, 26) + pad("\(row.complaints)", 12) + pad("\(row.compliments)", 13)
                + "\(row.comments)\n"
        }
        out +=
            pad("Total", 26) + pad("\(received.totalComplaints)", 12) + pad("\(received.totalCompliments)", 13)
            + "\(received.totalComments)\n"
        for t in stageOne {
            out += "\nStage 1 response times: \(t.procedureName)\n"
            out += "Basis: \(t.basis.explanation) \(t.counting)\n\n"
            out += pad("Stage 1 responses", 34) + "\(t.total)\n"
            for s in [t.withinTen, t.elevenToTwenty, t.overTwenty] {
                out += pad("  " + s.label, 34) + pad("\(s.count)", 7) + s.percentage + "\n"
            }
            out += pad("  Average working days", 34) + (t.average ?? "–") + "\n"
        }
        out += "\n" + rounding.statement + "\n"
        return out
    }

    private func pad(_ s: String, _ width: Int) -> String { s.paddedColumn(width) }
}

extension String {
    /// Left-aligned in a plain-text column `width` wide, always followed by at least one space.
    func paddedColumn(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
