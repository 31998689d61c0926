/// The parsed form of an RE2 regular expression.
indirect enum RegexNode: Sendable {
    case empty
    case literal(Unicode.Scalar, foldCase: Bool)
    /// `.`; matches `\n` only under the `s` flag.
    case anyScalar(matchesNewline: Bool)
    case characterClass(CharacterClass)
    case assertion(RegexAssertion)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `min` to `max` repetitions; `max == nil` is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Zero-width assertions RE2 supports.
enum RegexAssertion: Sendable {
    /// `^`: start of text, or of a line under the `m` flag.
    case lineStart(multiline: Bool)
    /// `$`: end of text, or of a line under the `m` flag.
    case lineEnd(multiline: Bool)
    /// `\A`
    case textStart
    /// `\z`
    case textEnd
    /// `\b`
    case wordBoundary
    /// `\B`
    case notWordBoundary
}

/// A bracket expression or Perl class (`[a-z]`, `[^\d]`, `\w`, `\pL`).
struct CharacterClass: Sendable {
    enum Item: Sendable {
        case range(UInt32, UInt32)
        case category(Set<Unicode.GeneralCategory>, negated: Bool)
    }

    var items: [Item] = []
    var negated = false
    var foldCase = false

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        var found = contains(scalar)
        if !found, foldCase {
            for variant in CaseFolding.variants(of: scalar) where variant != scalar && contains(variant) {
                found = true
                break
            }
        }
        return found != negated
    }

    private func contains(_ scalar: Unicode.Scalar) -> Bool {
        for item in items {
            switch item {
            case .range(let low, let high):
                if scalar.value >= low, scalar.value <= high { return true }
            case .category(let categories, let negated):
                if categories.contains(scalar.properties.generalCategory) != negated { return true }
            }
        }
        return false
    }
}

/// Simple case folding for `(?i)`: a scalar matches another when their lowercase or
/// uppercase single-scalar mappings agree.
enum CaseFolding {
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 128 {
            return scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let only = lower.first { return only }
        return scalar
    }

    static func variants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var result = [scalar, fold(scalar)]
        let upper = scalar.properties.uppercaseMapping.unicodeScalars
        if upper.count == 1, let only = upper.first { result.append(only) }
        return result
    }
}
