public import HTTPTypes
import Hummingbird
import TesseraConditions

/// An API result before it becomes HTTP: status, JSON body and extra headers.
struct APIResponse: Sendable {
    var status: HTTPResponse.Status = .ok
    var body: JSONValue?
    var headers: HTTPFields = [:]

    static let modelIDHeader = HTTPField.Name("Openfga-Authorization-Model-Id")!
    static let consistencyTokenHeader = HTTPField.Name("Tessera-Consistency-Token")!
    static let truncatedHeader = HTTPField.Name("Tessera-Result-Truncated")!

    init(status: HTTPResponse.Status = .ok, body: JSONValue?, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    func response() -> Response {
        var headers = self.headers
        guard let body else { return Response(status: status, headers: headers) }
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body.canonicalText)))
    }
}
