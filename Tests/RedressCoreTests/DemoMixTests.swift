import Foundation
import RedressCore
import Testing

/// A generated council's mixes against the rates it was generated from (`DemoMix`). The seed
/// is fixed, so the figures are the same every run; the tolerance is four standard errors of a
/// share of that many cases, so a rate wired to the wrong branch, or not used, fails.
@Suite("Demo generator: mixes at their configured rates")
struct DemoMixTests {
    static let today = CalendarDate(iso: "2026-11-21")!
    static let mix = DemoMix.referenceReports
    static let demo = DemoCouncil(seed: 11, today: today, completeYears: 2, scale: 2)
    static let cases = demo.representations()
    /// Complete years only, so no step is cut off by today.
    static let firstYear = FinancialYear(containing: today).startYear - 2
    static let settled = cases.filter { FinancialYear(containing: $0.receivedOn).startYear == firstYear }

    static func expectShare(
        _ count: Int, of total: Int, near rate: Double, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(total > 100, "\(what): too few cases to judge (\(total))", sourceLocation: sourceLocation)
        let share = Double(count) / Double(total)
        let tolerance = max(4 * (rate * (1 - rate) / Double(total)).squareRoot(), 0.005)
        #expect(
            abs(share - rate) <= tolerance,
            "\(what): \(count) of \(total) = \(share), configured \(rate) ± \(tolerance)",
            sourceLocation: sourceLocation)
    }

    /// The kind a representation arrived as (a converted pre-complaint is now a complaint).
    static func arrivedAs(_ r: Representation) -> RepresentationKind { r.records.intake.convertedFrom?.from ?? r.kind }

    @Test("volumes: each area's kinds in the configured proportions, and the scale multiplies the yearly volume")
    func volumes() {
        for area in ServiceArea.allCases {
            // Service requests come from their own stream, at their own volume (checked below).
            let inArea = Self.settled.filter { $0.serviceArea == area && Self.arrivedAs($0) != .serviceRequest }
            let configured = Self.mix.volumes[area]!
            let yearly = configured.reduce(0) { $0 + $1.1 }
            // Each kind's yearly count is its volume × scale, give or take 8% (year-to-year variation).
            #expect(
                Double(inArea.count) >= Double(yearly * 2) * 0.92 - 9
                    && Double(inArea.count) <= Double(yearly * 2) * 1.08 + 9,
                "\(area.rawValue): \(inArea.count) in a year at scale 2, configured \(yearly) a year")
            for (kind, weight) in DemoMix.shares(configured.map { ($0.0, Double($0.1)) }) where weight >= 0.05 {
                Self.expectShare(
                    inArea.filter { Self.arrivedAs($0) == kind }.count, of: inArea.count, near: weight,
                    "\(area.rawValue) \(kind.rawValue)")
            }
        }
    }

    @Test("service requests: the corporate yearly volume, a few made complaints; adjustments on some complaints")
    func serviceRequests() {
        let requests = Self.settled.filter { Self.arrivedAs($0) == .serviceRequest }
        #expect(requests.allSatisfy { $0.serviceArea == .corporate })
        let yearly = Double(Self.mix.serviceRequests * 2)
        #expect(Double(requests.count) >= yearly * 0.9 && Double(requests.count) <= yearly * 1.1, "\(requests.count)")
        Self.expectShare(
            requests.count(where: { $0.kind == .complaint }), of: requests.count,
            near: Self.mix.serviceRequestConversion,
            "service requests made complaints")
        let complaints = Self.settled.filter { $0.kind == .complaint }
        Self.expectShare(
            complaints.count(where: { !$0.records.adjustments.isEmpty }), of: complaints.count,
            near: Self.mix.adjustments, "complaints with a reasonable adjustment")
    }

    @Test("stage 1: response-time bands, outcomes, escalation and refusals at their rates")
    func stageOne() {
        let complaints = Self.settled.filter { $0.kind == .complaint }
        let counted = complaints.filter {
            $0.serviceArea != .adultSocialCare && $0.records.intake.earlyResolutionOn == nil
        }
        let responded = counted.compactMap { r -> (Representation, Int)? in
            guard let first = r.stages.first, let on = first.respondedOn else { return nil }
            let start = r.serviceArea == .corporate ? (first.date(of: .acknowledged) ?? r.receivedOn) : r.receivedOn
            return (r, Self.demo.calendar.workingDays(from: start, to: on))
        }
        let bands = DemoMix.shares(Self.mix.stage1Bands)
        Self.expectShare(
            responded.filter { $0.1 <= 10 }.count, of: responded.count, near: bands[0].1,
            "stage 1 within 10 working days")
        Self.expectShare(
            responded.filter { $0.1 > 10 && $0.1 <= 20 }.count, of: responded.count, near: bands[1].1,
            "stage 1 in 11 to 20")
        Self.expectShare(responded.filter { $0.1 > 20 }.count, of: responded.count, near: bands[2].1, "stage 1 over 20")
        Self.expectShare(
            responded.filter { $0.0.stages.count > 1 }.count, of: responded.count, near: Self.mix.escalation,
            "escalated to stage 2")

        let outcomes = complaints.compactMap { $0.stages.first?.respondedOn == nil ? nil : $0.stages.first?.outcome }
        for (code, share) in DemoMix.shares(Self.mix.outcomes) where share >= 0.1 {
            Self.expectShare(
                outcomes.filter { $0 == code }.count, of: outcomes.count, near: share, "stage 1 outcome \(code)")
        }
        Self.expectShare(
            complaints.filter { $0.records.intake.refusal != nil }.count, of: complaints.count, near: Self.mix.refusal,
            "refused")
        let triage = Self.settled.filter { [.preComplaint, .caseConcern].contains(Self.arrivedAs($0)) }
        Self.expectShare(
            triage.filter { $0.kind == .complaint }.count, of: triage.count, near: Self.mix.preComplaintConversion,
            "pre-complaints that became complaints")
    }

    @Test("adults past six months, Ombudsman referrals and decisions at their rates")
    func laterFigures() {
        let adults = Self.settled.filter {
            $0.kind == .complaint && $0.serviceArea == .adultSocialCare && $0.stages.first?.respondedOn != nil
        }
        Self.expectShare(
            adults.filter { $0.stages[0].date(of: .delayNotified) != nil }.count, of: adults.count,
            near: Self.mix.adultsBeyondSixMonths, "adults answered after six months")
        // Every year, so there are enough referrals to judge the decisions; referrals dated
        // after today are not made yet, so the referral rate uses the settled year.
        let closed = Self.settled.filter { r in
            r.kind == .complaint && !r.isOpen && r.records.intake.refusal == nil && r.stages.last?.withdrawnOn == nil
        }
        Self.expectShare(
            closed.filter { !$0.records.ombudsman.isEmpty }.count, of: closed.count, near: Self.mix.ombudsmanReferral,
            "referred to the Ombudsman")
        let decisions = Self.cases.flatMap(\.records.ombudsman).compactMap(\.decision)
        let upheld = DemoMix.shares(Self.mix.ombudsmanDecisions).first { $0.0 == .upheld }!.1
        Self.expectShare(
            decisions.filter { $0 == .upheld }.count, of: decisions.count, near: upheld, "Ombudsman decisions upheld")
    }

    @Test("councils in one database: references carry the council, and a different seed gives different cases")
    func councils() {
        let other = DemoCouncil(seed: 12, today: Self.today, completeYears: 1, scale: 0.2, councilCode: "C02")
            .representations()
        #expect(!other.isEmpty && other.allSatisfy { $0.reference.hasPrefix("C02-") })
        #expect(Set(other.map(\.id)).isDisjoint(with: Self.cases.map(\.id)))
        let years = Set(other.map { FinancialYear(containing: $0.receivedOn).startYear })
        #expect(years == [Self.firstYear + 1, Self.firstYear + 2], "one complete year, then this year to date")
    }
}
