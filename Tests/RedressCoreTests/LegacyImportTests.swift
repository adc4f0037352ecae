import Foundation
import RedressCore
import Testing

private let reference = ReferenceData.firstLists

/// A typical legacy export: its own headings, dates written day first, its own words for
/// types, stages and outcomes, and a quoted summary with a comma and a line break.
private let legacyFile = """
    Case Ref,Date Received,Type,Directorate,Team,Stage,Response Date,Outcome,Category,How Received,Who,Summary\r
    LEG-001,03/05/2022,Complaint,Children,Fostering,Stage 1,16/05/2022,Upheld,Communication,Email,Parent,"Late \
    visits, twice"\r
    LEG-002,10/06/2022,Complaint,Adults,Home Care,,,,,Phone,Parent,\r
    LEG-003,01/07/2022,Compliment,Adults,Home Care,,,,,Letter,Parent,"Thank you\r
    to the team"\r

    """

private let mapping = LegacyMapping(
    columns: [
        "reference": "Case Ref", "receivedOn": "Date Received", "kind": "Type", "serviceArea": "Directorate",
        "service": "Team",
        "stage": "Stage", "respondedOn": "Response Date", "outcome": "Outcome", "natures": "Category",
        "method": "How Received",
        "relationship": "Who", "summary": "Summary",
    ],
    values: [
        "kind": ["Complaint": "complaint", "Compliment": "compliment"],
        "serviceArea": ["Children": "children", "Adults": "adults"],
        "service": ["Fostering": "fostering", "Home Care": "home-care-domiciliary-care"],
        "stage": ["Stage 1": "stage-1"],
        "outcome": ["Upheld": "upheld"],
        "natures": ["Communication": "poor-communication"],
        "method": ["Email": "email", "Phone": "telephone", "Letter": "letter"],
        "relationship": ["Parent": "parent"],
    ])

@Suite("Interchange: CSV, the flat profile and legacy import")
struct LegacyImportTests {
    @Test(
        """
            CSV: quoted commas, doubled quotes and line breaks; each record knows the line it starts on; bad quoting \
            is named
            """
    )
    func csv() throws {
        let records = try CSV.records("\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\nlast,")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"], ["last", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 6])
        #expect(throws: CSV.SyntaxError(line: 2, message: "a quoted field is not closed before the end of the file")) {
            try CSV.records("a\n\"open,b\nc")
        }
        #expect(
            throws: CSV.SyntaxError(
                line: 1, message: "a quote in the middle of a field; quote the whole field and double the quote")
        ) { try CSV.records("ab\"c") }
        #expect(
            CSV.line(["plain", "with,comma", "with \"quote\""]) == "plain,\"with,comma\",\"with \"\"quote\"\"\"\r\n")
    }

    @Test(
        """
            a legacy export maps onto representations: codes, dates, the stage reached and its outcome, a stable id \
            per reference
            """
    )
    func converts() throws {
        let procedures = BuiltInProcedures.all
        let (records, problems) = LegacyImport(
            mapping: mapping, reference: reference, procedures: procedures, importedAt: "2024-01-15T09:00:00Z"
        ).convert(try CSV.records(legacyFile))
        #expect(problems.isEmpty, "\(problems)")
        #expect(records.count == 3)
        let first = records[0].representation
        #expect(first.reference == "LEG-001" && first.kind == .complaint && first.serviceArea == .childrensSocialCare)
        #expect(
            first.receivedOn == CalendarDate(iso: "2022-05-03") && first.serviceCategory == "fostering"
                && first.methodOfReceipt == "email")
        #expect(first.procedureID == BuiltInProcedures.childrenStatutory.id && first.stages.map(\.key) == ["stage-1"])
        #expect(
            first.stages[0].respondedOn == CalendarDate(iso: "2022-05-16") && first.stages[0].outcome == "upheld"
                && !first.isOpen)
        #expect(first.records.natures == ["poor-communication"] && first.summary == "Late visits, twice")
        let second = records[1].representation
        #expect(
            second.isOpen && second.stages.map(\.key) == [BuiltInProcedures.adultsStatutory.stages[0].key]
                && second.serviceCategory == "home-care-domiciliary-care")
        #expect(
            second.stages.first?.openedOn == CalendarDate(iso: "2022-06-10"),
            "a stage with no date of its own opens on the date received")
        #expect(
            records[2].representation.kind == .compliment && records[2].representation.stages.isEmpty
                && records[2].representation.summary == "Thank you\r\nto the team")
        let again = LegacyImport(
            mapping: mapping, reference: reference, procedures: procedures, importedAt: "2024-01-15T09:00:00Z"
        ).convert(try CSV.records(legacyFile)).records
        #expect(
            again.map(\.representation.id) == records.map(\.representation.id), "the same reference gets the same id")
    }

    @Test("values the mapping does not cover are reported with line and column, never guessed; nothing is returned")
    func unmapped() throws {
        let file =
            legacyFile
            .replacingOccurrences(of: "Stage 1,16/05/2022,Upheld", with: "Stage One,16/05/2022,Partly")
            .replacingOccurrences(of: "10/06/2022", with: "31/02/2022")
            .replacingOccurrences(of: "LEG-003", with: "LEG-001")
        let (records, problems) = LegacyImport(
            mapping: mapping, reference: reference, procedures: BuiltInProcedures.all,
            importedAt: "2024-01-15T09:00:00Z"
        ).convert(try CSV.records(file))
        #expect(records.isEmpty)
        #expect(
            problems.map(\.description) == [
                #"line 2, column "Stage": "Stage One" is not mapped to a stage of \#(BuiltInProcedures.childrenStatutory.name) (\#(BuiltInProcedures.childrenStatutory.stages.map(\.key).joined(separator: ", "))); add it under values.stage in the mapping file"#,
                #"line 2, column "Outcome": "Partly" is not mapped to a code in the outcome list; add it under values.outcome in the mapping file"#,
                #"line 3, column "Date Received": "31/02/2022" is not a date written dd/MM/yyyy"#,
                #"line 4, column "Case Ref": LEG-001 is also on line 2"#,
            ])
    }

    @Test("a mapping naming unknown fields or missing columns is refused before any row is read")
    func badMapping() throws {
        var wrong = mapping
        wrong.columns["colour"] = "Colour"
        wrong.columns["outcome"] = "Result"
        wrong.dateFormat = "dd.MM.yy"
        let (_, problems) = LegacyImport(
            mapping: wrong, reference: reference, procedures: BuiltInProcedures.all, importedAt: "2024-01-15T09:00:00Z"
        ).convert(try CSV.records(legacyFile))
        #expect(
            problems.map(\.description) == [
                "line 0, mapping colour: is not a field Redress imports (\(LegacyMapping.Field.allCases.map(\.rawValue).joined(separator: ", ")))",
                #"line 0, mapping dateFormat: "dd.MM.yy" is not one of dd/MM/yyyy, d/M/yyyy, yyyy-MM-dd, dd-MM-yyyy, MM/dd/yyyy"#,
                #"line 1, column "Colour": is not in the header row (mapped to colour)"#,
                #"line 1, column "Result": is not in the header row (mapped to outcome)"#,
            ])
        wrong = mapping
        wrong.columns["outcome"] = "Result"
        let missing = LegacyImport(
            mapping: wrong, reference: reference, procedures: BuiltInProcedures.all, importedAt: "2024-01-15T09:00:00Z"
        ).convert(try CSV.records(legacyFile)).problems
        #expect(
            missing.map(\.description) == [#"line 1, column "Result": is not in the header row (mapped to outcome)"#])
    }

    @Test("the flat profile: one row per case, codes joined by semicolons, money in pounds, no personal data")
    func flatProfile() throws {
        var r = try #require(
            LegacyImport(
                mapping: mapping, reference: reference, procedures: BuiltInProcedures.all,
                importedAt: "2024-01-15T09:00:00Z"
            ).convert(try CSV.records(legacyFile)).records.first
        ).representation
        r.complainant.name = "Sam Parent"
        r.records.costs = [
            Cost(
                id: "c1", heading: Cost.Heading.allCases[0], amountPence: 123_405,
                paidOn: CalendarDate(iso: "2022-06-01")!)
        ]
        let text = FlatProfile.csv([r])
        let rows = try CSV.records(text)
        #expect(rows[0].fields == FlatProfile.columns)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0].fields, rows[1].fields))
        #expect(
            row["reference"] == "LEG-001" && row["stage"] == "stage-1" && row["stage_outcome"] == "upheld"
                && row["closed_on"] == "2022-05-16")
        #expect(
            row["natures"] == "poor-communication" && row["costs_pounds"] == "1234.05" && row["is_open"] == "no"
                && row["child_or_young_person"] == "no")
        #expect(!text.contains("Sam Parent") && !text.contains("Late visits"), "no names or summaries")
    }
}
