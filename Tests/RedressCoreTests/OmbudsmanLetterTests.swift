import Testing

@testable import RedressCore

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// The Ombudsman's annual letter measures, counted from cases, beside figures entered for
/// similar authorities.
@Suite("Annual report: the Ombudsman's annual letter measures")
struct OmbudsmanLetterTests {
    static func decided(
        _ id: String, _ area: ServiceArea, _ decision: OmbudsmanDecision, on date: String,
        remedyByCouncil: Bool = false, remedies: [OmbudsmanRemedy] = []
    ) -> Representation {
        var r = Representation(
            id: id, reference: id, kind: .complaint, serviceArea: area,
            procedureID: BuiltInProcedures.defaultProcedure(for: area).id, receivedOn: day("2024-05-01"),
            methodOfReceipt: "email", complainant: Complainant(relationship: "self"), serviceCategory: "x",
            summary: "s")
        var referral = OmbudsmanReferral(id: "o-\(id)", reference: "24 000 \(id)", councilNotifiedOn: day("2025-01-06"))
        referral.decision = decision
        referral.decidedOn = day(date)
        referral.satisfactoryRemedyByCouncil = remedyByCouncil
        referral.remedies = remedies
        r.records.ombudsman = [referral]
        return r
    }

    static let cases = [
        decided(
            "1", .adultSocialCare, .upheld, on: "2025-06-02",
            remedies: [
                OmbudsmanRemedy(
                    id: "m1", kind: .apology, description: "Apologise", dueOn: day("2025-07-02"),
                    completedOn: day("2025-07-10")),
                OmbudsmanRemedy(id: "m2", kind: .payment, description: "Pay £300", dueOn: day("2025-08-01")),
                // Due after the year ends: not yet counted for compliance.
                OmbudsmanRemedy(id: "m3", kind: .serviceImprovement, description: "Review", dueOn: day("2026-06-01")),
            ]),
        decided("2", .childrensSocialCare, .upheld, on: "2025-09-15", remedyByCouncil: true),
        decided("3", .corporate, .upheld, on: "2026-01-12"),
        decided("4", .corporate, .notUpheld, on: "2025-11-03"),
        decided("5", .corporate, .upheld, on: "2024-11-03"),  // the year before
    ]

    static func report(_ letters: [OmbudsmanLetter], scope: ReportScope = .all) -> ComplaintsReport {
        AnnualReportBuilder(year: FinancialYear(startYear: 2025), scope: scope, calendar: .englandAndWales)
            .build(from: cases, inputs: ReportInputs(ombudsmanLetters: letters))
    }

    static func figure(_ r: ComplaintsReport, _ id: String) -> String? { r.figures.first { $0.id == id }?.display }

    @Test("Upheld per 100,000 residents, compliance and satisfactory remedy are counted; similar authorities shown")
    func measures() {
        let letter = OmbudsmanLetter(
            year: 2025, residents: 1_240_500,
            similar: [
                .init(
                    name: "Northshire", upheldPer100kTenths: 9, complianceTenths: 1000, satisfactoryRemedyTenths: 250),
                .init(name: "Westvale", upheldPer100kTenths: 12, complianceTenths: 875, satisfactoryRemedyTenths: nil),
            ])
        let r = Self.report([letter])
        #expect(Self.figure(r, "lgsco.all.upheld") == "3")
        // 3 × 100,000 ÷ 1,240,500 = 0.2418…
        #expect(Self.figure(r, "lgsco.all.upheld-per-100k") == "0.2")
        // Due by 31 March 2026: m1 (completed) and m2 (not): 1 of 2.
        #expect(Self.figure(r, "lgsco.all.compliance") == "50%")
        #expect(Self.figure(r, "lgsco.all.satisfactory-remedy") == "33%")
        #expect(Self.figure(r, "lgsco.similar.1.upheld-per-100k") == "0.9")
        #expect(Self.figure(r, "lgsco.similar.2.compliance") == "87.5%")
        #expect(Self.figure(r, "lgsco.similar.2.satisfactory-remedy") == nil, "not entered: a blank cell")
        // (9 + 12) ÷ 2 = 10.5 tenths, halves upwards: 1.1; (1000 + 875) ÷ 2 = 937.5: 93.8%.
        #expect(Self.figure(r, "lgsco.similar.average.upheld-per-100k") == "1.1")
        #expect(Self.figure(r, "lgsco.similar.average.compliance") == "93.8%")
        let table = r.sections.flatMap(\.tables).first { $0.id == "lgsco-letter" }
        #expect(table?.notes.contains { $0.hasPrefix("Residents: 1,240,500, entered for 2025/26.") } == true)
    }

    @Test("Without a population the rate is blank and the note says where to enter it; a scoped report leaves it out")
    func withoutPopulation() {
        let r = Self.report([])
        #expect(Self.figure(r, "lgsco.all.upheld") == "3")
        #expect(Self.figure(r, "lgsco.all.upheld-per-100k") == nil)
        let table = r.sections.flatMap(\.tables).first { $0.id == "lgsco-letter" }
        #expect(table?.notes.contains { $0.hasPrefix("Enter the council's residents for 2025/26") } == true)
        #expect(Self.figure(Self.report([], scope: .adults), "lgsco.all.upheld") == nil)
    }

    @Test("The form is read whole: each problem named by field; tenths as published")
    func validation() {
        let fields = [
            "residents": "1,240,500", "children": "lots", "name-0": "Northshire", "upheld-0": "0.9",
            "compliance-0": "100", "remedy-0": "12.5%", "upheld-1": "1.2", "name-2": "Eastmarch",
            "compliance-2": "101", "remedy-2": "3.25",
        ]
        let (letter, problems) = OmbudsmanLetter.validated(year: 2025) { fields[$0] ?? "" }
        #expect(
            problems.map(\.field) == ["children", "name-1", "compliance-2", "remedy-2"],
            "\(problems.map(\.message))")
        #expect(letter.residents == 1_240_500)
        #expect(letter.similar.first?.satisfactoryRemedyTenths == 125)
        let good = OmbudsmanLetter.validated(year: 2025) { ["name-0": "A", "upheld-0": "0.9"][$0] ?? "" }
        #expect(good.problems.isEmpty && good.letter.similar.count == 1 && good.letter.residents == nil)
        #expect(OmbudsmanLetter.tenths("1.") == nil && OmbudsmanLetter.tenths("-1") == nil)
        #expect(OmbudsmanLetter.display(tenths: 1000) == "100" && OmbudsmanLetter.display(tenths: 9) == "0.9")
    }
}
