import RedressCore
import RedressStorage

/// A complaint recorded the way the recording form does it, for tests that need a case to work
/// on and care only about its area, service and complainant.
public enum TestCases {
    public static func complaint(
        in database: Database, name: String, area: ServiceArea = .adultSocialCare, service: String = "assessment",
        relationship: String = "self", received: String = "2024-02-01", summary: String = "Missed visits",
        calendar: WorkingDayCalendar = .englandAndWales
    ) async throws -> Representation {
        try await RepresentationStore(database: database).record(
            NewComplaint(
                serviceArea: area, procedure: BuiltInProcedures.defaultProcedure(for: area),
                receivedOn: CalendarDate(iso: received)!, methodOfReceipt: "email",
                complainant: Complainant(relationship: relationship, name: name), serviceCategory: service,
                summary: summary),
            engine: ClockEngine(calendar: calendar))
    }
}
