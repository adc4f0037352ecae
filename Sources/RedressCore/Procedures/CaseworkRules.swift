/// The case as a piece of work: its owner, corrections to its details, links to other cases and
/// merging a duplicate. These apply to every kind of representation, open or closed, and are in
/// the history like any step, so a correction is never a silent edit.
extension Lifecycle {
    func applyCasework(_ command: CaseCommand, to r: inout Representation) throws(LifecycleError) -> Bool {
        switch command {
        case .assignOwner(let user, let on):
            if on > today { throw LifecycleError("date", "The date must be today or in the past") }
            if let user, user.isEmpty || user.count > 64 { throw LifecycleError("owner", "Select a member of staff") }
            if user == r.owner {
                throw LifecycleError("owner", user == nil ? "The case has no owner" : "They already own this case")
            }
            r.owner = user
        case .editDetails(let changes, let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw LifecycleError("reason", "Enter why the details are being changed")
            }
            guard !changes.isEmpty else { throw LifecycleError("details", "Nothing was changed") }
            var seen: Set<DetailField> = []
            for change in changes {
                guard seen.insert(change.field).inserted else {
                    throw LifecycleError(change.field.rawValue, "Change each detail once")
                }
                let current = change.field.value(of: r).flatMap { $0.isEmpty ? nil : $0 }
                guard current == change.from.flatMap({ $0.isEmpty ? nil : $0 }) else {
                    throw LifecycleError(
                        change.field.rawValue,
                        "\(change.field.displayName) was changed by someone else; check it and try again")
                }
                try checkDetail(change.field, change.to, area: r.serviceArea)
                change.field.set(change.to?.trimmingCharacters(in: .whitespacesAndNewlines), on: &r)
            }
        case .link(let link):
            guard link.representationID != r.id else {
                throw LifecycleError("link", "A case cannot be linked to itself")
            }
            guard !link.representationID.isEmpty, !link.reference.isEmpty else {
                throw LifecycleError("link", "Select the case to link")
            }
            if link.linkedOn > today { throw LifecycleError("date", "The date must be today or in the past") }
            if r.records.links.contains(where: { $0.representationID == link.representationID }) {
                throw LifecycleError("link", "This case is already linked to \(link.reference)")
            }
            guard CaseLink.Kind.chosen.contains(link.kind) else {
                throw LifecycleError("kind", "Merge links are made by merging")
            }
            r.records.links.append(link)
        case .unlink(let other):
            guard let index = r.records.links.firstIndex(where: { $0.representationID == other }) else {
                throw LifecycleError("link", "This case is not linked to that case")
            }
            guard CaseLink.Kind.chosen.contains(r.records.links[index].kind) else {
                throw LifecycleError("link", "A merge cannot be undone by removing its link")
            }
            r.records.links.remove(at: index)
        case .mergeInto(let survivor, let reference, let on):
            guard survivor != r.id else { throw LifecycleError("survivor", "A case cannot be merged into itself") }
            if on > today { throw LifecycleError("date", "The date must be today or in the past") }
            r.records.links.removeAll { $0.representationID == survivor }
            r.records.links.append(
                CaseLink(kind: .mergedInto, representationID: survivor, reference: reference, linkedOn: on))
            r.mergedInto = survivor
        case .absorb(let duplicate, let reference, let on):
            guard duplicate != r.id else { throw LifecycleError("duplicate", "A case cannot be merged into itself") }
            if on > today { throw LifecycleError("date", "The date must be today or in the past") }
            r.records.links.removeAll { $0.representationID == duplicate }
            r.records.links.append(
                CaseLink(kind: .mergedFrom, representationID: duplicate, reference: reference, linkedOn: on))
        default:
            return false
        }
        return true
    }

    /// A corrected detail's new value: present where the record needs it, a code where it is coded.
    private func checkDetail(_ field: DetailField, _ value: String?, area: ServiceArea) throws(LifecycleError) {
        let text = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let limits: [DetailField: Int] = [
            .complainantName: 200, .subjectName: 200, .advocate: 200, .contact: 500, .team: 200,
            .summary: NewComplaint.summaryLimit, .publicationQuote: 2_000,
        ]
        if let limit = limits[field], text.count > limit {
            throw LifecycleError(field.rawValue, "\(field.displayName) must be \(limit) characters or fewer")
        }
        switch field {
        case .summary where text.isEmpty:
            throw LifecycleError(field.rawValue, "Enter a summary")
        case .service, .method, .relationship:
            guard let list = field.list,
                reference.category(list, text, group: field == .service ? area.rawValue : nil) != nil
            else {
                throw LifecycleError(field.rawValue, "Select \(field.displayName.lowercased()) from the list")
            }
        case .childOrYoungPerson, .quoteConsent:
            guard text == "yes" || text == "no" || (field == .quoteConsent && text.isEmpty) else {
                throw LifecycleError(field.rawValue, "Select yes or no")
            }
        default:
            break
        }
    }
}
