import Foundation

/// Reads a JWKS file (`--authn-oidc-jwks-file`) with the same size limit.
struct FileDocumentFetcher: DocumentFetcher {
    func fetch(_ location: String, maxBytes: Int) async throws(FetchError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: location) else { throw FetchError("cannot open \(location)") }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            guard data.count <= maxBytes else { throw FetchError("\(location) is larger than the limit of \(maxBytes) bytes") }
            return Array(data)
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError("cannot read \(location): \(error)")
        }
    }
}
