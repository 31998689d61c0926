import Hummingbird
import TesseraAudit
import TesseraConditions
import TesseraStore

extension TesseraAPI {
    /// `GET /stores/{id}/audit`: the store's audit entries matching `filters`, oldest first,
    /// a page at a time (`page_size` 1…100, default 50, as `/read`). The continuation token
    /// is bound to the store and the filters; it is empty on the last page.
    ///
    /// The store need not exist: the entries of a deleted store (its deletion included)
    /// outlive it, as an audit trail must; an id without entries gives an empty page. With
    /// auditing off there is no log to read: 400 `audit_disabled`.
    func readAudit(storeID: String, filters: AuditQuery, pageSize: Int?, continuationToken: String?) throws -> APIResponse {
        guard let auditLog else {
            throw APIError(
                status: .badRequest, code: "audit_disabled",
                message: "auditing is off on this server (--audit off): there is no audit log to read")
        }
        var query = filters
        query.storeID = storeID
        query.limit = try LMDBDatastore.pageSize(pageSize)
        query.after = nil
        let binding = query.continuationBinding
        if let continuationToken {
            query.after = try datastore.auditSequence(continuing: continuationToken, storeID: storeID, query: binding)
        }
        let page = try AuditReader(path: auditLog.path).query(query)
        let next = page.next.map { datastore.auditContinuationToken(after: $0, storeID: storeID, query: binding) }
        return APIResponse(body: .object([
            "entries": .array(page.entries.map(\.jsonValue)),
            "continuation_token": .string(next ?? ""),
        ]))
    }
}
