/// Reads what `ByteWriter` wrote, from bytes in the LMDB map or a copy. Every read checks
/// the remaining length and throws on truncated or malformed data, so a damaged record is
/// an error, never a crash.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset >= bytes.count }

    mutating func readUInt8() throws -> UInt8 {
        guard remaining >= 1 else { throw StoreError.corrupt("truncated record") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32() throws -> UInt32 {
        guard remaining >= 4 else { throw StoreError.corrupt("truncated record") }
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func readUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw StoreError.corrupt("truncated record") }
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func readInt64() throws -> Int64 { Int64(bitPattern: try readUInt64()) }

    mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw StoreError.corrupt("truncated record") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// The rest of the bytes.
    mutating func readRest() -> UnsafeRawBufferPointer {
        defer { offset = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset...])
    }

    mutating func readString() throws -> String {
        let count = Int(try readUInt32())
        return String(decoding: try readBytes(count), as: UTF8.self)
    }

    mutating func readOptionalString() throws -> String? {
        try readUInt8() == 0 ? nil : try readString()
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian UInt32 at `offset` (the caller checked the length).
    @inline(__always)
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    func bigEndianUInt64(at offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
