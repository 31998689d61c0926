import Testing
import TesseraModel
import TesseraConditions
import TesseraStore

/// T10: every legal identifier is storable, one byte over is refused naming the field.
struct IdentifierLimitTests {
    /// `type:id` of exactly `bytes` bytes.
    func object(_ bytes: Int, type: String = "doc") -> String {
        type + ":" + String(repeating: "o", count: bytes - type.utf8.count - 1)
    }

    func roundTrip(_ key: TupleKey) async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [key])
            #expect(try datastore.readAll(storeID, pageSize: 10) == [key])
            let found = try datastore.withSnapshot(storeID: storeID) { snapshot in
                try snapshot.tuple(object: key.object, relation: key.relation, user: key.user)
            }
            #expect(found == key)
            var reverse: [TupleKey] = []
            try datastore.withSnapshot(storeID: storeID) { snapshot in
                let type = String(key.object.prefix { $0 != ":" })
                try snapshot.forEachTuple(user: key.user, relation: key.relation, objectType: type) { reverse.append($0); return true }
            }
            #expect(reverse == [key])
        }
    }

    func refusal(_ key: TupleKey) async throws -> StoreError? {
        try await withStore { datastore, storeID in
            await #expect(throws: StoreError.self) { try await datastore.write(storeID, [key]) }
        }
    }

    @Test func objectOf256BytesIsStored() async throws {
        try await roundTrip(tuple(object(256), "viewer", "user:anne"))
    }

    @Test func objectOf257BytesIsRefusedNamingTheObject() async throws {
        let error = try await refusal(tuple(object(257), "viewer", "user:anne"))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("TupleKey.Object") == true)
    }

    @Test func relationOf50BytesIsStored() async throws {
        try await roundTrip(tuple("doc:1", String(repeating: "r", count: 50), "user:anne"))
    }

    @Test func relationOf51BytesIsRefusedNamingTheRelation() async throws {
        let error = try await refusal(tuple("doc:1", String(repeating: "r", count: 51), "user:anne"))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("TupleKey.Relation") == true)
    }

    @Test func userOf512BytesIsStored() async throws {
        try await roundTrip(tuple("doc:1", "viewer", object(512, type: "user")))
    }

    @Test func usersetUserOf512BytesIsStored() async throws {
        let user = "group:" + String(repeating: "g", count: 512 - 6 - 7) + "#member"
        #expect(user.utf8.count == 512)
        try await roundTrip(tuple("doc:1", "viewer", user))
    }

    @Test func userOf513BytesIsRefusedNamingTheUser() async throws {
        let error = try await refusal(tuple("doc:1", "viewer", object(513, type: "user")))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("TupleKey.User") == true)
    }

    @Test func typeOf254BytesIsStored() async throws {
        let type = String(repeating: "t", count: 254)
        try await roundTrip(tuple("doc:1", "viewer", type + ":x"))
    }

    @Test func typeOf255BytesIsRefusedNamingTheUser() async throws {
        let type = String(repeating: "t", count: 255)
        let error = try await refusal(tuple("doc:1", "viewer", type + ":x"))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("'user'") == true)
    }

    @Test func multibyteUTF8IdentifiersAtTheLimitAreStored() async throws {
        // "é" is 2 bytes, "😀" 4: the limits count bytes, not characters.
        let objectID = String(repeating: "é", count: (256 - 4) / 2)
        let userID = String(repeating: "😀", count: (512 - 5) / 4) + "abc"
        let key = tuple("doc:" + objectID, "vïewer", "user:" + userID)
        #expect(key.object.utf8.count == 256)
        #expect(key.user.utf8.count == 512)
        try await roundTrip(key)
    }

    @Test(arguments: ["doc", "doc:", ":1", "doc:*", "doc:a b", "doc:1#x", "doc:a:b"])
    func malformedObjectsAreRefused(object: String) async throws {
        let error = try await refusal(tuple(object, "viewer", "user:anne"))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("'object'") == true)
    }

    @Test(arguments: ["anne", "user:", "group:*#member", "user:an ne", "user:a\u{7}"])
    func malformedUsersAreRefused(user: String) async throws {
        let error = try await refusal(tuple("doc:1", "viewer", user))
        #expect(error?.code == .validationError)
        #expect(error?.message.contains("'user'") == true)
    }

    @Test(arguments: ["", "a:b", "a#b", "a@b", "a b"])
    func malformedRelationsAreRefused(relation: String) async throws {
        let error = try await refusal(tuple("doc:1", relation, "user:anne"))
        #expect(error?.code == .validationError)
    }

    @Test func identifiersDifferingOnlyInCaseAreDistinct() async throws {
        try await withStore { datastore, storeID in
            try await datastore.write(storeID, [tuple("doc:A", "viewer", "user:anne"), tuple("doc:a", "viewer", "user:Anne")])
            let found = try datastore.withSnapshot(storeID: storeID) { snapshot in
                try snapshot.tuple(object: "doc:a", relation: "viewer", user: "user:anne")
            }
            #expect(found == nil)
            #expect(try datastore.readAll(storeID, pageSize: 10).count == 2)
        }
    }
}
