extension ComplaintsReport {
    /// Plain text for the command line: findings, then each table with its basis and notes.
    public func text() -> String {
        var out = "\(title)\n\(firstDay.longDisplay) to \(lastDay.longDisplay)\n"
        for section in sections {
            out += "\n\(section.title)\n\(String(repeating: "=", count: section.title.count))\n"
            for finding in section.findings { out += "- \(finding)\n" }
            for table in section.tables {
                out += "\n\(table.title)\nBasis: \(table.basis.explanation)\n"
                let width = max(12, (table.rows.map(\.label.count).max() ?? 0) + 2)
                out += pad("", width) + table.columns.map { pad($0, 12) }.joined() + "\n"
                for row in table.rows {
                    out += pad(row.label, width) + row.cells.map { pad($0.display, 12) }.joined() + "\n"
                }
                for note in table.notes { out += "Note: \(note)\n" }
            }
        }
        return out + "\n\(rounding)\n"
    }

    private func pad(_ s: String, _ width: Int) -> String { s.paddedColumn(width) }
}
