/// CEL equality (`==`, `!=`, `in`): heterogeneous, so values of different types are unequal
/// rather than an error, numbers compare by value across int, uint and double, NaN equals
/// nothing, strings compare by code points, lists and maps element-wise.
enum Equality {
    static func equals(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.int, _), (.uint, _), (.double, _):
            return Comparison.numericOrder(lhs, rhs) == 0
        case (.duration(let a), .duration(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.ipAddress(let a), .ipAddress(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { equals($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for key in a.keys {
                guard let left = a[key], let right = b[key], equals(left, right) else { return false }
            }
            return true
        default:
            return false
        }
    }
}
