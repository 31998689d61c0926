/// The fields every query shares: which model, and how fresh the data must be.
struct QueryOptions: Sendable, Hashable {
    /// `nil` means the store's latest model.
    var modelID: String?
    var consistency: ConsistencyPreference

    init(wire object: WireObject) throws(WireError) {
        modelID = try object.modelID()
        consistency = try ConsistencyPreference(wire: object)
    }
}

extension WireObject {
    /// `authorization_model_id`: empty means the latest model; otherwise a ULID.
    func modelID() throws(WireError) -> String? {
        guard let id = try string("authorization_model_id", "authorizationModelId") else { return nil }
        guard ULIDText.isValid(id) else {
            throw WireError(field("authorization_model_id"), "value does not match regex pattern \"^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$\"")
        }
        return id
    }
}

/// The text form of store and model ids: 26 characters of Crockford's base32.
enum ULIDText {
    static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                byte != UInt8(ascii: "I") && byte != UInt8(ascii: "L") && byte != UInt8(ascii: "O") && byte != UInt8(ascii: "U")
            default: false
            }
        }
    }
}
