import Foundation
import Synchronization

/// Makes ULIDs (26 Crockford base-32 characters: 48-bit milliseconds, 80 random bits) that
/// increase strictly within a process: a second id in the same millisecond (or a clock
/// going back) increments the previous one. Models sort newest-first by their id.
final class ULIDGenerator: Sendable {
    private struct State {
        var milliseconds: UInt64 = 0
        var high: UInt16 = 0
        var low: UInt64 = 0
    }

    private let state = Mutex(State())
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    func next(now: Date = Date()) -> String {
        let nowMillis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let (millis, high, low) = state.withLock { state -> (UInt64, UInt16, UInt64) in
            if nowMillis > state.milliseconds {
                state.milliseconds = nowMillis
                state.high = UInt16.random(in: 0...UInt16.max)
                state.low = UInt64.random(in: 0...UInt64.max)
            } else {
                // Same millisecond or the clock went back: stay monotonic.
                let (low, overflow) = state.low.addingReportingOverflow(1)
                state.low = low
                if overflow {
                    let (high, highOverflow) = state.high.addingReportingOverflow(1)
                    state.high = high
                    if highOverflow { state.milliseconds += 1 }
                }
            }
            return (state.milliseconds, state.high, state.low)
        }
        return Self.encode(milliseconds: millis, high: high, low: low)
    }

    /// 128 bits: 48 of time, 16 + 64 random, as 26 base-32 digits (the first holds 3 bits).
    static func encode(milliseconds: UInt64, high: UInt16, low: UInt64) -> String {
        // hi: the top 64 bits (48 time + 16 random), lo: the bottom 64.
        let hi = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | UInt64(high)
        let lo = low
        var digits = [UInt8](repeating: 0, count: 26)
        for index in 0..<26 {
            let shift = (25 - index) * 5  // bit offset of this digit from the bottom of 130 bits
            var value: UInt64 = 0
            if shift >= 64 {
                value = hi >> UInt64(shift - 64)
            } else if shift + 5 > 64 {
                value = (lo >> UInt64(shift)) | (hi << UInt64(64 - shift))
            } else {
                value = lo >> UInt64(shift)
            }
            digits[index] = alphabet[Int(value & 0x1F)]
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// OpenFGA's id pattern `^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$`.
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
