import Foundation
import Logging
import Metrics

/// Holds the issuer's current keys and refreshes them.
///
/// - Periodically (``run()``), and on demand (``refresh(now:trigger:)``).
/// - On an unknown `kid`, at most once per `unknownKeyInterval` counted from the last fetch
///   of any kind (a failed attempt counts), so a flood of made-up `kid`s costs at most one
///   fetch per interval (RFC 8725 §3.10; OpenFGA: once a minute).
/// - Single-flight: callers arriving while a refresh runs wait for that one.
/// - A refresh that fails, or yields a document without one usable key, changes nothing:
///   the last good keys stay in use.
actor JWKSProvider {
    /// What caused a refresh, for logs and metrics.
    enum Trigger: String, Sendable {
        case initial
        case periodic
        case unknownKey = "unknown_kid"
    }

    /// The answer to a key lookup.
    enum Lookup: Sendable {
        case found(VerificationKey)
        /// Keys are loaded, but none has this `kid`.
        case unknown
        /// No keys have ever been loaded.
        case unavailable
    }

    private let configuration: OIDCConfiguration
    private let fetcher: any DocumentFetcher
    private let logger: Logger
    private let metricsFactory: any MetricsFactory

    private var keySet: KeySet?
    private var discoveredJWKSURI: String?
    private var lastAttempt: Date?
    private var inFlight: Task<Bool, Never>?

    init(configuration: OIDCConfiguration, fetcher: any DocumentFetcher, logger: Logger, metricsFactory: any MetricsFactory) {
        self.configuration = configuration
        self.fetcher = fetcher
        self.logger = logger
        self.metricsFactory = metricsFactory
    }

    /// The key for `keyID`, refreshing first when it is unknown and the interval allows.
    func key(for keyID: String, now: Date) async -> Lookup {
        if let key = keySet?[keyID] { return .found(key) }
        if let inFlight {
            _ = await inFlight.value
        } else if mayRefreshForUnknownKey(now: now) {
            _ = await refresh(now: now, trigger: keySet == nil ? .initial : .unknownKey)
        }
        if let key = keySet?[keyID] { return .found(key) }
        return keySet == nil ? .unavailable : .unknown
    }

    /// Fetches the keys now (joining a refresh already under way); true when usable keys
    /// were loaded. Ignores the unknown-`kid` interval: this is the periodic path.
    @discardableResult
    func refresh(now: Date, trigger: Trigger) async -> Bool {
        if let inFlight { return await inFlight.value }
        lastAttempt = now
        let task = Task { await self.load(trigger: trigger) }
        inFlight = task
        let loaded = await task.value
        inFlight = nil
        return loaded
    }

    /// Refreshes every `refreshIntervalSeconds` (every `unknownKeyRefreshIntervalSeconds`
    /// while no keys have loaded yet) until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            let seconds = keySet == nil ? configuration.unknownKeyRefreshIntervalSeconds : configuration.refreshIntervalSeconds
            do {
                try await Task.sleep(for: .seconds(seconds))
            } catch {
                return
            }
            await refresh(now: Date(), trigger: .periodic)
        }
    }

    /// The `kid`s in use, sorted (for diagnostics and tests).
    var keyIDs: [String] { keySet?.keys.keys.sorted() ?? [] }

    private func mayRefreshForUnknownKey(now: Date) -> Bool {
        guard let lastAttempt else { return true }
        let elapsed = now.timeIntervalSince(lastAttempt)
        // A clock that went backwards must not block refreshes until it catches up.
        return elapsed < 0 || elapsed >= TimeInterval(configuration.unknownKeyRefreshIntervalSeconds)
    }

    private func load(trigger: Trigger) async -> Bool {
        do {
            let loaded = try await fetchKeySet()
            keySet = loaded
            count(trigger: trigger, result: "success")
            logger.info(
                "loaded signing keys",
                metadata: [
                    "trigger": "\(trigger.rawValue)",
                    "kids": "\(loaded.keys.keys.sorted().joined(separator: ","))",
                ]
            )
            if !loaded.skipped.isEmpty {
                logger.notice("skipped JWKS keys", metadata: ["keys": "\(loaded.skipped.map(\.description).joined(separator: "; "))"])
            }
            return true
        } catch {
            count(trigger: trigger, result: "failure")
            logger.warning(
                "JWKS refresh failed; keeping the last good keys",
                metadata: ["trigger": "\(trigger.rawValue)", "error": "\(error)", "keys_kept": "\(keySet?.keys.count ?? 0)"]
            )
            return false
        }
    }

    private func fetchKeySet() async throws(FetchError) -> KeySet {
        let maxBytes = configuration.maxDocumentBytes
        let bytes: [UInt8]
        switch configuration.keySource {
        case .file(let path), .uri(let path):
            bytes = try await fetcher.fetch(path, maxBytes: maxBytes)
        case .discovery:
            let uri = try await jwksURI()
            do {
                bytes = try await fetcher.fetch(uri, maxBytes: maxBytes)
            } catch {
                // The issuer may have moved its keys: discover again next time.
                discoveredJWKSURI = nil
                throw error
            }
        }
        let loaded: KeySet
        do {
            loaded = try await JWKSDocument.read(bytes, allowedAlgorithms: configuration.algorithms)
        } catch {
            throw FetchError("JWKS: \(error)")
        }
        guard !loaded.keys.isEmpty else {
            throw FetchError("JWKS has no usable key (\(loaded.skipped.map(\.description).joined(separator: "; ")))")
        }
        return loaded
    }

    /// The `jwks_uri` from OpenID Connect discovery, whose `issuer` must be ours exactly
    /// (OpenID Connect Discovery 1.0 §4.3).
    private func jwksURI() async throws(FetchError) -> String {
        if let discoveredJWKSURI { return discoveredJWKSURI }
        let base = configuration.issuer.hasSuffix("/") ? String(configuration.issuer.dropLast()) : configuration.issuer
        let location = base + "/.well-known/openid-configuration"
        let bytes = try await fetcher.fetch(location, maxBytes: configuration.maxDocumentBytes)
        let document: [String: StrictJSON]
        do {
            guard let members = try StrictJSONParser.parse(bytes).objectValue else { throw FetchError("not a JSON object") }
            document = members
        } catch {
            throw FetchError("discovery document \(location): \(error)")
        }
        guard document["issuer"]?.stringValue == configuration.issuer else {
            throw FetchError("discovery document \(location) names another issuer")
        }
        guard let uri = document["jwks_uri"]?.stringValue else { throw FetchError("discovery document \(location) has no jwks_uri") }
        if let problem = HostAddress.problem(withFetchURL: uri) { throw FetchError("jwks_uri \(uri): \(problem)") }
        discoveredJWKSURI = uri
        return uri
    }

    private func count(trigger: Trigger, result: String) {
        Counter(
            label: "tessera_auth_jwks_refreshes_total",
            dimensions: [("trigger", trigger.rawValue), ("result", result)],
            factory: metricsFactory
        ).increment()
    }
}
