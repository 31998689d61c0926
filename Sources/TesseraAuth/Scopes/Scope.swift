/// The capabilities a token can be issued for. Each API operation needs exactly one of them
/// (see ``APIOperation/requiredScope``); they do not imply one another.
public enum Scope: String, Sendable, Hashable, CaseIterable {
    /// Queries and reads: check, batch-check, expand, list-objects, list-users, read, changes,
    /// get-store, reading models and assertions.
    case read
    /// Writing tuples and assertions.
    case write
    /// Writing authorization models.
    case model
    /// Creating, listing and deleting stores; reading the audit log.
    case admin
    /// Scraping `/metrics` when the server protects it. Not in the list: a scraper
    /// should not need `admin`, which can delete stores.
    case metrics
}
