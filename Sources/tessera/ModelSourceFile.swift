import Foundation
import TesseraModel

/// A model file named on the command line: its form, judged from its name, and its text.
struct ModelSourceFile {
    enum Format: String, CaseIterable {
        /// OpenFGA's DSL (`.fga`).
        case fga
        /// OpenFGA's JSON form.
        case json
        /// An `fga.mod` manifest naming module files.
        case mod
    }

    /// The name as given (`-` is standard input).
    var name: String
    var text: String

    /// Reads `name`, or standard input for `-`.
    init(reading name: String) throws(ModelCommandError) {
        self.name = name
        let data: Data
        if name == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: name) else {
                throw ModelCommandError("\(name): error: cannot read the file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ModelCommandError("\(name): error: the file is not UTF-8 text") }
        self.text = text
    }

    /// `.json` is JSON, `fga.mod` (or any `.mod`) a module manifest, anything else DSL.
    var inferredFormat: Format {
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".mod") { return .mod }
        return .fga
    }

    /// The directory module paths of an `fga.mod` are relative to.
    var directory: URL {
        URL(fileURLWithPath: name == "-" ? "." : name).deletingLastPathComponent()
    }

    /// How to print the name of a module file the manifest lists: joined to the manifest's
    /// directory as given on the command line.
    func shownName(ofModule module: String) -> String {
        guard name != "-", let slash = name.lastIndex(of: "/") else { return module }
        return String(name[...slash]) + module
    }
}

/// A failure the command reports as is, with exit status 1.
struct ModelCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
