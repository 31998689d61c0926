/// OpenFGA's IP address extension: `ipaddress(string)` and `<ipaddress>.in_cidr(string)`.
enum IPAddressFunctions {
    static func parse(_ value: Value) throws(EvaluationError) -> Value {
        guard case .string(let text) = value else { throw .noSuchOverload("ipaddress", value) }
        guard let address = IPAddressValue(parsing: text) else {
            throw EvaluationError("ParseAddr(\"\(text)\"): not a well-formed IP address")
        }
        return .ipAddress(address)
    }

    static func inCIDR(_ value: Value, _ argument: Value) throws(EvaluationError) -> Value {
        guard case .ipAddress(let address) = value, case .string(let cidr) = argument else {
            throw .noSuchOverload("in_cidr", value, argument)
        }
        guard let inside = address.isIn(cidr: cidr) else { throw EvaluationError("'\(cidr)' is a malformed CIDR string") }
        return .bool(inside)
    }
}
