import Foundation
import Testing

@testable import RedressCore

/// The hand-written readers of stages and case records (`DocumentReader+Cases.swift`) must read
/// every field `Codable` reads. Values with every field set are read by both; a field added to
/// `Stage` or `CaseRecords` later fails here until the sample sets it (and so until the reader
/// reads it, or this test shows it does not).
@Suite("Documents: stages and case records read without Codable's containers")
struct DocumentCaseReaderTests {
    /// The names of `value`'s stored properties left empty (nil, an empty list, a default intake).
    static func unset(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            let inner = Mirror(reflecting: child.value)
            if inner.displayStyle == .optional && inner.children.isEmpty { return child.label }
            if let list = child.value as? any Collection, list.isEmpty { return child.label }
            if let intake = child.value as? Intake, intake == Intake() { return child.label }
            return nil
        }
    }

    /// Everything a demo council records, gathered onto one stage and one set of records.
    static func everything() -> (stage: Stage, records: CaseRecords) {
        let demo = DemoCouncil(seed: 7, today: CalendarDate(iso: "2026-11-30")!, completeYears: 2, scale: 1)
            .representations()
        let stages = demo.flatMap(\.stages), day = CalendarDate(iso: "2025-06-02")!
        var stage = stages.max { $0.milestones.count < $1.milestones.count }!
        stage.extensions = [
            Extension(
                clockKey: "response", agreedOn: day, newDueOn: day.adding(days: 20), reason: "Complex",
                complainantInformedOn: day)
        ]
        stage.pauses = [Pause(reason: .awaitingConsent, from: day, until: day.adding(days: 9))]
        stage.points = [ComplaintPoint(number: 1, text: "Visits \"missed\"\n", finding: "upheld")]
        stage.appointments = stages.first { !$0.appointments.isEmpty }?.appointments ?? []
        stage.outcome = "upheld"
        stage.dueOn = day
        stage.withdrawnOn = day.adding(days: 3)
        stage.escalatedUnansweredOn = day.adding(days: 4)
        stage.lateRequestReason = "Was in hospital — café"
        stage.refusedOn = day.adding(days: 5)
        let all = demo.map(\.records)
        var records = all.max { $0.natures.count < $1.natures.count }!
        records.outcomesSought = ["apology"]
        records.actualOutcomes = ["apology-and-explanation"]
        records.remedialActionTaken = true
        records.ombudsman = all.first { $0.ombudsman.contains { !$0.remedies.isEmpty } }?.ombudsman ?? []
        records.costs = all.first { !$0.costs.isEmpty }?.costs ?? []
        records.learning = all.first { !$0.learning.isEmpty }?.learning ?? []
        records.actions = Array(all.flatMap(\.actions).filter { $0.doneOn != nil }.prefix(2))
        records.intake.matterAroseOn = day
        records.intake.lateAcceptedReason = "Unwell"
        records.intake.eligibility = Intake.Eligibility(
            basis: "sufficient-interest", sufficientInterest: true, decidedOn: day, reasons: "Grandparent")
        records.intake.refusal = Intake.Refusal(reason: "out-of-time", decidedOn: day, notifiedOn: day.adding(days: 1))
        records.intake.advocacyOfferedOn = day
        records.intake.advocateAppointedOn = day.adding(days: 2)
        records.intake.childConsent = Intake.ChildConsent(given: true, recordedOn: day)
        records.intake.joint = Intake.JointComplaint(partner: "ICB", councilLeads: false, agreedOn: day)
        records.intake.convertedFrom = Intake.Conversion(
            from: .preComplaint, firstReceivedOn: day.adding(days: -9), convertedOn: day)
        records.intake.closedOn = day.adding(days: 30)
        records.intake.earlyResolutionOn = day.adding(days: 2)
        records.intake.earlyResolutionResolved = false
        records.team = "Reablement North"
        records.publicationQuote = "xxx was kind"
        records.quoteConsent = false
        records.links = [
            CaseLink(kind: .sameComplainant, representationID: "r-1", reference: "ASC-2025-00001", linkedOn: day)
        ]
        records.otherServices = ["home-care"]
        records.adjustments = all.first { !$0.adjustments.isEmpty }?.adjustments ?? []
        return (stage, records)
    }

    @Test("a stage and case records with every field set are read as Codable reads them, by the fast path itself")
    func everyField() throws {
        let (stage, records) = Self.everything()
        #expect(Self.unset(stage).isEmpty, "fields the sample stage leaves empty: \(Self.unset(stage))")
        #expect(Self.unset(records).isEmpty, "fields the sample records leave empty: \(Self.unset(records))")
        for (name, part) in [
            ("intake", records.intake as Any), ("an extension", try #require(stage.extensions.first) as Any),
            ("a pause", try #require(stage.pauses.first) as Any),
            ("a learning point", try #require(records.learning.first) as Any),
            ("an action", try #require(records.actions.first) as Any),
        ] {
            #expect(Self.unset(part).isEmpty, "fields the sample's \(name) leaves empty: \(Self.unset(part))")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for text in [String(decoding: try encoder.encode(stage), as: UTF8.self)] {
            let document = try #require(Document(text))
            #expect(try Stage(document: document, node: 0) == stage)
            #expect(try JSONDecoder().decode(Stage.self, from: Data(text.utf8)) == stage)
        }
        let text = String(decoding: try encoder.encode(records), as: UTF8.self)
        let document = try #require(Document(text))
        #expect(try CaseRecords(document: document, node: 0) == records)
        #expect(try JSONDecoder().decode(CaseRecords.self, from: Data(text.utf8)) == records)
    }

    @Test(
        "documents from before a list existed, and with nulls, read as Codable reads them",
        arguments: [
            #"{"key":"stage-1","openedOn":"2024-04-02"}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","dueOn":null,"outcome":null,"milestones":{}}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","pauses":"#
                + #"[{"reason":"other","from":"2024-04-03","until":null}]}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","milestones":"#
                + #"{"responded":"2024-04-20","acknowledged":"2024-04-03"}}"#,
        ])
    func olderStages(text: String) throws {
        let document = try #require(Document(text))
        #expect(try Stage(document: document, node: 0) == JSONDecoder().decode(Stage.self, from: Data(text.utf8)))
    }

    @Test(
        "what the readers cannot read is refused, and Foundation's decoder gives its answer or error",
        arguments: [
            #"{"key":"stage-1","openedOn":"2024-02-30"}"#,
            #"{"key":"stage-1"}"#,
            #"{"key":null,"openedOn":"2024-04-02"}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","milestones":{"someday":"2024-04-03"}}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","milestones":[]}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","pauses":{}}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","pauses":[{"reason":"holiday","from":"2024-04-03"}]}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","pauses":[{"reason":"other"}]}"#,
            #"{"key":"stage-1","openedOn":"2024-04-02","pauses":[{"reason":"other","from":"2024-04-03","until":3}]}"#,
            #"{"key":"stage-1","openedOn":"2024\u002d04-02"}"#,
        ])
    func refusedStages(text: String) throws {
        let document = try #require(Document(text))
        #expect(throws: NotPlainJSON.self) { try Stage(document: document, node: 0) }
        let foundation = Result { try JSONDecoder().decode(Stage.self, from: Data(text.utf8)) }
        let ours = Result { try DocumentDecoder().decode(Stage.self, from: text) }
        switch (foundation, ours) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(String(describing: a) == String(describing: b))
        default: Issue.record("Foundation gave \(foundation), the fast decoder \(ours)")
        }
    }

    @Test(
        "records with an intake, and with the lists written only when they have something, read as Codable reads them")
    func olderRecords() throws {
        for text in [
            #"{"natures":["x"],"intake":{}}"#, #"{}"#, #"{"intake":{"matterAroseOn":"2024-01-05"},"team":null}"#,
            #"{"natures":[],"costs":[],"links":[],"remedialActionTaken":false}"#,
        ] {
            let document = try #require(Document(text))
            #expect(
                try CaseRecords(document: document, node: 0)
                    == JSONDecoder().decode(CaseRecords.self, from: Data(text.utf8)), "\(text)")
        }
    }
}
