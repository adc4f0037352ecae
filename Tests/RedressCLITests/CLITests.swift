import Foundation
import RedressCore
import RedressFixtures
import RedressStorage
import RedressTestSupport
import Testing

@Suite("redress command line")
struct CLITests {
    @Test("`redress stats --year 2021` on the hand-built fixture prints the hand-computed figures")
    func stats() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("fixture.sqlite").path
            try await Database.with(.sqlite(path: path), logger: TestDatabase.logger) { database in
                try await Migrator(database: database).migrate()
                try await RepresentationStore(database: database).insertAll(HandBuiltYear.representations())
            }
            let result = try await Command.run(["stats", "--year", "2021", "--database", "sqlite:\(path)"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(
                result.output == """
                    Redress statistics for financial year 2021/22 (1 April 2021 to 31 March 2022)

                    Representations received by service area
                    Basis: Counted on the date received: records received in the period.

                    Service area              Complaints  Compliments  Comments
                    Adult social care         2           1            0
                    Children's social care    7           0            0
                    Corporate                 1           0            1
                    Total                     10          1            1

                    Stage 1 response times: Children's social care statutory complaint
                    Basis: Counted on the date responded: responses sent in the period, whenever the complaint was \
                    received. Working days counted from the clock's start (day 0: receipt) to the response date.

                    Stage 1 responses                 6
                      Within 10 working days          3      50%
                      In 11 to 20 working days        2      33%
                      In over 20 working days         1      17%
                      Average working days            16.5

                    Stage 1 response times: Corporate complaint
                    Basis: Counted on the date responded: responses sent in the period, whenever the complaint was \
                    received. Working days counted from the clock's start (day 0: acknowledged and logged) to the \
                    response date.

                    Stage 1 responses                 1
                      Within 10 working days          1      100%
                      In 11 to 20 working days        0      0%
                      In over 20 working days         0      0%
                      Average working days            5.0

                    Percentages are rounded to whole numbers, halves upwards, and may not total 100; a share above 0 \
                    that rounds to 0 is shown as <1%. Averages are to one decimal place.

                    """)
        }
    }

    @Test(
        "bad arguments give a one-line reason and a nonzero exit",
        arguments: [
            (["stats"], "Missing expected argument '--year <year>'"),
            (["stats", "--year", "twenty"], "The value 'twenty' is invalid for '--year <year>'"),
            (["serve", "--port", "70000"], "--port must be between 0 and 65535"),
            (
                ["migrate", "--database", "mysql://db/x"],
                "Bad database URL: the database URL must start with postgres:// or sqlite:."
            ),
            (["frobnicate", "--data-dir", "x"], "Unknown option '--data-dir'"),
            (
                ["calendar", "show", "--year", "2029", "--division", "wales"],
                """
                The value 'wales' is invalid for '--division <division>'. Please provide one of \
                'england-and-wales', 'scotland' or 'northern-ireland'.
                """
            ),
        ])
    func badArguments(arguments: [String], message: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await Command.run(arguments + ["--data-dir", folder.path])
            #expect(result.status != 0)
            #expect(result.errors.split(separator: "\n").first == "Error: \(message)"[...])
        }
    }

    @Test(
        """
        `redress calendar import` takes the GOV.UK file, and refuses a bad one naming line and field, importing \
        nothing
        """
    )
    func calendarImport() async throws {
        try await withTemporaryFolder { folder in
            let feed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("../shared/reference/data/govuk-bank-holidays.json").standardized
            let good = try await Command.run(["calendar", "import", feed.path, "--data-dir", folder.path])
            #expect(good.status == 0, "\(good.errors)")
            #expect(
                good.output
                    == """
                    Imported 471 bank holidays (England and Wales 2012–2028; Northern Ireland 2012–2028; Scotland \
                    2012–2028).\n
                    """
            )

            let bad = folder.appendingPathComponent("bad.json")
            try Data(
                #"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Proclaimed", "date": "2029-02-30", "notes": "", "bunting": true}]}}"#
                    .utf8
            ).write(to: bad)
            let refused = try await Command.run(["calendar", "import", bad.path, "--data-dir", folder.path])
            #expect(refused.status != 0)
            #expect(
                refused.errors.contains(
                    #"england-and-wales event 1 field "date": "2029-02-30" is not a real date in the form YYYY-MM-DD"#))
            let show = try await Command.run(["calendar", "show", "--year", "2029", "--data-dir", folder.path])
            #expect(show.output == "No England and Wales bank holidays are known for 2029.\n")
        }
    }
}

extension CLITests {
    @Test(
        "procedures export as JSON, change on import (a 15-working-day stage 1), and a bad edit is refused whole with each problem named"
    )
    func procedures() async throws {
        try await withTemporaryFolder { folder in
            let exported = try await Command.run(["procedures", "export", "--data-dir", folder.path])
            #expect(exported.status == 0, "\(exported.errors)")
            var procedures = try JSONDecoder().decode([ProcedureDefinition].self, from: Data(exported.output.utf8))
            #expect(Set(procedures.map(\.id)) == ["adults-statutory", "children-statutory", "corporate"])
            let index = procedures.firstIndex { $0.id == "children-statutory" }!
            procedures[index].stages[0].clocks[0].limit = .workingDays(15)
            procedures[index].stages[0].clocks[0].extendableToWorkingDays = 25
            let good = folder.appendingPathComponent("good.json")
            try JSONEncoder().encode(procedures).write(to: good)
            let imported = try await Command.run(["procedures", "import", good.path, "--data-dir", folder.path])
            #expect(imported.status == 0, "\(imported.errors)")
            let after = try JSONDecoder().decode(
                [ProcedureDefinition].self,
                from: Data(try await Command.run(["procedures", "export", "--data-dir", folder.path]).output.utf8))
            #expect(after.first { $0.id == "children-statutory" }?.stages[0].clocks[0].limit == .workingDays(15))

            procedures[index].stages[0].clocks[0].extendableToWorkingDays = 10
            procedures[index].stages[1].milestones.removeLast()
            let bad = folder.appendingPathComponent("bad.json")
            try JSONEncoder().encode(procedures).write(to: bad)
            let refused = try await Command.run(["procedures", "import", bad.path, "--data-dir", folder.path])
            #expect(refused.status != 0)
            #expect(
                refused.errors.contains(
                    "procedure \"children-statutory\" stage \"stage-1\" clock \"stage-1-response\": the extension limit (10) must be more than the time limit (15)"
                ))
            #expect(
                refused.errors.contains(
                    "procedure \"children-statutory\" stage \"stage-2\": the last milestone must be \"responded\""))
            let unchanged = try JSONDecoder().decode(
                [ProcedureDefinition].self,
                from: Data(try await Command.run(["procedures", "export", "--data-dir", folder.path]).output.utf8))
            #expect(
                unchanged.first { $0.id == "children-statutory" }?.stages[0].clocks[0].extendableToWorkingDays == 25)
        }
    }

    @Test(
        "`redress user add` creates the first administrator with a printed password; users, retention and subject access work from the command line"
    )
    func usersAndPrivacy() async throws {
        try await withTemporaryFolder { folder in
            let added = try await Command.run([
                "user", "add", "--username", "Ada", "--name", "Ada Admin", "--role", "administrator", "--data-dir",
                folder.path,
            ])
            #expect(added.status == 0, "\(added.errors)")
            let password = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("Password: ") })
                .dropFirst("Password: ".count)
            #expect(password.count == 20)
            #expect(!added.errors.contains(String(password)), "never in the logs")
            let again = try await Command.run([
                "user", "add", "--username", "ada", "--name", "Ada Again", "--role", "report-reader", "--data-dir",
                folder.path,
            ])
            #expect(again.status != 0 && again.errors.contains("There is already a user called ada"))
            let badRole = try await Command.run([
                "user", "add", "--username", "x", "--name", "X", "--role", "superuser", "--data-dir", folder.path,
            ])
            #expect(badRole.status != 0 && badRole.errors.contains("superuser"))
            #expect(
                try await Command.run(["user", "list", "--data-dir", folder.path]).output
                    == "ada\tadministrator\tAda Admin\tactive\n")

            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("redress.sqlite").path)
            try await Database.with(location, logger: TestDatabase.logger) { database in
                let command = NewComplaint(
                    serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                    receivedOn: CalendarDate(iso: "2023-05-02")!,
                    methodOfReceipt: "email",
                    complainant: Complainant(relationship: "service-user-adult", name: "Farid Fisher"),
                    serviceCategory: "home-care", summary: "s")
                _ = try await RepresentationStore(database: database).record(
                    command, engine: ClockEngine(calendar: .englandAndWales))
            }
            let out = folder.appendingPathComponent("sar.json")
            let exported = try await Command.run([
                "subject-access", "--name", "farid fisher", "--format", "json", "--out", out.path, "--data-dir",
                folder.path,
            ])
            #expect(exported.status == 0 && exported.output == "Wrote 1 case to \(out.path).\n", "\(exported.errors)")
            #expect(try String(contentsOf: out, encoding: .utf8).contains("\"name\" : \"Farid Fisher\""))

            let report = try await Command.run(["retention", "report", "--data-dir", folder.path])
            #expect(report.status == 0 && report.output.hasSuffix("0 cases due for destruction.\n"))
            let refused = try await Command.run(["retention", "purge", "--data-dir", folder.path])
            #expect(refused.status != 0 && refused.errors.contains("--yes"))
            let schedule = folder.appendingPathComponent("schedule.json")
            try Data(#"{"rules":[{"serviceArea":"adults","yearsAfterClosure":0}]}"#.utf8).write(to: schedule)
            let badSchedule = try await Command.run([
                "retention", "schedule", "--set", schedule.path, "--data-dir", folder.path,
            ])
            #expect(
                badSchedule.status != 0
                    && badSchedule.errors.contains("Rule 1 (Adult social care): years after closure must be 1 or more"))
        }
    }

    @Test("`redress report annual` writes the same JSON report twice, and text with every table's basis")
    func annualReport() async throws {
        try await withTemporaryFolder { folder in
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("redress.sqlite").path)
            try await Database.with(location, logger: TestDatabase.logger) { database in
                try await Migrator(database: database).migrate()
                try await RepresentationStore(database: database).insertAll(HandBuiltYear.representations())
            }
            let one = folder.appendingPathComponent("one.json"), two = folder.appendingPathComponent("two.json")
            for out in [one, two] {
                let run = try await Command.run([
                    "report", "annual", "--year", "2021", "--format", "json", "--out", out.path, "--data-dir",
                    folder.path,
                ])
                #expect(run.status == 0, "\(run.errors)")
            }
            let data = try Data(contentsOf: one)
            #expect(data == (try Data(contentsOf: two)))
            let report = try JSONDecoder().decode(ComplaintsReport.self, from: data)
            #expect(report.period == "2021/22" && !report.figures.isEmpty)
            let text = try await Command.run([
                "report", "annual", "--year", "2021", "--scope", "children", "--data-dir", folder.path,
            ])
            #expect(
                text.status == 0 && text.output.hasPrefix("Annual complaints report 2021/22: Children's social care"))
            #expect(
                text.output.contains("Basis: Counted on the date received")
                    && text.output.contains("Percentages are rounded"))
            let html = try await Command.run([
                "report", "annual", "--year", "2021", "--format", "html", "--data-dir", folder.path,
            ])
            #expect(
                html.status == 0 && html.output.hasPrefix("<!DOCTYPE html>")
                    && html.output.contains("<svg role=\"img\""))
            // HTML prints the committee document (with its cover), which JSON does not make.
            #expect(html.output.contains("class=\"app-cover\""))
            let bad = try await Command.run([
                "report", "annual", "--year", "2021", "--format", "odt", "--data-dir", folder.path,
            ])
            #expect(bad.status != 0 && bad.errors.contains("--format must be text, json, html, csv, xlsx, docx or pdf"))
            // Sections are counted side by side, so whichever finishes last is named with 16/16.
            #expect(text.errors.contains("report: 16/16 sections — "), "progress on standard error")
            let quiet = try await Command.run([
                "report", "annual", "--year", "2021", "--quiet", "--percent-decimals", "1", "--data-dir", folder.path,
            ])
            #expect(quiet.errors.isEmpty && quiet.output.contains("rounded to one decimal place"))
        }
    }

    @Test("`redress report quarterly` names the quarter, refuses a malformed one, and writes JSON")
    func quarterlyReport() async throws {
        try await withTemporaryFolder { folder in
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("redress.sqlite").path)
            try await Database.with(location, logger: TestDatabase.logger) { database in
                try await Migrator(database: database).migrate()
                try await RepresentationStore(database: database).insertAll(HandBuiltYear.representations())
            }
            let text = try await Command.run([
                "report", "quarterly", "--quarter", "2021-Q3", "--quiet", "--data-dir", folder.path,
            ])
            #expect(
                text.status == 0
                    && text.output.hasPrefix(
                        "Quarterly performance report Q3 2021/22: All services\n1 October 2021 to 31 December 2021")
            )
            #expect(
                text.output.contains("Complaints by quarter") && text.output.contains("Q3 2020/21"),
                "five quarters: the same quarter last year first")
            let bad = try await Command.run(["report", "quarterly", "--quarter", "2021-Q5", "--data-dir", folder.path])
            #expect(bad.status != 0 && bad.errors.contains("--quarter must look like 2025-Q2"))
            let out = folder.appendingPathComponent("q.json")
            let json = try await Command.run([
                "report", "quarterly", "--quarter", "2021-Q3", "--format", "json", "--out", out.path, "--quiet",
                "--data-dir", folder.path,
            ])
            #expect(json.status == 0)
            let report = try JSONDecoder().decode(ComplaintsReport.self, from: try Data(contentsOf: out))
            #expect(report.period == "Q3 2021/22" && report.figures.contains { $0.id == "trend.received.2021-Q3" })
        }
    }

    @Test(
        "`redress reminders` previews a day's digests and keeps its settings in range; `redress council-name` signs the letters"
    )
    func reminders() async throws {
        try await withTemporaryFolder { folder in
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("redress.sqlite").path)
            try await Database.with(location, logger: TestDatabase.logger) { database in
                try await Migrator(database: database).migrate()
                let stage = Stage(
                    key: "stage-1", openedOn: CalendarDate(iso: "2021-12-01")!, dueOn: CalendarDate(iso: "2021-12-15")!)
                try await RepresentationStore(database: database).insertAll([
                    Representation(
                        id: "o1", reference: "CS-2021-00001", kind: .complaint, serviceArea: .childrensSocialCare,
                        procedureID: BuiltInProcedures.childrenStatutory.id,
                        receivedOn: stage.openedOn, methodOfReceipt: "email",
                        complainant: Complainant(relationship: "parent"), serviceCategory: "fostering", summary: "s",
                        stages: [stage])
                ])
            }
            let preview = try await Command.run([
                "reminders", "preview", "--date", "2021-12-23", "--data-dir", folder.path,
            ])
            #expect(
                preview.status == 0 && preview.output.contains("To: complaints team")
                    && preview.output.contains("Overdue (1)\n- CS-2021-00001: Stage 1 response, due 15 December 2021"))
            let badDate = try await Command.run([
                "reminders", "preview", "--date", "23/12/2021", "--data-dir", folder.path,
            ])
            #expect(badDate.status != 0 && badDate.errors.contains("--date must be a date like 2026-12-23"))
            let file = folder.appendingPathComponent("reminders.json")
            try Data(#"{"enabled": true, "dueWithinWorkingDays": 50, "remediesWithinWorkingDays": 5, "hour": 8}"#.utf8)
                .write(to: file)
            let set = try await Command.run(["reminders", "settings", "--set", file.path, "--data-dir", folder.path])
            #expect(
                set.status == 0 && set.output.contains(#""dueWithinWorkingDays" : 20"#)
                    && set.output.contains(#""hour" : 8"#))
            try Data(#"{"enabled": true}"#.utf8).write(to: file)
            let partial = try await Command.run([
                "reminders", "settings", "--set", file.path, "--data-dir", folder.path,
            ])
            #expect(partial.status != 0 && partial.errors.contains("is not reminder settings"))
            let name = try await Command.run([
                "council-name", "--set", "Anyshire County Council", "--data-dir", folder.path,
            ])
            #expect(name.status == 0 && name.output == "Anyshire County Council\n")
        }
    }

    @Test(
        "`redress export` then `redress import` into an empty database gives the same file; a bad file imports nothing and says where"
    )
    func exportImport() async throws {
        try await withTemporaryFolder { folder in
            let source = folder.appendingPathComponent("source"), target = folder.appendingPathComponent("target")
            try await Database.with(
                .sqlite(path: source.appendingPathComponent("redress.sqlite").path), logger: TestDatabase.logger
            ) { database in
                try await Migrator(database: database).migrate()
                let (year, histories) = HandBuiltYear.withHistories(today: CalendarDate(iso: "2024-01-15")!)
                try await RepresentationStore(database: database).insertAll(year, histories: histories)
            }
            let file = folder.appendingPathComponent("export.jsonl"),
                again = folder.appendingPathComponent("again.jsonl")
            #expect(try await Command.run(["export", "--out", file.path, "--data-dir", source.path]).status == 0)
            let imported = try await Command.run(["import", file.path, "--data-dir", target.path])
            #expect(
                imported.status == 0
                    && imported.output.hasPrefix(
                        "Imported \(HandBuiltYear.representations().count) representations; 0 already here.")
            )
            #expect(imported.errors.contains("import: checking"), "progress on standard error")
            #expect(try await Command.run(["export", "--out", again.path, "--data-dir", target.path]).status == 0)
            #expect(try Data(contentsOf: file) == Data(contentsOf: again))
            let twice = try await Command.run(["import", file.path, "--quiet", "--data-dir", target.path])
            #expect(
                twice.output.hasPrefix(
                    "Imported 0 representations; \(HandBuiltYear.representations().count) already here."))
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            let cut = folder.appendingPathComponent("cut.jsonl"),
                changed = folder.appendingPathComponent("changed.jsonl")
            try Data((lines.dropLast(3).joined(separator: "\n") + "\n").utf8).write(to: cut)
            try Data(
                (lines.joined(separator: "\n") + "\n").replacingOccurrences(of: "Fixture 2\"", with: "Fixture 7\"").utf8
            ).write(to: changed)
            let refused = try await Command.run([
                "import", cut.path, "--data-dir", folder.appendingPathComponent("empty").path,
            ])
            #expect(refused.status != 0 && refused.errors.contains("Nothing was imported: 1 problem"))
            #expect(refused.errors.contains("trailer: is missing: the file was cut short"))
            let tampered = try await Command.run([
                "import", changed.path, "--data-dir", folder.appendingPathComponent("empty").path,
            ])
            #expect(tampered.status != 0 && tampered.errors.contains("trailer.sha256: does not match the file"))
            let left = try await Database.with(
                .sqlite(path: folder.appendingPathComponent("empty/redress.sqlite").path), logger: TestDatabase.logger
            ) {
                try await RepresentationStore(database: $0).count()
            }
            #expect(left == 0, "nothing imported")
        }
    }

    @Test(
        "`redress import --mapping` brings in a legacy CSV, once; an unmapped value imports nothing and names line and column; `export --format csv` writes the flat profile"
    )
    func legacyImport() async throws {
        try await withTemporaryFolder { folder in
            let csv = folder.appendingPathComponent("legacy.csv"), map = folder.appendingPathComponent("mapping.json")
            try Data(
                """
                Ref,Received,Area,Team,How,Who,Stage,Replied,Result
                OLD-1,03/05/2022,Children,Fostering,Email,Parent,Stage 1,16/05/2022,Upheld
                OLD-2,10/06/2022,Children,Fostering,Email,Parent,Stage 1,,
                """.utf8
            ).write(to: csv)
            try Data(
                #"""
                {"columns": {"reference": "Ref", "receivedOn": "Received", "serviceArea": "Area", "service": "Team", "method": "How",
                             "relationship": "Who", "stage": "Stage", "respondedOn": "Replied", "outcome": "Result"},
                 "values": {"serviceArea": {"Children": "children"}, "service": {"Fostering": "fostering"}, "method": {"Email": "email"},
                            "relationship": {"Parent": "parent"}, "stage": {"Stage 1": "stage-1"}, "outcome": {"Upheld": "upheld"}}}
                """#.utf8
            ).write(to: map)
            let data = folder.appendingPathComponent("data").path
            let imported = try await Command.run(["import", csv.path, "--mapping", map.path, "--data-dir", data])
            #expect(
                imported.status == 0 && imported.output.hasPrefix("Imported 2 representations; 0 already here."),
                "\(imported.errors)")
            let twice = try await Command.run([
                "import", csv.path, "--mapping", map.path, "--quiet", "--data-dir", data,
            ])
            #expect(twice.output.hasPrefix("Imported 0 representations; 2 already here."))
            let flat = try await Command.run(["export", "--format", "csv", "--data-dir", data])
            let rows = flat.output.split(separator: "\r\n")
            #expect(rows.count == 3 && rows[0].hasPrefix("reference,kind,service_area,procedure,received_on"))
            #expect(
                rows[1].hasPrefix("OLD-1,complaint,children,") && rows[1].contains(",stage-1,2022-05-03,")
                    && rows[1].contains(",upheld,2022-05-16,no,"))

            try Data(
                String(decoding: try Data(contentsOf: csv), as: UTF8.self).replacingOccurrences(
                    of: "OLD-2,10/06/2022,Children,Fostering,Email,Parent",
                    with: "OLD-3,10/06/2022,Children,Fostering,Fax,Parent"
                ).utf8
            ).write(to: csv)
            let refused = try await Command.run([
                "import", csv.path, "--mapping", map.path, "--data-dir", folder.appendingPathComponent("empty").path,
            ])
            #expect(refused.status != 0 && refused.errors.contains("Nothing was imported: 1 problem"))
            #expect(
                refused.errors.contains(
                    #"line 3, column "How": "Fax" is not mapped to a code in the method of receipt list; add it under values.method in the mapping file"#
                ))
        }
    }

    @Test(
        "`redress backup` then `redress restore` into a new database gives back the same export and users; a cut file restores nothing"
    )
    func backupRestore() async throws {
        try await withTemporaryFolder { folder in
            let source = folder.appendingPathComponent("source"), target = folder.appendingPathComponent("target")
            #expect(
                try await Command.run(["demo", "--years", "1", "--scale", "0.03", "--data-dir", source.path]).status
                    == 0)
            #expect(
                try await Command.run([
                    "user", "add", "--username", "ada", "--name", "Ada", "--role", "administrator", "--data-dir",
                    source.path,
                ]).status == 0)
            let backup = folder.appendingPathComponent("council.backup")
            let made = try await Command.run(["backup", "--out", backup.path, "--data-dir", source.path])
            #expect(made.status == 0 && made.output.hasPrefix("Backed up "), "\(made.errors)")
            #expect(
                try await Command.run(["backup", "--out", backup.path, "--data-dir", source.path]).status != 0,
                "never overwrites a file")
            let checked = try await Command.run(["restore", backup.path, "--dry-run", "--data-dir", target.path])
            #expect(checked.status == 0 && checked.output.contains("is a complete backup"))
            let restored = try await Command.run(["restore", backup.path, "--data-dir", target.path])
            #expect(restored.status == 0 && restored.output.hasPrefix("Restored "), "\(restored.errors)")
            let a = folder.appendingPathComponent("a.jsonl"), b = folder.appendingPathComponent("b.jsonl")
            #expect(try await Command.run(["export", "--out", a.path, "--data-dir", source.path]).status == 0)
            #expect(try await Command.run(["export", "--out", b.path, "--data-dir", target.path]).status == 0)
            #expect(try Data(contentsOf: a) == Data(contentsOf: b))
            #expect(try await Command.run(["user", "list", "--data-dir", target.path]).output.contains("ada"))
            let again = try await Command.run(["restore", backup.path, "--data-dir", target.path])
            #expect(again.status != 0 && again.errors.contains("already holds data"))
            let text = try String(contentsOf: backup, encoding: .utf8)
            let cut = folder.appendingPathComponent("cut.backup")
            try Data(text.split(separator: "\n").dropLast().joined(separator: "\n").utf8).write(to: cut)
            let refused = try await Command.run([
                "restore", cut.path, "--data-dir", folder.appendingPathComponent("third").path,
            ])
            #expect(refused.status != 0 && refused.errors.contains("no trailer"))
            let file = folder.appendingPathComponent("copy.sqlite")
            let copied = try await Command.run([
                "backup", "--format", "sqlite", "--out", file.path, "--data-dir", source.path,
            ])
            #expect(copied.status == 0 && copied.output.contains("integrity check passed"), "\(copied.errors)")
        }
    }
}
