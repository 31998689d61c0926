import Foundation
import Testing
import TesseraModel
import TesseraTestSupport

/// Hostile and broken input: the parser and validator must answer, with positions, and never
/// crash, recurse without bound or take long.
struct RobustnessTests {
    /// Valid models to mutate: the transformer DSL files and some conformance-suite models.
    static let seeds: [String] = {
        var seeds = ModelJSONTests.transformerCases.compactMap { name in
            (try? SharedData.data("language/transformer/\(name)/authorization-model.fga")).flatMap { String(data: $0, encoding: .utf8) }
        }
        seeds += ConformanceSuiteModelTests.consolidated.prefix(40).map(\.dsl)
        return seeds
    }()

    static let interesting = Array("()[]{}#:,*<>\"'\n\t /.-_a1".utf8)

    static func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        guard bytes.count > 2 else {
            bytes.append(interesting.randomElement(using: &generator) ?? 0)
            return
        }
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 5:  // copy a whole line to another line break: declarations out of order
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard let line = lines.randomElement(using: &generator) else { return }
            let breaks = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
            bytes.insert(contentsOf: [UInt8(ascii: "\n")] + line, at: breaks.randomElement(using: &generator) ?? bytes.count)
        case 0:  // delete a few bytes
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...12, using: &generator)))
        case 1:  // duplicate a chunk somewhere
            let chunk = Array(bytes[position..<min(bytes.count, position + Int.random(in: 1...40, using: &generator))])
            bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &generator))
        case 2:  // swap two bytes
            bytes.swapAt(position, Int.random(in: 0..<bytes.count, using: &generator))
        case 3:  // swap two words
            let words = wordRanges(bytes)
            guard words.count > 1, let first = words.randomElement(using: &generator), let second = words.randomElement(using: &generator),
                first.upperBound <= second.lowerBound
            else { return }
            let (a, b) = (Array(bytes[first]), Array(bytes[second]))
            bytes.replaceSubrange(second, with: a)
            bytes.replaceSubrange(first, with: b)
        default:  // insert a character the grammar cares about
            bytes.insert(interesting.randomElement(using: &generator) ?? 0, at: position)
        }
    }

    static func wordRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
            if isSpace, let begin = start {
                ranges.append(begin..<index)
                start = nil
            } else if !isSpace, start == nil {
                start = index
            }
        }
        return ranges
    }

    @Test func seedsAreValid() {
        #expect(Self.seeds.count > 50)
        #expect(Self.seeds.filter { (try? AuthorizationModel(dsl: $0)) == nil }.isEmpty)
    }

    /// A hang (a parser that stops advancing) fails by the time limit.
    @Test(.timeLimit(.minutes(2)))
    func tenThousandMutationsNeverCrashAndEveryRejectionHasAPosition() {
        var generator = SplitMix64(state: 0x7E55_E7A0)
        var rejected = 0
        for iteration in 0..<10_000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) { Self.mutate(&bytes, using: &generator) }
            let text = String(decoding: bytes, as: UTF8.self)
            for level in [ModelValidator.Level.lint, .server] {
                let diagnostics = ModelValidator.validate(dsl: text, level: level)
                if level == .lint, !diagnostics.isEmpty { rejected += 1 }
                for diagnostic in diagnostics where diagnostic.range == nil {
                    Issue.record("mutation \(iteration): no position for \(diagnostic)\n\(text)")
                }
            }
            if let model = try? AuthorizationModel(dsl: text), let printed = try? model.dslText() {
                // What the writer prints reads back.
                #expect((try? AuthorizationModel(dsl: printed)) != nil, "mutation \(iteration) printed unreadable DSL:\n\(printed)")
            }
        }
        #expect(rejected > 5_000)
    }

    @Test func deepParenthesesAreRefusedWithAPosition() throws {
        let depth = 10_000
        let dsl = "model\n  schema 1.1\ntype user\n  relations\n    define a: [user]\n    define b: " + String(repeating: "(", count: depth) + "a"
            + String(repeating: ")", count: depth) + "\n"
        let diagnostics = ModelValidator.validate(dsl: dsl, level: .server)
        let first = try #require(diagnostics.first)
        #expect(first.range?.line == 5)
        #expect(first.message.contains("nests more than"))
    }

    @Test func deepJSONIsRefused() {
        let depth = 100_000
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: ModelError.self) { try AuthorizationModel(json: Data(json.utf8)) }
    }

    /// Within the JSON decoder's own depth limit, the reader's rewrite bound applies.
    @Test func deepJSONRewritesAreRefusedWithTheirPath() throws {
        var rewrite = #"{"this":{}}"#
        for _ in 0..<150 { rewrite = #"{"union":{"child":["# + rewrite + "]}}" }
        let model = #"{"schema_version":"1.1","type_definitions":[{"type":"t","relations":{"r":"# + rewrite + "}}]}"
        do {
            _ = try AuthorizationModel(json: Data(model.utf8))
            Issue.record("accepted a rewrite nested 150 levels deep")
        } catch {
            #expect(error.diagnostics.first?.message.contains("nests more than") == true)
            #expect(error.diagnostics.first?.path?.hasPrefix("type_definitions[0].relations.r.union.child[0]") == true)
        }
    }

    /// A chain of computed relations as long as the 256 KiB limit allows is checked without
    /// recursion; OpenFGA's entry-point search is quadratic in it, and the step budget ends it.
    @Test(.timeLimit(.minutes(2)))
    func longRelationChainsAreCheckedWithoutDeepRecursion() {
        let length = 8_000
        var dsl = "model\n  schema 1.1\ntype user\ntype doc\n  relations\n"
        for index in 0..<length { dsl += "    define r\(index): r\(index + 1)\n" }
        dsl += "    define r\(length): [user]\n"
        let clock = ContinuousClock()
        var diagnostics: [ModelDiagnostic] = []
        let elapsed = clock.measure { diagnostics = ModelValidator.validate(dsl: dsl, level: .server) }
        #expect(diagnostics.allSatisfy { $0.kind == .limitExceeded })
        #expect(elapsed < .seconds(30))
    }

    /// About `bytes` of DSL: 100 types whose relations point at each other's.
    static func largeModel(bytes: Int) -> String {
        var relations = Array(repeating: "", count: 99)
        var size = 0
        var relation = 1
        while size < bytes {
            for type in 0..<99 where size < bytes {
                let line = "    define r\(relation): [user, t\((type + 1) % 99)#r0] or r0 or r0 from parent\n"
                relations[type] += line
                size += line.utf8.count
            }
            relation += 1
        }
        var text = "model\n  schema 1.1\ntype user\n"
        for type in 0..<99 {
            text += "type t\(type)\n  relations\n    define parent: [t\((type + 1) % 99)]\n    define r0: [user]\n" + relations[type]
        }
        return text
    }

    /// The parser is linear: twice the text takes about twice the time, and 256 KiB parses
    /// and validates in seconds. The two sizes are timed in alternation and the best of five
    /// of each is compared, so that a burst of load from parallel tests hits both alike
    /// rather than deciding the ratio (a quadratic parser would still give about 4).
    // The limit only guards against a hang: under the full parallel suite this takes ~1 min.
    @Test(.timeLimit(.minutes(3)))
    func a256KiBModelParsesInLinearTime() throws {
        let half = Self.largeModel(bytes: 128 * 1024)
        let full = Self.largeModel(bytes: 256 * 1024)
        let clock = ContinuousClock()
        var bestHalf = Duration.seconds(3600)
        var bestFull = Duration.seconds(3600)
        for _ in 0..<5 {
            bestHalf = min(bestHalf, try clock.measure { _ = try AuthorizationModel(dsl: half) })
            bestFull = min(bestFull, try clock.measure { _ = try AuthorizationModel(dsl: full) })
        }
        let ratio = bestFull / bestHalf
        #expect(ratio < 3, "256 KiB took \(ratio) times as long as 128 KiB")
        let model = try AuthorizationModel(dsl: full)
        #expect(ModelValidator.validate(model, level: .server, limits: ModelLimits(maxSizeBytes: .max)) == [])
    }
}
