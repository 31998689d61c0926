import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import TesseraAudit
import TesseraAuth
import TesseraEngine
import TesseraServer
import TesseraStore

/// `tessera serve`: the HTTP API on an embedded LMDB data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the OpenFGA-compatible HTTP API.",
        discussion: """
            Every option can also be set with a TESSERA_* environment variable (--http-addr → TESSERA_HTTP_ADDR) \
            or in a YAML/JSON file given with --config (keys named like the options). Flags win over the \
            environment, which wins over the file.
            """)

    @Option(name: .customLong("config"), help: "A YAML or JSON file of settings.") var configFile: String?
    @Option(name: .customLong("http-addr"), help: "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks one).") var httpAddress: String?
    @Option(name: .customLong("data-dir"), help: "The data directory (default ./data).") var dataDirectory: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).") var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text or json (default text).") var logFormat: String?

    // Limits
    @Option(name: .customLong("max-request-bytes"), help: "Largest request body (default 512KiB).") var maxRequestBytes: String?
    @Option(name: .customLong("max-url-bytes"), help: "Longest request URI (default 8KiB; longer gets 414).") var maxURLBytes: String?
    @Option(name: .customLong("max-header-bytes"), help: "Largest request header block (default 64KiB; larger gets 400).") var maxHeaderBytes: String?
    @Option(name: .customLong("check-deadline"), help: "Time limit of a check or batch check, 0 = none (default 3s).") var checkDeadline: String?
    @Option(name: .customLong("max-tuples-per-write"), help: "Most tuples in one write (default 100).") var maxTuplesPerWrite: String?
    @Option(name: .customLong("max-types-per-authorization-model"), help: "Most types in a model (default 100).") var maxTypes: String?
    @Option(name: .customLong("max-authorization-model-size-in-bytes"), help: "Largest model (default 256KiB).") var maxModelBytes: String?
    @Option(name: .customLong("resolve-node-limit"), help: "Resolution depth limit of checks (default 25).") var resolveNodeLimit: String?
    @Option(name: .customLong("max-checks-per-batch-check"), help: "Most checks in one batch (default 50).") var maxChecksPerBatch: String?
    @Option(name: .customLong("list-objects-deadline"), help: "List objects time limit (default 3s).") var listObjectsDeadline: String?
    @Option(name: .customLong("list-objects-max-results"), help: "List objects result limit, 0 = none (default 1000).") var listObjectsMaxResults: String?
    @Option(name: .customLong("list-users-deadline"), help: "List users time limit (default 3s).") var listUsersDeadline: String?
    @Option(name: .customLong("list-users-max-results"), help: "List users result limit, 0 = none (default 1000).") var listUsersMaxResults: String?

    // Storage
    @Option(name: .customLong("datastore-sync"), help: "full, metasync or nosync (default full; see the README for what each can lose).") var datastoreSync: String?
    @Option(name: .customLong("datastore-max-size"), help: "Largest data file, e.g. 64GiB (default unlimited).") var datastoreMaxSize: String?

    // Authentication
    @Option(name: .customLong("authn-method"), help: "none, preshared or oidc (default none).") var authnMethod: String?
    @Option(name: .customLong("authn-preshared-keys"), help: "Comma-separated preshared keys.") var presharedKeys: String?
    @Option(name: .customLong("authn-oidc-issuer"), help: "The token issuer (OIDC discovery at ISSUER/.well-known/openid-configuration).") var oidcIssuer: String?
    @Option(name: .customLong("authn-oidc-audience"), help: "The audience tokens must name (required for oidc).") var oidcAudience: String?
    @Option(name: .customLong("authn-oidc-issuer-aliases"), help: "Other accepted issuer values, comma-separated.") var oidcIssuerAliases: String?
    @Option(name: .customLong("authn-oidc-subjects"), help: "Allowed token subjects, comma-separated (default any).") var oidcSubjects: String?
    @Option(name: .customLong("authn-oidc-client-id-claims"), help: "Claims naming the client, in order (default azp,client_id).") var oidcClientIDClaims: String?
    @Option(name: .customLong("authn-oidc-jwks-uri"), help: "Fetch keys from this URL instead of discovery.") var oidcJWKSURI: String?
    @Option(name: .customLong("authn-oidc-jwks-file"), help: "Read keys from this JWKS file instead of discovery.") var oidcJWKSFile: String?
    @Option(name: .customLong("authn-oidc-algorithms"), help: "Accepted signing algorithms, comma-separated.") var oidcAlgorithms: String?
    @Option(name: .customLong("authn-oidc-leeway"), help: "Clock leeway for exp/nbf/iat in seconds (default 60).") var oidcLeeway: String?
    @Flag(name: .customLong("authn-oidc-rfc9068"), help: "Require RFC 9068 access tokens (typ at+jwt, sub, client_id, jti).") var oidcRFC9068 = false
    @Flag(name: .customLong("authn-scopes-disabled"), help: "Do not enforce scopes (for issuers that issue none).") var scopesDisabled = false
    @Option(name: .customLong("authn-tenant-claim"), help: "Claim listing the stores a token may use (default tessera_stores).") var tenantClaim: String?
    @Option(name: .customLong("authn-failure-limit"), help: "Failed authentications per address per minute before 429; 0 disables (default 60).") var failureLimit: String?
    @Flag(name: .customLong("authn-protect-metrics"), help: "Require the metrics scope for /metrics.") var protectMetrics = false
    // Audit
    @Option(name: .customLong("audit"), help: "on or off: record every mutation and refused caller in DATA_DIR/audit.sqlite (default on).") var audit: String?
    @Option(name: .customLong("audit-retention"), help: "How long audit entries are kept, e.g. 400d, 12h, 90m (default 400d).") var auditRetention: String?
    @Option(name: .customLong("audit-decisions"), help: "Check decisions to audit: none, denied, sampled:RATE (all denials and RATE in 0…1 of the allowed) or all (default none).")
    var auditDecisions: String?
    @Option(name: .customLong("audit-test-projection-delay"), help: .hidden) var auditProjectionDelay: String?

    @Flag(name: .customLong("allow-unauthenticated-non-loopback"), help: "Allow --authn-method none on a non-loopback address.") var allowUnauthenticated = false

    func run() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try resolve(SettingSources(environment: ProcessInfo.processInfo.environment, configFile: configFile))
        } catch {
            throw ValidationError("\(error)")
        }
        try await TesseraServerRunner(configuration: configuration).run()
    }

    func resolve(_ settings: SettingSources) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        do {
            try configuration.setHTTPAddress(settings.value("http-addr", flag: httpAddress) ?? "127.0.0.1:8080")
        } catch {
            throw ServeError(error.description)
        }
        configuration.dataDirectory = settings.value("data-dir", flag: dataDirectory) ?? "./data"
        if let level = settings.value("log-level", flag: logLevel) {
            guard let parsed = Logger.Level(rawValue: level) else { throw ServeError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
            configuration.logLevel = parsed
        }
        if let format = settings.value("log-format", flag: logFormat) {
            guard let parsed = ServerConfiguration.LogFormat(rawValue: format) else { throw ServeError("--log-format must be text or json") }
            configuration.logFormat = parsed
        }
        if let value = try settings.bytes("max-request-bytes", flag: maxRequestBytes) { configuration.limits.maxRequestBytes = value }
        if let value = try settings.bytes("max-url-bytes", flag: maxURLBytes) { configuration.limits.maxURLBytes = value }
        if let value = try settings.bytes("max-header-bytes", flag: maxHeaderBytes) { configuration.limits.maxHeaderBytes = value }
        if let value = try settings.duration("check-deadline", flag: checkDeadline) {
            configuration.engine.checkDeadline = value == .zero ? nil : value
        }
        if let value = try settings.int("max-tuples-per-write", flag: maxTuplesPerWrite) {
            configuration.limits.maxTuplesPerWrite = value
            configuration.datastore.maxTuplesPerWrite = value
        }
        if let value = try settings.int("max-types-per-authorization-model", flag: maxTypes) { configuration.limits.maxTypesPerModel = value }
        if let value = try settings.bytes("max-authorization-model-size-in-bytes", flag: maxModelBytes) { configuration.limits.maxModelBytes = value }
        if let value = try settings.int("resolve-node-limit", flag: resolveNodeLimit) { configuration.engine.maxResolutionDepth = value }
        if let value = try settings.int("max-checks-per-batch-check", flag: maxChecksPerBatch) { configuration.engine.maxChecksPerBatch = value }
        if let value = try settings.duration("list-objects-deadline", flag: listObjectsDeadline) { configuration.engine.listObjectsDeadline = value }
        if let value = try settings.int("list-objects-max-results", flag: listObjectsMaxResults) { configuration.engine.listObjectsMaxResults = value }
        if let value = try settings.duration("list-users-deadline", flag: listUsersDeadline) { configuration.engine.listUsersDeadline = value }
        if let value = try settings.int("list-users-max-results", flag: listUsersMaxResults) { configuration.engine.listUsersMaxResults = value }
        if let sync = settings.value("datastore-sync", flag: datastoreSync) {
            guard let parsed = DatastoreSync(rawValue: sync) else { throw ServeError("--datastore-sync must be full, metasync or nosync") }
            configuration.datastore.sync = parsed
        }
        configuration.datastore.maxSize = try settings.bytes("datastore-max-size", flag: datastoreMaxSize)
        configuration.protectMetrics = try settings.bool("authn-protect-metrics", flag: protectMetrics)
        configuration.auth = try resolveAuth(settings)
        configuration.audit = try resolveAudit(settings)
        return configuration
    }

    func resolveAuth(_ settings: SettingSources) throws -> AuthConfiguration {
        var auth = AuthConfiguration()
        switch settings.value("authn-method", flag: authnMethod) ?? "none" {
        case "none":
            auth.method = .none
        case "preshared":
            auth.method = .preshared(keys: settings.list("authn-preshared-keys", flag: presharedKeys))
        case "oidc":
            guard let issuer = settings.value("authn-oidc-issuer", flag: oidcIssuer) else {
                throw ServeError("--authn-method oidc needs --authn-oidc-issuer")
            }
            guard let audience = settings.value("authn-oidc-audience", flag: oidcAudience) else {
                throw ServeError("--authn-method oidc needs --authn-oidc-audience (tokens for other services must not be accepted)")
            }
            var source = JWKSSource.discovery
            if let uri = settings.value("authn-oidc-jwks-uri", flag: oidcJWKSURI) { source = .uri(uri) }
            if let file = settings.value("authn-oidc-jwks-file", flag: oidcJWKSFile) { source = .file(file) }
            var oidc = OIDCConfiguration(
                issuer: issuer, audience: audience, keySource: source,
                issuerAliases: settings.list("authn-oidc-issuer-aliases", flag: oidcIssuerAliases),
                rfc9068: try settings.bool("authn-oidc-rfc9068", flag: oidcRFC9068),
                subjects: settings.list("authn-oidc-subjects", flag: oidcSubjects))
            let claims = settings.list("authn-oidc-client-id-claims", flag: oidcClientIDClaims)
            if !claims.isEmpty { oidc.clientIDClaims = claims }
            let algorithms = settings.list("authn-oidc-algorithms", flag: oidcAlgorithms)
            if !algorithms.isEmpty {
                oidc.algorithms = Set(try algorithms.map { name in
                    guard let algorithm = SigningAlgorithm(rawValue: name) else { throw ServeError("unknown signing algorithm '\(name)'") }
                    return algorithm
                })
            }
            if let leeway = try settings.int("authn-oidc-leeway", flag: oidcLeeway) { oidc.leewaySeconds = leeway }
            auth.method = .oidc(oidc)
        case let other:
            throw ServeError("--authn-method must be none, preshared or oidc, got '\(other)'")
        }
        if try settings.bool("authn-scopes-disabled", flag: scopesDisabled) { auth.scopes.enforced = false }
        if let claim = settings.value("authn-tenant-claim", flag: tenantClaim) { auth.tenantClaim = claim }
        if let limit = try settings.int("authn-failure-limit", flag: failureLimit) { auth.failureLimitPerMinute = limit }
        auth.allowUnauthenticatedNonLoopback = try settings.bool("allow-unauthenticated-non-loopback", flag: allowUnauthenticated)
        return auth
    }
}
