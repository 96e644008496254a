/// An incremental RFC 4180 CSV parser: feed it bytes in chunks of any size and take complete
/// rows as they finish. Quoted fields may contain commas, `""` and line breaks; rows end with
/// LF, CRLF or a lone CR. Each row carries the line number it started on.
public struct CSVParser: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [[UInt8]]
        /// Set when the row was cut off because it exceeded the size limit.
        public var tooLarge: Int? = nil
    }

    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var inQuotes = false
    private var quotePending = false
    private var afterCR = false
    private var line = 1
    private var rowStart = 1
    private var rowBytes = 0
    private var started = false
    private var overflow = false
    /// The largest row kept (bigger rows are reported with `tooLarge` and their size).
    public let maximumRowBytes: Int
    private(set) public var rows: [Row] = []

    public init(maximumRowBytes: Int = RecordReader.defaultMaximumBytes) {
        self.maximumRowBytes = maximumRowBytes
    }

    /// Parses more bytes; completed rows are appended to ``rows`` (take them with ``take()``).
    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes { consume(b) }
    }

    /// Removes and returns the completed rows.
    public mutating func take() -> [Row] {
        defer { rows.removeAll(keepingCapacity: true) }
        return rows
    }

    /// Ends the input. Fails when a quoted field is still open.
    public mutating func finish() -> Result<Void, RecordError> {
        if inQuotes && !quotePending {
            let start = rowStart
            resetRow()
            return .failure(
                RecordError(
                    .invalidCSV,
                    "a quoted field opened on line \(start) of the file (counting the line breaks inside quoted fields) is never closed: it runs to the end of the input"
                ))
        }
        if started { endRow() }
        return .success(())
    }

    private mutating func resetRow() {
        field.removeAll(keepingCapacity: true)
        fields.removeAll()
        inQuotes = false
        quotePending = false
        started = false
        overflow = false
        rowBytes = 0
    }

    private mutating func endRow() {
        fields.append(field)
        var row = Row(line: rowStart, fields: fields)
        if overflow {
            row.fields = []
            row.tooLarge = rowBytes
        }
        rows.append(row)
        resetRow()
    }

    private mutating func append(_ b: UInt8) {
        if overflow { return }
        field.append(b)
        if rowBytes > maximumRowBytes {
            overflow = true
            field.removeAll()
            fields.removeAll()
        }
    }

    private mutating func consume(_ b: UInt8) {
        if afterCR {
            afterCR = false
            if b == 0x0A { return }  // CRLF: the CR already ended the line
        }
        if !started {
            started = true
            rowStart = line
        }
        rowBytes += 1
        if b == 0x0A || b == 0x0D {
            line += 1
            if b == 0x0D { afterCR = true }
        }
        if inQuotes {
            if quotePending {
                if b == 0x22 {
                    append(0x22)
                    quotePending = false
                    return
                }
                inQuotes = false
                quotePending = false
                // fall through: the byte after a closing quote is handled outside quotes
            } else if b == 0x22 {
                quotePending = true
                return
            } else {
                append(b == 0x0D ? 0x0A : b)
                return
            }
        }
        switch b {
        case 0x22 where field.isEmpty:
            inQuotes = true
        case 0x2C:
            fields.append(overflow ? [] : field)
            field.removeAll(keepingCapacity: true)
        case 0x0A, 0x0D:
            if fields.isEmpty && field.isEmpty && rowBytes == 1 {
                // a blank line: not a row
                resetRow()
                return
            }
            endRow()
        default:
            append(b)
        }
    }
}

/// Maps CSV rows to documents using the header's column names (`text`, `id`, `lang`, `outlet`,
/// `published`, `url`; case-insensitive; other columns are ignored).
public struct CSVDocumentMapper: Sendable {
    public let columns: [String: Int]
    public let width: Int

    /// Reads the header row. Fails when there is no `text` column.
    public init(header: [[UInt8]]) throws {
        var columns: [String: Int] = [:]
        for (i, field) in header.enumerated() {
            var name = String(decoding: field, as: UTF8.self).trimmingWhitespace().lowercased()
            if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            if columns[name] == nil { columns[name] = i }
        }
        guard columns["text"] != nil else {
            throw RecordError(
                .invalidCSV,
                "the CSV header has no `text` column (found: \(columns.keys.sorted().joined(separator: ", ")))")
        }
        self.columns = columns
        width = header.count
    }

    public func document(_ row: CSVParser.Row) -> Result<DocumentInput, RecordError> {
        func value(_ name: String) -> String? {
            guard let i = columns[name], i < row.fields.count else { return nil }
            let s = String(decoding: row.fields[i], as: UTF8.self)
            return s.isEmpty ? nil : s
        }
        let id = value("id")
        if let size = row.tooLarge {
            return .failure(RecordError(.tooLarge, "row of \(size) bytes is over the limit", id: nil))
        }
        // More cells than the header is a shifted row (a stray comma or quote): refused. Fewer is
        // a row whose trailing optional cells were left off, as spreadsheets write them: empty.
        guard row.fields.count <= width else {
            return .failure(
                RecordError(.invalidCSV, "row has \(row.fields.count) fields; the header has \(width)", id: id))
        }
        let textIndex = columns["text"]!
        guard textIndex < row.fields.count else {
            return .failure(
                RecordError(
                    .invalidCSV,
                    "row has \(Framewatch.count(row.fields.count, "field")) and ends before the `text` column "
                        + "(column \(textIndex + 1) of \(width))", id: id))
        }
        let text = row.fields[textIndex]
        guard text.withUnsafeBufferPointer({ UTF8Decoding.validate($0) }) else {
            return .failure(RecordError(.invalidUTF8, "the text is not valid UTF-8", id: id))
        }
        var language: Language? = nil
        if let l = value("lang") {
            guard let parsed = Language(rawValue: l.lowercased()) else {
                return .failure(RecordError(.unknownLanguage, "lang is \"\(l)\"; expected en, ru or az", id: id))
            }
            language = parsed
        }
        return .success(
            DocumentInput(
                text: text, language: language,
                meta: DocumentMeta(id: id, outlet: value("outlet"), published: value("published"), url: value("url"))))
    }
}
