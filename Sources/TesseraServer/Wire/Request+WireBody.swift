import Hummingbird
import NIOCore
import TesseraConditions

extension Request {
    /// The request body as a JSON object read with protojson's rules. An empty body is an
    /// empty object (as grpc-gateway treats it); a body over `limit` bytes is refused with
    /// 413 before it is parsed; malformed or too deeply nested JSON is a 400.
    func wireBody(limit: Int) async throws -> WireObject {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "request_too_large", message: "request body exceeds \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else { return try WireObject(.object([:])) }
        let value: JSONValue
        do {
            value = try JSONReader.parse(buffer.readableBytesView)
        } catch {
            throw APIError.validation("invalid JSON body: \(error)")
        }
        do {
            return try WireObject(value)
        } catch {
            throw APIError(error)
        }
    }
}
