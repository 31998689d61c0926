/// Every error the store reports: a stable `code` the server maps to an HTTP status and
/// OpenFGA's `{code, message}` body, and a message in OpenFGA's words where OpenFGA has one.
///
/// Equality and hashing look at the code only, so tests and callers compare codes.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable error code. Where OpenFGA has the same error, the raw value is its enum name.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A request field is malformed (OpenFGA 2000).
        public static let validationError = Code(rawValue: "validation_error")
        /// A write with neither writes nor deletes (2003).
        public static let invalidWriteInput = Code(rawValue: "invalid_write_input")
        /// The same tuple key twice in one write (2004).
        public static let duplicateTuplesInOneRequest = Code(rawValue: "cannot_allow_duplicate_tuples_in_one_request")
        /// Writing an existing tuple or deleting a missing one, with `error` handling (2017).
        public static let writeFailedDueToInvalidInput = Code(rawValue: "write_failed_due_to_invalid_input")
        /// Too many tuples in one write (2053).
        public static let exceededEntityLimit = Code(rawValue: "exceeded_entity_limit")
        /// A continuation token that is malformed, tampered with or minted for another query (2007).
        public static let invalidContinuationToken = Code(rawValue: "invalid_continuation_token")
        /// A page size outside 1...100 (2039).
        public static let pageSizeInvalid = Code(rawValue: "page_size_invalid")
        /// A read-changes token minted for another object type (2052).
        public static let typeContinuationTokenMismatch = Code(rawValue: "query_string_type_continuation_token_mismatch")
        /// A read-changes start time in the future (2059).
        public static let invalidStartTime = Code(rawValue: "invalid_start_time")
        /// No such model in the store (2001).
        public static let authorizationModelNotFound = Code(rawValue: "authorization_model_not_found")
        /// The store has no model yet (2020).
        public static let latestAuthorizationModelNotFound = Code(rawValue: "latest_authorization_model_not_found")
        /// No such store, or a deleted one (5002, HTTP 404).
        public static let storeNotFound = Code(rawValue: "store_id_not_found")
        /// Writing an existing tuple with a different condition (OpenFGA's gRPC Aborted, HTTP 409).
        public static let conflict = Code(rawValue: "conflict")
        /// A consistency token from another database epoch, from the future or malformed.
        public static let invalidConsistencyToken = Code(rawValue: "invalid_consistency_token")
        /// The data file reached `--datastore-max-size`, or the disk is full.
        public static let storageFull = Code(rawValue: "storage_full")
        /// The data directory is read-only, or the store was opened read-only.
        public static let readOnly = Code(rawValue: "read_only")
        /// Too many concurrent readers or a similar transient limit (4006).
        public static let resourceExhausted = Code(rawValue: "resource_exhausted")
        /// The store was closed.
        public static let unavailable = Code(rawValue: "unavailable")
        /// Anything else: an LMDB failure or corrupt data (4000). Servers mask the message.
        public static let internalError = Code(rawValue: "internal_error")
    }

    public let code: Code
    public let message: String
    /// The LMDB return code behind the error, 0 when there is none (the writer tells a full
    /// map, which it can grow, from a full disk, which it cannot).
    let lmdbCode: Int32

    public init(_ code: Code, _ message: String) {
        self.init(code, message, lmdbCode: 0)
    }

    init(_ code: Code, _ message: String, lmdbCode: Int32) {
        self.code = code
        self.message = message
        self.lmdbCode = lmdbCode
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension StoreError {
    /// `error` itself when it is a `StoreError`, otherwise an internal error describing it.
    static func wrapping(_ error: any Error) -> StoreError {
        error as? StoreError ?? StoreError(.internalError, "\(error)")
    }

    static func storeNotFound(_ id: String) -> StoreError {
        StoreError(.storeNotFound, "store '\(id)' not found")
    }

    static func modelNotFound(_ id: String) -> StoreError {
        StoreError(.authorizationModelNotFound, "Authorization Model '\(id)' not found")
    }

    static func noModels(_ storeID: String) -> StoreError {
        StoreError(.latestAuthorizationModelNotFound, "No authorization models found for store '\(storeID)'")
    }

    static func invalidContinuationToken() -> StoreError {
        StoreError(.invalidContinuationToken, "Invalid continuation token")
    }

    static func corrupt(_ what: String) -> StoreError {
        StoreError(.internalError, "corrupt data in the datastore: \(what)")
    }

    static func pageSize(_ size: Int, max: Int) -> StoreError {
        StoreError(.pageSizeInvalid, "invalid page size \(size): value must be inside range [1, \(max)]")
    }
}
