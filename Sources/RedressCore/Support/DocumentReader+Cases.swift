import Foundation

/// A case's stages and records read straight from a `Document`'s nodes, without `Codable`'s
/// containers: a report reads tens of thousands of them, and `Codable`'s generic calls were most of
/// their decoding. The fields each type's `init(from:)` reads are read here the same way (a list
/// or code added later defaults as it does there); lists that are rarely filled in (extensions,
/// referrals, costs…) are read by their own `Codable` when they have anything in them. Whatever is
/// not as expected is refused (`NotPlainJSON`), and Foundation's decoder then reads the whole
/// document, so the answer and every error stay Foundation's. `DocumentDecoderTests` holds these
/// readers to `Codable`'s on every document of a demo council and on values with every field set.
extension Document {
    /// The node of `key`'s value in the object at `object`: `nil` when absent or null, as
    /// `decodeIfPresent` treats both.
    func member(_ object: Int, _ key: StaticString) -> Int? {
        var at = object + 1
        for _ in 0..<nodes[object].count {
            if keyMatches(at, key) { return nodes[at + 1].kind == .null ? nil : at + 1 }
            at = Int(nodes[at + 1].next)
        }
        return nil
    }

    func required(_ object: Int, _ key: StaticString) throws -> Int {
        guard let at = member(object, key) else { throw NotPlainJSON() }
        return at
    }

    /// Whether the string at `index` is exactly `key` (compared as bytes when it has no escapes).
    func keyMatches(_ index: Int, _ key: StaticString) -> Bool {
        let node = nodes[index]
        let length = Int(node.end - node.start)
        guard !node.escaped else { return (try? string(index)) == key.description }
        guard length == key.utf8CodeUnitCount else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + Int(node.start), key.utf8Start, length) == 0
        }
    }

    /// A day written `YYYY-MM-DD`, as `CalendarDate` decodes it.
    func date(_ index: Int) throws -> CalendarDate {
        let node = nodes[index]
        guard node.kind == .string, !node.escaped,
            let day = CalendarDate(iso: String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self))
        else { throw NotPlainJSON() }
        return day
    }

    func strings(_ index: Int) throws -> [String] {
        guard nodes[index].kind == .array else { throw NotPlainJSON() }
        var out: [String] = [], at = index + 1
        out.reserveCapacity(Int(nodes[index].count))
        for _ in 0..<nodes[index].count {
            out.append(try string(at))
            at = Int(nodes[at].next)
        }
        return out
    }

    /// A list read by its elements' own `Codable` (none to read when it is empty).
    func list<T: Decodable>(_ index: Int, of type: T.Type) throws -> [T] {
        guard nodes[index].kind == .array else { throw NotPlainJSON() }
        return nodes[index].count == 0 ? [] : try DocumentReader(self, node: index).read([T].self)
    }

    /// A list of objects, each read by `read` from its node.
    func objects<T>(_ index: Int, _ read: (Int) throws -> T) throws -> [T] {
        guard nodes[index].kind == .array else { throw NotPlainJSON() }
        var out: [T] = [], at = index + 1
        out.reserveCapacity(Int(nodes[index].count))
        for _ in 0..<nodes[index].count {
            guard nodes[at].kind == .object else { throw NotPlainJSON() }
            out.append(try read(at))
            at = Int(nodes[at].next)
        }
        return out
    }

    /// A code of a fixed list, by its raw value.
    func code<T: RawRepresentable>(_ index: Int, as type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(index)) else { throw NotPlainJSON() }
        return value
    }

    /// A stage's milestones: an object of dates keyed by the milestones' codes.
    func milestones(_ index: Int) throws -> [Milestone: CalendarDate] {
        guard nodes[index].kind == .object else { throw NotPlainJSON() }
        var out: [Milestone: CalendarDate] = [:], at = index + 1
        out.reserveCapacity(Int(nodes[index].count))
        for _ in 0..<nodes[index].count {
            guard let milestone = Milestone(rawValue: try string(at)) else { throw NotPlainJSON() }
            out[milestone] = try date(at + 1)
            at = Int(nodes[at + 1].next)
        }
        return out
    }
}

extension Stage {
    /// Read as `init(from:)` reads it.
    init(document d: Document, node o: Int) throws {
        guard d.nodes[o].kind == .object else { throw NotPlainJSON() }
        key = try d.string(d.required(o, "key"))
        openedOn = try d.date(d.required(o, "openedOn"))
        dueOn = try d.member(o, "dueOn").map(d.date)
        milestones = try d.member(o, "milestones").map(d.milestones) ?? [:]
        extensions =
            try d.member(o, "extensions").map { try d.objects($0) { try Extension(document: d, node: $0) } } ?? []
        pauses = try d.member(o, "pauses").map { try d.objects($0) { try Pause(document: d, node: $0) } } ?? []
        outcome = try d.member(o, "outcome").map(d.string)
        withdrawnOn = try d.member(o, "withdrawnOn").map(d.date)
        escalatedUnansweredOn = try d.member(o, "escalatedUnansweredOn").map(d.date)
        lateRequestReason = try d.member(o, "lateRequestReason").map(d.string)
        appointments = try d.member(o, "appointments").map { try d.list($0, of: Appointment.self) } ?? []
        refusedOn = try d.member(o, "refusedOn").map(d.date)
        points = try d.member(o, "points").map { try d.list($0, of: ComplaintPoint.self) } ?? []
    }
}

extension Pause {
    /// Read as `init(from:)` reads it: the demo's stages pause often enough for `Codable` to be 3% of
    /// a report.
    init(document d: Document, node o: Int) throws {
        self.init(
            reason: try d.code(d.required(o, "reason"), as: Reason.self), from: try d.date(d.required(o, "from")),
            until: try d.member(o, "until").map(d.date))
    }
}

extension CaseRecords {
    /// Read as `init(from:)` reads it.
    init(document d: Document, node o: Int) throws {
        guard d.nodes[o].kind == .object else { throw NotPlainJSON() }
        self.init()
        natures = try d.member(o, "natures").map(d.strings) ?? []
        outcomesSought = try d.member(o, "outcomesSought").map(d.strings) ?? []
        actualOutcomes = try d.member(o, "actualOutcomes").map(d.strings) ?? []
        remedialActionTaken = try d.member(o, "remedialActionTaken").map(d.flag)
        ombudsman = try d.member(o, "ombudsman").map { try d.list($0, of: OmbudsmanReferral.self) } ?? []
        costs = try d.member(o, "costs").map { try d.list($0, of: Cost.self) } ?? []
        learning =
            try d.member(o, "learning").map { try d.objects($0) { try LearningPoint(document: d, node: $0) } } ?? []
        actions =
            try d.member(o, "actions").map { try d.objects($0) { try ServiceAction(document: d, node: $0) } } ?? []
        intake = try d.member(o, "intake").map { try Intake(document: d, node: $0) } ?? Intake()
        team = try d.member(o, "team").map(d.string)
        publicationQuote = try d.member(o, "publicationQuote").map(d.string)
        quoteConsent = try d.member(o, "quoteConsent").map(d.flag)
        links = try d.member(o, "links").map { try d.list($0, of: CaseLink.self) } ?? []
        otherServices = try d.member(o, "otherServices").map(d.strings) ?? []
        adjustments = try d.member(o, "adjustments").map { try d.list($0, of: ReasonableAdjustment.self) } ?? []
    }
}

extension Extension {
    init(document d: Document, node o: Int) throws {
        self.init(
            clockKey: try d.string(d.required(o, "clockKey")), agreedOn: try d.date(d.required(o, "agreedOn")),
            newDueOn: try d.date(d.required(o, "newDueOn")), reason: try d.string(d.required(o, "reason")),
            complainantInformedOn: try d.member(o, "complainantInformedOn").map(d.date))
    }
}

extension LearningPoint {
    init(document d: Document, node o: Int) throws {
        self.init(
            id: try d.string(d.required(o, "id")), theme: try d.string(d.required(o, "theme")),
            description: try d.string(d.required(o, "description")), recordedOn: try d.date(d.required(o, "recordedOn"))
        )
    }
}

extension ServiceAction {
    init(document d: Document, node o: Int) throws {
        self.init(
            id: try d.string(d.required(o, "id")), kind: try d.code(d.required(o, "kind"), as: Kind.self),
            description: try d.string(d.required(o, "description")), owner: try d.string(d.required(o, "owner")),
            dueOn: try d.date(d.required(o, "dueOn")), doneOn: try d.member(o, "doneOn").map(d.date))
    }
}

extension Intake {
    /// Every field is optional; the decisions within it (eligibility, refusal…) are read by their
    /// own `Codable`.
    init(document d: Document, node o: Int) throws {
        guard d.nodes[o].kind == .object else { throw NotPlainJSON() }
        self.init()
        guard d.nodes[o].count > 0 else { return }
        func decision<T: Decodable>(_ key: StaticString, _ type: T.Type) throws -> T? {
            try d.member(o, key).map { try DocumentReader(d, node: $0).read(T.self) }
        }
        matterAroseOn = try d.member(o, "matterAroseOn").map(d.date)
        lateAcceptedReason = try d.member(o, "lateAcceptedReason").map(d.string)
        eligibility = try decision("eligibility", Eligibility.self)
        refusal = try decision("refusal", Refusal.self)
        advocacyOfferedOn = try d.member(o, "advocacyOfferedOn").map(d.date)
        advocateAppointedOn = try d.member(o, "advocateAppointedOn").map(d.date)
        childConsent = try decision("childConsent", ChildConsent.self)
        joint = try decision("joint", JointComplaint.self)
        convertedFrom = try decision("convertedFrom", Conversion.self)
        closedOn = try d.member(o, "closedOn").map(d.date)
        earlyResolutionOn = try d.member(o, "earlyResolutionOn").map(d.date)
        earlyResolutionResolved = try d.member(o, "earlyResolutionResolved").map(d.flag)
    }
}
