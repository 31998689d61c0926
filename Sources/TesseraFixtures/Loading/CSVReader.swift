/// RFC 4180 CSV, as Go's `encoding/csv` reads it: comma-separated fields, double-quoted
/// fields that may hold commas, newlines and `""` for a quote, `\n` or `\r\n` line ends, and
/// blank lines skipped.
enum CSVReader {
    struct Record {
        var fields: [String]
        /// The 1-based line the record starts on.
        var line: Int
    }

    static func records(_ text: String, file: String) throws(FixtureError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a byte-order mark
        var index = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            // A blank line is one empty, unquoted field: skipped.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                break  // the \n ends the record
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !fieldWasQuoted else {
                    throw FixtureError(SourceLocation(file: file, line: line), "bare \" in a non-quoted CSV field")
                }
                inQuotes = true
                fieldWasQuoted = true
            default:
                if fieldWasQuoted {
                    throw FixtureError(SourceLocation(file: file, line: line), "extraneous character after a quoted CSV field")
                }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw FixtureError(SourceLocation(file: file, line: recordLine), "a quoted CSV field is not closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
