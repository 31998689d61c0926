/// Parses the RE2 syntax that CEL's `matches` specifies: literals, `.`, bracket classes
/// with ranges, negation and `[:alpha:]`-style POSIX classes, `\d \w \s \D \W \S`,
/// `\pL`/`\p{Lu}` general categories, anchors `^ $ \A \z \b \B`, `* + ? {n} {n,} {n,m}` and
/// their lazy forms, alternation, capturing, named and non-capturing groups, flags
/// `(?i)`, `(?m)`, `(?s)`, `(?U)`, escapes (`\n`, `\x41`, `\x{263A}`, octal, `\Q...\E`).
/// Backreferences and lookaround are not RE2 and are rejected, as Go's regexp does.
struct RegexParser {
    /// RE2's limit on `{n,m}` counts.
    static let maximumRepeat = 1000

    struct Flags {
        var foldCase = false
        var multiline = false
        var dotAll = false
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var flags = Flags()
    private var depth = 0

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(RegexError) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.alternation()
        guard parser.index == parser.scalars.count else {
            throw RegexError("unexpected ): `\(pattern)`")
        }
        return node
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func alternation() throws(RegexError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 200 else { throw RegexError("expression nests too deeply") }
        var branches = [try concatenation()]
        while peek() == "|" {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(RegexError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            if c == "(", peek(1) == "?" {
                switch try specialGroup() {
                case .flagsChanged: break
                case .group(let node): items.append(try quantified(node))
                }
                continue
            }
            var atom = try self.atom()
            atom = try quantified(atom)
            items.append(atom)
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concatenation(items)
    }

    /// What a `(?` group turned out to be.
    private enum SpecialGroup {
        /// `(?flags)`: no node; the flags apply to the rest of the enclosing group.
        case flagsChanged
        /// `(?flags:re)`, `(?P<name>re)` or `(?<name>re)`.
        case group(RegexNode)
    }

    private mutating func specialGroup() throws(RegexError) -> SpecialGroup {
        let start = index
        index += 2
        if peek() == "P" || peek() == "<" {
            if peek() == "P" { index += 1 }
            guard peek() == "<" else { throw RegexError("invalid or unsupported Perl syntax: `(?P`") }
            index += 1
            var name = ""
            while let c = peek(), c != ">" {
                guard c.isIdentifierContinue else { throw RegexError("invalid named capture") }
                name.unicodeScalars.append(c)
                index += 1
            }
            guard peek() == ">", !name.isEmpty else { throw RegexError("invalid named capture") }
            index += 1
            return .group(try groupBody(flags: flags))
        }
        var newFlags = flags
        var negate = false
        var sawFlag = false
        while let c = peek() {
            index += 1
            switch c {
            case "i": newFlags.foldCase = !negate; sawFlag = true
            case "m": newFlags.multiline = !negate; sawFlag = true
            case "s": newFlags.dotAll = !negate; sawFlag = true
            case "U": sawFlag = true  // ungreedy: irrelevant to whether a match exists
            case "-":
                guard !negate else { throw RegexError("invalid or unsupported Perl syntax") }
                negate = true
                sawFlag = false
            case ")":
                guard sawFlag || !negate, index - start > 3 else { throw RegexError("missing argument to repetition operator or invalid flags") }
                flags = newFlags
                return .flagsChanged
            case ":":
                return .group(try groupBody(flags: newFlags))
            default:
                throw RegexError("invalid or unsupported Perl syntax: `(?\(c)`")
            }
        }
        throw RegexError("missing closing )")
    }

    /// The inside of a group up to its `)`, parsed with `flags`; flags set inside the group
    /// (`(?i)`) end with it.
    private mutating func groupBody(flags groupFlags: Flags) throws(RegexError) -> RegexNode {
        let saved = flags
        flags = groupFlags
        let inner = try alternation()
        flags = saved
        guard peek() == ")" else { throw RegexError("missing closing )") }
        index += 1
        return inner
    }

    private mutating func quantified(_ atom: RegexNode) throws(RegexError) -> RegexNode {
        var node = atom
        var quantifiers = 0
        while let c = peek() {
            var bounds: (Int, Int?)?
            switch c {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let parsed = try repeatBounds() else { return node }
                bounds = parsed
            default:
                return node
            }
            quantifiers += 1
            guard quantifiers == 1, let (low, high) = bounds else {
                throw RegexError("invalid nested repetition operator")
            }
            if peek() == "?" { index += 1 }  // lazy: same set of matches
            node = .repetition(node, min: low, max: high)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}` at the current `{`; `nil` (consuming nothing) if it is a literal brace.
    private mutating func repeatBounds() throws(RegexError) -> (Int, Int?)? {
        var probe = index + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while probe < scalars.count, scalars[probe].isDigit {
                value = min(value * 10 + Int(scalars[probe].value - 48), 100_000)
                digits += 1
                probe += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if probe < scalars.count, scalars[probe] == "," {
            probe += 1
            high = number()
        }
        guard probe < scalars.count, scalars[probe] == "}" else { return nil }
        index = probe + 1
        guard low <= Self.maximumRepeat, (high ?? 0) <= Self.maximumRepeat, high.map({ $0 >= low }) ?? true else {
            throw RegexError("invalid repeat count")
        }
        return (low, high)
    }

    private mutating func atom() throws(RegexError) -> RegexNode {
        guard let c = peek() else { throw RegexError("unexpected end of pattern") }
        switch c {
        case "(":
            index += 1
            return try groupBody(flags: flags)
        case "[":
            return .characterClass(try bracketClass())
        case ".":
            index += 1
            return .anyScalar(matchesNewline: flags.dotAll)
        case "^":
            index += 1
            return .assertion(.lineStart(multiline: flags.multiline))
        case "$":
            index += 1
            return .assertion(.lineEnd(multiline: flags.multiline))
        case "*", "+", "?":
            throw RegexError("missing argument to repetition operator: `\(c)`")
        case "{":
            let saved = index
            if try repeatBounds() != nil { throw RegexError("missing argument to repetition operator") }
            index = saved + 1
            return .literal("{", foldCase: false)
        case "\\":
            return try escape()
        default:
            index += 1
            return .literal(c, foldCase: flags.foldCase)
        }
    }

    private mutating func escape() throws(RegexError) -> RegexNode {
        index += 1
        guard let c = peek() else { throw RegexError("trailing backslash at end of expression") }
        switch c {
        case "A": index += 1; return .assertion(.textStart)
        case "z": index += 1; return .assertion(.textEnd)
        case "b": index += 1; return .assertion(.wordBoundary)
        case "B": index += 1; return .assertion(.notWordBoundary)
        case "Q":
            index += 1
            var literals: [RegexNode] = []
            while let next = peek() {
                if next == "\\", peek(1) == "E" {
                    index += 2
                    break
                }
                literals.append(.literal(next, foldCase: flags.foldCase))
                index += 1
            }
            return .concatenation(literals)
        default:
            index -= 1
            if let perl = try perlOrUnicodeClass() { return .characterClass(perl) }
            let scalar = try escapedScalar()
            return .literal(scalar, foldCase: flags.foldCase)
        }
    }

    /// `\d \w \s \D \W \S \pX \p{Name} \PX` at a backslash, or `nil` if it is another escape.
    private mutating func perlOrUnicodeClass() throws(RegexError) -> CharacterClass? {
        guard peek() == "\\", let c = peek(1) else { return nil }
        var cls = CharacterClass()
        cls.foldCase = flags.foldCase
        switch c {
        case "d", "D": cls.items = [.range(48, 57)]
        case "w", "W": cls.items = [.range(48, 57), .range(65, 90), .range(97, 122), .range(95, 95)]
        case "s", "S": cls.items = [.range(9, 10), .range(12, 13), .range(32, 32)]
        case "p", "P":
            index += 2
            var name = ""
            if peek() == "{" {
                index += 1
                while let n = peek(), n != "}" {
                    name.unicodeScalars.append(n)
                    index += 1
                }
                guard peek() == "}" else { throw RegexError("invalid character class range") }
                index += 1
            } else if let n = peek() {
                name.unicodeScalars.append(n)
                index += 1
            }
            var negated = c == "P"
            if name.hasPrefix("^") {
                negated.toggle()
                name.removeFirst()
            }
            guard let categories = Self.generalCategories[name] else {
                throw RegexError("invalid character class range: `\\p{\(name)}` (only general categories are supported)")
            }
            cls.items = [.category(categories, negated: negated)]
            return cls
        default:
            return nil
        }
        cls.negated = c == "D" || c == "W" || c == "S"
        index += 2
        return cls
    }

    /// A single escaped scalar at a backslash: `\n`, `\x41`, `\x{1F600}`, `\101`, `\.`.
    private mutating func escapedScalar() throws(RegexError) -> Unicode.Scalar {
        index += 1
        guard let c = peek() else { throw RegexError("trailing backslash at end of expression") }
        index += 1
        switch c {
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "v": return "\u{0B}"
        case "x":
            var value: UInt32 = 0
            if peek() == "{" {
                index += 1
                var digits = 0
                while let d = peek(), let digit = d.hexDigitValue {
                    value = value * 16 + UInt32(digit)
                    digits += 1
                    index += 1
                    guard value <= 0x10FFFF else { throw RegexError("invalid escape sequence") }
                }
                guard digits > 0, peek() == "}" else { throw RegexError("invalid escape sequence") }
                index += 1
            } else {
                for _ in 0..<2 {
                    guard let d = peek(), let digit = d.hexDigitValue else { throw RegexError("invalid escape sequence") }
                    value = value * 16 + UInt32(digit)
                    index += 1
                }
            }
            guard let scalar = Unicode.Scalar(value) else { throw RegexError("invalid escape sequence") }
            return scalar
        case "0"..."7":
            // Octal: \0, \0nn, or \nnn with two more digits (a lone \1-\7 would be a backreference).
            var value = c.value - 48
            var digits = 1
            while digits < 3, let d = peek(), d.value >= 48, d.value <= 55 {
                value = value * 8 + d.value - 48
                digits += 1
                index += 1
            }
            guard c == "0" || digits > 1 else { throw RegexError("invalid escape sequence: backreferences are not supported") }
            return Unicode.Scalar(value) ?? "\u{0}"
        default:
            guard c.value < 128, !c.isIdentifierContinue else { throw RegexError("invalid escape sequence: `\\\(c)`") }
            return c
        }
    }

    private mutating func bracketClass() throws(RegexError) -> CharacterClass {
        index += 1
        var cls = CharacterClass()
        cls.foldCase = flags.foldCase
        if peek() == "^" {
            cls.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let c = peek() else { throw RegexError("missing closing ]") }
            if c == "]", !first {
                index += 1
                return cls
            }
            first = false
            if c == "[", peek(1) == ":" {
                if let posix = try posixClass() {
                    cls.items += posix
                    continue
                }
            }
            if c == "\\", let perl = try perlOrUnicodeClass() {
                if perl.negated {
                    // A negated Perl class inside brackets: add its complement ranges.
                    cls.items += Self.complement(perl.items)
                } else {
                    cls.items += perl.items
                }
                continue
            }
            let low = try classScalar()
            var high = low
            if peek() == "-", let next = peek(1), next != "]" {
                index += 1
                high = try classScalar()
                guard high.value >= low.value else { throw RegexError("invalid character class range") }
            }
            cls.items.append(.range(low.value, high.value))
        }
    }

    private mutating func classScalar() throws(RegexError) -> Unicode.Scalar {
        guard let c = peek() else { throw RegexError("missing closing ]") }
        if c == "\\" { return try escapedScalar() }
        index += 1
        return c
    }

    private mutating func posixClass() throws(RegexError) -> [CharacterClass.Item]? {
        guard let end = scalars[index...].firstIndex(of: "]"), end > index + 2, scalars[end - 1] == ":" else { return nil }
        var name = String(String.UnicodeScalarView(scalars[(index + 2)..<(end - 1)]))
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        guard let items = Self.posixClasses[name] else { throw RegexError("invalid character class range: `[:\(name):]`") }
        index = end + 1
        return negated ? Self.complement(items) : items
    }

    /// Complement of ranges over all scalars (categories are not used here).
    private static func complement(_ items: [CharacterClass.Item]) -> [CharacterClass.Item] {
        var ranges: [(UInt32, UInt32)] = items.compactMap {
            if case .range(let low, let high) = $0 { return (low, high) }
            return nil
        }
        ranges.sort { $0.0 < $1.0 }
        var result: [CharacterClass.Item] = []
        var next: UInt32 = 0
        for (low, high) in ranges {
            if low > next { result.append(.range(next, low - 1)) }
            next = max(next, high &+ 1)
        }
        if next <= 0x10FFFF { result.append(.range(next, 0x10FFFF)) }
        return result
    }

    private static let posixClasses: [String: [CharacterClass.Item]] = [
        "alnum": [.range(48, 57), .range(65, 90), .range(97, 122)],
        "alpha": [.range(65, 90), .range(97, 122)],
        "ascii": [.range(0, 127)],
        "blank": [.range(9, 9), .range(32, 32)],
        "cntrl": [.range(0, 31), .range(127, 127)],
        "digit": [.range(48, 57)],
        "graph": [.range(33, 126)],
        "lower": [.range(97, 122)],
        "print": [.range(32, 126)],
        "punct": [.range(33, 47), .range(58, 64), .range(91, 96), .range(123, 126)],
        "space": [.range(9, 13), .range(32, 32)],
        "upper": [.range(65, 90)],
        "word": [.range(48, 57), .range(65, 90), .range(97, 122), .range(95, 95)],
        "xdigit": [.range(48, 57), .range(65, 70), .range(97, 102)],
    ]

    private static let generalCategories: [String: Set<Unicode.GeneralCategory>] = {
        let letters: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
        let numbers: Set<Unicode.GeneralCategory> = [.decimalNumber, .letterNumber, .otherNumber]
        let punctuation: Set<Unicode.GeneralCategory> = [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
        ]
        let symbols: Set<Unicode.GeneralCategory> = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        let separators: Set<Unicode.GeneralCategory> = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        let others: Set<Unicode.GeneralCategory> = [.control, .format, .surrogate, .privateUse, .unassigned]
        return [
            "L": letters, "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter],
            "Lm": [.modifierLetter], "Lo": [.otherLetter],
            "M": marks, "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "N": numbers, "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
            "P": punctuation, "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation],
            "Pe": [.closePunctuation], "Pi": [.initialPunctuation], "Pf": [.finalPunctuation], "Po": [.otherPunctuation],
            "S": symbols, "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
            "Z": separators, "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
            "C": others, "Cc": [.control], "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse], "Cn": [.unassigned],
            "Any": letters.union(marks).union(numbers).union(punctuation).union(symbols).union(separators).union(others),
        ]
    }()
}

/// A pattern RE2 (and so CEL) rejects, or one too large to compile.
struct RegexError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
