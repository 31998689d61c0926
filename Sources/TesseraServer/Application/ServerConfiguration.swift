public import Logging
public import TesseraAudit
public import TesseraAuth
public import TesseraEngine
public import TesseraStore

/// Everything `tessera serve` can be told, with its defaults.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (`--http-addr`, default `127.0.0.1:8080`); port 0 picks a free port.
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// The data directory (`--data-dir`, default `./data`).
    public var dataDirectory: String = "./data"
    public var limits = APILimits()
    /// The engine's limits; a check or batch check gets OpenFGA's 3 s request timeout
    /// (`--check-deadline`).
    public var engine: EngineConfiguration = {
        var engine = EngineConfiguration()
        engine.checkDeadline = .seconds(3)
        return engine
    }()
    public var datastore = DatastoreOptions()
    public var logLevel: Logger.Level = .info
    public var logFormat: LogFormat = .text
    /// Whether `/metrics` needs a caller with the metrics scope (`--authn-protect-metrics`).
    public var protectMetrics = false
    /// Caller authentication (`--authn-*`).
    public var auth = AuthConfiguration()
    /// The audit log (`--audit`, `--audit-retention`, `--audit-decisions`).
    public var audit = AuditConfiguration()

    public enum LogFormat: String, Sendable, CaseIterable {
        case text
        case json
    }

    public init() {}

    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6).
    public mutating func setHTTPAddress(_ address: String) throws(ConfigurationError) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port)
        else { throw ConfigurationError("invalid --http-addr '\(address)': expected HOST:PORT") }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ConfigurationError("invalid --http-addr '\(address)': the host is empty") }
        self.host = host
        self.port = port
    }
}

/// A configuration value that cannot be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
