import Foundation

/// What the case search indexes for one case, already folded the way a search is: lower case,
/// accents removed, punctuation dropped (`SubjectAccess.normalise`), so both engines match the
/// same way and "sian o'neil" finds "Siân O'Neil".
public struct SearchDocument: Sendable, Hashable {
    /// The reference as typed (lower case) and as words: `csc-2023-00017 csc 2023 00017`.
    public var reference: String
    /// The complainant's, subject's and advocate's names.
    public var names: String
    /// Contact details as typed (lower case), as words, and phone numbers as digits only.
    public var contact: String
    /// The summary, and (with the case's notes) everything written about it.
    public var body: String

    public init(reference: String, names: String, contact: String, body: String) {
        self.reference = reference
        self.names = names
        self.contact = contact
        self.body = body
    }

    /// The document for `r` and any further text written on it (notes, contact log).
    public init(_ r: Representation, more: [String] = []) {
        let fold = SubjectAccess.normalise
        reference = [r.reference.lowercased(), fold(r.reference)].joined(separator: " ")
        names = [r.complainant.name, r.subjectName, r.complainant.advocate].compactMap { $0 }.map(fold).joined(
            separator: " ")
        let contactText = r.complainant.contact ?? ""
        let digits = contactText.filter(\.isNumber)
        contact = [contactText.lowercased(), fold(contactText), digits.count >= 6 ? digits : ""].filter { !$0.isEmpty }
            .joined(separator: " ")
        body = ([r.summary] + more).map(fold).joined(separator: " ")
    }
}

/// A search as typed, ready for either engine: its words (each matched as the start of a word,
/// so "Jon Smith" finds "Jonathan Smith"), and the text as typed for matching inside a reference
/// or contact detail ("00017", "example.org").
public struct SearchQuery: Sendable, Hashable {
    public var words: [String]
    public var text: String

    /// `nil` for a search with nothing to look for; at most 12 words, 200 characters.
    public init?(_ typed: String) {
        let trimmed = String(typed.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        let folded = SubjectAccess.normalise(trimmed).split(separator: " ").map(String.init).filter { !$0.isEmpty }
        guard !folded.isEmpty else { return nil }
        words = Array(folded.prefix(12))
        text = trimmed.lowercased()
    }

    /// Whether `text` is long enough to look for inside references and contact details.
    public var matchesInside: Bool { text.count >= 3 && !text.contains(" ") }
}
