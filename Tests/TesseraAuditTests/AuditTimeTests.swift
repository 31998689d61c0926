import Foundation
import Testing
import TesseraAudit

/// Audit times are RFC 3339 in UTC with microseconds.
struct AuditTimeTests {
    @Test func formatsMicrosecondsInUTC() {
        #expect(AuditTime.format(1_738_315_800_123_456) == "2025-01-31T09:30:00.123456Z")
        #expect(AuditTime.format(1_738_315_800_000_007) == "2025-01-31T09:30:00.000007Z")
    }

    @Test func formatsInstantsBefore1970() {
        #expect(AuditTime.format(-1) == "1969-12-31T23:59:59.999999Z")
    }

    @Test func parsesWithAndWithoutFractionAndOffset() throws {
        #expect(try #require(AuditTime.parse("2025-01-31T09:30:00Z")).timeIntervalSince1970 == 1_738_315_800)
        #expect(try #require(AuditTime.parse("2025-01-31T10:30:00.5+01:00")).timeIntervalSince1970 == 1_738_315_800.5)
        #expect(AuditTime.parse("yesterday") == nil)
    }
}
