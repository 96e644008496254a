import Foundation
import FramewatchText
import XCTest

@testable import FramewatchCore

/// The hot-path shortcuts (the JSON writer's own buffer and number formatting, the scorer's
/// modifier bit set) give exactly what the straightforward code they replaced gave.
final class FastPathTests: XCTestCase {
    // MARK: The report's JSON against its Codable form

    /// Real English, Russian and Azerbaijani articles: the JSON writer's report and
    /// `JSONEncoder`'s encoding of the same `Report` hold the same fields and values (numbers
    /// rounded to the writer's four decimals).
    func testReportJSONMatchesCodableEncodingOnRealText() throws {
        let analyzer = try Analyzer(TestPacks.standard)
        let sample = TestPacks.repository.appendingPathComponent("Corpora/sample/articles.jsonl")
        var languages = Set<String>()
        for line in try Data(contentsOf: sample).split(separator: 0x0A) {
            guard case .success(let input) = RecordReader.document(jsonLine: ArraySlice(line)) else {
                return XCTFail("unreadable sample line")
            }
            for explain in [false, true] {
                let report = try analyzer.analyze(input.text, meta: input.meta, explain: explain)
                languages.insert(report.lang.rawValue)
                let written = try JSONSerialization.jsonObject(with: Data(report.jsonBytes()))
                let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report))
                XCTAssertTrue(
                    Self.sameJSON(written, encoded), "report \(input.meta.id ?? "?") (explain: \(explain)) differs")
            }
        }
        XCTAssertEqual(languages, ["en", "ru", "az"])
    }

    /// Equal JSON values, numbers compared after rounding to four decimals.
    static func sameJSON(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { sameJSON(value, $0) } ?? false }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { sameJSON($0, $1) }
        case (let a as String, let b as String):
            return a == b
        case (let a as NSNumber, let b as NSNumber):
            return (a.doubleValue * 10_000).rounded() == (b.doubleValue * 10_000).rounded()
        default:
            return false
        }
    }

    // MARK: Numbers

    /// What the writer wrote before it formatted numbers itself: `String(Double)` of the value
    /// rounded to four decimals, without a trailing `.0`.
    static func referenceNumber(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 10_000).rounded()
        if scaled == 0 { return "0" }
        var text = String(scaled / 10_000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func written(_ value: Double) -> String {
        var j = JSONWriter()
        j.number(value)
        return j.string
    }

    func testDecimalsMatchTheStandardLibraryFormatting() {
        var values: [Double] = [
            0, -0.0, 0.00004, -0.00005, 0.00005, 0.0001, 0.5, -1.5, 1, 10, 100_000, 0.1 + 0.2, 2.0 / 3,
            99_999_999.99995, 1e11 - 0.0001, 1e11, 1e12, 1e15, 1e16, 1e300, -1e300, .nan, .infinity, -.infinity,
            .leastNonzeroMagnitude, .greatestFiniteMagnitude,
        ]
        var generator = SystemRandomNumberGenerator()
        for exponent in -6...13 {
            for _ in 0..<2_000 {
                values.append(Double.random(in: -1...1, using: &generator) * pow(10, Double(exponent)))
            }
        }
        for k in -30_000...30_000 { values.append(Double(k) / 10_000) }
        for value in values {
            XCTAssertEqual(Self.written(value), Self.referenceNumber(value), "\(value)")
        }
    }

    func testIntegersMatchTheirDescription() {
        for value in [0, 7, -7, 10, 99, 100, 1_234_567_890, Int.max, Int.min, Int.max - 1] {
            var j = JSONWriter()
            j.number(value)
            XCTAssertEqual(j.string, String(value))
        }
    }

    // MARK: Strings

    func testStringsAreEscapedLikeTheByteByByteWriter() {
        let pieces = [
            "a", "ab", "quote \"", "back \\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "ə", "Баку", "😀", " ",
        ]
        var generator = SystemRandomNumberGenerator()
        var samples = ["", "plain ascii text of some length", "exactly8", "seven77", "nine99999"]
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { s += pieces.randomElement(using: &generator)! }
            samples.append(s)
        }
        for s in samples {
            var j = JSONWriter()
            j.string(s)
            XCTAssertEqual(j.string, Self.expectedString(s), "\(s.debugDescription)")
        }
    }

    /// The expected JSON string, escaped byte by byte (what the writer did before it copied runs).
    static func expectedString(_ value: String) -> String {
        var bytes: [UInt8] = [0x22]
        for b in value.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: bytes += Array(String(format: "\\u%04x", b).utf8)
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Structure

    func testCopiesOfAWriterAreIndependent() {
        var a = JSONWriter(capacity: 16)
        a.object { $0.field("x", 1) }
        var b = a
        b.raw(Array(" and more than sixteen bytes".utf8))
        a.raw([0x31])
        XCTAssertEqual(a.string, #"{"x":1}1"#)
        XCTAssertEqual(b.string, #"{"x":1} and more than sixteen bytes"#)
    }

    func testCommasAreRightBeyondSixtyFourLevels() {
        func nest(_ j: inout JSONWriter, _ depth: Int) {
            guard depth > 0 else { return j.number(depth) }
            j.array { j in
                j.number(depth)
                nest(&j, depth - 1)
                j.bool(true)
            }
        }
        var j = JSONWriter()
        nest(&j, 70)
        let expected = (1...70).reversed().map { "[\($0)," }.joined() + "0" + String(repeating: ",true]", count: 70)
        XCTAssertEqual(j.string, expected)
    }

    // MARK: Modifiers

    /// The bit set reads back in the order the rules append modifiers.
    func testModifierNamesFollowTheRuleOrder() {
        XCTAssertEqual(CueModifiers().names, [])
        XCTAssertEqual(CueModifiers([.noTarget, .negated]).names, ["negated", "no_target"])
        XCTAssertEqual(
            CueModifiers([.quoted, .hedged, .boosted, .targetInContext]).names,
            ["boosted", "hedged", "quoted", "target_in_context"])
        let all = CueModifiers(rawValue: UInt32((1 << CueModifiers.order.count) - 1))
        XCTAssertEqual(all.names, CueModifiers.order)
    }
}
