import Benchmark
import TesseraConditions

/// Condition evaluation on the check hot path: one `evaluate(context:)` per inner
/// iteration, including the per-evaluation conversion of the context values (RFC 3339
/// and duration parsing, IP parsing), since that is what a check pays.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    func condition(_ expression: String, _ parameters: [String: ConditionType]) -> CompiledCondition? {
        try? CompiledCondition(name: "bench", expression: expression, parameters: parameters)
    }

    let temporal = condition(
        "current_time < grant_time + grant_duration",
        ["current_time": .timestamp, "grant_time": .timestamp, "grant_duration": .duration]
    )
    let temporalContext: JSONObject = [
        "current_time": .string("2024-01-01T00:10:00Z"),
        "grant_time": .string("2024-01-01T00:00:00Z"),
        "grant_duration": .string("1h"),
    ]
    Benchmark("temporal: current_time < grant_time + grant_duration", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? temporal?.evaluate(context: temporalContext))
        }
    }

    let comparison = condition("x < 100", ["x": .int])
    let comparisonContext: JSONObject = ["x": .number(10)]
    Benchmark("int comparison: x < 100", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? comparison?.evaluate(context: comparisonContext))
        }
    }

    let network = condition("user_ip.in_cidr(cidr)", ["user_ip": .ipAddress, "cidr": .string])
    let networkContext: JSONObject = ["user_ip": .string("192.168.0.17"), "cidr": .string("192.168.0.0/24")]
    Benchmark("ip: user_ip.in_cidr(cidr)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? network?.evaluate(context: networkContext))
        }
    }

    let listCondition = condition(
        #""1" in tags && tags.exists(t, t.startsWith("adm"))"#,
        ["tags": .list(.string)]
    )
    let listContext: JSONObject = ["tags": .array([.string("1"), .string("user"), .string("admin")])]
    Benchmark("list: in + exists/startsWith over 3 strings", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? listCondition?.evaluate(context: listContext))
        }
    }
}
