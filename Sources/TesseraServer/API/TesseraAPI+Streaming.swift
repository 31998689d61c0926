import Hummingbird
import NIOCore
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

extension TesseraAPI {
    /// `streamed-list-objects`: one `{"result":{"object":"…"}}` line per object as it is
    /// confirmed, with no result limit (as OpenFGA), within the list-objects deadline. A
    /// request that is invalid fails before streaming starts; an error after that is sent
    /// in-stream as `{"error":{"code":…,"message":…}}`.
    func streamedListObjects(storeID: String, body: WireObject, token: ConsistencyToken?) throws -> Response {
        let request = try ListObjectsBody(wire: body)
        let typeSystem = try self.typeSystem(storeID: storeID, modelID: request.options.modelID)
        try engine.validate(request.request, typeSystem: typeSystem)
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
                let line = JSONValue.object([
                    "error": .object(["code": .string(apiError.code), "message": .string(apiError.message)])
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
