import Hummingbird
import TesseraEngine
import TesseraModel
import TesseraStore

extension APIError {
    /// The HTTP status OpenFGA gives an error code: 2000–3499 → 400, 4000–4999 → 500,
    /// 5000+ → 404, plus Tessera's own storage codes.
    static func status(forCode code: String) -> HTTPResponse.Status {
        switch code {
        case "store_id_not_found", "undefined_endpoint": .notFound
        case "deadline_exceeded", "internal_error", "resource_exhausted", "unavailable": .internalServerError
        case "Aborted", "conflict": .conflict
        case "storage_full": HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
        case "read_only": .serviceUnavailable
        default: .badRequest
        }
    }

    /// An engine error with OpenFGA's code and status; internal failures are masked.
    init(_ error: EngineError) {
        if error.code == .internalError {
            self = .internalError
        } else {
            self.init(status: Self.status(forCode: error.code.rawValue), code: error.code.rawValue, message: error.message)
        }
    }

    /// A store error with its code and status; internal failures are masked.
    init(_ error: StoreError) {
        switch error.code {
        case .internalError, .unavailable:
            self = .internalError
        case .conflict:
            // OpenFGA reports a write conflict as gRPC Aborted, which its gateway turns into 409.
            self.init(status: .conflict, code: "Aborted", message: error.message)
        default:
            self.init(status: Self.status(forCode: error.code.rawValue), code: error.code.rawValue, message: error.message)
        }
    }

    /// A malformed request body.
    init(_ error: WireError) {
        self = .validation(error.description)
    }

    /// A model that failed to parse or validate: `invalid_authorization_model` with every
    /// problem listed.
    init(_ error: ModelError) {
        self.init(status: .badRequest, code: "invalid_authorization_model", message: error.description)
    }
}
