import Foundation
import XCTest

/// Importers, round-tripped through the real binary on small files written in each format.
final class LexiconCommandTests: XCTestCase {
    func importPack(_ format: String, _ content: String, extra: [String] = []) throws -> (CLI.Result, URL) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("lexicon.\(format)")
        try Data(content.utf8).write(to: file)
        let out = dir.appendingPathComponent("pack")
        let r = try CLI.run(["lexicon", "import", "--from", format, file.path, "--out", out.path] + extra)
        return (r, out)
    }

    func tone(_ pack: URL, _ text: String) throws -> [String: Double] {
        let r = try CLI.run(["score", "--json", "--pack", pack.path, text])
        XCTAssertEqual(r.status, 0, r.stderr)
        var weights: [String: Double] = [:]
        for s in try r.json().first!["sentences"] as! [[String: Any]] {
            for e in s["evidence"] as! [[String: Any]] { weights[e["text"] as! String] = e["weight"] as? Double }
        }
        return weights
    }

    func testVADERLexiconImportsAsSentimentAndKeepsNegation() throws {
        let (r, pack) = try importPack(
            "vader", "splendid\t2.9\t0.7\t[3, 3, 2]\nghastly\t-3.1\t0.5\t[-3, -4]\n:-)\t1.5\t0.5\t[2]\nmeh\t0\t0\t[0]\n"
        )
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("emoticon"), r.stderr)
        let w = try tone(pack, "A splendid summit, not a ghastly one.")
        XCTAssertEqual(w["splendid"] ?? 0, 2.9, accuracy: 1e-9)
        XCTAssertEqual(w["ghastly"] ?? 0, 1.55, accuracy: 1e-9, "negated by the base pack's rule words (×−0.5)")
    }

    func testAFailedImportLeavesNothingBehindAndBadOptionsAreRefusedFirst() throws {
        // Every term is unusable (a `#` term would be a comment line): refused, no folder left,
        // so the retry with a good file succeeds at the same --out.
        let (bad, out) = try importPack("vader", "#hashtag\t1.0\t0.5\t[1]\n")
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no entry could be written: 1 of 1 dropped"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("`#hashtag` starts with #"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        XCTAssertFalse(siblings.contains { $0.contains(".import-") }, "\(siblings)")
        let file = out.deletingLastPathComponent().appendingPathComponent("good.vader")
        try Data("splendid\t2.9\t0.7\t[3]\n".utf8).write(to: file)
        let good = try CLI.run(["lexicon", "import", "--from", "vader", file.path, "--out", out.path])
        XCTAssertEqual(good.status, 0, good.stderr)
        // A --map weight out of range and a --name that cannot be written are refused before any file.
        for extra in [["--map", "anger=sentiment:99"], ["--name", "a\nb"]] {
            let other = out.deletingLastPathComponent().appendingPathComponent("other")
            let r = try CLI.run(["lexicon", "import", "--from", "vader", file.path, "--out", other.path] + extra)
            XCTAssertEqual(r.status, 2, "\(extra)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: other.path), "\(extra)")
        }
    }

    func testWindowsLineEndingsImportEveryLineInEachFormat() throws {
        // Swift reads CRLF as one character: a split on LF alone left the file one line (VADER
        // kept its first entry and dropped the rest silently; LIWC and quanteda refused the file).
        let (vader, vaderPack) = try importPack("vader", "splendid\t2.9\t0.7\t[3]\r\nghastly\t-3.1\t0.5\t[-3]\r\n")
        XCTAssertEqual(vader.status, 0, vader.stderr)
        XCTAssertEqual(try tone(vaderPack, "A splendid summit, a ghastly end.").count, 2)
        let (liwc, liwcPack) = try importPack("liwc", "%\r\n1\tposemo\r\n2\tnegemo\r\n%\r\nadmir*\t1\r\nloath*\t2\r\n")
        XCTAssertEqual(liwc.status, 0, liwc.stderr)
        XCTAssertEqual(try tone(liwcPack, "Moscow admired the plan; they loathe it.").count, 2)
        let (yaml, yamlPack) = try importPack(
            "quanteda", "tone:\r\n  positive:\r\n    - cordial*\r\n  negative: [hostil*]\r\n")
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        XCTAssertEqual(try tone(yamlPack, "Cordially. Hostility.").count, 2)
    }

    func testADamagedLineIsSkippedAndListedWhileTheRestImports() throws {
        let (vader, pack) = try importPack(
            "vader", "splendid\t2.9\t0.7\t[3]\nbroken\tnan\t0\t[]\nghastly\t-3.1\t0.5\t[-3]\n")
        XCTAssertEqual(vader.status, 0, vader.stderr)
        XCTAssertTrue(vader.stderr.contains("line 2: `broken\tnan\t0\t[]` is not"), vader.stderr)
        XCTAssertEqual(try tone(pack, "A splendid summit, a ghastly end.").count, 2)
        let (liwc, _) = try importPack("liwc", "%\n1\tposemo\n%\nadmir*\t1\norphan\nkind*\t7\n")
        XCTAssertEqual(liwc.status, 0, liwc.stderr)
        XCTAssertTrue(liwc.stderr.contains("`orphan` has no category ids"), liwc.stderr)
        XCTAssertTrue(liwc.stderr.contains("category id `7` is not in the header"), liwc.stderr)
        // A file with no usable line at all is still refused, at its first line.
        let (prose, _) = try importPack("vader", "This is a paragraph of prose, not a lexicon.\nNor is this.\n")
        XCTAssertEqual(prose.status, 2)
        XCTAssertTrue(prose.stderr.contains(":1:") && prose.stderr.contains("is this a VADER lexicon?"), prose.stderr)
    }

    func testLIWCDictionaryWithWildcardsMultiwordAndMapping() throws {
        let dic = "%\n1\tposemo\n2\tnegemo\n3\tspying\n%\nadmir*\t1\nkind of\t1\nloath*\t2\nmole\t3\n"
        let (r, pack) = try importPack("liwc", dic, extra: ["--map", "spying=anti_russian.espionage:2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let w = try tone(pack, "Moscow admired the plan; they loathe the mole.")
        XCTAssertEqual(w["admired"] ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(w["loathe"] ?? 0, -1, accuracy: 1e-9)
        XCTAssertEqual(w["mole"] ?? 0, 2, accuracy: 1e-9)
    }

    func testLIWC2007ConditionalEntriesAreRefusedWithTheirLine() throws {
        let dic = "%\n1\tposemo\n%\ngood\t1\nlike\t02 134/125[02]\n"
        let (r, _) = try importPack("liwc", dic)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains(":5:") && r.stderr.contains("conditional"), r.stderr)
    }

    func testQuantedaYAMLWithNestedKeysAndGlobs() throws {
        let yaml = """
            # a Lexicoder-style dictionary
            tone:
              positive:
                - cordial*
                - "good faith"
              negative: [hostil*, sabotage]
            """
        let (r, pack) = try importPack("quanteda", yaml)
        XCTAssertEqual(r.status, 0, r.stderr)
        let w = try tone(pack, "Cordially, in good faith. Hostility and sabotage.")
        XCTAssertEqual(w["Cordially"] ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(w["good faith"] ?? 0, 1, accuracy: 1e-9)
        XCTAssertEqual(w["Hostility"] ?? 0, -1, accuracy: 1e-9)
    }

    func testExtendWithOnlyKnownTermsSaysTheBaseKeepsThem() throws {
        // Every term is already in the default pack: the import says so instead of a bare refusal.
        let (r, _) = try importPack(
            "vader", "splendid\t2.8\t0.3\t[3, 3]\nbrotherly\t3.0\t0.4\t[3, 3]\n", extra: ["--extend"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("all 2 terms are already in the base pack"), r.stderr)
        XCTAssertTrue(r.stderr.contains("`splendid` (sentiment) is already in the base pack"), r.stderr)
    }

    func testExtendKeepsTheDefaultPackAndAddsTheImport() throws {
        let (r, pack) = try importPack("vader", "zorgful\t-2.0\t0.1\t[-2]\n", extra: ["--extend"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let w = try tone(pack, "Russian spies were zorgful, a fifth column.")
        XCTAssertNotNil(w["zorgful"])
        XCTAssertNotNil(w["fifth column"], "the default pack's cues are still there")
        // The inflection settings the rules read come along (not only the suffixes).
        let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.toml"), encoding: .utf8)
        for line in [
            "participle_endings = [\"в\", \"вшись\", \"я\", \"ясь\", \"аясь\"]",
            "comitative_endings = [\"la\", \"lə\"]",
            "non_negative_endings = [\"maya\", \"məyə\", \"mayi\", \"məyi\", \"mayin\", \"məyin\", \"mada\", \"mədə\"",
            "negative_concord = true",
            "[injured_party]\nsubframes = [\"anti_russian.coercion\", \"anti_russian.mistreatment\"]",
            "russian_victims_factor = 0.3",
            "[charge]\nsubframes = [\"anti_russian.coercion\", \"anti_russian.culpability\", \"anti_russian.mistreatment\"]",
            "charge_factor = 0.1",
            "[demand]\nsubframes = [\"conciliatory.apology\"]",
            "[accumulation]\nsubframes = [\"conciliatory.contact\", \"conciliatory.ties\"]\nrequires = [\"conciliatory.contact\"]\nper_sentence = 4.0\nmaximum = 10.0\nwith_third_party = 0",
        ] {
            XCTAssertTrue(manifest.contains(line), line)
        }
        let said = try CLI.run([
            "score", "--json", "--pack", pack.path, "Zakharova spoke in Baku, saying Russia interfered.",
        ])
        XCTAssertEqual(
            (try said.json().first!["sentences"] as! [[String: Any]]).first?["speaker"] as? String, "maria_zakharova")
        // The Russian-victims rule comes along too (its section, its factor and its word lists).
        let victims = try CLI.run(["score", "--json", "--pack", pack.path, "Russian citizens were beaten in Baku."])
        let evidence = (try victims.json().first!["sentences"] as! [[String: Any]]).flatMap {
            $0["evidence"] as! [[String: Any]]
        }
        XCTAssertTrue(
            evidence.contains { ($0["modifiers"] as? [String] ?? []).contains("russian_victims") }, victims.text)
    }

    func testCheckAndStats() throws {
        let check = try CLI.run(["lexicon", "check"])
        XCTAssertEqual(check.status, 0, check.text)
        XCTAssertTrue(check.text.contains("0 error(s)"))
        let stats = try CLI.run(["lexicon", "stats", "--json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])
        XCTAssertGreaterThan(object["entities"] as? Int ?? 0, 150)
        let dir = try temporaryDirectory()
        try Data(
            "name = \"x\"\nversion = \"1\"\nlanguages = [\"en\"]\nlists = [\"a.tsv\"]\n[frame]\nanti_russian = [\"espionage\"]\nconciliatory = [\"dialogue\"]\n"
                .utf8
        )
        .write(to: dir.appendingPathComponent("manifest.toml"))
        try Data("spy\tanti_russian.spying\t2\nmole\tanti_russian.espionage\tlots\n".utf8).write(
            to: dir.appendingPathComponent("a.tsv"))
        let bad = try CLI.run(["lexicon", "check", dir.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.text.contains("a.tsv:1: error: unknown sub-frame `spying`"), bad.text)
        XCTAssertTrue(bad.text.contains("a.tsv:2: error: weight `lots` is not a number"), bad.text)
    }

    /// A small valid pack: one listed term list, `cues/en.tsv` (written as `./cues/en.tsv` in
    /// the manifest, which names the same file).
    func smallPack() throws -> URL {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("cues"), withIntermediateDirectories: true)
        try Data(
            "name = \"small\"\nversion = \"1\"\nlanguages = [\"en\"]\nlists = [\"./cues/en.tsv\"]\n[frame]\nanti_russian = [\"espionage\"]\nconciliatory = [\"dialogue\"]\n"
                .utf8
        ).write(to: dir.appendingPathComponent("manifest.toml"))
        try Data("spy\tanti_russian.espionage\t2\n".utf8).write(to: dir.appendingPathComponent("cues/en.tsv"))
        return dir
    }

    /// A term list the manifest does not name is never loaded: check names it (a warning, so
    /// --strict fails), wherever it sits under cues/, sentiment/ or rules/.
    func testCheckWarnsAboutTermListsTheManifestDoesNotList() throws {
        let pack = try smallPack()
        let clean = try CLI.run(["lexicon", "check", "--strict", pack.path])
        XCTAssertEqual(clean.status, 0, clean.text)
        XCTAssertTrue(clean.text.contains(": 0 error(s), 0 warning(s)"), clean.text)

        let fm = FileManager.default
        for folder in ["cues/old", "rules", "sentiment"] {
            try fm.createDirectory(at: pack.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["cues/de.tsv", "cues/old/en.tsv", "rules/extra.tsv", "sentiment/notes.txt"] {
            try Data("hello\tworld\n".utf8).write(to: pack.appendingPathComponent(file))
        }
        let r = try CLI.run(["lexicon", "check", pack.path])
        XCTAssertEqual(r.status, 0, "warnings only: \(r.text)")
        for file in ["cues/de.tsv", "cues/old/en.tsv", "rules/extra.tsv"] {
            XCTAssertTrue(
                r.text.contains("\(file): warning: not in the manifest's `lists`, so its terms are not used"), r.text)
        }
        XCTAssertFalse(r.text.contains("cues/en.tsv: warning"), "listed as ./cues/en.tsv: \(r.text)")
        XCTAssertFalse(r.text.contains("notes.txt"), "not a term list: \(r.text)")
        XCTAssertTrue(r.text.contains(": 0 error(s), 3 warning(s)"), r.text)
        XCTAssertEqual(try CLI.run(["lexicon", "check", "--strict", pack.path]).status, 1)
    }

    /// `check` and `stats` take the pack as every other command does (--pack), as well as an
    /// argument, and their help gives the whole default.
    func testCheckAndStatsTakeThePackWithPackToo() throws {
        let pack = try smallPack()
        let check = try CLI.run(["lexicon", "check", "--pack", pack.path])
        XCTAssertEqual(check.status, 0, check.text)
        XCTAssertTrue(check.text.contains("small 1 sha256:"), check.text)
        XCTAssertTrue(check.text.contains("\(pack.path): 0 error(s), 0 warning(s)"), check.text)
        let stats = try CLI.run(["lexicon", "stats", "--json", "--pack", pack.path])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])
        XCTAssertEqual(object["entities"] as? Int, 0, "the small pack, not the bundled one")
        // The same folder twice is fine; two different folders are refused.
        XCTAssertEqual(try CLI.run(["lexicon", "check", pack.path, "--pack", pack.path]).status, 0)
        let both = try CLI.run(["lexicon", "check", pack.path, "--pack", "/elsewhere"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
        for command in ["check", "stats"] {
            // (Words joined again: the help is wrapped to the terminal's width.)
            let help = try CLI.run(["lexicon", command, "--help"]).text.split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            XCTAssertTrue(help.contains("--pack"), help)
            XCTAssertTrue(help.contains("$FRAMEWATCH_PACK, else the bundled"), help)
        }
    }
}
