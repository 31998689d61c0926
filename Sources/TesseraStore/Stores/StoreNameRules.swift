/// OpenFGA's store name pattern: `^[a-zA-Z0-9\s\.\-\/^_&@]{3,64}$` (Go's `\s` is ASCII
/// whitespace: tab, newline, form feed, carriage return, space).
enum StoreNameRules {
    static func validate(_ name: String) throws {
        let count = name.unicodeScalars.count
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "/", "^", "_", "&", "@", " ", "\t", "\n", "\u{0C}", "\r": true
            default: false
            }
        }
        guard count >= 3, count <= 64, allowed else {
            throw StoreError(
                .validationError,
                #"invalid CreateStoreRequest.Name: value does not match regex pattern "^[a-zA-Z0-9\s\.\-\/^_&@]{3,64}$""#
            )
        }
    }
}
