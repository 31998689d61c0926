import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-Id` if it is 1–128 printable ASCII
/// characters, else Hummingbird's generated id. The id goes into every log line of the
/// request and back to the caller in the `X-Request-Id` response header.
struct RequestIDMiddleware<Context: TesseraRequestContextProtocol>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let supplied = request.headers[Self.headerName], Self.isAcceptable(supplied) {
            context.requestID = supplied
        } else {
            // Not `context.id`: it force-unwraps the logger's metadata, which a log handler
            // that keeps none (SwiftLogNoOpLogHandler) turns into a crash on every request.
            context.requestID = context.logger[metadataKey: "hb.request.id"]?.description ?? RequestID().description
        }
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[Self.headerName] = context.requestID
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 128 && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
