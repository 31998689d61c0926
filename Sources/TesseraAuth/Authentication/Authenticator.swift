public import AsyncHTTPClient
public import struct Foundation.Date
public import Logging
public import Metrics
import NIOCore
import NIOPosix
import Synchronization

/// Authenticates callers and authorizes their operations; the server's middleware calls it
/// on every request except `/healthz` and `/openapi.json`.
///
/// ```swift
/// let authenticator = try Authenticator(configuration: configuration, logger: logger)
/// await authenticator.prepare()                   // load the issuer's keys before serving
/// // a Service in the ServiceGroup: `await authenticator.run()` refreshes keys until cancelled
///
/// // per request, before the body is read:
/// switch await authenticator.authenticate(AuthRequest(
///     authorizationHeaders: request.headers[values: .authorization],
///     queryAccessToken: request.uri.queryParameters["access_token"] != nil,
///     sourceAddress: remoteAddress)) {
/// case .refused(let failure):  // status, failure.headers, failure.jsonBody
/// case .authenticated(let caller):
///     if let failure = authenticator.authorize(caller, operation: .check, storeID: storeID,
///                                              sourceAddress: remoteAddress) { /* answer it */ }
/// }
/// ```
public final class Authenticator: Sendable {
    /// How bearer credentials are checked, per ``AuthMethod``.
    private enum Credentials: Sendable {
        case none
        case preshared(PresharedKeyVerifier)
        case oidc(AccessTokenVerifier)
    }

    /// The validated configuration in force.
    public let configuration: AuthConfiguration

    private let credentials: Credentials
    private let keys: JWKSProvider?
    private let ownedHTTPClient: HTTPClient?
    private let isShutDown = Mutex(false)
    private let limiter: FailureRateLimiter
    private let policy: AccessPolicy
    private let recorder: RefusalRecorder

    /// Validates `configuration` and prepares to authenticate.
    ///
    /// - Parameters:
    ///   - configuration: The settings; invalid ones throw.
    ///   - logger: Where refusals and key refreshes are logged (never tokens or keys).
    ///   - metricsFactory: Where `tessera_auth_refusals_total` and
    ///     `tessera_auth_jwks_refreshes_total` go; the global metrics system by default.
    ///   - httpClient: The client for discovery and JWKS requests. When nil (the default) and
    ///     keys come over HTTP, the authenticator creates one that follows no redirects and
    ///     owns it: call ``shutdown()`` (``run()`` does on return).
    ///   - onRefusal: Called with every refusal, for the audit log.
    public init(
        configuration: AuthConfiguration,
        logger: Logger = Logger(label: "tessera.auth"),
        metricsFactory: (any MetricsFactory)? = nil,
        httpClient: HTTPClient? = nil,
        onRefusal: (@Sendable (AuthRefusal) -> Void)? = nil
    ) throws(AuthConfigurationError) {
        try configuration.validate()
        let factory = metricsFactory ?? MetricsSystem.factory
        self.configuration = configuration
        self.limiter = FailureRateLimiter(limit: configuration.failureLimitPerMinute)
        self.policy = AccessPolicy(scopes: configuration.scopes)
        self.recorder = RefusalRecorder(logger: logger, metricsFactory: factory, handler: onRefusal)

        switch configuration.method {
        case .none:
            credentials = .none
            keys = nil
            ownedHTTPClient = nil
        case .preshared(let presharedKeys):
            credentials = .preshared(PresharedKeyVerifier(keys: presharedKeys))
            keys = nil
            ownedHTTPClient = nil
        case .oidc(let oidc):
            let fetcher: any DocumentFetcher
            if case .file = oidc.keySource {
                fetcher = FileDocumentFetcher()
                ownedHTTPClient = nil
            } else {
                let client: HTTPClient
                if let httpClient {
                    client = httpClient
                    ownedHTTPClient = nil
                } else {
                    var settings = HTTPClient.Configuration(redirectConfiguration: .disallow)
                    settings.timeout = .init(connect: .seconds(Int64(oidc.fetchTimeoutSeconds)), read: .seconds(Int64(oidc.fetchTimeoutSeconds)))
                    client = HTTPClient(
                        eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                        configuration: settings,
                        backgroundActivityLogger: logger
                    )
                    ownedHTTPClient = client
                }
                fetcher = HTTPDocumentFetcher(client: client, timeoutSeconds: oidc.fetchTimeoutSeconds)
            }
            let provider = JWKSProvider(configuration: oidc, fetcher: fetcher, logger: logger, metricsFactory: factory)
            keys = provider
            credentials = .oidc(
                AccessTokenVerifier(
                    oidc: oidc,
                    keys: provider,
                    tenantClaim: configuration.tenantClaim,
                    requireTenantClaim: configuration.requireTenantClaim
                )
            )
        }
    }

    // MARK: Per request

    /// Authenticates one request from its credentials alone (the body is not needed).
    ///
    /// Refusals are counted, logged and handed to the refusal handler; authentication
    /// failures also count against the source address, which is answered 429 while over
    /// the failure limit.
    public func authenticate(_ request: AuthRequest, now: Date = Date()) async -> AuthOutcome {
        if let retryAfter = limiter.retryAfter(address: request.sourceAddress, now: now) {
            let failure = AuthFailure.rateLimited(retryAfterSeconds: retryAfter, detail: "failure limit reached")
            record(failure, request: request, now: now)
            return .refused(failure)
        }
        do {
            return .authenticated(try await caller(for: request, now: now))
        } catch {
            limiter.recordFailure(address: request.sourceAddress, now: now)
            record(error, request: request, now: now)
            return .refused(error)
        }
    }

    /// The brief's flat form of ``authenticate(_:now:)``.
    public func authenticate(
        authorizationHeader: String?,
        queryAccessToken: Bool,
        bodyAccessToken: Bool,
        sourceAddress: String,
        now: Date = Date()
    ) async -> AuthOutcome {
        await authenticate(
            AuthRequest(
                authorizationHeader: authorizationHeader,
                queryAccessToken: queryAccessToken,
                bodyAccessToken: bodyAccessToken,
                sourceAddress: sourceAddress
            ),
            now: now
        )
    }

    /// Whether `caller` may perform `operation` on `storeID`: nil when allowed, otherwise
    /// the 403 to answer (also counted, logged and handed to the refusal handler).
    ///
    /// Pass the store id from the path for store operations, and for `readAudit` when the
    /// query names a store. For `listStores` filter the result with ``Caller/canAccess(storeID:)``.
    public func authorize(
        _ caller: Caller,
        operation: APIOperation,
        storeID: String?,
        sourceAddress: String = "",
        requestID: String = "",
        now: Date = Date()
    ) -> AuthFailure? {
        guard let failure = policy.refusal(for: caller, operation: operation, storeID: storeID) else { return nil }
        recorder.record(
            AuthRefusal(
                failure: failure,
                sourceAddress: sourceAddress,
                operation: operation,
                storeID: storeID,
                caller: caller,
                requestID: requestID,
                time: now
            )
        )
        return failure
    }

    // MARK: Keys

    /// Loads the issuer's keys now; true when they loaded (always true without OIDC).
    /// Call before serving so the first request does not wait for discovery.
    @discardableResult
    public func prepare(now: Date = Date()) async -> Bool {
        guard let keys else { return true }
        return await keys.refresh(now: now, trigger: .initial)
    }

    /// Refetches the issuer's keys now (for a server that runs its own timer instead of
    /// ``run()``); true when usable keys loaded. On failure the last good keys stay.
    @discardableResult
    public func refreshKeys(now: Date = Date()) async -> Bool {
        guard let keys else { return true }
        return await keys.refresh(now: now, trigger: .periodic)
    }

    /// The `kid`s of the keys in use, sorted; empty without OIDC.
    public var signingKeyIDs: [String] {
        get async { await keys?.keyIDs ?? [] }
    }

    /// Refreshes the keys periodically until the task is cancelled, then shuts down the HTTP
    /// client if the authenticator owns one. Shaped like ServiceLifecycle's `Service.run()`.
    public func run() async {
        await keys?.run()
        try? await shutdown()
    }

    /// Shuts down the HTTP client the authenticator created, if any. Idempotent.
    public func shutdown() async throws {
        guard let ownedHTTPClient else { return }
        let first = isShutDown.withLock { done in
            defer { done = true }
            return !done
        }
        if first { try await ownedHTTPClient.shutdown() }
    }

    // MARK: Internals

    private func caller(for request: AuthRequest, now: Date) async throws(AuthFailure) -> Caller {
        let code: AuthErrorCode
        switch credentials {
        case .none: return .anonymous
        case .preshared: code = .unauthenticated
        case .oidc: code = .invalidClaims
        }
        let token = try bearerToken(in: request, code: code)
        switch credentials {
        case .none: return .anonymous
        case .preshared(let verifier): return try verifier.verify(token)
        case .oidc(let verifier): return try await verifier.verify(token, now: now)
        }
    }

    /// The token of the one `Authorization: Bearer` header, after the RFC 6750 transport
    /// rules and the size limit, which is checked before anything is parsed.
    private func bearerToken(in request: AuthRequest, code: AuthErrorCode) throws(AuthFailure) -> [UInt8] {
        // "Bearer" and the spaces after it are allowed on top of the token limit.
        let headerLimit = configuration.maxTokenBytes + 16
        if let oversized = request.authorizationHeaders.first(where: { $0.utf8.count > headerLimit }) {
            throw .invalidToken(.oversizedToken, code: code, detail: "Authorization header of \(oversized.utf8.count) bytes")
        }
        guard request.authorizationHeaders.count <= 1 else {
            throw .invalidRequest(
                .multipleAuthorizationHeaders,
                message: "send one Authorization header",
                detail: "\(request.authorizationHeaders.count) Authorization headers"
            )
        }
        let otherMethods = request.queryAccessToken || request.bodyAccessToken
        guard let header = request.authorizationHeaders.first else {
            if otherMethods {
                throw .invalidRequest(
                    .tokenOutsideHeader,
                    message: "send the access token in the Authorization header",
                    detail: "access_token in the query string or body"
                )
            }
            throw .missingToken()
        }
        switch BearerToken.extract(from: header) {
        case .otherScheme:
            throw .missingToken(detail: "Authorization header without the Bearer scheme")
        case .malformed(let why):
            throw .invalidToken(.malformedToken, code: code, detail: why)
        case .token(let token):
            guard !otherMethods else {
                throw .invalidRequest(
                    .multipleTokenMethods,
                    message: "send the access token in one way only",
                    detail: "access token in the Authorization header and in the query string or body"
                )
            }
            guard token.count <= configuration.maxTokenBytes else {
                throw .invalidToken(.oversizedToken, code: code, detail: "token of \(token.count) bytes")
            }
            return token
        }
    }

    private func record(_ failure: AuthFailure, request: AuthRequest, now: Date) {
        recorder.record(
            AuthRefusal(
                failure: failure, sourceAddress: request.sourceAddress, operation: request.operation, storeID: request.storeID, caller: nil,
                requestID: request.requestID, time: now)
        )
    }
}
