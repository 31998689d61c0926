import Foundation
import Hummingbird
import TesseraAudit
import TesseraStore

/// Query-string parameters of the GET endpoints, read with the API's rules.
struct QueryParameters {
    let request: Request

    func string(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)], !value.isEmpty else { return nil }
        return String(value)
    }

    /// `page_size`: a 32-bit integer.
    func pageSize() throws -> Int? {
        guard let text = string("page_size") else { return nil }
        guard let value = Int32(text) else {
            throw APIError(status: .badRequest, code: "page_size_invalid", message: "invalid 'page_size': expected a 32-bit integer, got '\(text)'")
        }
        return Int(value)
    }

    func continuationToken() throws -> String? {
        guard let token = string("continuation_token") else { return nil }
        do {
            try WireObject.validateContinuationToken(token, field: "continuation_token")
        } catch {
            throw APIError(status: .badRequest, code: "invalid_continuation_token", message: error.description)
        }
        return token
    }

    /// `start_time`: RFC 3339.
    func startTime() throws -> Date? {
        guard let text = string("start_time") else { return nil }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = withFraction.date(from: text) ?? plain.date(from: text) else {
            throw APIError(status: .badRequest, code: "invalid_start_time", message: "invalid 'start_time': expected an RFC 3339 timestamp, got '\(text)'")
        }
        return date
    }
}

extension QueryParameters {
    /// The filters of `GET /stores/{id}/audit`, named like `tessera audit query`'s options:
    /// `actor`, `since` and `until` (RFC 3339), `kind`, `object`, `user`, `request_id`.
    func auditFilters() throws -> AuditQuery {
        var query = AuditQuery(actor: string("actor"), object: string("object"), user: string("user"), requestID: string("request_id"))
        query.since = try rfc3339("since")
        query.until = try rfc3339("until")
        if let kind = string("kind") {
            guard let parsed = AuditEventKind(rawValue: kind) else {
                throw APIError.validation(
                    "invalid 'kind': expected one of \(AuditEventKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(kind)'")
            }
            query.kind = parsed
        }
        return query
    }

    private func rfc3339(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = AuditTime.parse(text) else {
            throw APIError.validation("invalid '\(name)': expected an RFC 3339 timestamp, got '\(text)'")
        }
        return date
    }
}

extension Request {
    var query: QueryParameters { QueryParameters(request: self) }

    /// The `Tessera-Consistency-Token` request header, parsed; a malformed token is refused.
    func consistencyToken() throws -> ConsistencyToken? {
        guard let text = headers[APIResponse.consistencyTokenHeader], !text.isEmpty else { return nil }
        return try ConsistencyToken(encoded: text)
    }
}

extension RequestContext {
    /// A path parameter that must be a ULID (store and model ids).
    func ulidParameter(_ name: String) throws -> String {
        let value = parameters.get(name) ?? ""
        guard ULIDText.isValid(value) else {
            throw APIError.validation("invalid '\(name)': value does not match regex pattern \"^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$\"")
        }
        return value
    }
}
