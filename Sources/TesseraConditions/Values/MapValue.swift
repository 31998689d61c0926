/// A CEL map key: CEL allows `bool`, `int`, `uint` and `string` keys.
///
/// Numeric keys compare by value (`{1: 'a'}[1u]` finds the entry, as CEL's heterogeneous
/// equality says), and strings compare by their UTF-8 bytes, not Swift's canonical
/// equivalence: CEL strings are code-point sequences.
enum MapKey: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)

    static func == (lhs: MapKey, rhs: MapKey) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.uint(let a), .uint(let b)): a == b
        case (.int(let a), .uint(let b)), (.uint(let b), .int(let a)): a >= 0 && UInt64(a) == b
        case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let value):
            hasher.combine(0 as UInt8)
            hasher.combine(value)
        case .int(let value):
            // Non-negative ints hash like the equal uint.
            hasher.combine(1 as UInt8)
            if value >= 0 { hasher.combine(UInt64(value)) } else { hasher.combine(value) }
        case .uint(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(2 as UInt8)
            for byte in value.utf8 { hasher.combine(byte) }
        }
    }

    /// The key as a value.
    var value: Value {
        switch self {
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .uint(let value): .uint(value)
        case .string(let value): .string(value)
        }
    }

    /// The key a value can be looked up with. Doubles with an integral value find
    /// numeric keys (cel-go does the same); other values cannot be keys.
    init?(lookup value: Value) {
        switch value {
        case .bool(let v): self = .bool(v)
        case .int(let v): self = .int(v)
        case .uint(let v): self = .uint(v)
        case .string(let v): self = .string(v)
        case .double(let v):
            if let exact = Int64(exactly: v) {
                self = .int(exact)
            } else if let exact = UInt64(exactly: v) {
                self = .uint(exact)
            } else {
                return nil
            }
        default: return nil
        }
    }

    /// The key a map literal may use: doubles are not allowed as keys.
    init?(literal value: Value) {
        if case .double = value { return nil }
        self.init(lookup: value)
    }

    /// JSON object key text.
    var text: String {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .uint(let value): String(value)
        case .string(let value): value
        }
    }
}

/// A CEL map that keeps insertion order (for stable iteration and printing).
struct MapValue: Sendable {
    private(set) var keys: [MapKey] = []
    private var storage: [MapKey: Value] = [:]

    init() {}

    var count: Int { keys.count }

    subscript(key: MapKey) -> Value? { storage[key] }

    /// Inserts a new entry; returns false if the key is already present.
    mutating func insert(_ key: MapKey, _ value: Value) -> Bool {
        guard storage.updateValue(value, forKey: key) == nil else { return false }
        keys.append(key)
        return true
    }

    var entries: [(key: MapKey, value: Value)] {
        keys.map { ($0, storage[$0] ?? .null) }
    }
}
