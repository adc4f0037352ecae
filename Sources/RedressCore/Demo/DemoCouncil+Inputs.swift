/// The demo council's report inputs: context measures for each year, equality monitoring
/// returned on about 40% of complaints, and recommendations with progress. Drawn from their own
/// random stream, so the cases are the same with or without them.
extension DemoCouncil {
    public func reportInputs(for representations: [Representation]) -> ReportInputs {
        var rng = SeededGenerator(seed: seed ^ 0x696E_7075)
        var measures: [ContextMeasure] = []
        for year in years {
            let y = year.startYear
            measures.append(
                ContextMeasure(
                    year: y, serviceArea: .childrensSocialCare, measure: "Referrals to children's social care",
                    value: Int.random(in: 4_800...5_600, using: &rng)))
            measures.append(
                ContextMeasure(
                    year: y, serviceArea: .childrensSocialCare, measure: "Children in care at 31 March",
                    value: Int.random(in: 560...640, using: &rng)))
            measures.append(
                ContextMeasure(
                    year: y, serviceArea: .adultSocialCare, measure: "People receiving long-term support",
                    value: Int.random(in: 8_500...9_400, using: &rng)))
        }
        var equality: [String: EqualityMonitoring] = [:]
        for r in representations where r.kind == .complaint && Double.random(in: 0..<1, using: &rng) < 0.4 {
            let adult = r.serviceArea == .adultSocialCare
            equality[r.id] = EqualityMonitoring(
                disability: pick([("yes", adult ? 5.0 : 2), ("no", 5), ("not-stated", 2)], &rng),
                gender: pick(
                    [
                        ("female", 6.0), ("male", 3.5), ("in-another-way", 0.1), ("joint-complainants", 0.4),
                        ("not-stated", 1),
                    ], &rng),
                ageBand: pick(
                    adult
                        ? [("25-to-59", 4.0), ("60-to-64", 1.5), ("65-and-over", 4), ("not-stated", 1)]
                        : [("under-16", 1.0), ("16-to-19", 0.8), ("20-to-24", 1), ("25-to-59", 7), ("not-stated", 1)],
                    &rng),
                ethnicity: pick(
                    [
                        ("white-english-welsh-scottish-northern-irish-or-british", 80.0),
                        ("white-any-other-white-background", 5), ("asian-or-asian-british-indian", 3),
                        ("asian-or-asian-british-pakistani", 2),
                        ("black-black-british-caribbean-or-african-african", 2),
                        ("mixed-or-multiple-white-and-black-caribbean", 1),
                        ("white-gypsy-or-irish-traveller", 0.3), ("other-ethnic-group-arab", 0.3), ("not-stated", 6),
                    ], &rng))
        }
        let plans: [(String, String, ServiceArea?)] = [
            (
                "Stage 2 recovery plan",
                """
                    Reduce the number of stage 2 investigations waiting for an Investigating Officer and Independent \
                    Person.
                    """,
                .childrensSocialCare
            ),
            (
                "Learning from complaints",
                """
                    Share themes from upheld complaints with service managers every quarter and record the actions \
                    agreed.
                    """,
                nil
            ),
            (
                "Timely responses",
                "Agree a response date with every adults' complainant within three working days of receipt.",
                .adultSocialCare
            ),
        ]
        var recommendations: [ReportRecommendation] = []
        for (index, year) in years.dropLast().enumerated() {
            let closedYears = years.count - 2 - index  // years since this one's report, 0 for the latest complete year
            for (i, plan) in plans.enumerated() {
                let status: ReportRecommendation.Status =
                    closedYears == 0
                    ? .notStarted
                    : pick([(.completed, 4.0), (.partlyCompleted, 2), (.ongoing, 2), (.superseded, 1)], &rng)
                recommendations.append(
                    ReportRecommendation(
                        id: "demo-rec-\(year.startYear)-\(i + 1)", year: year.startYear, serviceArea: plan.2,
                        title: plan.0, detail: plan.1,
                        dueOn: FinancialYear(startYear: year.startYear + 1).lastDay, status: status,
                        progress: status == .notStarted ? "" : "Progress reviewed by the complaints manager (demo)."))
            }
        }
        // Population and similar authorities' published Ombudsman figures (invented for the demo).
        let similar = ["Northshire County Council", "Westvale County Council", "Eastmarch County Council"]
        let letters = years.map { year in
            OmbudsmanLetter(
                year: year.startYear, residents: 1_180_000 + 6_500 * (year.startYear - 2020),
                children: 252_000 + 800 * (year.startYear - 2020),
                similar: similar.map { name in
                    .init(
                        name: name, upheldPer100kTenths: Int.random(in: 5...14, using: &rng),
                        complianceTenths: [1000, 1000, 1000, 950, 900][Int.random(in: 0...4, using: &rng)],
                        satisfactoryRemedyTenths: Int.random(in: 0...45, using: &rng) * 10)
                })
        }
        return ReportInputs(
            contextMeasures: measures, recommendations: recommendations, equality: equality,
            ombudsmanLetters: letters)
    }
}

extension DemoCouncil {
    /// The made-up council's crest and name, so a demonstration report's cover shows where a
    /// council's own logo goes.
    public static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" width="360" height="96" viewBox="0 0 360 96">\
        <path d="M8 6h64v40c0 24-16 38-32 46C24 84 8 70 8 46z" fill="#1d70b8"/>\
        <path d="M40 20l14 44H46l-3-10H37l-3 10h-8z M39 47h2l-1-5z" fill="#fff"/>\
        <text x="88" y="46" font-family="Arial, Helvetica, sans-serif" font-size="30" font-weight="700" \
        fill="#0b0c0c">Anyshire</text>\
        <text x="88" y="78" font-family="Arial, Helvetica, sans-serif" font-size="22" fill="#505a5f">County \
        Council</text></svg>
        """
}
