#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import struct Foundation.URL

/// Address helpers: loopback detection for the "plain http only on loopback" and "no
/// authentication only on loopback" rules, and binary forms for per-address counting.
enum HostAddress {
    /// An IP address in binary form.
    enum Parsed: Equatable {
        case v4([UInt8])
        case v6([UInt8])
    }

    /// Parses a literal IPv4 or IPv6 address (brackets and an IPv6 zone are allowed).
    static func parse(_ text: String) -> Parsed? {
        var host = text
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let zone = host.firstIndex(of: "%") { host = String(host[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return .v4(withUnsafeBytes(of: &v4) { Array($0) })
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 address.
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                return .v4(Array(bytes[12..<16]))
            }
            return .v6(bytes)
        }
        return nil
    }

    /// `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        switch parse(host) {
        case .v4(let bytes): return bytes[0] == 127
        case .v6(let bytes): return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
        case nil: return false
        }
    }

    /// Why a URL Tessera fetches from is unacceptable, or nil when it is fine: it must be
    /// absolute `https`, or `http` to a loopback address, with a host and no credentials.
    static func problem(withFetchURL text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host, !host.isEmpty
        else { return "not an absolute URL" }
        guard url.user == nil, url.password == nil else { return "credentials in the URL" }
        switch scheme {
        case "https": return nil
        case "http": return isLoopback(host) ? nil : "plain http is allowed only for loopback addresses"
        default: return "scheme \(scheme) is not https"
        }
    }
}
