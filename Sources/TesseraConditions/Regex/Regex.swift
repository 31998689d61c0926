/// A compiled RE2-syntax regular expression, matched by a Pike VM (Thompson NFA
/// simulation) in time linear in the input: O(input × program), never backtracking, so a
/// hostile pattern cannot make a check hang. Matching is a search (CEL's `matches` is true
/// when the pattern matches any substring), over Unicode scalars.
struct Regex: Sendable {
    /// Largest program accepted; RE2 similarly refuses patterns that expand too far
    /// (`a{1000}{1000}` style nesting).
    static let maximumInstructions = 20_000

    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case foldedScalar(Unicode.Scalar)
        case anyScalar
        case anyExceptNewline
        case characterClass(Int)
        case assertion(RegexAssertion)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    let instructions: [Instruction]
    let classes: [CharacterClass]

    init(_ pattern: String) throws(RegexError) {
        var compiler = RegexCompiler()
        try compiler.emit(RegexParser.parse(pattern))
        try compiler.append(.match)
        instructions = compiler.instructions
        classes = compiler.classes
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var current = ThreadList(capacity: instructions.count)
        var next = ThreadList(capacity: instructions.count)
        var stack: [Int] = []
        for position in 0...input.count {
            // Unanchored search: a new thread starts at every position.
            if addThread(0, to: &current, at: position, input: input, stack: &stack) { return true }
            guard position < input.count else { break }
            let scalar = input[position]
            next.clear()
            for pc in current.members {
                let advances: Bool
                switch instructions[pc] {
                case .scalar(let expected): advances = scalar == expected
                case .foldedScalar(let expected): advances = CaseFolding.fold(scalar) == expected
                case .anyScalar: advances = true
                case .anyExceptNewline: advances = scalar != "\n"
                case .characterClass(let index): advances = classes[index].matches(scalar)
                default: advances = false
                }
                if advances, addThread(pc + 1, to: &next, at: position + 1, input: input, stack: &stack) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds `pc` and everything reachable from it without consuming input; true if a
    /// `match` is reachable.
    private func addThread(_ pc: Int, to list: inout ThreadList, at position: Int, input: [Unicode.Scalar], stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(pc)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch instructions[pc] {
            case .match:
                return true
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if Self.holds(assertion, at: position, in: input) { stack.append(pc + 1) }
            default:
                break
            }
        }
        return false
    }

    private static func holds(_ assertion: RegexAssertion, at position: Int, in input: [Unicode.Scalar]) -> Bool {
        let previous = position > 0 ? input[position - 1] : nil
        let current = position < input.count ? input[position] : nil
        switch assertion {
        case .lineStart(let multiline): return previous == nil || (multiline && previous == "\n")
        case .lineEnd(let multiline): return current == nil || (multiline && current == "\n")
        case .textStart: return previous == nil
        case .textEnd: return current == nil
        case .wordBoundary: return isWord(previous) != isWord(current)
        case .notWordBoundary: return isWord(previous) == isWord(current)
        }
    }

    private static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.isIdentifierContinue
    }
}

/// A sparse set of program counters: O(1) insert, membership and clear.
struct ThreadList {
    private var dense: [Int]
    private var sparse: [Int]
    private var count = 0

    init(capacity: Int) {
        dense = [Int](repeating: 0, count: capacity)
        sparse = [Int](repeating: 0, count: capacity)
    }

    mutating func insert(_ pc: Int) -> Bool {
        let slot = sparse[pc]
        if slot < count, dense[slot] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func clear() { count = 0 }

    var members: ArraySlice<Int> { dense[0..<count] }
}

/// Thompson construction from the parsed pattern to Pike VM instructions.
struct RegexCompiler {
    private(set) var instructions: [Regex.Instruction] = []
    private(set) var classes: [CharacterClass] = []

    mutating func append(_ instruction: Regex.Instruction) throws(RegexError) {
        guard instructions.count < Regex.maximumInstructions else {
            throw RegexError("expression too large")
        }
        instructions.append(instruction)
    }

    private mutating func patch(_ at: Int, _ instruction: Regex.Instruction) {
        instructions[at] = instruction
    }

    mutating func emit(_ node: RegexNode) throws(RegexError) {
        switch node {
        case .empty:
            break
        case .literal(let scalar, let foldCase):
            try append(foldCase ? .foldedScalar(CaseFolding.fold(scalar)) : .scalar(scalar))
        case .anyScalar(let matchesNewline):
            try append(matchesNewline ? .anyScalar : .anyExceptNewline)
        case .characterClass(let cls):
            classes.append(cls)
            try append(.characterClass(classes.count - 1))
        case .assertion(let assertion):
            try append(.assertion(assertion))
        case .concatenation(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = instructions.count
                    try append(.split(0, 0))
                    try emit(branch)
                    jumps.append(instructions.count)
                    try append(.jump(0))
                    patch(split, .split(split + 1, instructions.count))
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { patch(jump, .jump(instructions.count)) }
        case .repetition(let inner, let minimum, let maximum):
            for _ in 0..<minimum { try emit(inner) }
            if let maximum {
                // Each optional copy may be skipped straight to the end.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(instructions.count)
                    try append(.split(0, 0))
                    try emit(inner)
                }
                for split in splits { patch(split, .split(split + 1, instructions.count)) }
            } else {
                let loop = instructions.count
                try append(.split(0, 0))
                try emit(inner)
                try append(.jump(loop))
                patch(loop, .split(loop + 1, instructions.count))
            }
        }
    }
}
