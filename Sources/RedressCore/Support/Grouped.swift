extension Int {
    /// The number as GOV.UK style writes it, with commas between thousands: 1334 → "1,334",
    /// −12000 → "−12,000" (a minus sign, not a hyphen, as the report's changes are written). A
    /// committee reads "1,334 complaints"; "1334" reads as a year.
    public var grouped: String {
        let digits = Array(String(magnitude).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        let text = String(decoding: out, as: UTF8.self)
        return self < 0 ? "\u{2212}" + text : text
    }
}
