/// Settings for day-to-day casework a council can change (`redress casework settings`).
public struct CaseworkSettings: Sendable, Codable, Hashable {
    /// A new case is checked against cases received this many days either side of it.
    public var duplicateWindowDays: Int

    public init(duplicateWindowDays: Int = 28) { self.duplicateWindowDays = duplicateWindowDays }

    public static let standard = CaseworkSettings()

    /// What is wrong with these settings, if anything.
    public var problem: String? {
        (0...366).contains(duplicateWindowDays) ? nil : "duplicateWindowDays must be from 0 to 366"
    }
}

/// Cases that may already be the one being recorded: the same person (by name or by contact
/// details, compared as the search compares them) about the same service area, received within
/// the window. A warning before saving, never a refusal: the officer decides.
public enum Duplicates {
    public static func likely(
        _ new: NewComplaint, among candidates: [Representation], windowDays: Int
    ) -> [Representation] {
        let fold = SubjectAccess.normalise
        let name = new.complainant.name.map(fold).flatMap { $0.isEmpty ? nil : $0 }
        let contact = new.complainant.contact.map(fold).flatMap { $0.isEmpty ? nil : $0 }
        let subject = new.subjectName.map(fold).flatMap { $0.isEmpty ? nil : $0 }
        guard name != nil || contact != nil || subject != nil else { return [] }
        var seen: Set<String> = []
        return candidates.filter { r in
            guard r.mergedInto == nil, r.serviceArea == new.serviceArea, seen.insert(r.id).inserted else {
                return false
            }
            guard abs(r.receivedOn.dayNumber - new.receivedOn.dayNumber) <= windowDays else { return false }
            let samePerson =
                (name != nil && r.complainant.name.map(fold) == name)
                || (contact != nil && r.complainant.contact.map(fold) == contact)
                || (subject != nil && r.subjectName.map(fold) == subject)
            return samePerson
        }.sorted { $0.receivedOn > $1.receivedOn }
    }
}
