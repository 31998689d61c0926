public import Hummingbird
import TesseraConditions

/// An error response in OpenFGA's shape: an HTTP status and a `{"code", "message"}` body.
///
/// Every failure a client can cause becomes one of these, with a message naming the
/// field; anything else becomes `internal_error` with a fixed message, so internals never
/// leak (the details go to the log with the request id).
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        let body = JSONValue.object(["code": .string(code), "message": .string(message)]).canonicalText
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// 400 `validation_error`: the request does not fit the API.
    static func validation(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "validation_error", message: message)
    }

    /// 500 with a message that reveals nothing about the fault.
    static let internalError = APIError(status: .internalServerError, code: "internal_error", message: "Internal Server Error")
}
