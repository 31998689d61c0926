import TesseraConditions

/// A compact binary form of `JSONValue` for condition contexts stored with tuples: decoding
/// it on the read path is a walk over bytes, not a JSON parse. Object members are written in
/// key order, so equal values always give equal bytes.
///
/// Tags: 0 null, 1 false, 2 true, 3 number (IEEE double, big-endian), 4 string, 5 array
/// (count, items), 6 object (count, key/value pairs); counts and string lengths are UInt32.
enum BinaryJSON {
    /// Deeper nesting than this in stored data is refused as corrupt (requests never get here
    /// with more: they were parsed from JSON text first).
    static let maxDepth = 512

    static func encode(_ object: JSONObject, into writer: inout ByteWriter) {
        encode(.object(object), into: &writer)
    }

    static func encode(_ value: JSONValue, into writer: inout ByteWriter) {
        switch value {
        case .null: writer.append(UInt8(0))
        case .bool(let flag): writer.append(UInt8(flag ? 2 : 1))
        case .number(let number):
            writer.append(UInt8(3))
            writer.append(number.bitPattern)
        case .string(let text):
            writer.append(UInt8(4))
            writer.append(string: text)
        case .array(let items):
            writer.append(UInt8(5))
            writer.append(UInt32(truncatingIfNeeded: items.count))
            for item in items { encode(item, into: &writer) }
        case .object(let members):
            writer.append(UInt8(6))
            writer.append(UInt32(truncatingIfNeeded: members.count))
            for key in members.keys.sorted() {
                writer.append(string: key)
                encode(members[key, default: .null], into: &writer)
            }
        }
    }

    static func decode(_ reader: inout ByteReader, depth: Int = 0) throws -> JSONValue {
        guard depth < maxDepth else { throw StoreError.corrupt("condition context nested too deeply") }
        switch try reader.readUInt8() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .number(Double(bitPattern: try reader.readUInt64()))
        case 4: return .string(try reader.readString())
        case 5:
            let count = Int(try reader.readUInt32())
            guard count <= reader.remaining else { throw StoreError.corrupt("condition context array") }
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try decode(&reader, depth: depth + 1)) }
            return .array(items)
        case 6:
            let count = Int(try reader.readUInt32())
            guard count <= reader.remaining else { throw StoreError.corrupt("condition context object") }
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(count)
            for _ in 0..<count {
                let key = try reader.readString()
                members[key] = try decode(&reader, depth: depth + 1)
            }
            return .object(members)
        default:
            throw StoreError.corrupt("condition context tag")
        }
    }

    static func decodeObject(_ reader: inout ByteReader) throws -> JSONObject {
        guard case .object(let members) = try decode(&reader) else { throw StoreError.corrupt("condition context is not an object") }
        return members
    }
}
