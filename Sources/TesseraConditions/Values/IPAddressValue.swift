/// An IPv4 or IPv6 address, parsed as Go's `netip.ParseAddr` does and then unmapped
/// (an IPv4-mapped IPv6 address becomes the IPv4 address), as OpenFGA does since 1.18.1.
struct IPAddressValue: Sendable, Hashable {
    /// The 128-bit address; IPv4 addresses occupy the low 32 bits.
    var high: UInt64
    var low: UInt64
    var isIPv4: Bool
    /// The IPv6 zone (`fe80::1%eth0`), empty when absent.
    var zone: String

    /// Parses an address; `nil` if the text is not a well-formed address.
    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        if let v4 = Self.parseIPv4(bytes[...]) {
            self.init(high: 0, low: UInt64(v4), isIPv4: true, zone: "")
            return
        }
        var addressPart = bytes[...]
        var zone = ""
        if let percent = bytes.firstIndex(of: UInt8(ascii: "%")) {
            addressPart = bytes[..<percent]
            let zoneBytes = bytes[(percent + 1)...]
            guard !zoneBytes.isEmpty else { return nil }
            zone = String(decoding: zoneBytes, as: UTF8.self)
        }
        guard let (high, low) = Self.parseIPv6(addressPart) else { return nil }
        self.init(high: high, low: low, isIPv4: false, zone: zone)
        unmap()
    }

    init(high: UInt64, low: UInt64, isIPv4: Bool, zone: String) {
        self.high = high
        self.low = low
        self.isIPv4 = isIPv4
        self.zone = zone
    }

    /// `::ffff:a.b.c.d` → `a.b.c.d` (the zone is dropped, as netip's `Unmap` does).
    mutating func unmap() {
        guard !isIPv4, high == 0, low >> 32 == 0xFFFF else { return }
        self = IPAddressValue(high: 0, low: low & 0xFFFF_FFFF, isIPv4: true, zone: "")
    }

    /// Whether the address is inside `cidr` (`netip.ParsePrefix` syntax; a mapped IPv6
    /// prefix of at least 96 bits is unmapped like addresses are). `nil` for a malformed CIDR.
    func isIn(cidr: String) -> Bool? {
        let bytes = Array(cidr.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let bitsText = bytes[(slash + 1)...]
        guard !bitsText.isEmpty, bitsText.count <= 3, bitsText.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              bitsText.count == 1 || bitsText.first != UInt8(ascii: "0") else { return nil }
        var bits = bitsText.reduce(0) { $0 * 10 + Int($1 - 48) }
        let addressText = bytes[..<slash]
        var prefix: IPAddressValue
        if let v4 = Self.parseIPv4(addressText) {
            prefix = IPAddressValue(high: 0, low: UInt64(v4), isIPv4: true, zone: "")
            guard bits <= 32 else { return nil }
        } else {
            guard !addressText.contains(UInt8(ascii: "%")), let (high, low) = Self.parseIPv6(addressText), bits <= 128 else { return nil }
            prefix = IPAddressValue(high: high, low: low, isIPv4: false, zone: "")
            if high == 0, low >> 32 == 0xFFFF, bits >= 96 {
                prefix.unmap()
                bits -= 96
            }
        }
        guard zone.isEmpty, isIPv4 == prefix.isIPv4 else { return false }
        let width = isIPv4 ? 32 : 128
        let shift = width - bits
        // Compare the top `bits` bits of the 128-bit values.
        func masked(_ high: UInt64, _ low: UInt64) -> (UInt64, UInt64) {
            if shift >= 128 { return (0, 0) }
            if shift >= 64 { return (high >> (shift - 64), 0) }
            if shift == 0 { return (high, low) }
            return (high, low >> shift)
        }
        return masked(high, low) == masked(prefix.high, prefix.low)
    }

    /// Dotted-quad IPv4; every field 0-255 without leading zeros.
    static func parseIPv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var fields = 0
        var field: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, fields < 3 else { return nil }
                value = value << 8 | field
                fields += 1
                field = 0
                digits = 0
                continue
            }
            guard byte >= 48, byte <= 57, digits < 3 else { return nil }
            if digits == 0 { leadingZero = byte == 48 } else if leadingZero { return nil }
            field = field * 10 + UInt32(byte - 48)
            guard field <= 255 else { return nil }
            digits += 1
        }
        guard digits > 0, fields == 3 else { return nil }
        return value << 8 | field
    }

    /// IPv6 text form with `::` and an optional trailing dotted IPv4 part.
    static func parseIPv6(_ text: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        var groups: [UInt16] = []
        var ellipsis: Int?
        var index = text.startIndex
        if text.starts(with: [58, 58]) {  // "::"
            ellipsis = 0
            index += 2
            if index == text.endIndex { return (0, 0) }
        }
        while index < text.endIndex {
            // An embedded IPv4 address may end the text when 6 groups (or fewer with "::") precede it.
            var end = index
            while end < text.endIndex, text[end] != 58 { end += 1 }
            let piece = text[index..<end]
            if end == text.endIndex, piece.contains(46) {
                guard let v4 = parseIPv4(piece), groups.count <= 6 else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                index = end
                break
            }
            guard !piece.isEmpty, piece.count <= 4 else { return nil }
            var group: UInt16 = 0
            for byte in piece {
                guard let digit = Unicode.Scalar(byte).hexDigitValue else { return nil }
                group = group << 4 | UInt16(digit)
            }
            groups.append(group)
            guard groups.count <= 8 else { return nil }
            index = end
            if index == text.endIndex { break }
            index += 1  // the ':'
            if index < text.endIndex, text[index] == 58 {
                guard ellipsis == nil else { return nil }
                ellipsis = groups.count
                index += 1
                if index == text.endIndex { break }
            } else if index == text.endIndex {
                return nil  // trailing single ':'
            }
        }
        if let ellipsis {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: ellipsis)
        }
        guard groups.count == 8 else { return nil }
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    /// The canonical text: dotted quad, or RFC 5952 IPv6 (as Go's `netip.Addr.String`).
    var text: String {
        if isIPv4 {
            let v = UInt32(truncatingIfNeeded: low)
            return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
        }
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
        // Longest run of at least two zero groups (the first one on ties) becomes "::".
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for (index, group) in groups.enumerated() {
            if group == 0 {
                if runStart < 0 { runStart = index }
                if index - runStart + 1 > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart + 1
                }
            } else {
                runStart = -1
            }
        }
        var out = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                out += "::"
                index += bestLength
                continue
            }
            if !out.isEmpty, !out.hasSuffix(":") { out += ":" }
            out += String(groups[index], radix: 16)
            index += 1
        }
        return zone.isEmpty ? out : out + "%" + zone
    }
}
