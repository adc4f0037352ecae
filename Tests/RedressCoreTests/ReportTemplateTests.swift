import RedressCore
import Testing

@Suite("Report template")
struct ReportTemplateCoreTests {
    @Test("a saved template is fitted to this version's chapters")
    func fitted() {
        let saved = ReportTemplate(chapters: [
            .init(id: "appendix", title: "  "), .init(id: "retired", title: "Gone"),
            .init(id: "adults", title: "Adults", shown: false), .init(id: "adults", title: "Again"),
        ])
        let fitted = saved.fitted
        #expect(fitted.chapters.map(\.id).prefix(2) == ["appendix", "adults"])
        #expect(fitted.chapters[0].title == "Appendix: data tables")
        #expect(fitted.chapters[1].shown == false)
        #expect(Set(fitted.chapters.map(\.id)) == Set(ReportTemplate.standard.chapters.map(\.id)))
        #expect(fitted.chapters.count == ReportTemplate.standard.chapters.count)
        #expect(ReportTemplate.standard.moving("adults", by: -1).chapters[1].id == "adults")
        let hidden = ReportTemplate(
            chapters: ReportTemplate.standard.chapters.map { .init(id: $0.id, title: $0.title, shown: false) })
        #expect(hidden.problems.map(\.message) == ["Show at least one chapter"])
    }
}
