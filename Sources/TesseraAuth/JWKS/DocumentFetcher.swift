/// Why a discovery or JWKS document could not be had.
struct FetchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads discovery and JWKS documents with a time limit and a size limit.
protocol DocumentFetcher: Sendable {
    /// The body of `location` (a URL, or a path for file sources), at most `maxBytes` long.
    func fetch(_ location: String, maxBytes: Int) async throws(FetchError) -> [UInt8]
}
