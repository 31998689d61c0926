import HTTPTypes
import Hummingbird
import NIOCore
import TesseraAuth

/// Authenticates every API request and checks that the caller may perform the operation on
/// the store it names; refusals get RFC 6750 responses with OpenFGA's codes. `/healthz` and
/// `/openapi.json` stay open, as do paths that name no operation (the router answers those).
struct AuthMiddleware<Context: TesseraRequestContextProtocol>: RouterMiddleware {
    let authenticator: Authenticator
    /// Whether `/metrics` needs a caller with the metrics scope (`--authn-protect-metrics`).
    let protectMetrics: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (operation, storeID) = OperationRoute.classify(method: request.method, path: request.uri.path),
            operation != .metrics || protectMetrics
        else {
            return try await next(request, context)
        }
        var request = request
        var context = context
        let authRequest = AuthRequest(
            authorizationHeaders: request.headers[values: .authorization],
            queryAccessToken: request.uri.queryParameters["access_token"] != nil,
            bodyAccessToken: try await Self.formBodyHasAccessToken(&request),
            sourceAddress: context.sourceAddress,
            requestID: context.requestID, operation: operation, storeID: storeID)
        let caller: Caller
        switch await authenticator.authenticate(authRequest) {
        case .refused(let failure):
            throw APIError(failure)
        case .authenticated(let authenticated):
            caller = authenticated
        }
        if let failure = authenticator.authorize(
            caller, operation: operation, storeID: storeID, sourceAddress: context.sourceAddress, requestID: context.requestID) {
            throw APIError(failure)
        }
        context.caller = caller
        return try await next(request, context)
    }

    /// RFC 6750 §2.2: a form-encoded body may carry `access_token`. Only such bodies are
    /// read here (and kept on the request for the handler); JSON bodies are left alone.
    static func formBodyHasAccessToken(_ request: inout Request) async throws -> Bool {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return false
        }
        let body = try await request.collectBody(upTo: 64 * 1024)
        let text = String(buffer: body)
        return text.split(separator: "&").contains { $0.hasPrefix("access_token=") || $0 == "access_token" }
    }
}

extension APIError {
    /// An authentication or authorization refusal, with its status, code and headers.
    init(_ failure: AuthFailure) {
        var headers = HTTPFields()
        for (name, value) in failure.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        self.init(
            status: HTTPResponse.Status(code: failure.status), code: failure.code.rawValue, message: failure.message, headers: headers)
    }
}
