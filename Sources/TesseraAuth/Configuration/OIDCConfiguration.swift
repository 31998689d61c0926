/// Settings of `--authn-method oidc`. Flag names follow OpenFGA's where OpenFGA has one.
public struct OIDCConfiguration: Sendable {
    /// The issuer identifier (`--authn-oidc-issuer`): `iss` must equal it exactly (or an alias),
    /// and discovery starts from it. An `https` URL; plain `http` only on a loopback address.
    public var issuer: String
    /// Other accepted `iss` values (`--authn-oidc-issuer-aliases`).
    public var issuerAliases: [String]
    /// Our resource identifier (`--authn-oidc-audience`): `aud` must contain it. Required.
    public var audience: String
    /// Where the keys come from (discovery, `--authn-oidc-jwks-uri`, `--authn-oidc-jwks-file`).
    public var keySource: JWKSSource
    /// Accepted `alg` values (`--authn-oidc-algorithms`).
    public var algorithms: Set<SigningAlgorithm>
    /// Clock skew tolerated for `exp`, `nbf` and `iat`, in seconds (at most 300).
    public var leewaySeconds: Int
    /// Enforce the RFC 9068 profile (`--authn-oidc-rfc9068`): `typ` `at+jwt`, and `sub`,
    /// `client_id`, `jti`, `iat` required. Off by default, as OpenFGA does not check `typ`.
    public var rfc9068: Bool
    /// Claims naming the client, first present wins (`--authn-oidc-client-id-claims`).
    public var clientIDClaims: [String]
    /// If not empty, `sub` must be one of these (`--authn-oidc-subjects`).
    public var subjects: [String]
    /// Claims holding granted scopes, first present wins: a space-separated string (`scope`,
    /// RFC 9068 §2.2.3) or an array of strings (`scp`, as some providers issue it).
    public var scopeClaims: [String]
    /// Seconds between periodic JWKS refreshes.
    public var refreshIntervalSeconds: Int
    /// Minimum seconds between two fetches caused by an unknown `kid` (OpenFGA: one minute).
    public var unknownKeyRefreshIntervalSeconds: Int
    /// Time limit of one discovery or JWKS request, in seconds.
    public var fetchTimeoutSeconds: Int
    /// Size limit of one discovery or JWKS response, in bytes.
    public var maxDocumentBytes: Int

    /// Settings with the defaults for everything but the issuer and the audience.
    public init(
        issuer: String,
        audience: String,
        keySource: JWKSSource = .discovery,
        issuerAliases: [String] = [],
        algorithms: Set<SigningAlgorithm> = SigningAlgorithm.defaultAllowed,
        leewaySeconds: Int = 60,
        rfc9068: Bool = false,
        clientIDClaims: [String] = ["azp", "client_id"],
        subjects: [String] = [],
        scopeClaims: [String] = ["scope", "scp"],
        refreshIntervalSeconds: Int = 900,
        unknownKeyRefreshIntervalSeconds: Int = 60,
        fetchTimeoutSeconds: Int = 5,
        maxDocumentBytes: Int = 256 * 1024
    ) {
        self.issuer = issuer
        self.audience = audience
        self.keySource = keySource
        self.issuerAliases = issuerAliases
        self.algorithms = algorithms
        self.leewaySeconds = leewaySeconds
        self.rfc9068 = rfc9068
        self.clientIDClaims = clientIDClaims
        self.subjects = subjects
        self.scopeClaims = scopeClaims
        self.refreshIntervalSeconds = refreshIntervalSeconds
        self.unknownKeyRefreshIntervalSeconds = unknownKeyRefreshIntervalSeconds
        self.fetchTimeoutSeconds = fetchTimeoutSeconds
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Every accepted `iss` value.
    var acceptedIssuers: Set<String> { Set([issuer] + issuerAliases) }
}
