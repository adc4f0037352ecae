import RedressFixtures
import Testing
@testable import RedressCore

@Suite("Derived statistics")
struct StatisticsTests {
    let rounding = Rounding()

    @Test(
        "percentages round half up, show <1% for small non-zero shares and – for an empty total",
        arguments: [
            (1, 668, "<1%"), (0, 5, "0%"), (1, 2, "50%"), (1, 8, "13%"), (126, 320, "39%"),
            (145, 298, "49%"), (137, 298, "46%"), (16, 298, "5%"), (5, 5, "100%"), (0, 0, "–"), (1, 200, "1%"),
            (1, 201, "<1%"),
        ])
    func percentages(part: Int, whole: Int, expected: String) {
        #expect(rounding.percentage(part, of: whole) == expected)
    }

    @Test(
        "one decimal place when configured: the seeds' 27.6% and 40.7%, <0.1% for tiny shares, changes like +10.2%",
        arguments: [
            (449, 1_628, "27.6%"), (146, 359, "40.7%"), (1, 668, "0.1%"), (1, 2_000, "0.1%"), (1, 2_001, "<0.1%"),
            (0, 9, "0.0%"), (3, 3, "100.0%"),
        ])
    func oneDecimal(part: Int, whole: Int, expected: String) {
        let tenths = Rounding(percentDecimals: 1)
        #expect(tenths.percentage(part, of: whole) == expected)
        #expect(tenths.change(from: 4_934, to: 5_435) == "+10.2%")
        #expect(tenths.statement.contains("one decimal place") && tenths.statement.contains("<0.1%"))
    }

    @Test(
        "averages to one decimal place, half up",
        arguments: [
            (96, 10, "9.6"), (1, 3, "0.3"), (5, 30, "0.2"), (1, 4, "0.3"), (99, 6, "16.5"), (0, 3, "0.0"),
            (20, 2, "10.0"),
        ])
    func averages(sum: Int, count: Int, expected: String) {
        #expect(rounding.average(sum: sum, count: count) == expected)
        #expect(rounding.average(sum: 1, count: 0) == nil)
    }

    @Test(
        "numbers of a thousand and more are written with commas, as GOV.UK style writes them",
        arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (1_334, "1,334"), (28_462, "28,462"),
            (1_136_329, "1,136,329"), (-12_000, "\u{2212}12,000"), (-999, "\u{2212}999"),
            (Int.min, "\u{2212}9,223,372,036,854,775,808"),
        ])
    func grouped(n: Int, expected: String) {
        #expect(n.grouped == expected)
    }

    @Test("a report's counts, averages, rates and changes group their thousands")
    func figuresGroupThousands() {
        let count = Figure.count("received", "Complaints received", 1_334, basis: .receivedInPeriod)
        #expect(count.display == "1,334" && count.numerator == 1_334 && count.value == 1_334)
        #expect(Money.display(pence: 123_450_00) == "£123,450")
        #expect(rounding.change(from: 10, to: 130) == "+1,200%")
        #expect(Rounding(percentDecimals: 1).change(from: 10, to: 130) == "+1,200.0%")
        #expect(rounding.average(sum: 12_345, count: 10) == "1,234.5")
        let rate = Figure.per100000(
            "rate", "Upheld per 100,000", 5, of: 400, basis: .decidedInPeriod, rounding: rounding)
        #expect(rate.display == "1,250.0")
        #expect(rounding.percentages([600, 400], of: 1_000) == ["60%", "40%"])
    }

    @Test("financial years run 1 April to 31 March and are labelled 2021/22")
    func financialYears() {
        let year = FinancialYear(startYear: 2021)
        #expect(year.firstDay == date("2021-04-01"))
        #expect(year.lastDay == date("2022-03-31"))
        #expect(year.description == "2021/22")
        #expect(FinancialYear(containing: date("2022-03-31")) == year)
        #expect(FinancialYear(containing: date("2022-04-01")).startYear == 2022)
        #expect(FinancialYear(startYear: 2021, startMonth: 1).lastDay == date("2021-12-31"))
    }

    @Test("first figures from the hand-built fixture match the hand-computed counts, percentages and average")
    func firstFigures() {
        let f = FirstFigures.compute(
            year: HandBuiltYear.year, representations: HandBuiltYear.representations(), calendar: .englandAndWales)
        let rows = Dictionary(uniqueKeysWithValues: f.received.rows.map { ($0.area, $0) })
        #expect(rows[.childrensSocialCare]?.complaints == 7)
        #expect(rows[.adultSocialCare]?.complaints == 2)
        #expect(rows[.adultSocialCare]?.compliments == 1)
        #expect(rows[.corporate]?.complaints == 1)
        #expect(rows[.corporate]?.comments == 1)
        #expect(f.received.totalComplaints == 10)

        let children = f.stageOne.first { $0.procedureName == BuiltInProcedures.childrenStatutory.name }!
        #expect(children.total == 6)
        #expect([children.withinTen.count, children.elevenToTwenty.count, children.overTwenty.count] == [3, 2, 1])
        #expect(
            [children.withinTen.percentage, children.elevenToTwenty.percentage, children.overTwenty.percentage] == [
                "50%", "33%", "17%",
            ])
        #expect(children.workingDaysSum == 10 + 10 + 15 + 20 + 35 + 9)
        #expect(children.average == "16.5")

        let corporate = f.stageOne.first { $0.procedureName == BuiltInProcedures.corporate.name }!
        #expect(corporate.total == 1)
        #expect(corporate.withinTen.percentage == "100%")
        #expect(corporate.average == "5.0")
        #expect(f.stageOne.count == 2)  // the adults' procedure has no stage 1 bands

        let text = f.text()
        #expect(text.contains("financial year 2021/22 (1 April 2021 to 31 March 2022)"))
        #expect(text.contains("Counted on the date received"))
        #expect(text.contains("Counted on the date responded"))
        #expect(text.contains("halves upwards"))
    }
}
