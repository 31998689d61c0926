import Testing
import TesseraConditions

struct ConditionTypeTests {
    @Test(arguments: ["bool", "string", "int", "uint", "double", "duration", "timestamp", "ipaddress", "list<int>", "map<ipaddress>"])
    func dslNameRoundTrips(_ name: String) throws {
        let type = try #require(ConditionType(dslName: name))
        #expect(type.dslName == name)
    }

    @Test func dslRejectsNestingAndAny() {
        #expect(ConditionType(dslName: "list<list<int>>") == nil)
        #expect(ConditionType(dslName: "any") == nil)
        #expect(ConditionType(dslName: "map<>") == nil)
        #expect(ConditionType(dslName: "bytes") == nil)
    }

    @Test func apiFormRoundTrips() throws {
        let type = ConditionType.map(.timestamp)
        let rebuilt = try #require(ConditionType(apiTypeName: type.apiTypeName, genericArguments: type.genericArguments))
        #expect(rebuilt == type)
        #expect(ConditionType(apiTypeName: "TYPE_NAME_LIST", genericArguments: []) == nil)
        #expect(ConditionType(apiTypeName: "TYPE_NAME_INT", genericArguments: [.int]) == nil)
    }
}
