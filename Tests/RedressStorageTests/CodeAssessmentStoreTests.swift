import Foundation
import RedressCore
import RedressTestSupport
import Testing

@testable import RedressStorage

@Suite("Storage: the Complaint Handling Code self-assessment")
struct CodeAssessmentStoreTests {
    @Test(
        "answers saved at once: one provision from one version keeps exactly one; different provisions all keep",
        arguments: TestDatabase.engines)
    func concurrentAnswers(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = CodeAssessmentStore(database: database)
            let day = CalendarDate(iso: "2026-11-30")!
            let unsaved = SettingsStore.unsavedVersion
            // Twelve managers answer the same provision from the same unanswered form.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        let answer = CodeSelfAssessment.Answer(
                            status: .compliant, evidence: "Manager \(i)", action: "", answeredOn: day)
                        do {
                            try await store.save(answer, year: 2026, provision: "staff", expectedVersion: unsaved)
                            return true
                        } catch DatabaseError.conflict { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count(where: { $0 }) == 1)
            // Every other provision answered at once, each from its own version: none is lost.
            let others = ComplaintHandlingCode.provisions.map(\.id).filter { $0 != "staff" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in others {
                    group.addTask {
                        try await store.save(
                            .init(status: .partly, evidence: id, action: "Act on \(id)", answeredOn: day), year: 2026,
                            provision: id, expectedVersion: unsaved)
                    }
                }
                try await group.waitForAll()
            }
            let (assessment, versions) = try await store.assessment(year: 2026)
            #expect(assessment.unanswered.isEmpty && versions.count == ComplaintHandlingCode.provisions.count)
            #expect(others.allSatisfy { assessment.answers[$0]?.evidence == $0 })
            #expect(try await store.assessment(year: 2025).assessment.answers.isEmpty, "kept per year")
        }
    }
}
