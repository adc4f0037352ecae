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
/// average working days from receipt to response. Basis: responses sent in the period.
public struct StageOneTimeliness: Sendable, Hashable {
    public var procedureName: String
    public var basis: CountingBasis { .closedInPeriod }
    public var total: Int
    public var withinTen: Share
    public var elevenToTwenty: Share
    public var overTwenty: Share
    public var workingDaysSum: Int
    /// Average working days, one decimal place; `nil` with no responses.
    public var average: String?
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
    /// for children's; for corporate, the Code counts from acknowledgement, but the report
    /// measures receipt to response, as Hampshire's Table 2 does).
    public static func compute(
        year: FinancialYear, representations: [Representation], calendar: WorkingDayCalendar,
        procedures: [ProcedureDefinition] = BuiltInProcedures.all, rounding: Rounding = Rounding()
    ) -> FirstFigures {
        var counts: [ServiceArea: (Int, Int, Int)] = [:]
        for r in representations where year.contains(r.receivedOn) {
            var c = counts[r.serviceArea] ?? (0, 0, 0)
            switch r.kind {
            case .complaint: c.0 += 1
            case .compliment: c.1 += 1
            case .comment: c.2 += 1
            default: continue  // pre-complaints, concerns and enquiries are reported separately
            }
            counts[r.serviceArea] = c
        }
        let rows = ServiceArea.allCases.map { area in
            let c = counts[area] ?? (0, 0, 0)
            return (area: area, complaints: c.0, compliments: c.1, comments: c.2)
        }

        var stageOne: [StageOneTimeliness] = []
        for procedure in procedures {
            guard let first = procedure.stages.first, first.key == "stage-1",
                let clock = first.responseClock, case .workingDays(let limit) = clock.limit,
                let maximum = clock.extendableToWorkingDays
            else { continue }
            var bands = [0, 0, 0]
            var sum = 0
            for r in representations where r.kind == .complaint && r.procedureID == procedure.id {
                guard let stage = r.stages.first(where: { $0.key == "stage-1" }),
                    let responded = stage.respondedOn, year.contains(responded)
                else { continue }
                let taken = calendar.workingDays(from: r.receivedOn, to: responded)
                sum += taken
                bands[taken <= limit ? 0 : (taken <= maximum ? 1 : 2)] += 1
            }
            let total = bands.reduce(0, +)
            func share(_ label: String, _ n: Int) -> Share {
                Share(label: label, count: n, percentage: rounding.percentage(n, of: total))
            }
            stageOne.append(
                StageOneTimeliness(
                    procedureName: procedure.name, total: total,
                    withinTen: share("Within \(limit) working days", bands[0]),
                    elevenToTwenty: share("In \(limit + 1) to \(maximum) working days", bands[1]),
                    overTwenty: share("In over \(maximum) working days", bands[2]),
                    workingDaysSum: sum, average: rounding.average(sum: sum, count: total)))
        }
        return FirstFigures(
            year: year, received: ReceivedByServiceArea(rows: rows), stageOne: stageOne, rounding: rounding)
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
            out += "Basis: \(t.basis.explanation) Working days counted from receipt (day 0) to the response date.\n\n"
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
