import Hummingbird
import NIOCore
import TesseraAuth
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
        // One pass over the bytes (JSONDecoder into JSONValue throws an error per type it
        // tries, 16% of a check's CPU); strict RFC 8259 with duplicate members refused, as
        // protojson does, and nesting bounded like JSONDecoder's.
        let value: JSONValue
        do {
            value = try JSONValue(strict: StrictJSONParser.parse(Array(buffer.readableBytesView), maxDepth: Self.maxJSONDepth))
        } catch let error as StrictJSONError {
            throw APIError.validation("invalid JSON body: \(Self.describe(error))")
        }
        do {
            return try WireObject(value)
        } catch {
            throw APIError(error)
        }
    }

    /// The deepest nesting of arrays and objects a body may have.
    static let maxJSONDepth = 512

    private static func describe(_ error: StrictJSONError) -> String {
        switch error {
        case .invalidUTF8: "the body is not valid UTF-8"
        case .syntax(let offset): "syntax error at byte \(offset)"
        case .duplicateMember(let name): "duplicate member '\(name)'"
        case .tooDeep: "nested deeper than \(maxJSONDepth) levels"
        }
    }
}
