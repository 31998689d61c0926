import TesseraConditions
import TesseraModel

/// The model and tuples the query tests share.
enum TestModels {
    /// Users, groups, folders and documents: direct, wildcard, userset, conditional,
    /// computed, tuple-to-userset and exclusion rules.
    static let documents = """
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user, group#member]
        type folder
          relations
            define viewer: [user]
        type document
          relations
            define parent: [folder]
            define owner: [user]
            define blocked: [user]
            define viewer: [user, user:*, group#member, user with in_region] or owner or viewer from parent
            define can_read: viewer but not blocked
        condition in_region(region: string, allowed: list<string>) {
          region in allowed
        }
        """

    /// anne owns the roadmap, bob views it through group eng, carol through folder plans;
    /// everyone views the handbook; erin is blocked from the roadmap.
    static let documentTuples = [
        "document:roadmap#owner@user:anne",
        "document:roadmap#viewer@group:eng#member",
        "group:eng#member@user:bob",
        "document:roadmap#parent@folder:plans",
        "folder:plans#viewer@user:carol",
        "document:handbook#viewer@user:*",
        "document:roadmap#viewer@user:erin",
        "document:roadmap#blocked@user:erin",
    ]
}

/// A model in the DSL as the JSON body of `write authorization model`.
enum AuthorizationModelText {
    static func json(_ dsl: String) throws -> String {
        try AuthorizationModel(dsl: dsl).jsonText()
    }
}

/// Tuples written as `object#relation@user` (the user may itself be a userset).
enum TupleText {
    static func json(_ text: String, condition: String? = nil) throws -> String {
        guard let hash = text.firstIndex(of: "#"), let at = text[hash...].firstIndex(of: "@") else {
            throw TestFailure("not object#relation@user: \(text)")
        }
        var members: JSONObject = [
            "object": .string(String(text[..<hash])),
            "relation": .string(String(text[text.index(after: hash)..<at])),
            "user": .string(String(text[text.index(after: at)...])),
        ]
        if let condition { members["condition"] = .object(["name": .string(condition)]) }
        return JSONValue.object(members).canonicalText
    }
}
