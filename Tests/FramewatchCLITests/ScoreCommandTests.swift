import Foundation
import XCTest

final class ScoreCommandTests: XCTestCase {
    let text = "Moscow refused to apologise for the AZAL crash. Мамедъяров отверг обвинения в шпионаже."

    func testJSONOutputIsTheContractWithRoundTrippingOffsets() throws {
        let r = try CLI.run(["score", "--json", text])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(try r.json().first)
        for key in ["lang", "lexicon", "engine", "frame", "sentiment", "targets", "entities", "sentences"] {
            XCTAssertNotNil(report[key], "missing \(key)")
        }
        let lexicon = try XCTUnwrap(report["lexicon"] as? [String: Any])
        XCTAssertEqual(lexicon["name"] as? String, "russia-azerbaijan")
        XCTAssertTrue((lexicon["hash"] as? String)?.hasPrefix("sha256:") ?? false)
        let scalars = Array(text.unicodeScalars)
        for sentence in report["sentences"] as! [[String: Any]] {
            for e in sentence["evidence"] as! [[String: Any]] {
                let s = e["start"] as! Int
                let t = e["end"] as! Int
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[s..<t])), e["text"] as? String)
            }
        }
        let ids = (report["entities"] as! [[String: Any]]).map { $0["id"] as! String }
        XCTAssertTrue(ids.contains("elmar_mammadyarov"), "\(ids)")
        XCTAssertTrue(ids.contains("moscow"))
    }

    func testHumanOutputShowsLabelEvidenceAndEntities() throws {
        let r = try CLI.run(["score", text])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.text.hasPrefix("Frame"), r.text)
        XCTAssertTrue(r.text.contains("Sentences"))
        XCTAssertTrue(r.text.contains("Elmar Mammadyarov"))
        XCTAssertFalse(r.text.contains("\u{1B}["), "no colour when NO_COLOR is set or stdout is not a terminal")
        XCTAssertTrue(r.text.contains("· 2 sentences ·"), r.text)
        // One sentence: its label is the text's (the two never disagree), and "1 sentence".
        let one = try CLI.run([
            "score", "--json", "Baku ordered the Russian House to close, citing a lack of registration.",
        ])
        let report = try XCTUnwrap(try one.json().first)
        let frame = try XCTUnwrap((report["frame"] as? [String: Any])?["label"] as? String)
        XCTAssertEqual((report["sentences"] as? [[String: Any]])?.first?["frame"] as? String, frame)
        XCTAssertTrue(try CLI.run(["score", "Moscow refused to apologise."]).text.contains("· 1 sentence ·"))
    }

    func testExplainShowsTheRuleTrace() throws {
        let r = try CLI.run(["score", "--explain", "Russia may not interfere in the elections."])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.text.contains("negation"), r.text)
        XCTAssertTrue(r.text.contains("source cues/en.tsv:"), r.text)
    }

    func testHTMLReportIsStandalone() throws {
        let dir = try temporaryDirectory()
        let page = dir.appendingPathComponent("r.html")
        let r = try CLI.run(["score", "--html", page.path, "--json", text])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertTrue(html.contains("<mark class=\"anti"), "evidence is highlighted")
        // The legend names every modifier drawn in the weakened style (`Report.Evidence.isWeakened`).
        XCTAssertTrue(html.contains("negated, hedged, denied, ironic, charged or demanded"))
        let charged = try CLI.run([
            "score", "--html", "-", "Aliyev demanded that Russia apologise and pay compensation.",
        ])
        XCTAssertTrue(charged.text.contains("<mark class=\"conc weak\""), charged.text)
        XCTAssertFalse(
            html.contains("http://") || html.contains("https://") || html.contains("<script"), "no network assets")
        // "-" is standard output (as for --file and --output), not a file named "-".
        let piped = try CLI.run(["score", "--html", "-", text])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.text.hasPrefix("<!doctype html>"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: CLI.repository.appendingPathComponent("-").path))
        // The page's language is the text's, each sentence carries its own, and the paragraphs
        // stay paragraphs (QA pass 6: Russian text was marked English, and every sentence was a
        // paragraph of its own).
        let russian = try CLI.run([
            "score", "--html", "-", "Москва отказалась извиняться.\n\nБаку требует компенсации. Rusiya üzr istəyib.",
        ])
        XCTAssertEqual(russian.status, 0, russian.stderr)
        XCTAssertTrue(russian.text.contains("<html lang=\"ru\">"), russian.text)
        XCTAssertTrue(russian.text.contains("<p class=\"s anti_russian\" lang=\"ru\">"), russian.text)
        XCTAssertTrue(russian.text.contains(" lang=\"az\">"), "the Azerbaijani sentence keeps its language")
        XCTAssertEqual(russian.text.components(separatedBy: "<div class=\"para\">").count - 1, 2, "two paragraphs")
        let both = try CLI.run(["score", "--html", "-", "--json", text])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("Usage: framewatch score"), "score's own usage line: \(both.stderr)")
    }

    func testTextFromStandardInputAndFileAndLanguageOverride() throws {
        let viaStdin = try CLI.run(["score", "--json"], stdin: Data("Rusiya müdaxilə etdi.".utf8))
        XCTAssertEqual(try viaStdin.json().first?["lang"] as? String, "az")
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("t.txt")
        try Data("Rusiya müdaxilə etdi.".utf8).write(to: file)
        let viaFile = try CLI.run(["score", "--json", "--lang", "en", "--file", file.path])
        XCTAssertEqual(try viaFile.json().first?["lang"] as? String, "en")
        // `-` is standard input, as for most tools (not the one-character text "-").
        let dash = try CLI.run(["score", "--json", "-"], stdin: Data("Москва вмешалась в выборы.".utf8))
        XCTAssertEqual(dash.status, 0)
        let report = try dash.json().first
        XCTAssertEqual(report?["lang"] as? String, "ru")
        XCTAssertEqual((report?["sentences"] as? [[String: Any]])?.first?["end"] as? Int, 26, "the 26 characters")
    }

    func testErrorsAreClearAndExitTwo() throws {
        let missing = try CLI.run(["score", "--file", "/nonexistent/file.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/file.txt"), missing.stderr)
        let badPack = try CLI.run(["score", "--pack", "/nonexistent-pack", "x"])
        XCTAssertEqual(badPack.status, 2)
        XCTAssertTrue(badPack.stderr.contains("no such pack folder"), badPack.stderr)
        let envPack = try CLI.run(["score", "x"], environment: ["FRAMEWATCH_PACK": "/also-missing"])
        XCTAssertEqual(envPack.status, 2)
    }

    func testInvalidUTF8IsScoredWithOffsetsIntoTheReplacedText() throws {
        var bytes = Data("Moscow ".utf8)
        bytes.append(contentsOf: [0xFF, 0xC3, 0x28])
        bytes.append(contentsOf: Data(" refused to apologise.".utf8))
        let r = try CLI.run(["score", "--json"], stdin: bytes)
        XCTAssertEqual(r.status, 0)
        let report = try XCTUnwrap(try r.json().first)
        XCTAssertEqual((report["stats"] as? [String: Any])?["valid_utf8"] as? Bool, false)
    }
}
