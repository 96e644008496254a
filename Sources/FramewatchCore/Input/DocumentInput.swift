/// One document to score, as read from a batch record or a request.
public struct DocumentInput: Sendable {
    public var text: [UInt8]
    public var language: Language?
    public var meta: DocumentMeta

    public init(text: [UInt8], language: Language? = nil, meta: DocumentMeta = .init()) {
        self.text = text
        self.language = language
        self.meta = meta
    }
}

/// Why a record could not be scored. Codes are stable (clients switch on them).
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The line is not valid JSON.
        case invalidJSON = "invalid_json"
        /// The bytes are not valid UTF-8 (JSON must be UTF-8).
        case invalidUTF8 = "invalid_utf8"
        /// JSON nested deeper than the parser allows.
        case tooDeep = "too_deep"
        /// The JSON value is not an object.
        case notAnObject = "not_an_object"
        /// No `text` field.
        case missingText = "missing_text"
        /// `text` (or another field) has the wrong type.
        case wrongType = "wrong_type"
        /// `lang` is not one of en, ru, az.
        case unknownLanguage = "unknown_language"
        /// The record is larger than the limit.
        case tooLarge = "too_large"
        /// A blank line.
        case emptyRecord = "empty_record"
        /// A CSV row with the wrong number of fields, or an unterminated quote.
        case invalidCSV = "invalid_csv"
        /// The file could not be read.
        case unreadable = "unreadable"
        /// The analysis itself failed.
        case analysisFailed = "analysis_failed"
    }

    public var code: Code
    public var message: String
    /// The record's id when it could be read.
    public var id: String?

    public init(_ code: Code, _ message: String, id: String? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The batch error line: `{"id":…,"line":N,"error":{"code":…,"message":…}}`.
    public func jsonLine(line: Int) -> [UInt8] {
        var j = JSONWriter(capacity: 256)
        j.object { j in
            if let id { j.field("id", id) } else { j.field("id") { $0.null() } }
            j.field("line", line)
            j.field("error") { j in
                j.object { j in
                    j.field("code", code.rawValue)
                    j.field("message", message)
                }
            }
        }
        return j.bytes
    }
}

/// Reads batch records in the documented shape: `{"text", "id"?, "lang"?, "outlet"?,
/// "published"?, "url"?}`; `id` may be a string or a number (echoed as written), and so may
/// `published` (an epoch timestamp is kept as its digits, a date the store cannot read).
public enum RecordReader {
    /// The largest document accepted by default (8 MiB); larger ones get `too_large`.
    public static let defaultMaximumBytes = 8 << 20

    /// Parses one JSON Lines record.
    public static func document(jsonLine bytes: ArraySlice<UInt8>, maximumBytes: Int = defaultMaximumBytes)
        -> Result<DocumentInput, RecordError>
    {
        var slice = bytes
        while let last = slice.last, last == 0x0D || last == 0x20 || last == 0x09 { slice.removeLast() }
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        // A UTF-8 byte-order mark at the start of a file is tolerated.
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice.removeFirst(3) }
        guard !slice.isEmpty else { return .failure(RecordError(.emptyRecord, "blank line")) }
        guard slice.count <= maximumBytes else {
            return .failure(
                RecordError(.tooLarge, "record of \(slice.count) bytes is over the limit of \(maximumBytes) bytes"))
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(slice)
        } catch let error as JSONParseError {
            switch error.kind {
            case .invalidUTF8: return .failure(RecordError(.invalidUTF8, error.description))
            case .tooDeep: return .failure(RecordError(.tooDeep, error.description))
            case .syntax: return .failure(RecordError(.invalidJSON, "not valid JSON: \(error.description)"))
            }
        } catch {
            return .failure(RecordError(.invalidJSON, "\(error)"))
        }
        return document(json: value)
    }

    /// Builds a document from a parsed JSON object.
    public static func document(json value: JSONValue) -> Result<DocumentInput, RecordError> {
        guard case .object = value else {
            return .failure(
                RecordError(.notAnObject, "expected a JSON object with a \"text\" field, found \(value.typeName)"))
        }
        var id: String? = nil
        switch value["id"] {
        case .string(let s): id = s
        case .number(_, let text): id = text
        case .none, .null: break
        case .some(let other):
            return .failure(RecordError(.wrongType, "\"id\" must be a string or a number, not \(other.typeName)"))
        }
        var meta = DocumentMeta(id: id)
        for (key, path) in [("outlet", \DocumentMeta.outlet), ("published", \.published), ("url", \.url)] {
            switch value[key] {
            case .string(let s): meta[keyPath: path] = s
            // A feed's epoch timestamp (`"published": 1718409600`) is not a date the store reads,
            // but it must not cost the article: it is kept as written and counted as an
            // unreadable date, like any other value the date reader does not know.
            case .number(_, let text) where key == "published": meta.published = text
            case .none, .null: break
            case .some(let other):
                return .failure(RecordError(.wrongType, "\"\(key)\" must be a string, not \(other.typeName)", id: id))
            }
        }
        var language: Language? = nil
        switch value["lang"] {
        case .string(let s) where !s.isEmpty:
            guard let l = Language(rawValue: s.lowercased()) else {
                return .failure(RecordError(.unknownLanguage, "\"lang\" is \"\(s)\"; expected en, ru or az", id: id))
            }
            language = l
        case .none, .null, .string: break
        case .some(let other):
            return .failure(RecordError(.wrongType, "\"lang\" must be a string, not \(other.typeName)", id: id))
        }
        switch value["text"] {
        case .string(let s): return .success(DocumentInput(text: Array(s.utf8), language: language, meta: meta))
        case .none: return .failure(RecordError(.missingText, "the record has no \"text\" field", id: id))
        case .some(let other):
            return .failure(RecordError(.wrongType, "\"text\" must be a string, not \(other.typeName)", id: id))
        }
    }
}

extension Report {
    /// The batch output line for a scored document: the report with its input line number.
    public func jsonLine(line: Int) -> [UInt8] {
        var j = JSONWriter(capacity: 4096)
        write(to: &j, line: line)
        return j.bytes
    }
}
