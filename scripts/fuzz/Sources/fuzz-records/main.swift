// fuzz-records: bytes → JSON Lines records, the JSON parser, the incremental CSV parser (fed in
// random chunk sizes) and the CSV document mapper.
//
// Input layout: byte 0 picks the CSV row-size limit, byte 1 seeds the chunk sizes; the whole
// input is also used, unchanged, as JSON.
import FramewatchCore
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    fuzzJSON(bytes)
    fuzzCSV(bytes)
    return 0
}

func fuzzJSON(_ bytes: [UInt8]) {
    // The whole input as one JSON text.
    do {
        let value = try JSONParser.parse(bytes)
        fuzzCheck(isValidUTF8(bytes), "JSONParser accepted invalid UTF-8")
        _ = value.typeName
        _ = value.hashValue
        fuzzCheck(value == value || hasNaN(value), "JSONValue is not equal to itself")
        checkRecord(RecordReader.document(json: value))
    } catch let error as JSONParseError {
        fuzzCheck(error.offset >= 0 && error.offset <= bytes.count, "JSON error offset \(error.offset)")
        _ = error.description
    } catch {
        fuzzCheck(false, "JSONParser threw a non-JSONParseError: \(error)")
    }
    // Each line as a batch record (what `framewatch batch` does), with a small size limit too.
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64) {
        checkRecord(RecordReader.document(jsonLine: line))
        checkRecord(RecordReader.document(jsonLine: line, maximumBytes: 32))
    }
}

func hasNaN(_ value: JSONValue) -> Bool {
    switch value {
    case .number(let d, _): return d.isNaN
    case .array(let items): return items.contains(where: hasNaN)
    case .object(let fields): return fields.contains { hasNaN($0.1) }
    default: return false
    }
}

func checkRecord(_ result: Result<DocumentInput, RecordError>) {
    switch result {
    case .success(let document):
        fuzzCheck(isValidUTF8(document.text), "a record's text is not valid UTF-8")
    case .failure(let error):
        _ = error.description
        checkErrorLine(error)
    }
}

struct RowValue: Equatable {
    var line: Int
    var fields: [[UInt8]]
    var tooLarge: Int?
    init(_ row: CSVParser.Row) {
        line = row.line
        fields = row.fields
        tooLarge = row.tooLarge
    }
}

func fuzzCSV(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let limits = [0, 1, 8, 64, 1 << 20]
    let limit = limits[Int(bytes[0]) % limits.count]
    var random = FuzzRandom(seed: UInt64(bytes[1]) &* 0x1_0000_0001 &+ UInt64(bytes.count))
    let payload = bytes[2...]

    // Reference: everything at once.
    var whole = CSVParser(maximumRowBytes: limit)
    whole.feed(payload)
    let wholeFinish = whole.finish()
    let reference = whole.take().map(RowValue.init)

    // The same bytes in random chunks, taking rows as they complete.
    var chunked = CSVParser(maximumRowBytes: limit)
    var rows: [CSVParser.Row] = []
    var i = payload.startIndex
    while i < payload.endIndex {
        let n = min(payload.endIndex - i, 1 + random.below(random.below(4) == 0 ? 64 : 4))
        chunked.feed(payload[i..<(i + n)])
        if random.below(2) == 0 { rows += chunked.take() }
        i += n
    }
    let chunkedFinish = chunked.finish()
    rows += chunked.take()
    let values = rows.map(RowValue.init)
    fuzzCheck(values == reference, "CSV rows depend on chunk sizes: \(values.count) vs \(reference.count) rows")
    switch (wholeFinish, chunkedFinish) {
    case (.success, .success): break
    case (.failure(let a), .failure(let b)): fuzzCheck(a == b, "CSV finish errors differ: \(a) vs \(b)")
    default: fuzzCheck(false, "CSV finish differs between whole and chunked input")
    }

    var previousLine = 0
    for row in rows {
        fuzzCheck(row.line >= 1 && row.line > previousLine, "CSV row line \(row.line) after \(previousLine)")
        previousLine = row.line
        if let tooLarge = row.tooLarge {
            fuzzCheck(row.fields.isEmpty && tooLarge > limit, "oversized row keeps fields or has size \(tooLarge)")
        } else {
            let size = row.fields.reduce(0) { $0 + $1.count }
            fuzzCheck(size <= limit, "row of \(size) field bytes passed the \(limit)-byte limit")
        }
    }

    // The first row as the header, the others as documents.
    guard let header = rows.first, header.tooLarge == nil else { return }
    guard let mapper = try? CSVDocumentMapper(header: header.fields) else { return }
    fuzzCheck(mapper.columns["text"].map { $0 < mapper.width } ?? false, "mapper has no usable text column")
    for row in rows.dropFirst().prefix(256) {
        checkRecord(mapper.document(row))
    }
}
