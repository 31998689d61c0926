import Foundation
import Synchronization

/// Counts failed authentications per source address and slows down addresses that fail
/// too often, so the API cannot be used to guess keys.
///
/// Each address has a one-minute window opened by its first failure. Once `limit` failures
/// are counted in the window, *every* request from the address is refused with 429 until the
/// window ends: refusing only the failures would still tell a guesser when a guess is right.
/// IPv6 addresses are counted per /64, the block one subscriber usually holds. At most
/// `capacity` addresses are tracked; past that, expired windows are dropped first, then the
/// oldest.
final class FailureRateLimiter: Sendable {
    private struct Window {
        var start: Date
        var failures: Int
    }

    static let windowSeconds: TimeInterval = 60

    private let limit: Int
    private let capacity: Int
    private let windows = Mutex<[String: Window]>([:])

    /// `limit` failures per minute per address; 0 disables the limiter.
    init(limit: Int, capacity: Int = 100_000) {
        self.limit = limit
        self.capacity = capacity
    }

    /// Seconds until `address` may try again, or nil when it may try now.
    func retryAfter(address: String, now: Date) -> Int? {
        guard limit > 0 else { return nil }
        let key = Self.key(for: address)
        return windows.withLock { windows -> Int? in
            guard let window = windows[key] else { return nil }
            let remaining = window.start.addingTimeInterval(Self.windowSeconds).timeIntervalSince(now)
            guard remaining > 0, remaining <= Self.windowSeconds else {
                windows[key] = nil
                return nil
            }
            return window.failures >= limit ? Int(remaining.rounded(.up)) : nil
        }
    }

    /// Counts one failure from `address`.
    func recordFailure(address: String, now: Date) {
        guard limit > 0 else { return }
        let key = Self.key(for: address)
        windows.withLock { windows in
            if var window = windows[key], now.timeIntervalSince(window.start) < Self.windowSeconds,
                now >= window.start
            {
                window.failures += 1
                windows[key] = window
                return
            }
            if windows[key] == nil, windows.count >= capacity { evict(from: &windows, now: now) }
            windows[key] = Window(start: now, failures: 1)
        }
    }

    private func evict(from windows: inout [String: Window], now: Date) {
        windows = windows.filter { now.timeIntervalSince($0.value.start) < Self.windowSeconds }
        if windows.count >= capacity, let oldest = windows.min(by: { $0.value.start < $1.value.start }) {
            windows[oldest.key] = nil
        }
    }

    /// The counting key: the IPv4 address, the IPv6 /64 prefix, or the text as given when
    /// it is not an IP address (a Unix socket peer, say).
    static func key(for address: String) -> String {
        switch HostAddress.parse(address) {
        case .v4(let bytes): return bytes.map(String.init).joined(separator: ".")
        case .v6(let bytes): return bytes[0..<8].map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
        case nil: return address
        }
    }
}
