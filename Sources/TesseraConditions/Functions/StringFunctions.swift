/// CEL's string functions. Strings are code-point sequences: `size` counts code points,
/// and matching works on UTF-8 bytes, whose order and substring structure are those of
/// code points (unlike Swift's `String` comparisons, which use canonical equivalence).
enum StringFunctions {
    static func size(_ value: Value) throws(EvaluationError) -> Value {
        switch value {
        case .string(let s): .int(Int64(s.unicodeScalars.count))
        case .list(let elements): .int(Int64(elements.count))
        case .map(let map): .int(Int64(map.count))
        default: throw .noSuchOverload("size", value)
        }
    }

    static func contains(_ value: Value, _ argument: Value) throws(EvaluationError) -> Value {
        guard case .string(let s) = value, case .string(let sub) = argument else { throw .noSuchOverload("contains", value, argument) }
        return .bool(find(Array(sub.utf8), in: Array(s.utf8)))
    }

    static func startsWith(_ value: Value, _ argument: Value) throws(EvaluationError) -> Value {
        guard case .string(let s) = value, case .string(let prefix) = argument else { throw .noSuchOverload("startsWith", value, argument) }
        return .bool(s.utf8.starts(with: prefix.utf8))
    }

    static func endsWith(_ value: Value, _ argument: Value) throws(EvaluationError) -> Value {
        guard case .string(let s) = value, case .string(let suffix) = argument else { throw .noSuchOverload("endsWith", value, argument) }
        return .bool(s.utf8.reversed().starts(with: suffix.utf8.reversed()))
    }

    /// Substring search in O(n + m) (Knuth–Morris–Pratt), so hostile inputs stay linear.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard needle.count <= haystack.count else { return false }
        var failure = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<needle.count {
            while k > 0, needle[i] != needle[k] { k = failure[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            failure[i] = k
        }
        k = 0
        for byte in haystack {
            while k > 0, byte != needle[k] { k = failure[k - 1] }
            if byte == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }
}
