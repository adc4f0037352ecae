import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing
@testable import RedressWeb

private let today = CalendarDate(iso: "2023-12-01")!

/// Random API steps on random cases, for the round-trip property: whatever sequence of steps the
/// API accepts, export → import into an empty store → export gives the same bytes.
private struct RandomSteps {
    var rng: SeededGenerator
    let reference: ReferenceData
    let people: [Person]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// A date from the day received to today, sometimes one outside it (refused, as it should be).
    mutating func date(after received: CalendarDate) -> String {
        if chance(0.05) { return received.adding(days: -3).iso }
        let span = max(0, today.dayNumber - received.dayNumber)
        return received.adding(days: Int.random(in: 0...span, using: &rng)).iso
    }

    /// One step and its body for `c` (the case as the API returned it).
    mutating func step(for c: [String: Any]) -> (String, String) {
        let r = c["representation"] as? [String: Any] ?? [:]
        let received = CalendarDate(iso: r["receivedOn"] as? String ?? today.iso) ?? today
        let records = r["records"] as? [String: Any] ?? [:]
        let referrals = (records["ombudsman"] as? [[String: Any]]) ?? []
        let actions = (records["actions"] as? [[String: Any]]) ?? []
        let stages = (r["stages"] as? [[String: Any]]) ?? []
        let points = ((stages.last?["points"] as? [[String: Any]]) ?? []).count
        func d() -> String { date(after: received) }
        func json(_ object: [String: Any]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let outcomes =
            reference.active(.outcome).map(\.code).filter { !Lifecycle.closuresOfTheirOwn.contains($0) } + ["zzz"]
        let person = pick(people).id
        switch Int.random(in: 0..<24, using: &rng) {
        case 0, 1:
            return (
                "record",
                json([
                    "milestone": pick([
                        "acknowledged", "statement-agreed", "reports-received", "panel-met", "panel-reported",
                        "delay-notified",
                    ]), "date": d(),
                ])
            )
        case 2, 3: return ("respond", json(["date": d(), "outcome": pick(outcomes)]))
        case 4:
            return (
                "extend",
                json([
                    "clock": pick(["stage-1-response", "stage-2-response", "agreed-response", "six-months", "response"]
                    ),
                    "agreed-on": d(), "to": received.adding(days: Int.random(in: 10...120, using: &rng)).iso,
                    "reason": "More time",
                ])
            )
        case 5:
            return (
                "pause",
                json([
                    "pause-reason": pick(["proceedings", "awaiting-consent", "awaiting-information", "other"]),
                    "date": d(),
                ])
            )
        case 6: return ("resume", json(["date": d()]))
        case 7, 8: return ("escalate", json(["date": d(), "late-reason": pick(["", "Unwell"])]))
        case 9: return ("withdraw", json(["date": d()]))
        case 10, 11:
            return (
                "appoint",
                json([
                    "role": pick([
                        "investigating-officer", "independent-person", "panel-chair", "panel-member", "adjudicator",
                        "responding-manager",
                    ]),
                    "person": person, "date": d(),
                ])
            )
        case 12: return ("points", json(["points": ["Visits were missed", "Calls were not returned"]]))
        case 13:
            return (
                "finding",
                json([
                    "point": Int.random(in: 1...max(1, points + 1), using: &rng),
                    "finding": pick(["upheld", "partly-upheld", "not-upheld", "no-finding", "zzz"]),
                ])
            )
        case 14:
            return (
                "correct",
                json(["milestone": pick(["acknowledged", "responded"]), "date": d(), "reason": "Typed wrongly"])
            )
        case 15: return ("reopen", json(["reason": "Closed by mistake"]))
        case 16:
            return (
                "code",
                json([
                    "natures": [pick(reference.active(.nature).map(\.code))], "outcomes-sought": [],
                    "actual-outcomes": [], "remedial": chance(0.5),
                ])
            )
        case 17:
            return ("refer", json(["reference": "23 00\(Int.random(in: 100...999, using: &rng))", "notified-on": d()]))
        case 18:
            guard let referral = referrals.randomElement(using: &rng)?["id"] as? String else {
                return ("advocacy", json(["date": d()]))
            }
            return (
                "decide",
                json([
                    "referral": referral, "decision": pick(["upheld", "not-upheld", "closed-after-initial-enquiries"]),
                    "decided-on": d(),
                    "satisfactory": false,
                ])
            )
        case 19:
            return (
                "cost",
                json([
                    "heading": pick(["investigating-officer", "financial-redress", "other"]),
                    "amount": "\(Int.random(in: 1...900, using: &rng)).00", "paid-on": d(),
                ])
            )
        case 20:
            return (
                "learning",
                json(["theme": pick(reference.active(.learningTheme).map(\.code)), "description": "Check the records"])
            )
        case 21:
            return (
                "action",
                json([
                    "kind": "staff-training", "description": "Training", "owner": "Team manager",
                    "due-on": received.adding(days: 60).iso,
                ])
            )
        case 22:
            guard let action = actions.randomElement(using: &rng)?["id"] as? String else {
                return ("consent", json(["consent": true, "date": d()]))
            }
            return ("complete-action", json(["action": action, "done-on": d()]))
        default: return ("refuse", json(["reason": pick(reference.active(.refusalReason).map(\.code)), "date": d()]))
        }
    }
}

private func exportText(_ database: Database) async throws -> String {
    final class Box: @unchecked Sendable { var text = "" }
    let box = Box()
    _ = try await InterchangeStore(database: database).export { box.text += $0 }
    return box.text
}

@Suite("Round trip: random API steps, then export → import → export")
struct RoundTripPropertyTests {
    @Test(
        "whatever the API accepted, an export imports into an empty store and exports to the same bytes",
        arguments: TestDatabase.engines.flatMap { engine in [UInt64(1), 2, 3].map { (engine, $0) } })
    func roundTrip(engine: DatabaseEngine, seed: UInt64) async throws {
        let pool = DemoCouncil(today: today).people
        let exported = try await TestDatabase.with(engine) { database -> String in
            try await PeopleStore(database: database).save(pool)
            let reference = try await ReferenceStore(database: database).load()
            let user = try await UserStore(database: database).add(
                username: "officer", displayName: "Olu", role: .complaintsOfficer,
                password: "a long enough password", hasher: .testing)
            let (_, token) = try await APITokenStore(database: database).create(
                userID: user.id, name: "property", now: testNow)
            let app = Application(
                router: buildRouter(testDependencies(database, today: today)), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                var random = RandomSteps(rng: SeededGenerator(seed: seed), reference: reference, people: pool)
                var ids: [String] = []
                for (area, kind) in [
                    ("children", "complaint"), ("children", "complaint"), ("adults", "complaint"),
                    ("corporate", "complaint"),
                    ("children", "pre-complaint"), ("adults", "compliment"),
                ] {
                    let service = try #require(reference.active(.service, group: area).first?.code)
                    let body =
                        #"{"kind":"\#(kind)","service-area":"\#(area)","received":"2023-0\#(Int.random(in: 7...9, using: &random.rng))-04","method":"email","relationship":"parent","child-or-young-person":\#(random.chance(0.3)),"service-category":"\#(service)","summary":"Property case"}"#
                    let made = try await client.execute(
                        uri: "/api/v1/representations", method: .post, headers: headers, body: ByteBuffer(string: body))
                    #expect(made.status == .created, "\(String(buffer: made.body))")
                    ids.append(
                        try #require(
                            (try JSONSerialization.jsonObject(with: Data(buffer: made.body)) as? [String: Any])
                                .flatMap { ($0["representation"] as? [String: Any])?["id"] as? String }))
                }
                var accepted = 0
                for _ in 0..<150 {
                    let id = random.pick(ids)
                    let current = try await client.execute(
                        uri: "/api/v1/representations/\(id)", method: .get, headers: headers)
                    let document = try #require(
                        try JSONSerialization.jsonObject(with: Data(buffer: current.body)) as? [String: Any])
                    let (step, body) = random.step(for: document)
                    var withVersion = headers
                    withVersion[.ifMatch] = current.headers[.eTag]
                    let response = try await client.execute(
                        uri: "/api/v1/representations/\(id)/steps/\(step)", method: .post, headers: withVersion,
                        body: ByteBuffer(string: body))
                    #expect(
                        [200, 422].contains(Int(response.status.code)),
                        "\(step) \(body): \(response.status.code) \(String(buffer: response.body).prefix(200))")
                    if response.status == .ok { accepted += 1 }
                }
                #expect(accepted >= 30, "enough steps were accepted for the property to mean something (\(accepted))")
            }
            return try await exportText(database)
        }
        try await TestDatabase.with(engine) { empty in
            try await PeopleStore(database: empty).save(pool)
            let validator = InterchangeValidator(
                reference: try await ReferenceStore(database: empty).load(),
                procedures: try await ProcedureStore(database: empty).load(),
                calendar: WorkingDayCalendar(feed: try await CalendarStore(database: empty).effectiveFeed()),
                people: try await PeopleStore(database: empty).load(), today: today)
            let (records, problems) = validator.check(file: Array(exported.utf8))
            #expect(problems.isEmpty, "\(problems.prefix(3))")
            _ = try await InterchangeStore(database: empty).importRecords(records).get()
            #expect(try await exportText(empty) == exported)
        }
    }
}
