import Foundation

/// A case that holds data about the person named in a subject access request (UK GDPR art. 15).
public struct SubjectAccessHit: Sendable, Codable, Hashable {
    /// How the case holds data about the person.
    public enum Basis: String, Sendable, Codable, Hashable, CaseIterable {
        case complainant, subject, advocate
        /// The name appears in free text: the officer must check it is the same person before
        /// disclosing, and redact third parties.
        case freeText = "free-text"
    }

    public var representationID: String
    public var reference: String
    public var basis: [Basis]
    /// Free-text fields where the name was found, in words ("Summary", "Action 2 description").
    public var freeTextFields: [String]

    /// Only a free-text mention: flagged for review before disclosure.
    public var needsReview: Bool { basis == [.freeText] }
}

/// Finds everything held about a named person: as complainant, as the person a case is about,
/// as advocate, or mentioned in free text. Matching ignores case, accents, punctuation and
/// spacing but not word order: "sian o'neil" finds "Siân O'Neil" and "SIAN ONEIL".
public enum SubjectAccess {
    public static func search(name: String, in representations: [Representation]) -> [SubjectAccessHit] {
        let wanted = normalise(name)
        guard !wanted.isEmpty else { return [] }
        return representations.compactMap { r in
            var basis: [SubjectAccessHit.Basis] = []
            if r.complainant.name.map(normalise) == wanted { basis.append(.complainant) }
            if r.subjectName.map(normalise) == wanted { basis.append(.subject) }
            if r.complainant.advocate.map(normalise) == wanted { basis.append(.advocate) }
            let fields = freeText(of: r).filter { " \(normalise($0.text)) ".contains(" \(wanted) ") }.map(\.field)
            if !fields.isEmpty { basis.append(.freeText) }
            guard !basis.isEmpty else { return nil }
            return SubjectAccessHit(
                representationID: r.id, reference: r.reference, basis: basis, freeTextFields: fields)
        }
    }

    /// Lower case, accents folded, punctuation dropped, single spaces.
    public static func normalise(_ text: String) -> String {
        asciiNormalised(text) ?? unicodeNormalised(text)
    }

    /// `normalise` for ASCII text (most of what is searched and indexed) in one pass over its
    /// bytes, with the same result as the general path: letters lowered, digits kept, whitespace
    /// and hyphens one space between words, anything else dropped. `nil` for any other text.
    static func asciiNormalised(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var spaced = false
        for byte in text.utf8 {
            var kept = byte
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "-"):
                spaced = true
                continue
            default: continue
            }
            if spaced && !out.isEmpty { out.append(UInt8(ascii: " ")) }
            spaced = false
            out.append(kept)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `normalise` for any text: Foundation folds case and accents, then character sets decide.
    static func unicodeNormalised(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        let kept = folded.unicodeScalars.map {
            CharacterSet.alphanumerics.contains($0)
                ? Character($0) : (CharacterSet.whitespacesAndNewlines.contains($0) || $0 == "-" ? " " : nil)
        }
        return String(kept.compactMap { $0 }).split(separator: " ").joined(separator: " ")
    }

    /// Every free-text field of a case, named for the person reviewing the hits.
    public static func freeText(of r: Representation) -> [(field: String, text: String)] {
        var out: [(String, String)] = [("Summary", r.summary)]
        if let contact = r.complainant.contact { out.append(("Contact details", contact)) }
        for s in r.stages {
            if let reason = s.lateRequestReason { out.append(("\(s.key): late request reason", reason)) }
            for (i, e) in s.extensions.enumerated() { out.append(("\(s.key): extension \(i + 1) reason", e.reason)) }
            for p in s.points { out.append(("\(s.key): point \(p.number)", p.text)) }
        }
        let intake = r.records.intake
        if let reason = intake.lateAcceptedReason { out.append(("Late complaint accepted because", reason)) }
        if let reasons = intake.eligibility?.reasons { out.append(("Eligibility reasons", reasons)) }
        for o in r.records.ombudsman {
            for (i, remedy) in o.remedies.enumerated() { out.append(("Ombudsman remedy \(i + 1)", remedy.description)) }
        }
        for (i, c) in r.records.costs.enumerated() { out.append(("Cost \(i + 1) note", c.note)) }
        for (i, l) in r.records.learning.enumerated() { out.append(("Learning \(i + 1)", l.description)) }
        for (i, a) in r.records.actions.enumerated() {
            out.append(("Action \(i + 1) description", a.description))
            out.append(("Action \(i + 1) owner", a.owner))
        }
        if let quote = r.records.publicationQuote { out.append(("Quote for publication", quote)) }
        return out
    }
}
