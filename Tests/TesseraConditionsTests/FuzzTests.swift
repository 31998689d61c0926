import Testing
@testable import TesseraConditions
import TesseraTestSupport

/// Random mutations of valid expressions with random contexts: compiling and evaluating
/// must end in a value or a `ConditionError` — no trap, no hang (the cost budget holds).
struct FuzzTests {
    static let parameters: [String: ConditionType] = [
        "x": .int, "u": .uint, "f": .double, "s": .string, "b": .bool, "t": .timestamp, "d": .duration,
        "ip": .ipAddress, "l": .list(.string), "li": .list(.int), "m": .map(.any), "a": .any,
    ]

    static let seeds = [
        "x < 100", "current_time < grant_time + grant_duration", "t < t + d", "ip.in_cidr(s)",
        "l.exists(e, e.startsWith('a')) && size(l) > 2", "li.map(v, v * 2).filter(v, v > 3).size() == 2",
        "m.k == 1.0 || has(m.other)", "s.matches('^[a-z]+(\\\\d{2,4})?$')", "int(s) + x > u == true",
        "f / 0.0 > -1.0 ? 'a' : 'b'", "[1, 2, 3].all(v, v in li)", "{'a': x, 'b': 2}['a'] % 7 == 0",
        "t.getHours('America/New_York') + d.getMinutes() < 100", "string(f) + string(d) + string(t) != ''",
        "duration(s) > d && timestamp(s) < t", "a.x.y[0] == null", "dyn(x) == 1.0 && -x < 9223372036854775807",
        "l.all(e, e.matches(s))", "uint(x) * 2u - 1u >= 0u", "[[1], [2, 3]].exists_one(v, size(v) == 2)",
        "ipaddress(s) == ip", "b ? x / 0 == 1 : !b", "'\\u00e9\\U0001F600'.size() == 2", "li.map(v, li.map(w, v * w))",
        "1.0 / 3.0 < 0.5 && 0x1Fu > 30u && r'\\d' == '\\\\d'", "x - 9223372036854775807 - 2 < 0",
    ]

    static let fragments = [
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "+", "-", "*", "/", "%", "!", "==", "!=", "<", "<=",
        ">", ">=", "&&", "||", " in ", "'", "\"", "\\", "x", "s", "l", "m", "a", "0", "1u", "1.5", "-9223372036854775808",
        "null", "true", ".all(e, ", ".map(e, ", ".exists(e, e", "size(", "has(", "matches(", "'(a*)*b'", "{1000}",
        ".getHours(", "timestamp('9999-12-31T23:59:59Z')", "duration('2562047h')", "ipaddress('::1')", "\u{0}", "é", "😀",
        "'''", "r'", "b'", "//", "\n", "0x", "1e", "e", ")*(", "[[[[",
    ]

    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0...scalars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:
                let fragment = fragments.randomElement(using: &rng) ?? ""
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 1 where !scalars.isEmpty:
                let end = min(scalars.count, position + Int.random(in: 1...6, using: &rng))
                scalars.removeSubrange(min(position, end)..<end)
            case 2 where !scalars.isEmpty:
                let start = Int.random(in: 0..<scalars.count, using: &rng)
                let end = min(scalars.count, start + Int.random(in: 1...12, using: &rng))
                scalars.insert(contentsOf: scalars[start..<end], at: position)
            case 3:
                let other = seeds.randomElement(using: &rng) ?? ""
                let joiner = [" && ", " || ", " + ", " == ", " ? ", "."].randomElement(using: &rng) ?? ""
                scalars.insert(contentsOf: (joiner + other).unicodeScalars, at: position)
            default:
                if !scalars.isEmpty {
                    let index = Int.random(in: 0..<scalars.count, using: &rng)
                    let replacement = fragments.randomElement(using: &rng)?.unicodeScalars.first ?? " "
                    scalars[index] = replacement
                }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static func randomJSON(depth: Int, using rng: inout SplitMix64) -> JSONValue {
        let strings = [
            "", "a", "1", "-5", "1.5", "1h30m", "-1.5s", "2023-10-11T10:00:00Z", "9999-12-31T23:59:59Z", "10.0.0.1",
            "::ffff:10.0.0.1", "10.0.0.0/8", "(a*)*b", "[", "é😀", "9223372036854775808", "NaN", "1e400", "0001-01-01T00:00:00Z",
        ]
        switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let numbers: [Double] = [0, 1, -1, 1.5, 1e300, -1e300, 9.3e18, 1e-320, 42, 255]
            return .number(numbers.randomElement(using: &rng) ?? 0)
        case 3: return .string(strings.randomElement(using: &rng) ?? "")
        case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomJSON(depth: depth + 1, using: &rng) })
        default:
            var members: JSONObject = [:]
            for key in ["k", "x", "other", "é"] where Bool.random(using: &rng) {
                members[key] = randomJSON(depth: depth + 1, using: &rng)
            }
            return .object(members)
        }
    }

    static func validJSON(for type: ConditionType, using rng: inout SplitMix64) -> JSONValue {
        func pick<T>(_ values: [T]) -> T? { values.randomElement(using: &rng) }
        switch type {
        case .int: return pick([.number(0), .number(7), .number(-3), .string("9223372036854775807"), .string("-9223372036854775808")]) ?? .null
        case .uint: return pick([.number(0), .number(5), .string("18446744073709551615")]) ?? .null
        case .double: return pick([.number(0), .number(1.5), .number(-1e300), .string("NaN"), .string("-Infinity")]) ?? .null
        case .string: return pick([.string(""), .string("abc"), .string("1h"), .string("10.0.0.0/8"), .string("^a+$"), .string("2023-10-11T10:00:00Z"), .string("é😀")]) ?? .null
        case .bool: return .bool(Bool.random(using: &rng))
        case .timestamp: return pick([.string("2023-10-11T10:00:00Z"), .string("0001-01-01T00:00:00Z"), .string("9999-12-31T23:59:59.999999999Z")]) ?? .null
        case .duration: return pick([.string("1h30m"), .string("-2562047h47m16.854775808s"), .string("0s"), .string("1ns")]) ?? .null
        case .ipAddress: return pick([.string("10.0.0.1"), .string("::1"), .string("::ffff:192.168.0.1")]) ?? .null
        case .list(let element):
            var items: [JSONValue] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) { items.append(validJSON(for: element, using: &rng)) }
            return .array(items)
        case .map(let element):
            var members: JSONObject = [:]
            for key in ["k", "other", "x"] where Bool.random(using: &rng) { members[key] = validJSON(for: element, using: &rng) }
            return .object(members)
        case .any:
            return randomJSON(depth: 0, using: &rng)
        }
    }

    @Test func randomMutationsNeverCrashOrHang() {
        var rng = SplitMix64(state: 0x7E55_E2A0)
        let clock = ContinuousClock()
        let start = clock.now
        var compiled = 0
        var evaluated = 0
        for iteration in 0..<10_000 {
            let seed = Self.seeds[iteration % Self.seeds.count]
            let expression = Self.mutate(seed, using: &rng)
            var context: JSONObject = [:]
            for (name, type) in Self.parameters where Int.random(in: 0..<50, using: &rng) > 0 {
                // Mostly well-typed values (so evaluation runs), sometimes anything.
                context[name] = Int.random(in: 0..<20, using: &rng) == 0
                    ? Self.randomJSON(depth: 0, using: &rng)
                    : Self.validJSON(for: type, using: &rng)
            }
            let iterationStart = clock.now
            do {
                let program = try CompiledExpression(expression: expression, parameters: Self.parameters)
                compiled += 1
                _ = try program.evaluate(context: context, costBudget: 100)
                evaluated += 1
            } catch {
                // Any ConditionError is fine; the typed throw guarantees nothing else escapes.
                _ = error.code
            }
            let elapsed = clock.now - iterationStart
            #expect(elapsed < .seconds(2), "slow: \(expression)")
        }
        #expect(compiled > 2000)
        #expect(evaluated > 500)
        #expect(clock.now - start < .seconds(120))
    }

    @Test func validSeedsCompile() throws {
        for seed in Self.seeds {
            _ = try CompiledExpression(expression: seed, parameters: Self.parameters.merging(
                ["current_time": .timestamp, "grant_time": .timestamp, "grant_duration": .duration]) { $1 })
        }
    }
}
