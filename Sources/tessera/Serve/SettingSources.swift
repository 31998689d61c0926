import Foundation
import TesseraAudit
import Yams

/// Where a `serve` setting comes from, in order of precedence: the command-line flag, the
/// `TESSERA_*` environment variable (`--http-addr` → `TESSERA_HTTP_ADDR`), the config file
/// (`--config FILE`, YAML or JSON, keys named like the flags without dashes in front), then
/// the default.
struct SettingSources {
    let environment: [String: String]
    let file: [String: String]

    init(environment: [String: String], configFile: String?) throws {
        self.environment = environment
        guard let configFile else {
            file = [:]
            return
        }
        let text: String
        do {
            text = try String(contentsOfFile: configFile, encoding: .utf8)
        } catch {
            throw ServeError("cannot read config file '\(configFile)': \(error.localizedDescription)")
        }
        let parsed: Any?
        do {
            parsed = try Yams.load(yaml: text)
        } catch {
            throw ServeError("config file '\(configFile)' is not valid YAML or JSON: \(error)")
        }
        guard let mapping = parsed as? [String: Any] else {
            throw ServeError("config file '\(configFile)' must be a mapping of setting names to values")
        }
        var flattened: [String: String] = [:]
        for (key, value) in mapping {
            if let list = value as? [Any] {
                flattened[key] = list.map { "\($0)" }.joined(separator: ",")
            } else {
                flattened[key] = "\(value)"
            }
        }
        file = flattened
    }

    /// The setting named like the flag `name` (without dashes in front).
    func value(_ name: String, flag: String?) -> String? {
        if let flag { return flag }
        let variable = "TESSERA_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        if let value = environment[variable], !value.isEmpty { return value }
        return file[name]
    }

    func int(_ name: String, flag: String?) throws -> Int? {
        guard let text = value(name, flag: flag) else { return nil }
        guard let number = Int(text) else { throw ServeError("--\(name) must be an integer, got '\(text)'") }
        return number
    }

    func bool(_ name: String, flag: Bool) throws -> Bool {
        if flag { return true }
        guard let text = value(name, flag: nil) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ServeError("--\(name) must be true or false, got '\(text)'")
        }
    }

    func list(_ name: String, flag: String?) -> [String] {
        guard let text = value(name, flag: flag) else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A duration: `3s`, `500ms`, `2m`, `1h30m` (units as the audit flags take them), or a
    /// plain number of seconds.
    func duration(_ name: String, flag: String?) throws -> Duration? {
        guard let text = value(name, flag: flag) else { return nil }
        // One parser for every duration flag (this one had no bound: `1e20s` trapped).
        guard let duration = AuditDuration.parse(Double(text) == nil ? text : text + "s") else {
            throw ServeError("--\(name) must be a duration such as 3s, 500ms or 2m, got '\(text)'")
        }
        return duration
    }

    /// A size in bytes: `512KiB`, `64MiB`, `1GiB`, `1GB` or a plain number.
    func bytes(_ name: String, flag: String?) throws -> Int? {
        guard let text = value(name, flag: flag) else { return nil }
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Int(text.dropLast(suffix.count)), number >= 0 else { break }
            let (product, overflow) = number.multipliedReportingOverflow(by: scale)
            guard !overflow else { break }
            return product
        }
        guard let number = Int(text), number >= 0 else {
            throw ServeError("--\(name) must be a size such as 512KiB, 64MiB or 1GiB, got '\(text)'")
        }
        return number
    }
}

/// A setting `serve` cannot use; printed and exit status 1.
struct ServeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
