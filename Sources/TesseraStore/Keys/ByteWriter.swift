/// Appends fixed-width big-endian integers and length-prefixed strings to a byte array:
/// the encoding of every LMDB key and value Tessera writes. Big-endian so that LMDB's
/// `memcmp` key order is numeric order.
struct ByteWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 32) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int64) { append(UInt64(bitPattern: value)) }

    mutating func append(bytes other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    /// A UTF-8 string preceded by its byte count (UInt32).
    mutating func append(string: String) {
        append(UInt32(truncatingIfNeeded: string.utf8.count))
        bytes.append(contentsOf: string.utf8)
    }

    /// An optional string: a presence byte, then the string.
    mutating func append(optional string: String?) {
        if let string {
            append(UInt8(1))
            append(string: string)
        } else {
            append(UInt8(0))
        }
    }
}
