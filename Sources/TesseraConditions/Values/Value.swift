/// A runtime CEL value.
///
/// Payloads are at most two words plus a tag for the common cases, so values move
/// cheaply through the evaluator; lists and maps are copy-on-write collections.
enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case duration(DurationValue)
    case timestamp(TimestampValue)
    case ipAddress(IPAddressValue)
    case list([Value])
    case map(MapValue)
}

extension Value {
    /// The CEL type name of the value, as error messages and `tessera condition eval` print it.
    var typeName: String { runtimeType.description }

    /// The value's type; a list's or map's element type is the one its elements share,
    /// `dyn` when they differ or there are none.
    var runtimeType: CheckedType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .duration: .duration
        case .timestamp: .timestamp
        case .ipAddress: .ipAddress
        case .list(let elements): .list(Self.commonType(elements))
        case .map(let map): .map(Self.commonType(map.keys.lazy.map(\.value)), Self.commonType(map.entries.lazy.map(\.value)))
        }
    }

    /// The type shared by all values, `dyn` when they differ or there are none.
    static func commonType(_ values: some Collection<Value>) -> CheckedType {
        guard let first = values.first?.runtimeType else { return .dyn }
        return values.allSatisfy { $0.runtimeType == first } ? first : .dyn
    }

    /// The size CEL's cost model charges for: code points for strings, elements for
    /// lists and maps, 1 for everything else.
    var costSize: Int {
        switch self {
        case .string(let value): value.unicodeScalars.count
        case .list(let elements): elements.count
        case .map(let map): map.count
        default: 1
        }
    }
}
