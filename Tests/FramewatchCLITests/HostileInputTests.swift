import Foundation
import XCTest

/// Hostile input through the real binary: every case has a defined outcome (scored, or a
/// specific error code and message), and batch writes exactly one output line per input line.
/// The slow and large cases (a 50 MB line, a million lines, a million-entry lexicon) run
/// against the release binary in `scripts/hostile-input`; docs/HOSTILE-INPUT.md lists them all.
final class HostileInputTests: XCTestCase {
    /// What one JSON Lines input line must give: a report (`nil`) or this error code and message.
    struct Expectation {
        var line: [UInt8]
        var code: String?
        var message: String?
        var id: String?

        static func scored(_ line: [UInt8], id: String) -> Expectation {
            Expectation(line: line, code: nil, message: nil, id: id)
        }
        static func error(_ line: [UInt8], _ code: String, _ message: String, id: String? = nil) -> Expectation {
            Expectation(line: line, code: code, message: message, id: id)
        }
    }

    /// `{"id":"<id>","text":"Russia <bytes> interfered."}`, and the offset of `bytes` in it.
    func record(id: String, around bytes: [UInt8]) -> (line: [UInt8], offset: Int) {
        let prefix = Array("{\"id\":\"\(id)\",\"text\":\"Russia ".utf8)
        return (prefix + bytes + Array(" interfered.\"}".utf8), prefix.count)
    }

    func testEveryKindOfHostileJSONLinesRecordHasItsOwnOutcomeAndItsOwnLine() throws {
        var cases: [Expectation] = []
        // Invalid UTF-8 of every kind, inside the text: the record is refused (JSON is UTF-8),
        // with the byte where the bad sequence starts.
        let invalid: [(String, [UInt8])] = [
            ("lone_continuation", [0x80]), ("overlong_two_bytes", [0xC0, 0xAF]),
            ("overlong_three_bytes", [0xE0, 0x80, 0xAF]), ("utf16_surrogate", [0xED, 0xA0, 0x80]),
            ("above_10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("lead_byte_F5", [0xF5, 0x80, 0x80, 0x80]),
            ("byte_FF", [0xFF]), ("byte_FE", [0xFE]), ("truncated_sequence", [0xE2, 0x82]),
            ("five_byte_form", [0xF8, 0x88, 0x80, 0x80, 0x80]), ("lead_then_ascii", [0xD0, 0x41]),
        ]
        for (id, bytes) in invalid {
            let (line, offset) = record(id: id, around: bytes)
            cases.append(.error(line, "invalid_utf8", "invalid UTF-8 in a string at byte \(offset)"))
        }
        cases.append(
            .error(
                Array("{\"id\":\"k\",\"te".utf8) + [0xFF] + Array("xt\":\"a\"}".utf8), "invalid_utf8",
                "invalid UTF-8 in a string at byte 13"))
        // NUL bytes: raw in a string is a JSON error; escaped it is text; a lone NUL is no JSON.
        let (nul, nulOffset) = record(id: "nul_raw", around: [0x00])
        cases.append(
            .error(
                nul, "invalid_json", "not valid JSON: control character in a string (escape it) at byte \(nulOffset)"))
        cases.append(.scored(record(id: "nul_escaped", around: Array("\\u0000".utf8)).line, id: "nul_escaped"))
        cases.append(.error([0x00], "invalid_json", "not valid JSON: unexpected character at byte 0"))
        // A byte-order mark, on any line; CRLF line ends; a lone CR does not end a line.
        cases.append(.scored([0xEF, 0xBB, 0xBF] + record(id: "bom", around: []).line, id: "bom"))
        cases.append(.scored(record(id: "crlf", around: []).line + [0x0D], id: "crlf"))
        let loneCR = record(id: "cr1", around: []).line + [0x0D] + record(id: "cr2", around: []).line
        cases.append(.error(loneCR, "invalid_json", "not valid JSON: unexpected text after the JSON value at byte 42"))
        // Escapes: a lone surrogate escape becomes U+FFFD; an unknown escape is an error.
        cases.append(
            .scored(
                record(id: "lone_surrogate_escape", around: Array("\\ud800".utf8)).line, id: "lone_surrogate_escape"))
        cases.append(
            .error(
                record(id: "x", around: Array("\\x41".utf8)).line, "invalid_json",
                "not valid JSON: invalid escape at byte 27"))
        // Deep nesting stops at 64 levels, wherever the 65th opens.
        cases.append(
            .error(
                Array(repeating: 0x5B, count: 100_000) + Array(repeating: 0x5D, count: 100_000), "too_deep",
                "nested deeper than 64 levels at byte 64"))
        cases.append(
            .error(
                Array(String(repeating: "{\"a\":", count: 100_000).utf8), "too_deep",
                "nested deeper than 64 levels at byte 320"))
        // Huge values where they are allowed are kept as written (a number id is echoed as written).
        cases.append(
            .scored(
                Array(
                    "{\"id\":\"huge_number\",\"text\":\"Russia.\",\"x\":1\(String(repeating: "0", count: 100_000))}"
                        .utf8), id: "huge_number"))
        cases.append(.scored(Array("{\"id\":1e999999,\"text\":\"Russia.\"}".utf8), id: "1e999999"))
        cases.append(
            .scored(
                Array(
                    "{\"id\":\"huge_outlet\",\"text\":\"Russia.\",\"outlet\":\"\(String(repeating: "o", count: 500_000))\"}"
                        .utf8), id: "huge_outlet"))
        cases.append(
            .scored(
                Array(
                    "{\"id\":\"wide\",\"text\":\"Russia.\",\"tags\":[\(Array(repeating: "1", count: 100_000).joined(separator: ","))]}"
                        .utf8), id: "wide"))
        // Numbers and other types where text is expected.
        for (value, name) in [
            ("42", "a number"), ("null", "null"), ("[\"Russia\"]", "an array"), ("{\"t\":\"Russia\"}", "an object"),
            ("true", "a boolean"),
        ] {
            cases.append(
                .error(
                    Array("{\"id\":\"t\",\"text\":\(value)}".utf8), "wrong_type",
                    "\"text\" must be a string, not \(name)", id: "t"))
        }
        cases.append(
            .error(
                Array("{\"id\":true,\"text\":\"x\"}".utf8), "wrong_type",
                "\"id\" must be a string or a number, not a boolean"))
        cases.append(
            .error(
                Array("{\"id\":\"l\",\"text\":\"x\",\"lang\":5}".utf8), "wrong_type",
                "\"lang\" must be a string, not a number", id: "l"))
        cases.append(
            .error(
                Array("{\"id\":\"o\",\"text\":\"x\",\"outlet\":[1]}".utf8), "wrong_type",
                "\"outlet\" must be a string, not an array", id: "o"))
        cases.append(
            .error(
                Array("{\"id\":\"f\",\"text\":\"x\",\"lang\":\"fr\"}".utf8), "unknown_language",
                "\"lang\" is \"fr\"; expected en, ru or az", id: "f"))
        for (value, name) in [("42", "a number"), ("\"Russia\"", "a string"), ("null", "null"), ("[]", "an array")] {
            cases.append(
                .error(
                    Array(value.utf8), "not_an_object", "expected a JSON object with a \"text\" field, found \(name)"))
        }
        cases.append(
            .error(
                Array("{\"id\":\"c\",\"text\":\"x\",}".utf8), "invalid_json",
                "not valid JSON: expected a field name in quotes at byte 21"))
        cases.append(.error([], "empty_record", "blank line"))
        cases.append(.error(Array("  \t ".utf8), "empty_record", "blank line"))
        // Right-to-left and zero-width characters are text like any other.
        cases.append(
            .scored(
                Array(
                    "{\"id\":\"rtl\",\"text\":\"\u{200F}Russia \u{202E}interfered\u{202C} \u{200B}in\u{200D} روسيا שלום.\"}"
                        .utf8), id: "rtl"))

        var input: [UInt8] = []
        for c in cases { input += c.line + [0x0A] }
        let r = try CLI.run(["batch", "--quiet", "--jobs", "2"], stdin: Data(input))
        XCTAssertEqual(r.status, 1, "some records had errors: \(r.stderr)")
        let lines = try r.json()
        XCTAssertEqual(lines.count, cases.count, "one output line per input line")
        for (index, (c, out)) in zip(cases, lines).enumerated() {
            let label = "line \(index + 1): \(String(decoding: c.line.prefix(60), as: UTF8.self))"
            XCTAssertEqual(out["line"] as? Int, index + 1, label)
            let error = out["error"] as? [String: Any]
            XCTAssertEqual(error?["code"] as? String, c.code, label)
            XCTAssertEqual(error?["message"] as? String, c.message, label)
            if c.code == nil {
                XCTAssertNotNil(out["frame"], label)
                XCTAssertEqual(out["id"] as? String, c.id, label)
            } else {
                XCTAssertEqual(out["id"] as? String, c.id, label)
            }
        }
    }

    /// Evidence offsets of a `score --json` report: scalar offsets into the text as Python
    /// decodes it (each invalid byte one U+FFFD), byte offsets into the bytes as given.
    func assertEvidenceRoundTrips(
        _ bytes: [UInt8], _ report: [String: Any], file: StaticString = #filePath, line: UInt = #line
    ) {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        for sentence in report["sentences"] as? [[String: Any]] ?? [] {
            for e in sentence["evidence"] as? [[String: Any]] ?? [] {
                let text = e["text"] as? String
                let s = e["start"] as! Int
                let t = e["end"] as! Int
                let sb = e["start_byte"] as! Int
                let tb = e["end_byte"] as! Int
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[s..<t])), text, file: file, line: line)
                XCTAssertEqual(String(decoding: bytes[sb..<tb], as: UTF8.self), text, file: file, line: line)
            }
        }
    }

    func score(_ bytes: [UInt8], _ extra: [String] = []) throws -> (CLI.Result, [String: Any]) {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input.txt")
        try Data(bytes).write(to: file)
        let r = try CLI.run(["score", "--json", "--file", file.path] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (r, try XCTUnwrap(try r.json().first, r.stderr))
    }

    func evidence(_ report: [String: Any]) -> [String] {
        (report["sentences"] as? [[String: Any]] ?? []).flatMap { s in
            (s["evidence"] as? [[String: Any]] ?? []).compactMap { e in
                (e["category"] as? String)?.hasPrefix("sentiment") == true ? nil : e["text"] as? String
            }
        }
    }

    func sentenceSpans(_ report: [String: Any]) -> [[Int]] {
        (report["sentences"] as? [[String: Any]] ?? []).map { [$0["start"] as! Int, $0["end"] as! Int] }
    }

    /// Output that cannot be written (here a full disk, `/dev/full`) is a clear error with exit
    /// 2, in JSON and in the person's format alike: not a trap with a backtrace, not a silent 0.
    func testOutputThatCannotBeWrittenIsAnErrorNotACrashOrASilentSuccess() throws {
        let commands: [[String]] = [
            ["score", "--json", "Moscow refused to apologise."],
            ["score", "Moscow refused to apologise."],
            ["tokenize", "--json", "Россия и Азербайджан"],
            ["lexicon", "stats", "--json"],
            ["lexicon", "stats"],
            ["entities", "--match", "Мамедъярова видели в Баку"],
        ]
        for args in commands {
            let result = try CLI.run(args, stdoutPath: "/dev/full")
            XCTAssertEqual(result.status, 2, "\(args): \(result.stderr)")
            XCTAssertTrue(
                result.stderr.contains("cannot write standard output: No space left on device"),
                "\(args): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Fatal error"), "\(args)")
        }
    }

    func testRawTextWithInvalidUTF8NULBOMAndLineEndsIsScoredWithRoundTrippingOffsets() throws {
        var invalid = Array("Russia ".utf8)
        invalid += [0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xFF]
        invalid += Array(" interfered in the elections. Baku ".utf8) + [0xE2, 0x82]
        let texts: [(String, [UInt8], [[Int]])] = [
            ("invalid UTF-8", invalid, [[0, 47], [48, 54]]),
            ("NUL bytes", Array("Russia\u{0} interfered\u{0} in the elections.\u{0}".utf8), [[0, 38]]),
            ("BOM", [0xEF, 0xBB, 0xBF] + Array("Russia interfered in the elections.".utf8), [[1, 36]]),
            ("CRLF", Array("Russia interfered.\r\n\r\nBaku protested.\r\n".utf8), [[0, 18], [22, 37]]),
            ("lone CR", Array("Russia interfered.\r\rBaku protested.\r".utf8), [[0, 18], [20, 35]]),
        ]
        for (name, bytes, spans) in texts {
            let (_, report) = try score(bytes)
            XCTAssertEqual(sentenceSpans(report), spans, name)
            XCTAssertTrue(evidence(report).contains("interfered"), "\(name): \(evidence(report))")
            assertEvidenceRoundTrips(bytes, report)
        }
    }

    func testRightToLeftAndZeroWidthCharactersAreScored() throws {
        let text =
            "\u{200F}Russia \u{202E}interfered\u{202C} in the elections.\u{200B} روسيا تدخلت. \u{FEFF}Baku \u{200D}protested."
        let (_, report) = try score(Array(text.utf8))
        XCTAssertEqual(report["lang"] as? String, "en")
        XCTAssertEqual(evidence(report).first, "interfered\u{202C}", "the cue is found; the PDF mark stays in its text")
        let entities = (report["entities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(entities, ["russia", "baku"])
        assertEvidenceRoundTrips(Array(text.utf8), report)
    }

    func testTerminalEscapesInTheTextAreShownNotObeyed() throws {
        // ESC sequences in scraped text could recolour or retitle the terminal: the human output
        // shows them as symbols (␛, ␇), one for one; --json keeps the text as it is.
        let text = "Moscow \u{1B}[31mRED\u{1B}[0m \u{1B}]0;pwned\u{07} interfered. \u{9B}2J Baku."
        let human = try CLI.run(["score", "--no-color", text])
        XCTAssertEqual(human.status, 0, human.stderr)
        XCTAssertFalse(human.stdout.contains(0x1B), "no ESC reaches the terminal")
        XCTAssertFalse(human.stdout.contains(0x07))
        XCTAssertTrue(human.text.contains("Moscow ␛[31mRED␛[0m ␛]0;pwned␇ [interfered]."), human.text)
        XCTAssertTrue(human.text.contains("\u{FFFD}2J"), "a C1 control is replaced too")
        // A bidirectional override would print "\u{202E}az.uxO" as another outlet's name, "Oxu.az".
        let bidi = try CLI.run(["score", "--no-color", "Moscow interfered, \u{202E}az.uxO reported."])
        XCTAssertFalse(bidi.text.contains("\u{202E}"), bidi.text)
        XCTAssertTrue(bidi.text.contains("\u{FFFD}az.uxO"), bidi.text)
        let json = try CLI.run(["score", "--json", text])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        XCTAssertEqual(evidence(report), ["interfered"])
    }

    func testHomoglyphSpellingsOfMammadyarovAreStillHim() throws {
        // Cyrillic а/о/М inside the Latin name, fullwidth Latin, capitals, Ukrainian і in Aliyev.
        let text = "Mаmmаdyаrоv spoke. Мammadyarov spoke. Ｍａｍｍａｄｙａｒｏｖ spoke. MAMMADYAROV spoke. Alіyev spoke."
        let r = try CLI.run(["entities", "--json", "--match", text])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        XCTAssertEqual(
            rows.filter { $0["id"] as? String == "elmar_mammadyarov" }.map { $0["text"] as? String },
            ["Mаmmаdyаrоv", "Мammadyarov", "Ｍａｍｍａｄｙａｒｏｖ", "MAMMADYAROV"])
        XCTAssertTrue(
            rows.contains { ($0["id"] as? String)?.hasSuffix("aliyev") == true && $0["text"] as? String == "Alіyev" },
            "\(rows)")
    }

    func testAnExtremelyLongTokenIsOneWordAndTheRestIsStillScored() throws {
        let bytes = Array("Russia ".utf8) + Array(repeating: 0x78, count: 300_000) + Array(" interfered.".utf8)
        let (_, report) = try score(bytes)
        XCTAssertEqual(sentenceSpans(report), [[0, 300_019]])
        XCTAssertEqual(evidence(report), ["interfered"])
        assertEvidenceRoundTrips(bytes, report)
        let tokens = try CLI.run(
            ["tokenize", "--json"], stdin: Data(("Russia " + String(repeating: "я", count: 100_000) + ".").utf8))
        XCTAssertEqual(tokens.status, 0, tokens.stderr)
        XCTAssertTrue(tokens.text.contains("\"end\":100007"), "one token of 100,000 letters")
    }

    func testTextOverMaxBytesIsRefusedBeforeItIsReadInFull() throws {
        let big = Data(repeating: 0x61, count: 200_000)
        let viaStdin = try CLI.run(["score", "--max-bytes", "100000"], stdin: big)
        XCTAssertEqual(viaStdin.status, 2)
        XCTAssertEqual(
            viaStdin.stderr,
            "Error: standard input is over the limit of 100000 bytes (too_large); raise it with --max-bytes\n"
        )
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.txt")
        try big.write(to: file)
        let viaFile = try CLI.run(["tokenize", "--max-bytes", "100000", "--file", file.path])
        XCTAssertEqual(viaFile.status, 2)
        XCTAssertEqual(
            viaFile.stderr,
            "Error: \(file.path) is over the limit of 100000 bytes (too_large); raise it with --max-bytes\n")
        let exact = try CLI.run(["score", "--json", "--max-bytes", "200000", "--file", file.path])
        XCTAssertEqual(exact.status, 0, "a text of exactly --max-bytes is scored")
    }

    func testHostileTextFilesInAFolderAreEachScored() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let files: [(String, [UInt8])] = [
            ("a-empty.txt", []),
            ("b-bom.txt", [0xEF, 0xBB, 0xBF] + Array("Russia interfered.".utf8)),
            (
                "c-nul-crlf-invalid.txt",
                Array("Russia\u{0} interfered.\r\nBaku ".utf8) + [0xFF] + Array(" protested.\r".utf8)
            ),
            ("d-blank.txt", Array("   \n\n".utf8)),
        ]
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        let r = try CLI.run(["batch", "--quiet", "--input", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try r.json()
        XCTAssertEqual(lines.map { $0["id"] as? String }, files.map(\.0))
        XCTAssertEqual(lines.map { ($0["stats"] as? [String: Any])?["sentences"] as? Int }, [0, 1, 2, 0])
        XCTAssertEqual(
            lines.map { ($0["frame"] as? [String: Any])?["label"] as? String },
            ["neutral", "anti_russian", "anti_russian", "neutral"])
    }

    func testPackPathsThatAreNotPacksAreRefusedWithTheReason() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let file = dir.appendingPathComponent("regular-file")
        try Data("not a pack".utf8).write(to: file)
        let empty = dir.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: false)
        let noManifest = dir.appendingPathComponent("no-manifest")
        try fm.createDirectory(at: noManifest, withIntermediateDirectories: false)
        try Data("spy\tanti_russian.espionage\t2\n".utf8).write(to: noManifest.appendingPathComponent("cues.tsv"))
        let loop = dir.appendingPathComponent("loop-a")
        try fm.createSymbolicLink(atPath: loop.path, withDestinationPath: dir.appendingPathComponent("loop-b").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop-b").path, withDestinationPath: loop.path)
        let manifest =
            "name = \"x\"\nversion = \"1\"\nlanguages = [\"en\"]\n[frame]\nanti_russian = []\nconciliatory = []\n"
        let noLists = dir.appendingPathComponent("no-lists")
        try fm.createDirectory(at: noLists, withIntermediateDirectories: false)
        try Data(("lists = []\n" + manifest).utf8).write(to: noLists.appendingPathComponent("manifest.toml"))
        let emptyList = dir.appendingPathComponent("empty-list")
        try fm.createDirectory(at: emptyList, withIntermediateDirectories: false)
        try Data(("lists = [\"a.tsv\"]\n" + manifest).utf8).write(to: emptyList.appendingPathComponent("manifest.toml"))
        try Data("\n  \n".utf8).write(to: emptyList.appendingPathComponent("a.tsv"))
        let cases: [(URL, String)] = [
            (file, "\(file.path): error: is a file, not a pack folder (a pack is a folder with a manifest.toml)"),
            (empty, "manifest.toml: error: file not found"),
            (noManifest, "manifest.toml: error: file not found"),
            (loop, "\(loop.path): error: is a symbolic link loop, not a pack folder"),
            (noLists, "manifest.toml:1: error: `lists` names no term list"),
            (emptyList, "a.tsv: error: is empty"),
        ]
        for (pack, problem) in cases {
            let r = try CLI.run(["score", "--pack", pack.path, "Russia interfered."])
            XCTAssertEqual(r.status, 2, pack.lastPathComponent)
            XCTAssertEqual(
                r.stderr, "Error: lexicon pack \(pack.path) has 1 error:\n  \(problem)\n", pack.lastPathComponent)
        }
        let check = try CLI.run(["lexicon", "check", loop.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.text.contains("is a symbolic link loop"), check.text)
        let batch = try CLI.run(["batch", "--quiet", "--pack", file.path], stdin: Data("{\"text\":\"x\"}\n".utf8))
        XCTAssertEqual(batch.status, 2, "a bad pack stops the run before any record is read")
        XCTAssertEqual(batch.text, "")
    }
}
