/// A JSON value read by ``StrictJSONParser``: the JOSE header, the claims set, JWKS and
/// discovery documents, and the server's request bodies.
///
/// Numbers keep their source text so that a claim such as `exp` can be checked for being an
/// exact integer instead of whatever a `Double` rounds it to.
public enum StrictJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([StrictJSON])
    case object([String: StrictJSON])

    var objectValue: [String: StrictJSON]? {
        if case .object(let members) = self { members } else { nil }
    }

    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    var arrayValue: [StrictJSON]? {
        if case .array(let elements) = self { elements } else { nil }
    }
}
