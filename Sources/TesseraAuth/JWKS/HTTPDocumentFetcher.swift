import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// GETs documents with AsyncHTTPClient. Redirects are not followed (the client is made
/// with `.disallow` when Tessera creates it), only a 200 counts, and the body is read up
/// to the size limit, inside the time limit.
struct HTTPDocumentFetcher: DocumentFetcher {
    let client: HTTPClient
    let timeoutSeconds: Int

    func fetch(_ location: String, maxBytes: Int) async throws(FetchError) -> [UInt8] {
        if let problem = HostAddress.problem(withFetchURL: location) { throw FetchError("\(location): \(problem)") }
        var request = HTTPClientRequest(url: location)
        request.headers.add(name: "Accept", value: "application/json, application/jwk-set+json")
        let deadline = NIODeadline.now() + .seconds(Int64(timeoutSeconds))
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard response.status == .ok else {
                throw FetchError("\(location) answered \(response.status.code)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
                throw FetchError("\(location) is \(length) bytes, more than the limit of \(maxBytes)")
            }
            var body = try await response.body.collect(upTo: maxBytes)
            return body.readBytes(length: body.readableBytes) ?? []
        } catch let error as FetchError {
            throw error
        } catch is NIOTooManyBytesError {
            throw FetchError("\(location) is larger than the limit of \(maxBytes) bytes")
        } catch {
            throw FetchError("\(location): \(error)")
        }
    }
}
