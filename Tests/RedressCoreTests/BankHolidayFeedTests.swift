import Foundation
import Testing
@testable import RedressCore

@Suite("GOV.UK bank-holiday feed")
struct BankHolidayFeedTests {
    /// The reference copy beside the repository (present in CI's clean clone and here).
    static let referenceFeedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/reference/data/govuk-bank-holidays.json").standardized

    @Test("the shipped feed covers 2012–2028 for all three divisions and equals the GOV.UK reference file")
    func shippedFeed() throws {
        let shipped = BankHolidayFeed.shipped
        for division in Division.allCases {
            #expect(shipped.years(of: division) == 2012...2028)
        }
        #expect(shipped.events[.englandAndWales]?.count == 140)
        let reference = try BankHolidayFeed.parse(Data(contentsOf: Self.referenceFeedURL))
        #expect(reference == shipped)
    }

    @Test(
        """
            the importer round-trips the GOV.UK file: parse → write → parse gives the same feed, and the written JSON \
            matches the original
            """
    )
    func roundTrip() throws {
        let original = try Data(contentsOf: Self.referenceFeedURL)
        let feed = try BankHolidayFeed.parse(original)
        let written = feed.json()
        #expect(try BankHolidayFeed.parse(written) == feed)
        let a = try JSONSerialization.jsonObject(with: original) as! NSDictionary
        let b = try JSONSerialization.jsonObject(with: written) as! NSDictionary
        #expect(a == b)
    }

    @Test("a bad file is rejected whole, naming division, event and field for every problem")
    func problemsAreNamed() {
        let json = """
            {"england-and-wales": {"division": "england-and-wales", "events": [
                {"title": "New Year", "date": "2030-01-01", "notes": "", "bunting": true},
                {"title": "", "date": "2030-02-30", "notes": "", "bunting": true},
                {"title": "Spring", "date": "2030-05-27", "notes": 3, "bunting": "yes"},
                {"title": "Spring again", "date": "2030-05-27", "notes": "", "bunting": true},
                {"title": "No date", "notes": "", "bunting": true}
            ]}, "wales": {"division": "wales", "events": []}}
            """
        #expect {
            try BankHolidayFeed.parse(Data(json.utf8))
        } throws: { error in
            guard let invalid = error as? BankHolidayFeed.InvalidFeed else { return false }
            let text = invalid.problems.map(\.description)
            return text == [
                "england-and-wales event 2 field \"title\": is missing or empty",
                "england-and-wales event 2 field \"date\": \"2030-02-30\" is not a real date in the form YYYY-MM-DD",
                "england-and-wales event 3 field \"notes\": must be text",
                "england-and-wales event 3 field \"bunting\": must be true or false",
                "england-and-wales event 4 field \"date\": 2030-05-27 is listed twice for england-and-wales",
                "england-and-wales event 5 field \"date\": is missing",
                "division \"wales\": is not one of england-and-wales, scotland, northern-ireland",
            ]
        }
    }

    @Test(
        "truncated, malformed or non-object JSON gives a one-line reason",
        arguments: [
            (
                "{\"england-and-wales\": {\"events\": [",
                "file: is not valid JSON: the file ends before the JSON is complete (was it cut short?)"
            ),
            ("{\n  \"england-and-wales\": x\n}", "file: is not valid JSON: unexpected text at line 2, column 24"),
            ("[1, 2]", "file: must be a JSON object keyed by division (e.g. \"england-and-wales\")"),
            ("{}", "file: lists no divisions"),
        ])
    func notJSON(text: String, message: String) {
        #expect {
            try BankHolidayFeed.parse(Data(text.utf8))
        } throws: { error in
            (error as? BankHolidayFeed.InvalidFeed)?.problems.map(\.description) == [message]
        }
    }

    @Test("an imported feed overrides the shipped years it covers: a newly proclaimed or moved day takes effect")
    func overlay() throws {
        let json = """
            {"england-and-wales": {"division": "england-and-wales", "events": [
                {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day", "bunting": true},
                {"title": "Extra day", "date": "2028-06-05", "notes": "", "bunting": true},
                {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}
            ]}}
            """
        let merged = BankHolidayFeed.shipped.overlaid(with: try BankHolidayFeed.parse(Data(json.utf8)))
        let calendar = WorkingDayCalendar(division: .englandAndWales, feed: merged)
        #expect(!calendar.isWorkingDay(date("2028-06-05")))
        #expect(!calendar.isWorkingDay(date("2029-01-01")))
        #expect(calendar.isWorkingDay(date("2028-05-29")))  // 2028 now comes from the import only
        #expect(!calendar.isWorkingDay(date("2027-12-27")))  // other years keep the shipped list
        #expect(calendar.coveredYears == 2012...2029)
        let scotland = WorkingDayCalendar(division: .scotland, feed: merged)
        #expect(!scotland.isWorkingDay(date("2028-01-03")))  // untouched division
    }
}
