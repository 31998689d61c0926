import HTTPTypes

extension APIError {
    /// OpenFGA's numeric value of this error's code (`validation_error` → 2000), as its
    /// streamed responses carry it in a `google.rpc.Status`. Codes OpenFGA does not have fall
    /// back by status: 2000 for a client error, 4000 for a server error.
    var numericCode: Int {
        if let number = Self.numericCodes[code] { return number }
        return status.code >= 500 ? 4000 : 2000
    }

    /// OpenFGA's `ErrorCode`, `InternalErrorCode` and `NotFoundErrorCode` values
    /// (`openfga/v1/errors_ignore.proto`) for the codes Tessera can send.
    static let numericCodes: [String: Int] = [
        "validation_error": 2000,
        "authorization_model_not_found": 2001,
        "authorization_model_resolution_too_complex": 2002,
        "invalid_write_input": 2003,
        "cannot_allow_duplicate_tuples_in_one_request": 2004,
        "invalid_continuation_token": 2007,
        "invalid_tuple_set": 2008,
        "invalid_check_input": 2009,
        "invalid_expand_input": 2010,
        "unsupported_user_set": 2011,
        "invalid_object_format": 2012,
        "write_failed_due_to_invalid_input": 2017,
        "authorization_model_assertions_not_found": 2018,
        "latest_authorization_model_not_found": 2020,
        "type_not_found": 2021,
        "relation_not_found": 2022,
        "invalid_user": 2025,
        "invalid_tuple": 2027,
        "unknown_relation": 2028,
        "page_size_invalid": 2039,
        "query_string_type_continuation_token_mismatch": 2052,
        "exceeded_entity_limit": 2053,
        "invalid_contextual_tuple": 2054,
        "duplicate_contextual_tuple": 2055,
        "invalid_authorization_model": 2056,
        "unsupported_schema_version": 2057,
        "cancelled": 2058,
        "invalid_start_time": 2059,
        "internal_error": 4000,
        "deadline_exceeded": 4004,
        "resource_exhausted": 4006,
        "unavailable": 4010,
        "undefined_endpoint": 5000,
        "store_id_not_found": 5002,
    ]
}
