import Foundation
import Testing
import TesseraAuth

/// Scopes and store confinement for every operation of the API: allowed with the right
/// scope and store, 401 without a token, 403 without the scope, 403 for a foreign store.
struct ScopeAndTenantTests {
    /// The store a token below is confined to, and one it is not.
    static let own = "01HOWNSTORE000000000000000"
    static let foreign = "01HFOREIGNSTORE00000000000"

    /// The issue's mapping of operations to scopes, spelled out so a change is deliberate.
    @Test func everyOperationRequiresTheScopeTheIssueNames() {
        let expected: [APIOperation: Scope] = [
            .createStore: .admin, .listStores: .admin, .getStore: .read, .deleteStore: .admin,
            .writeModel: .model, .readModels: .read, .readModel: .read,
            .write: .write, .read: .read, .readChanges: .read,
            .check: .read, .batchCheck: .read, .expand: .read, .listObjects: .read,
            .streamedListObjects: .read, .listUsers: .read,
            .writeAssertions: .write, .readAssertions: .read,
            .readAudit: .admin, .metrics: .metrics,
        ]
        #expect(Set(expected.keys) == Set(APIOperation.allCases))
        for operation in APIOperation.allCases {
            #expect(operation.requiredScope == expected[operation], "\(operation)")
        }
    }

    @Test(arguments: APIOperation.allCases)
    func operationIsAllowedWithItsScopeOnTheCallersStore(_ operation: APIOperation) async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let confined = operation.storeBinding != .global
            var claims: [String: Any?] = ["scope": "tessera:\(operation.requiredScope.rawValue)"]
            if confined { claims["tessera_stores"] = [Self.own] }
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: claims)).caller)
            let storeID = operation.storeBinding == .listing || operation.storeBinding == .global ? nil : Self.own
            #expect(fixture.authenticator.authorize(caller, operation: operation, storeID: storeID) == nil)
        }
    }

    @Test(arguments: APIOperation.allCases)
    func operationWithoutATokenIsRefusedWith401(_ operation: APIOperation) async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let outcome = await fixture.authenticator.authenticate(AuthRequest(authorizationHeader: nil, sourceAddress: "192.0.2.1"), now: t0)
            #expect(outcome.failure?.status == 401, "\(operation)")
            #expect(outcome.failure?.code == .bearerTokenMissing)
            let invalid = await fixture.authenticate(try fixture.token(claims: ["aud": "https://elsewhere.example"]))
            #expect(invalid.failure?.status == 401)
            #expect(invalid.failure?.code == .invalidClaims)
        }
    }

    @Test(arguments: APIOperation.allCases)
    func operationWithoutItsScopeIsForbidden(_ operation: APIOperation) async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let others = Scope.allCases.filter { $0 != operation.requiredScope }.map { "tessera:\($0.rawValue)" }
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": others.joined(separator: " ")])).caller)
            let failure = try #require(fixture.authenticator.authorize(caller, operation: operation, storeID: Self.own))
            #expect(failure.status == 403)
            #expect(failure.code == .forbidden)
            #expect(failure.reason == .insufficientScope)
            #expect(failure.wwwAuthenticate == #"Bearer error="insufficient_scope", scope="tessera:\#(operation.requiredScope.rawValue)""#)
        }
    }

    @Test(arguments: APIOperation.allCases)
    func operationOnAForeignStoreIsForbidden(_ operation: APIOperation) async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let token = try fixture.token(claims: ["tessera_stores": [Self.own]])
            let caller = try #require(await fixture.authenticate(token).caller)
            #expect(caller.allowedStores == [Self.own])
            let failure = fixture.authenticator.authorize(caller, operation: operation, storeID: Self.foreign)
            switch operation.storeBinding {
            case .listing:
                // list-stores is allowed; its result is filtered instead.
                #expect(failure == nil)
                #expect(caller.canAccess(storeID: Self.own))
                #expect(!caller.canAccess(storeID: Self.foreign))
                #expect(caller.visible([Self.foreign, Self.own, "other"], id: { $0 }) == [Self.own])
            case .store, .optionalStore:
                #expect(failure?.status == 403)
                #expect(failure?.reason == .foreignStore)
                #expect(failure?.wwwAuthenticate == #"Bearer error="insufficient_scope""#)
            case .global:
                #expect(failure?.status == 403)
                #expect(failure?.reason == .confinedToStores)
            }
        }
    }

    @Test func auditWithoutAStoreIsRefusedToConfinedCallers() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let confined = try #require(try await fixture.authenticate(fixture.token(claims: ["tessera_stores": [Self.own]])).caller)
            #expect(fixture.authenticator.authorize(confined, operation: .readAudit, storeID: nil)?.reason == .confinedToStores)
            #expect(fixture.authenticator.authorize(confined, operation: .readAudit, storeID: Self.own) == nil)
            let unconfined = try #require(try await fixture.authenticate(fixture.token()).caller)
            #expect(unconfined.allowedStores == nil)
            #expect(fixture.authenticator.authorize(unconfined, operation: .readAudit, storeID: nil) == nil)
        }
    }

    @Test func scopeEnforcementOffStillConfinesToStores() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")], configure: { configuration, _ in configuration.scopes.enforced = false }) { fixture in
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": nil, "tessera_stores": [Self.own]])).caller)
            #expect(fixture.authenticator.authorize(caller, operation: .write, storeID: Self.own) == nil)
            #expect(fixture.authenticator.authorize(caller, operation: .write, storeID: Self.foreign)?.reason == .foreignStore)
        }
    }

    @Test func scopeNamesAndTenantClaimAreConfigurable() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")], configure: { configuration, _ in
            configuration.scopes.write = "fga.write"
            configuration.tenantClaim = "stores"
        }) { fixture in
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": "fga.write", "stores": Self.own])).caller)
            #expect(fixture.authenticator.authorize(caller, operation: .write, storeID: Self.own) == nil)
            #expect(fixture.authenticator.authorize(caller, operation: .write, storeID: Self.foreign)?.reason == .foreignStore)
            let failure = fixture.authenticator.authorize(caller, operation: .check, storeID: Self.own)
            #expect(failure?.wwwAuthenticate == #"Bearer error="insufficient_scope", scope="tessera:read""#)
        }
    }

    @Test func scpArrayGrantsScopes() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let caller = try #require(try await fixture.authenticate(fixture.token(claims: ["scope": nil, "scp": ["tessera:read"]])).caller)
            #expect(caller.grantedScopes == ["tessera:read"])
            #expect(fixture.authenticator.authorize(caller, operation: .check, storeID: Self.own) == nil)
            #expect(fixture.authenticator.authorize(caller, operation: .write, storeID: Self.own)?.status == 403)
        }
    }

    @Test func malformedOrRequiredButMissingTenantClaimIsRefused() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")], configure: { configuration, _ in configuration.requireTenantClaim = true }) { fixture in
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["tessera_stores": 7])), .malformedTenantClaim)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["tessera_stores": [Self.own, 7]])), .malformedTenantClaim)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["tessera_stores": [""]])), .malformedTenantClaim)
            expectInvalidToken(await fixture.authenticate(try fixture.token()), .missingClaim)
            #expect(try await fixture.authenticate(fixture.token(claims: ["tessera_stores": []])).caller?.allowedStores == [])
        }
    }

    @Test func callerCarriesIdentityForTheAuditLog() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")]) { fixture in
            let token = try fixture.token(claims: ["azp": "app-azp"])
            let caller = try #require(await fixture.authenticate(token).caller)
            #expect(caller.method == .oidc)
            #expect(caller.subject == "user-1")
            #expect(caller.clientID == "app-azp")
            #expect(caller.issuer == fixture.issuer)
            #expect(caller.tokenID == "token-1")
            #expect(caller.tokenSHA256?.count == 64)
            #expect(caller.expiresAt == t0.addingTimeInterval(600))
            #expect(caller.auditIdentity == "oidc client=app-azp sub=user-1")
        }
    }

    @Test func subjectAllowlistAndIssuerAliasesApply() async throws {
        try await OIDCFixture.with(keys: [.ed25519("ed-1")], configure: { _, oidc in
            oidc.subjects = ["user-1"]
            oidc.issuerAliases = ["https://alias.example"]
        }) { fixture in
            #expect(try await fixture.authenticate(fixture.token(claims: ["iss": "https://alias.example"])).caller != nil)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["sub": "user-2"])), .subjectNotAllowed)
            expectInvalidToken(await fixture.authenticate(try fixture.token(claims: ["sub": nil])), .subjectNotAllowed)
        }
    }
}
