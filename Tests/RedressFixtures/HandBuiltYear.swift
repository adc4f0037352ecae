import RedressCore

/// A small hand-built set of records for financial year 2021/22 whose figures were worked out
/// by hand (see the comments), used by the pure statistics tests and the `redress stats` test.
///
/// Expected for 2021/22: complaints received — children's 7, adults' 2, corporate 1 (total 10);
/// compliments 1 (adults'); comments 1 (corporate). Children's stage 1: 6 responses, 3 within 10
/// working days (50%), 2 in 11–20 (33%), 1 over 20 (17%), average 99 ÷ 6 = 16.5. Corporate
/// stage 1: 1 response within 10 (100%), average 5.0.
public enum HandBuiltYear {
    public static let year = FinancialYear(startYear: 2021)

    public static func representations() -> [Representation] {
        var sequence = 0
        func make(
            _ kind: RepresentationKind, _ area: ServiceArea, received: String, responded: String? = nil,
            withStage: Bool = true
        ) -> Representation {
            sequence += 1
            let receivedOn = CalendarDate(iso: received)!
            let procedure = kind == .complaint ? BuiltInProcedures.defaultProcedure(for: area) : nil
            var stages: [Stage] = []
            if let procedure, withStage,
                var stage = ClockEngine(calendar: .englandAndWales).openingStage(for: procedure, receivedOn: receivedOn)
            {
                stage.respondedOn = responded.flatMap { CalendarDate(iso: $0) }
                stage.outcome = responded == nil ? nil : "not-upheld"
                stages = [stage]
            }
            let year = FinancialYear(containing: receivedOn).startYear
            return Representation(
                id: "00000000-0000-4000-a000-\(String.paddedSequence(sequence).leftPadded(12))",
                reference: "\(area.referencePrefix)-\(year)-\(String.paddedSequence(sequence))",
                kind: kind, serviceArea: area, procedureID: procedure?.id, receivedOn: receivedOn,
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                serviceCategory: "other", summary: "Fixture \(sequence)", stages: stages)
        }
        return [
            make(.complaint, .childrensSocialCare, received: "2021-06-01", responded: "2021-06-15"),  // 10 wd → within 10
            make(.complaint, .childrensSocialCare, received: "2021-12-20", responded: "2022-01-06"),  // 10 wd over Christmas substitutes
            make(.complaint, .childrensSocialCare, received: "2022-03-01", responded: "2022-03-22"),  // 15 wd → 11–20
            make(.complaint, .childrensSocialCare, received: "2021-03-20", responded: "2021-04-20"),  // received last year (Sat); 20 wd over Easter
            make(.complaint, .childrensSocialCare, received: "2022-03-10", responded: "2022-04-25"),  // responded next year: not banded
            make(.complaint, .childrensSocialCare, received: "2021-09-01", responded: "2021-10-20"),  // 35 wd → over 20
            make(.complaint, .childrensSocialCare, received: "2021-05-05"),  // open
            make(.complaint, .childrensSocialCare, received: "2021-11-01", responded: "2021-11-12"),  // 9 wd → within 10
            make(.complaint, .adultSocialCare, received: "2021-04-01", responded: "2021-05-01"),
            make(.complaint, .adultSocialCare, received: "2022-03-31"),
            make(.complaint, .adultSocialCare, received: "2022-04-01"),  // next year
            make(.compliment, .adultSocialCare, received: "2021-08-08"),
            make(.complaint, .corporate, received: "2021-07-01", responded: "2021-07-08"),  // 5 wd
            make(.comment, .corporate, received: "2021-10-10"),
            make(.comment, .corporate, received: "2021-03-31"),  // last year
        ]
    }
}

extension HandBuiltYear {
    /// The same records made the way Redress makes them: each complaint opened and then answered
    /// through the `Lifecycle`, with the history that explains it (the first is acknowledged the
    /// next day too). What an export of real data looks like, so it imports.
    public static func withHistories(
        today: CalendarDate
    ) -> (representations: [Representation], histories: [String: [CaseHistoryEntry]]) {
        var made: [Representation] = [], histories: [String: [CaseHistoryEntry]] = [:]
        for (index, stated) in representations().enumerated() {
            guard stated.kind == .complaint, let procedureID = stated.procedureID,
                let procedure = BuiltInProcedures.all.first(where: { $0.id == procedureID }),
                let first = stated.stages.first
            else {
                made.append(stated)
                continue
            }
            var r = stated
            r.stages = [ClockEngine(calendar: .englandAndWales).openingStage(for: procedure, receivedOn: r.receivedOn)!]
            var steps: [CaseCommand] = []
            if index == 0 { steps.append(.record(.acknowledged, on: r.receivedOn.adding(days: 1))) }
            if let responded = first.respondedOn {
                steps.append(.respond(on: responded, outcome: first.outcome ?? "not-upheld"))
            }
            let lifecycle = Lifecycle(procedure: procedure, calendar: .englandAndWales, today: today)
            var history: [CaseHistoryEntry] = []
            for step in steps {
                r = try! lifecycle.apply(step, to: r)
                history.append(
                    CaseHistoryEntry(
                        command: step, summary: step.summary(procedure: procedure, stage: r.stages.last?.key)))
            }
            if !history.isEmpty { histories[r.id] = history }
            made.append(r)
        }
        return (made, histories)
    }
}
