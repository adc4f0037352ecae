import Foundation
import Testing

/// "One place decides who sees a case, and every path that reads cases goes through it": the
/// web layer's sources are held to that. Only `CaseAccess.swift` may use the case store, a
/// case's history or the case page's one read of its records (`CaseWorkspaceRead`); everything
/// else asks `CaseAccess`, which checks the viewer first.
@Suite("Case access: one place")
struct CaseAccessSourceTests {
    /// A read of a case's documents or contact log straight from its store, which only
    /// `CaseAccess` may make (writes go to the stores once the case is found).
    static func readsCorrespondence(_ line: Substring) -> Bool {
        let read = #"\.(documents\(of:|content\(of:|document\(id:|entries\(of:|entry\(id:|history\(of:)"#
        return line.contains(try! Regex(#"(DocumentStore|ContactLogStore)\(.*\)\s*"# + read))
            || line.contains(try! Regex(#"\bstore"# + read))
    }

    @Test("no file of RedressWeb but CaseAccess.swift reads cases, their history, documents or contact log")
    func onePlace() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/RedressWeb")
        let files = try #require(
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
        )
        .filter { $0.pathExtension == "swift" }
        #expect(files.count > 30)
        var offenders: [String] = []
        for file in files where file.lastPathComponent != "CaseAccess.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("RepresentationStore(") || line.contains("CaseEventLog.")
                || line.contains("CaseWorkspaceRead.read")
                || Self.readsCorrespondence(line) {
                offenders.append("\(file.lastPathComponent):\(number + 1)")
            }
        }
        #expect(offenders.isEmpty, "read cases through CaseAccess: \(offenders)")
    }
}
