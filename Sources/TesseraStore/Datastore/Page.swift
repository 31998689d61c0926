/// One page of a paginated listing and the token for the next one (empty when there is
/// none, except for changes, whose token always allows polling for more).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var continuationToken: String

    public init(items: [Item], continuationToken: String) {
        self.items = items
        self.continuationToken = continuationToken
    }
}

extension Page: Equatable where Item: Equatable {}
