// Shared helpers for the fuzz targets: invariant checks that crash (so libFuzzer saves the input)
// when the library breaks one of its documented promises.
import FramewatchCore
import FramewatchText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crashes with `message` when `condition` is false. libFuzzer reports the crash ("deadly
/// signal") and saves the input under its artifact prefix.
@inline(never)
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        let text = "FUZZ INVARIANT VIOLATED (\(file):\(line)): \(message())\n"
        var bytes = Array(text.utf8)
        _ = write(2, &bytes, bytes.count)
        abort()
    }
}

/// The input as a byte array.
public func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// True when `bytes` is well-formed UTF-8, according to the standard library.
public func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    String(validating: bytes, as: UTF8.self) != nil
}

/// The Unicode scalars of `String(decoding:as:)` of `bytes` (invalid subparts become U+FFFD).
public func decodedScalars<C: Collection>(_ bytes: C) -> [Unicode.Scalar] where C.Element == UInt8 {
    Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
}

/// `scalars[start..<end]` as a string, or nil when the range is out of bounds.
public func scalarSlice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String? {
    guard start >= 0, start <= end, end <= scalars.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
}

/// A small deterministic generator (SplitMix64) for choices derived from the input.
public struct FuzzRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

// MARK: - Segmentation

/// Checks every documented property of a segmentation of `bytes`.
public func checkSegmentation(_ text: SegmentedText, bytes: [UInt8], imposed: Language?) {
    fuzzCheck(text.bytes == bytes, "SegmentedText.bytes differs from the input")
    let valid = isValidUTF8(bytes)
    fuzzCheck(text.isValidUTF8 == valid, "isValidUTF8 is \(text.isValidUTF8), the standard library says \(valid)")
    let scalars = decodedScalars(bytes)
    fuzzCheck(
        text.scalarCount == scalars.count,
        "scalarCount \(text.scalarCount) but String(decoding:as:) has \(scalars.count) scalars")

    var previousByteEnd: Int32 = 0
    var previousEnd: Int32 = 0
    for (i, token) in text.tokens.enumerated() {
        fuzzCheck(
            token.byteStart >= previousByteEnd && token.byteStart < token.byteEnd
                && Int(token.byteEnd) <= bytes.count,
            "token \(i) bytes \(token.byteStart)..<\(token.byteEnd) (previous end \(previousByteEnd), "
                + "\(bytes.count) bytes)")
        fuzzCheck(
            token.start >= previousEnd && token.start < token.end && Int(token.end) <= scalars.count,
            "token \(i) scalars \(token.start)..<\(token.end) (previous end \(previousEnd), \(scalars.count) scalars)")
        fuzzCheck(token.lineBreaksBefore <= 2, "token \(i) lineBreaksBefore \(token.lineBreaksBefore)")
        let byText = text.text(of: token)
        let byScalars = scalarSlice(scalars, Int(token.start), Int(token.end))
        fuzzCheck(
            byScalars == byText,
            "token \(i): bytes \(token.byteStart)..<\(token.byteEnd) give \(String(reflecting: byText)) but "
                + "scalars \(token.start)..<\(token.end) give \(String(reflecting: byScalars))")
        previousByteEnd = token.byteEnd
        previousEnd = token.end
    }

    // Sentences partition the tokens, in order.
    var nextToken = 0
    var previousParagraph = 0
    var paragraphs = Set<Int>()
    for (i, sentence) in text.sentences.enumerated() {
        fuzzCheck(
            sentence.tokens.lowerBound == nextToken && !sentence.tokens.isEmpty
                && sentence.tokens.upperBound <= text.tokens.count,
            "sentence \(i) tokens \(sentence.tokens) (expected to start at \(nextToken) of \(text.tokens.count))")
        let first = text.tokens[sentence.tokens.lowerBound]
        let last = text.tokens[sentence.tokens.upperBound - 1]
        fuzzCheck(
            sentence.byteStart == first.byteStart && sentence.byteEnd == last.byteEnd
                && sentence.start == first.start && sentence.end == last.end,
            "sentence \(i) offsets \(sentence.byteStart)..<\(sentence.byteEnd) / \(sentence.start)..<\(sentence.end) "
                + "do not match its tokens")
        fuzzCheck(
            sentence.paragraph >= previousParagraph, "sentence \(i) paragraph \(sentence.paragraph) goes backwards")
        if let imposed {
            fuzzCheck(sentence.language == imposed, "sentence \(i) language \(sentence.language), imposed \(imposed)")
        }
        fuzzCheck(
            scalarSlice(scalars, Int(sentence.start), Int(sentence.end)) == text.text(of: sentence),
            "sentence \(i): scalar offsets do not give its text back")
        previousParagraph = sentence.paragraph
        paragraphs.insert(sentence.paragraph)
        nextToken = sentence.tokens.upperBound
    }
    fuzzCheck(nextToken == text.tokens.count, "sentences cover \(nextToken) of \(text.tokens.count) tokens")
    fuzzCheck(
        text.paragraphCount == paragraphs.count,
        "paragraphCount \(text.paragraphCount), sentences name \(paragraphs.count) paragraphs")
    _ = text.dominantLanguage
}

// MARK: - Reports

/// Checks that every offset in a report slices the decoded input back to the text it reports,
/// that the scores stay in their documented ranges, and that the JSON and CSV forms parse back.
public func checkReport(_ report: Report, bytes: [UInt8]) {
    let scalars = decodedScalars(bytes)

    func span(_ what: String, _ start: Int, _ end: Int, _ text: String) {
        let slice = scalarSlice(scalars, start, end)
        fuzzCheck(
            slice == text,
            "\(what) \(start)..<\(end) slices \(String(reflecting: slice)) but reports \(String(reflecting: text))")
    }
    func bytesSpan(_ what: String, _ start: Int, _ end: Int, _ text: String) {
        guard start >= 0, start <= end, end <= bytes.count else {
            fuzzCheck(false, "\(what) bytes \(start)..<\(end) out of \(bytes.count)")
            return
        }
        let slice = String(decoding: bytes[start..<end], as: UTF8.self)
        fuzzCheck(
            slice == text,
            "\(what) bytes \(start)..<\(end) give \(String(reflecting: slice)) but it reports \(String(reflecting: text))"
        )
    }
    // Ranges are checked with a tolerance of 1e-9: a weighted mean of shares can land one ulp
    // outside [0, 1] (1.0000000000000002), which is rounding, not a bug worth a crash.
    func unit(_ what: String, _ x: Double) {
        fuzzCheck(x >= -1e-9 && x <= 1 + 1e-9, "\(what) = \(x), outside [0, 1]")
    }
    func signed(_ what: String, _ x: Double) {
        fuzzCheck(x >= -1 - 1e-9 && x <= 1 + 1e-9, "\(what) = \(x), outside [-1, 1]")
    }

    fuzzCheck(report.stats.bytes == bytes.count, "stats.bytes \(report.stats.bytes) of \(bytes.count)")
    fuzzCheck(
        report.stats.characters == scalars.count, "stats.characters \(report.stats.characters) of \(scalars.count)")
    fuzzCheck(report.stats.validUTF8 == isValidUTF8(bytes), "stats.valid_utf8 is wrong")
    fuzzCheck(report.stats.sentences == report.sentences.count, "stats.sentences differs from sentences.count")

    for (key, value) in report.frame.scores { unit("frame.scores[\(key)]", value) }
    for (key, value) in report.frame.subframes { unit("frame.subframes[\(key)]", value) }
    signed("sentiment.score", report.sentiment.score)
    unit("sentiment.positive", report.sentiment.positive)
    unit("sentiment.negative", report.sentiment.negative)
    for t in report.targets { signed("targets[\(t.entity)].tone", t.tone) }

    var previousEnd = 0
    for (i, s) in report.sentences.enumerated() {
        fuzzCheck(
            s.start >= previousEnd && s.start < s.end && s.end <= scalars.count,
            "sentence \(i) \(s.start)..<\(s.end) (previous end \(previousEnd), \(scalars.count) scalars)")
        previousEnd = s.end
        signed("sentences[\(i)].sentiment", s.sentiment)
        for (key, value) in s.scores { fuzzCheck(value.isFinite, "sentences[\(i)].scores[\(key)] = \(value)") }
        for e in s.evidence {
            fuzzCheck(
                e.start >= s.start && e.end <= s.end,
                "evidence \(e.start)..<\(e.end) lies outside its sentence \(s.start)..<\(s.end)")
            span("evidence", e.start, e.end, e.text)
            bytesSpan("evidence", e.startByte, e.endByte, e.text)
            fuzzCheck(e.weight.isFinite && e.baseWeight.isFinite, "evidence weight \(e.weight) / \(e.baseWeight)")
        }
    }
    for entity in report.entities {
        signed("entities[\(entity.id)].tone", entity.tone)
        for m in entity.mentions {
            span("mention of \(entity.id)", m.start, m.end, m.text)
            bytesSpan("mention of \(entity.id)", m.startByte, m.endByte, m.text)
        }
        for a in entity.accusations { span("accusation of \(entity.id)", a.start, a.end, a.text) }
        for d in entity.denials { span("denial by \(entity.id)", d.start, d.end, d.text) }
    }
    for a in report.ambiguous { span("ambiguous mention", a.start, a.end, a.text) }

    // The batch output line must be valid JSON (the library's own strict parser reads it back).
    let line = report.jsonLine(line: 1)
    do {
        _ = try JSONParser.parse(line)
    } catch {
        fuzzCheck(false, "report JSON does not parse: \(error): \(String(decoding: line, as: UTF8.self))")
    }
    checkCSVLine(ReportCSV.row(report, line: 1), what: "report CSV row")
}

/// Checks that one CSV line written by the library reads back as one row of header width.
public func checkCSVLine(_ row: [UInt8], what: String) {
    var parser = CSVParser()
    parser.feed(row)
    let finished = parser.finish()
    let rows = parser.take()
    if case .failure(let error) = finished { fuzzCheck(false, "\(what) does not parse: \(error)") }
    fuzzCheck(
        rows.count == 1 && rows[0].fields.count == ReportCSV.header.count,
        "\(what) reads back as \(rows.count) rows of \(rows.map(\.fields.count)) fields (header has "
            + "\(ReportCSV.header.count)): \(String(decoding: row, as: UTF8.self))")
}

/// Checks that a batch error line is valid JSON.
public func checkErrorLine(_ error: RecordError) {
    let line = error.jsonLine(line: 1)
    do {
        _ = try JSONParser.parse(line)
    } catch {
        fuzzCheck(false, "error line does not parse: \(error): \(String(decoding: line, as: UTF8.self))")
    }
    checkCSVLine(ReportCSV.errorRow(error, line: 1), what: "error CSV row")
}
