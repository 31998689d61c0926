import Hummingbird
import Logging
import NIOCore
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

extension TesseraAPI {
    /// `streamed-list-objects`: one `{"result":{"object":"…"}}` line per object as it is
    /// confirmed, with no result limit (as OpenFGA), within the list-objects deadline. A
    /// request that is invalid fails before streaming starts; an error after that is sent
    /// in-stream as `{"error":{"code":2000,"message":…}}` with OpenFGA's numeric code.
    func streamedListObjects(storeID: String, body: WireObject, token: ConsistencyToken?, logger: Logger) throws -> Response {
        let request = try ListObjectsBody(wire: body)
        let typeSystem = try self.typeSystem(storeID: storeID, modelID: request.options.modelID)
        try engine.validate(request.request, typeSystem: typeSystem)
        // A token that cannot be honoured is a 400 before the stream starts, not an in-stream error.
        if let token { _ = try datastore.withSnapshot(storeID: storeID, atLeast: token) { _ in true } }
        var engine = self.engine
        engine.configuration.listObjectsMaxResults = 0
        let (lines, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let datastore = self.datastore
        Task.detached {
            do {
                _ = try datastore.withSnapshot(storeID: storeID, atLeast: token) { snapshot in
                    try engine.listObjects(request.request, typeSystem: typeSystem, reader: snapshot) { object in
                        let line = JSONValue.object(["result": .object(["object": .string(object)])]).canonicalText + "\n"
                        continuation.yield(ByteBuffer(string: line))
                    }
                }
            } catch {
                let apiError = ErrorMiddleware<TesseraRequestContext>.apiError(for: error)
                if apiError.status == .internalServerError {
                    logger.error("streamed list objects failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                // OpenFGA streams a google.rpc.Status, whose code is a number.
                let line = JSONValue.object([
                    "error": .object(["code": .number(Double(apiError.numericCode)), "message": .string(apiError.message)])
                ]).canonicalText + "\n"
                continuation.yield(ByteBuffer(string: line))
            }
            continuation.finish()
        }
        var headers: HTTPFields = [APIResponse.modelIDHeader: typeSystem.model.id ?? ""]
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: lines))
    }
}
