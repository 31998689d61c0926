/// Go's `strconv.FormatFloat(x, fmt, -1, 64)` for `'f'` and `'g'`, which cel-go uses for
/// `string(double)` and for duration text. Both print the shortest digits that round-trip;
/// Swift's `description` computes the same digits, which are re-laid out here.
enum GoFloatFormat {
    /// Shortest round-trip digits and the decimal point position: value = 0.d1d2... × 10^point.
    private static func shortestDigits(_ magnitude: Double) -> (digits: [UInt8], point: Int) {
        let text = "\(magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(character - 48)
            if !seenPoint { point += 1 }
        }
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        return (digits, point + exponent)
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        return nil
    }

    /// `'f'` with the shortest precision: `1.5`, `5400`, `0.000001`.
    static func fixed(_ value: Double) -> String {
        if let special = special(value) { return special }
        let (digits, point) = shortestDigits(abs(value))
        return (value < 0 ? "-" : "") + layoutFixed(digits, point)
    }

    private static func layoutFixed(_ digits: [UInt8], _ point: Int) -> String {
        let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + text }
        if point >= digits.count { return text + String(repeating: "0", count: point - digits.count) }
        let split = text.index(text.startIndex, offsetBy: point)
        return text[..<split] + "." + text[split...]
    }

    /// `'g'` with the shortest precision: exponent form when the exponent is < -4 or >= 6
    /// (`1e+06`, `1.5e-05`), fixed otherwise (`123456`, `0.0001`).
    static func general(_ value: Double) -> String {
        if let special = special(value) { return special }
        let (digits, point) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        let exponent = point - 1
        guard exponent < -4 || exponent >= 6 else { return sign + layoutFixed(digits, point) }
        var text = sign + String(digits[0])
        if digits.count > 1 {
            text += "." + String(decoding: digits.dropFirst().map { $0 + 48 }, as: UTF8.self)
        }
        let exponentDigits = String(abs(exponent))
        text += (exponent < 0 ? "e-" : "e+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        return text
    }
}
