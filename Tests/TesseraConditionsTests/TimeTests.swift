import Testing
@testable import TesseraConditions

struct TimestampTests {
    @Test(arguments: [
        ("timestamp('0001-01-01T00:00:00Z')", "0001-01-01T00:00:00Z"),
        ("timestamp('9999-12-31T23:59:59.999999999Z')", "9999-12-31T23:59:59.999999999Z"),
        ("timestamp('2020-02-29T12:00:00Z')", "2020-02-29T12:00:00Z"),
        ("timestamp('1969-12-31T23:59:59.5Z')", "1969-12-31T23:59:59.5Z"),
        ("timestamp('2023-10-11T10:00:00-05:30')", "2023-10-11T10:00:00-05:30"),
        ("timestamp('2023-10-11T23:30:00-05:30') + duration('1h')", "2023-10-12T00:30:00-05:30"),
        ("timestamp('2023-10-11T10:00:00Z') + duration('1h30m')", "2023-10-11T11:30:00Z"),
        ("timestamp('2023-10-11T10:00:00Z') - duration('24h')", "2023-10-10T10:00:00Z"),
        ("duration('1m') + timestamp('2023-10-11T10:00:00Z')", "2023-10-11T10:01:00Z"),
        ("timestamp('9999-12-31T23:59:59Z') + duration('999999999ns')", "9999-12-31T23:59:59.999999999Z"),
    ])
    func timestamp(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == #"{"type":"timestamp","value":"\#(expected)"}"#)
    }

    @Test(arguments: [
        "timestamp('0000-12-31T23:59:59Z')",
        "timestamp('10000-01-01T00:00:00Z')",
        "timestamp('9999-12-31T23:59:59Z') + duration('1s')",
        "timestamp('0001-01-01T00:00:00Z') - duration('1ns')",
        "timestamp('2021-02-29T00:00:00Z')",
        "timestamp('2023-10-11T24:00:00Z')",
        "timestamp('2023-10-11T10:00:60Z')",
        "timestamp('2023-10-11 10:00:00Z')",
        "timestamp('2023-10-11T10:00:00')",
        "timestamp('9999-12-31T23:59:59Z') - timestamp('0001-01-01T00:00:00Z')",
    ])
    func outOfRangeOrMalformed(_ expression: String) {
        #expect(CEL.error(expression)?.code == .evaluation, "\(expression)")
    }

    @Test(arguments: [
        ("getFullYear()", 2023), ("getMonth()", 9), ("getDate()", 11), ("getDayOfMonth()", 10),
        ("getDayOfYear()", 283), ("getDayOfWeek()", 3), ("getHours()", 10), ("getMinutes()", 5),
        ("getSeconds()", 7), ("getMilliseconds()", 123),
        ("getHours('UTC')", 10), ("getHours('+02:00')", 12), ("getHours('-05:30')", 4), ("getMinutes('-05:30')", 35),
        ("getHours('America/New_York')", 6), ("getHours('Asia/Kolkata')", 15), ("getDayOfWeek('Pacific/Kiritimati')", 4),
    ])
    func accessors(_ accessor: String, _ expected: Int) {
        let expression = "timestamp('2023-10-11T10:05:07.123456Z').\(accessor)"
        #expect(CEL.result(expression) == #"{"type":"int","value":\#(expected)}"#, "\(accessor)")
    }

    @Test func accessorsAtTheEdgesOfTheRange() {
        #expect(CEL.result("timestamp('0001-01-01T00:00:00Z').getDayOfWeek()") == #"{"type":"int","value":1}"#)
        #expect(CEL.result("timestamp('9999-12-31T23:59:59Z').getDayOfYear()") == #"{"type":"int","value":364}"#)
        #expect(CEL.result("timestamp('2024-12-31T00:00:00Z').getDayOfYear()") == #"{"type":"int","value":365}"#)
    }

    /// As in cel-go, a timestamp keeps the offset it was written with: accessors without a
    /// time zone read the fields there, while comparisons use the instant.
    @Test func timestampsKeepTheirOffset() {
        let t = "timestamp('2023-12-31T22:30:00-05:00')"
        #expect(CEL.result("\(t).getHours()") == #"{"type":"int","value":22}"#)
        #expect(CEL.result("\(t).getFullYear()") == #"{"type":"int","value":2023}"#)
        #expect(CEL.result("\(t).getFullYear('UTC')") == #"{"type":"int","value":2024}"#)
        #expect(CEL.result("\(t) == timestamp('2024-01-01T03:30:00Z')") == #"{"type":"bool","value":true}"#)
        #expect(CEL.result("\(t) < timestamp('2024-01-01T03:30:01+00:00')") == #"{"type":"bool","value":true}"#)
        let context = #"{"now":"2024-03-01T09:15:00+01:00"}"#
        #expect(CEL.result("now.getHours() >= 9 && now.getHours() < 17", ["now": "timestamp"], context: context) == #"{"type":"bool","value":true}"#)
    }

    @Test func fixedOffsetMinutesMustBeInRange() {
        #expect(CEL.error("timestamp('2023-10-11T10:05:07Z').getHours('+01:75')")?.code == .evaluation)
    }

    @Test func unknownTimeZoneIsAnEvaluationError() {
        #expect(CEL.error("timestamp('2023-10-11T10:05:07Z').getHours('Mars/Olympus')")?.code == .evaluation)
    }

    @Test func subtractionGivesDuration() {
        #expect(CEL.result("timestamp('2023-10-11T10:00:00Z') - timestamp('2023-10-11T08:30:00Z')") == #"{"type":"duration","value":"5400s"}"#)
    }
}

struct DurationTests {
    @Test(arguments: [
        ("duration('1h30m')", "5400s"),
        ("duration('-1.5h')", "-5400s"),
        ("duration('+2m')", "120s"),
        ("duration('.5s')", "0.5s"),
        ("duration('1.s')", "1s"),
        ("duration('0')", "0s"),
        ("duration('1h1m1s1ms1us1ns')", "3661.001001001s"),
        ("duration('1µs')", "0.000001s"),
        ("duration('1μs')", "0.000001s"),
        ("duration('2562047h47m16.854775807s')", "9223372036.854776s"),
        ("duration('-2562047h47m16.854775808s')", "-9223372036.854776s"),
        ("duration('1s') + duration('500ms')", "1.5s"),
        ("duration('1s') - duration('2s')", "-1s"),
    ])
    func duration(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == #"{"type":"duration","value":"\#(expected)"}"#)
    }

    @Test(arguments: [
        ("duration('3730s').getHours()", 1), ("duration('3730s').getMinutes()", 62), ("duration('3730s').getSeconds()", 3730),
        ("duration('1.234s').getMilliseconds()", 234), ("duration('-90m').getHours()", -1),
    ])
    func accessors(_ expression: String, _ expected: Int) {
        #expect(CEL.result(expression) == #"{"type":"int","value":\#(expected)}"#)
    }

    @Test(arguments: ["duration('1')", "duration('h')", "duration('1x')", "duration('2562048h')", "duration('--1s')", "duration('1s ')"])
    func invalidDurations(_ expression: String) {
        #expect(CEL.error(expression)?.code == .evaluation)
    }

    @Test func durationArithmeticOverflows() {
        #expect(CEL.error("duration('2562047h') + duration('2562047h')")?.message == "integer overflow")
        #expect(CEL.error("duration('1s').getHours('UTC')")?.code == .type)
    }
}
