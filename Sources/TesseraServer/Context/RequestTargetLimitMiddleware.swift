import Hummingbird

/// Refuses request targets (path and query) longer than the configured limit with 414
/// `uri_too_long`, before routing or authentication look at them.
struct RequestTargetLimitMiddleware<Context: TesseraRequestContextProtocol>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let length = request.uri.string.utf8.count
        guard length <= maxBytes else {
            throw APIError(status: .uriTooLong, code: "uri_too_long", message: "the request URI is \(length) bytes; the limit is \(maxBytes)")
        }
        return try await next(request, context)
    }
}
