import Testing
@testable import TesseraConditions

struct ConversionTests {
    @Test(arguments: [
        ("int(42u)", #"{"type":"int","value":42}"#),
        ("int(-3.9)", #"{"type":"int","value":-3}"#),
        ("int(3.9)", #"{"type":"int","value":3}"#),
        ("int('-9223372036854775808')", #"{"type":"int","value":-9223372036854775808}"#),
        ("int('+17')", #"{"type":"int","value":17}"#),
        ("int(timestamp('1970-01-01T00:01:00Z'))", #"{"type":"int","value":60}"#),
        ("int(duration('1.5s'))", #"{"type":"int","value":1500000000}"#),
        ("uint(42)", #"{"type":"uint","value":42}"#),
        ("uint(3.7)", #"{"type":"uint","value":3}"#),
        ("uint('18446744073709551615')", #"{"type":"uint","value":18446744073709551615}"#),
        ("double(1)", #"{"type":"double","value":1.0}"#),
        ("double(18446744073709551615u)", #"{"type":"double","value":1.8446744073709552e+19}"#),
        ("double('2.5e3')", #"{"type":"double","value":2500.0}"#),
        ("double('-Infinity')", #"{"type":"double","value":"-Infinity"}"#),
        ("double('NaN')", #"{"type":"double","value":"NaN"}"#),
        ("string(1)", #"{"type":"string","value":"1"}"#),
        ("string(18446744073709551615u)", #"{"type":"string","value":"18446744073709551615"}"#),
        ("string(1.0)", #"{"type":"string","value":"1"}"#),
        ("string(1.5)", #"{"type":"string","value":"1.5"}"#),
        ("string(1e6)", #"{"type":"string","value":"1e+06"}"#),
        ("string(123456.0)", #"{"type":"string","value":"123456"}"#),
        ("string(0.0001)", #"{"type":"string","value":"0.0001"}"#),
        ("string(0.00001)", #"{"type":"string","value":"1e-05"}"#),
        ("string(-2.5e-10)", #"{"type":"string","value":"-2.5e-10"}"#),
        ("string(1.0 / 0.0)", #"{"type":"string","value":"+Inf"}"#),
        ("string(true)", #"{"type":"string","value":"true"}"#),
        ("string(duration('90m'))", #"{"type":"string","value":"5400s"}"#),
        ("string(duration('1ns'))", #"{"type":"string","value":"0.000000001s"}"#),
        ("string(timestamp('2023-10-11T10:00:00.500+02:00'))", #"{"type":"string","value":"2023-10-11T10:00:00.5+02:00"}"#),
        ("string(timestamp('2023-10-11T10:00:00.000Z'))", #"{"type":"string","value":"2023-10-11T10:00:00Z"}"#),
        ("bool('true')", #"{"type":"bool","value":true}"#),
        ("bool('F')", #"{"type":"bool","value":false}"#),
        ("bool('1')", #"{"type":"bool","value":true}"#),
        ("timestamp(0)", #"{"type":"timestamp","value":"1970-01-01T00:00:00Z"}"#),
        ("duration(1000)", #"{"type":"duration","value":"0.000001s"}"#),
        ("dyn(1) + 1", #"{"type":"int","value":2}"#),
    ])
    func converts(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test(arguments: [
        "uint(-1)", "uint(-0.5)", "uint('-1')", "uint('18446744073709551616')",
        "int(9223372036854775807u + 1u)", "int(9.3e18)", "int(-9223372036854775808.0)", "int(0.0 / 0.0)", "int(1.0 / 0.0)",
        "int('9223372036854775808')", "int('1.5')", "int(' 1')", "int('')", "int('0x10')",
        "double('abc')", "double('1e400')", "bool('yes')",
        "timestamp('2023-13-01T00:00:00Z')", "timestamp('not a time')", "timestamp(253402300800)", "timestamp(-62135596801)",
        "duration('1d')", "duration('')", "duration('9223372037s')",
    ])
    func badConversionIsAnEvaluationError(_ expression: String) {
        let error = CEL.error(expression)
        #expect(error?.code == .evaluation, "\(expression): \(String(describing: error))")
    }

    @Test func negativeUintConversionReportsOverflow() {
        #expect(CEL.error("uint(-1)")?.message == "unsigned integer overflow")
        #expect(CEL.error("uint(i)", ["i": "int"], context: #"{"i":-5}"#)?.message == "unsigned integer overflow")
    }

    @Test(arguments: ["int(true)", "bool(1)", "timestamp(1.5)", "duration(1u)", "double(duration('1s'))", "string([1])"])
    func conversionsWithoutOverloadAreTypeErrors(_ expression: String) {
        #expect(CEL.error(expression)?.code == .type)
    }
}
