import Testing
@testable import TesseraConditions

struct IPAddressTests {
    @Test(arguments: [
        ("192.168.0.1", "192.168.0.0/24", true),
        ("192.168.1.0", "192.168.0.0/24", false),
        ("10.1.2.3", "10.0.0.0/8", true),
        ("10.1.2.3", "0.0.0.0/0", true),
        ("10.1.2.3", "10.1.2.3/32", true),
        ("10.1.2.4", "10.1.2.3/32", false),
        ("192.168.0.77", "192.168.0.1/24", true),
        ("2001:db8::1", "2001:db8::/32", true),
        ("2001:db9::1", "2001:db8::/32", false),
        ("::1", "::1/128", true),
        ("fe80::1", "::/0", true),
        // IPv4-mapped IPv6 addresses are unmapped, so they match IPv4 networks (OpenFGA ≥ 1.18.1).
        ("::ffff:10.1.2.3", "10.0.0.0/8", true),
        ("::ffff:a01:203", "10.0.0.0/8", true),
        ("10.1.2.3", "::ffff:10.0.0.0/104", true),
        // Families do not mix otherwise.
        ("10.1.2.3", "::/0", false),
        ("2001:db8::1", "0.0.0.0/0", false),
    ])
    func inCIDR(_ address: String, _ cidr: String, _ expected: Bool) {
        let result = CEL.result("ip.in_cidr(cidr)", ["ip": "ipaddress", "cidr": "string"], context: #"{"ip":"\#(address)","cidr":"\#(cidr)"}"#)
        #expect(result == #"{"type":"bool","value":\#(expected)}"#, "\(address) in \(cidr)")
    }

    @Test(arguments: [
        ("ipaddress('192.168.0.1')", "192.168.0.1"),
        ("ipaddress('2001:DB8:0:0:0:0:0:1')", "2001:db8::1"),
        ("ipaddress('2001:db8:0:0:1:0:0:1')", "2001:db8::1:0:0:1"),
        ("ipaddress('::ffff:192.0.2.1')", "192.0.2.1"),
        ("ipaddress('::')", "::"),
        ("ipaddress('1::')", "1::"),
        ("ipaddress('fe80::1%eth0')", "fe80::1%eth0"),
        ("ipaddress('0:0:0:0:0:0:0:1')", "::1"),
    ])
    func parsesAndPrints(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == #"{"type":"ipaddress","value":"\#(expected)"}"#)
    }

    @Test(arguments: ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "::ffff:1.2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", "gg::1", "", "1.2.3.4%eth0", "12345::1", ":1"])
    func malformedAddressesAreErrors(_ text: String) {
        #expect(CEL.error("ipaddress('\(text)') != null")?.code == .evaluation, "\(text)")
        #expect(CEL.error("ip != null", ["ip": "ipaddress"], context: #"{"ip":"\#(text)"}"#)?.code == .invalidContext)
    }

    @Test(arguments: ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "::/129", "fe80::%eth0/64", "x/8"])
    func malformedCIDRsAreErrors(_ cidr: String) {
        let error = CEL.error("ipaddress('10.0.0.1').in_cidr('\(cidr)')")
        #expect(error?.code == .evaluation)
        #expect(error?.message == "'\(cidr)' is a malformed CIDR string")
    }

    @Test func equalityAndTypeRules() {
        #expect(CEL.result("ipaddress('::ffff:10.0.0.1') == ipaddress('10.0.0.1')") == #"{"type":"bool","value":true}"#)
        #expect(CEL.result("ipaddress('10.0.0.1') != ipaddress('10.0.0.2')") == #"{"type":"bool","value":true}"#)
        #expect(CEL.error("ipaddress(1)")?.code == .type)
        #expect(CEL.error("'10.0.0.1'.in_cidr('10.0.0.0/8')")?.code == .type)
        #expect(CEL.error("ipaddress('10.0.0.1') < ipaddress('10.0.0.2')")?.code == .type)
    }
}
