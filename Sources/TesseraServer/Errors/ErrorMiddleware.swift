import Hummingbird
import Logging
import NIOCore
import TesseraEngine
import TesseraStore

/// Turns every error a handler throws into OpenFGA's `{code, message}` response.
///
/// `APIError`s pass through; engine and wire errors map to their codes; Hummingbird's own
/// errors keep their status (404 for unknown routes becomes `undefined_endpoint`, 413 for
/// oversized bodies); anything else is logged with the request id and answered with a
/// masked 500.
struct ErrorMiddleware<Context: TesseraRequestContextProtocol>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try apiError.response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as WireError:
            return APIError(error)
        case let error as EngineError:
            return APIError(error)
        case let error as StoreError:
            return APIError(error)
        case is NIOTooManyBytesError:
            return APIError(status: .contentTooLarge, code: "request_too_large", message: "request body too large")
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return APIError(status: .notFound, code: "undefined_endpoint", message: "the requested endpoint does not exist")
            case .contentTooLarge:
                return APIError(status: .contentTooLarge, code: "request_too_large", message: error.body ?? "request body too large")
            case .methodNotAllowed:
                return APIError(status: .methodNotAllowed, code: "undefined_endpoint", message: "method not allowed for this endpoint")
            default:
                if error.status.code < 500 {
                    return APIError(status: error.status, code: "validation_error", message: error.body ?? error.status.reasonPhrase)
                }
                return .internalError
            }
        default:
            return .internalError
        }
    }
}
