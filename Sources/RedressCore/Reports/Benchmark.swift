import Foundation

/// A council's figures for a year on the common definitions, to share with other councils (a
/// regional complaints managers' group, the National Complaints Managers Group): Redress's
/// standard counting whatever conventions the council's own report uses, small numbers
/// suppressed, no personal data, signed by the council. Comparing files needs no database.
public struct BenchmarkFile: Sendable, Hashable, Codable {
    public static let format = "redress-benchmark-1"
    /// Counts (and the parts of shares) between 1 and this are withheld.
    public static let suppressBelow = 5

    public var format: String
    public var council: String
    /// The financial year's start year.
    public var year: Int
    public var residents: Int?
    public var children: Int?
    public var figures: [Figure]
    /// The signer's Ed25519 public key and its signature of `signedContent`, base64.
    public var publicKey: String?
    public var signature: String?

    /// What each measure counts, stated with every comparison.
    public static let measures: [(id: String, label: String, definition: String)] = [
        ("adults.received", "Adults' complaints", "Statutory adult social care complaints received in the year."),
        ("children.received", "Children's complaints", "Statutory children's social care complaints received."),
        ("corporate.received", "Corporate complaints", "Corporate complaints received in the year."),
        (
            "children.stage-1.within-10", "Children's stage 1 within 10 working days",
            "Share of children's stage 1 responses sent in the year within 10 working days of receipt."
        ),
        (
            "corporate.stage-1.within-10", "Corporate stage 1 within 10 working days",
            "Share of corporate stage 1 responses sent within 10 working days of acknowledgement."
        ),
        (
            "adults.fault-found", "Adults' complaints upheld or partly upheld",
            "Share of adults' complaints closed in the year whose last finding was upheld or partly upheld."
        ),
        (
            "children.fault-found", "Children's complaints upheld or partly upheld",
            "Share of children's complaints closed in the year whose last finding was upheld or partly upheld."
        ),
        (
            "corporate.fault-found", "Corporate complaints upheld or partly upheld",
            "Share of corporate complaints closed in the year whose last finding was upheld or partly upheld."
        ),
        (
            "children.escalation", "Children's stage 1 escalated to stage 2",
            "Share of children's stage 1 responses sent in the year that went on to stage 2."
        ),
        (
            "ombudsman.upheld", "Ombudsman decisions upheld",
            "The Ombudsman's upheld decisions dated in the year, all services."
        ),
    ]

    public init(
        council: String, year: Int, residents: Int?, children: Int?, figures: [Figure], publicKey: String? = nil,
        signature: String? = nil
    ) {
        self.format = Self.format
        self.council = council
        self.year = year
        self.residents = residents
        self.children = children
        self.figures = figures
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The council's file for `year`, from its records counted the standard way.
    public static func make(
        council: String, year: FinancialYear, records: [Representation], residents: Int?, children: Int?,
        calendar: WorkingDayCalendar, procedures: [ProcedureDefinition] = BuiltInProcedures.all
    ) -> BenchmarkFile {
        let report = AnnualReportBuilder(
            year: year, scope: .all, earlierYears: 0, calendar: calendar, procedures: procedures
        ).build(from: records)
        let byID = report.figuresByID
        let period = year.firstDay...year.lastDay
        var figures: [Figure] = []
        for area in ServiceArea.allCases {
            let n = Counting.received(records.filter { $0.serviceArea == area }, kind: .complaint, in: period)
            figures.append(
                .count("\(area.rawValue).received", "\(area.displayName): complaints", n, basis: .receivedInPeriod))
        }
        let taken: [(String, String)] = [
            ("children.stage-1.within-10", "timeliness.children-statutory.stage-1.band1.share"),
            ("corporate.stage-1.within-10", "timeliness.corporate.stage-1.band1.share"),
            ("adults.fault-found", "fault-found.adults"), ("children.fault-found", "fault-found.children"),
            ("corporate.fault-found", "fault-found.corporate"),
            ("children.escalation", "escalation.children-statutory.stage-1.rate"),
            ("ombudsman.upheld", "lgsco.all.upheld"),
        ]
        for (id, source) in taken {
            guard var figure = byID[source] else { continue }
            figure.id = id
            figures.append(figure)
        }
        return BenchmarkFile(
            council: council, year: year.startYear, residents: residents, children: children,
            figures: figures.map(Self.suppressed))
    }

    /// A small count, or a share of a small count, withheld.
    static func suppressed(_ f: Figure) -> Figure {
        let small = (f.numerator ?? 0) > 0 && (f.numerator ?? 0) < suppressBelow
        guard small, f.kind == .count || f.kind == .share else { return f }
        return .suppressed(f.id, f.label, below: suppressBelow, basis: f.basis)
    }

    /// Everything but the signature, in one canonical form: what is signed.
    public var signedContent: Data {
        var unsigned = self
        unsigned.signature = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(unsigned)) ?? Data()
    }

    /// Problems that stop a file being compared, naming the file.
    public func problems(name: String) -> [String] {
        var problems: [String] = []
        if format != Self.format { problems.append("\(name): not a Redress benchmark file (\(format))") }
        if council.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name): names no council") }
        if let unknown = figures.first(where: { f in !Self.measures.contains { $0.id == f.id } }) {
            problems.append("\(name): \(unknown.id) is not a common measure")
        }
        return problems
    }

    public func figure(_ id: String) -> Figure? { figures.first { $0.id == id } }
}
