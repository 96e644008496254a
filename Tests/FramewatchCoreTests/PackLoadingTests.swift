import Foundation
import FramewatchText
import XCTest

@testable import FramewatchCore

/// How packs are read from disk: line endings, comments, the content hash.
final class PackLoadingTests: XCTestCase {
    /// Copies the mini pack with every `\n` turned into `\r\n` (a pack edited on Windows).
    private func crlfCopyOfMiniPack() throws -> String {
        let source = URL(fileURLWithPath: TestPacks.miniPath)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("fw-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(
                to: target.appendingPathComponent(name))
        }
        return target.path
    }

    func testAListThatIsNotUTF8NamesItsFirstBadLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-latin1-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPacks.miniPath), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = dir.appendingPathComponent("en.tsv")
        var bytes = try Data(contentsOf: list)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        bytes.append(contentsOf: Array("caf".utf8) + [0xE9] + Array("\tsentiment\t1\n".utf8))  // Latin-1 "café"
        try bytes.write(to: list)
        XCTAssertThrowsError(try LexiconPack.load(directory: dir.path)) { error in
            let problems = (error as? PackLoadError)?.problems ?? []
            XCTAssertEqual(problems.map(\.file), ["en.tsv"])
            XCTAssertEqual(problems.first?.line, lines, "the line of the Latin-1 byte")
        }
    }

    func testAnUnknownInflectionKeyIsAWarningThatNamesTheKnownOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-infl-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPacks.miniPath), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("manifest.toml")
        let original = try String(contentsOf: manifest, encoding: .utf8)
        XCTAssertTrue(original.contains("[inflection.az]\n"))
        try original.replacingOccurrences(of: "[inflection.az]\n", with: "[inflection.az]\nsufixes = [\"lər\"]\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let (pack, problems) = LexiconPack.inspect(directory: dir.path)
        XCTAssertNotNil(pack, "a warning does not stop the pack")
        let warning = try XCTUnwrap(problems.first { $0.message.contains("sufixes") })
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertTrue(warning.message.contains("unknown key `sufixes` in [inflection.az]"), warning.message)
        XCTAssertTrue(warning.message.contains("stem_endings"), warning.message)
    }

    /// The attribution rules' closed word lists (`rule.pronoun`, …) come from the pack: a word
    /// added there takes effect; an entry that is not one plain word is refused with its line.
    /// `[accumulation]`: its sub-frames must be declared ones, and `requires` one of them.
    func testAccumulationSectionIsValidated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-acc-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPacks.miniPath), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("manifest.toml")
        let original = try String(contentsOf: manifest, encoding: .utf8)
        try
            (original
            + "\n[accumulation]\nsubframes = [\"conciliatory.compromise\", \"conciliatory.nope\"]\n"
            + "requires = [\"conciliatory.partnership\"]\nper_sentence = 4.0\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LexiconPack.load(directory: dir.path)) { error in
            let messages = ((error as? PackLoadError)?.problems ?? []).filter { $0.severity == .error }.map(\.message)
            XCTAssertTrue(
                messages.contains("[accumulation] subframes: unknown sub-frame `conciliatory.nope`"), "\(messages)")
            XCTAssertTrue(
                messages.contains("[accumulation] requires: `conciliatory.partnership` is not one of its subframes"),
                "\(messages)")
        }
        try (original + "\n[accumulation]\nsubframes = [\"conciliatory.compromise\"]\nper_sentence = 4.0\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let pack = try LexiconPack.load(directory: dir.path)
        XCTAssertEqual(pack.manifest.accumulatingSubframes, ["conciliatory.compromise"])
        XCTAssertEqual(pack.manifest.settings.accumulationPerSentence, 4)
    }

    func testClosedWordListsAreReadFromThePack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-closed-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPacks.miniPath), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Zakharova said Baku interfered. They said that Baku interfered."
        let before = try Analyzer(TestPacks.mini).analyze(text)
        XCTAssertEqual(before.sentences.map(\.speaker), ["maria_zakharova", nil], "\"they\" is not in the mini pack")
        let list = dir.appendingPathComponent("en.tsv")
        let original = try String(contentsOf: list, encoding: .utf8)
        try (original + "they\trule.pronoun\t1\n").write(to: list, atomically: true, encoding: .utf8)
        let after = try Analyzer(CompiledLexicon(LexiconPack.load(directory: dir.path))).analyze(text)
        XCTAssertEqual(after.sentences.map(\.speaker), ["maria_zakharova", "maria_zakharova"])

        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try (original + "according to\trule.place_preposition\t1\n*ing\trule.pronoun\t1\nthe*\trule.coordinator\t1\n")
            .write(to: list, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LexiconPack.load(directory: dir.path)) { error in
            let problems = (error as? PackLoadError)?.problems.filter { $0.severity == .error } ?? []
            XCTAssertEqual(problems.map(\.line), [lines, lines + 1, lines + 2])
            XCTAssertTrue(problems[0].message.contains("is one word"), problems[0].message)
            XCTAssertTrue(problems[1].message.contains("suffix pattern"), problems[1].message)
            XCTAssertTrue(problems[2].message.contains("without wildcards"), problems[2].message)
        }
    }

    func testCRLFPackLoadsTheSameEntriesAndEntities() throws {
        let lf = try LexiconPack.load(directory: TestPacks.miniPath)
        let crlfPath = try crlfCopyOfMiniPack()
        defer { try? FileManager.default.removeItem(atPath: crlfPath) }
        let crlf = try LexiconPack.load(directory: crlfPath)
        XCTAssertEqual(crlf.entries, lf.entries)
        XCTAssertEqual(crlf.entities, lf.entities)
        XCTAssertEqual(crlf.manifest.name, "mini")
        XCTAssertNotEqual(crlf.identity.hash, lf.identity.hash, "the hash is of the bytes")
        let text = "Москва вмешивалась, сказал министр. Rusiya müdaxilə edib. Spies and a fifth column."
        let a = try Analyzer(CompiledLexicon(lf)).analyze(text)
        let b = try Analyzer(CompiledLexicon(crlf)).analyze(text)
        XCTAssertEqual(a.allEvidence.map(\.text), b.allEvidence.map(\.text))
        XCTAssertEqual(Set(a.allEvidence.map(\.text)), ["вмешивалась", "müdaxilə", "Spies", "fifth column"])
    }

    /// Comments and blank lines (with Unicode spaces too) are skipped and keep line numbers; a
    /// `#` inside a TOML string is text, not a comment.
    func testCommentsBlankLinesAndLineNumbers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-comments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = """
            name = "c#1"  # the name keeps its #
            version = "1"
            languages = ["en", "ru"]
            lists = ["en.tsv"]
            [frame]
            anti_russian = ["espionage"]  # one sub-frame
            conciliatory = ["dialogue"]

            """
        let list =
            "# header\n\n   # indented comment\n\u{00A0}# comment after a no-break space\n"
            + "spies\tanti_russian.espionage\t2\n\u{00A0}talks\tconciliatory.dialogue\t1\n"
            + "шпионы\tanti_russian.espionage\t2\tru\tnote with # inside\n"
        try Data(manifest.utf8).write(to: dir.appendingPathComponent("manifest.toml"))
        try Data(list.utf8).write(to: dir.appendingPathComponent("en.tsv"))
        let pack = try LexiconPack.load(directory: dir.path)
        XCTAssertEqual(pack.manifest.name, "c#1")
        XCTAssertEqual(pack.entries.map(\.term), ["spies", "talks", "шпионы"])
        XCTAssertEqual(pack.entries.map(\.line), [5, 6, 7])
        XCTAssertEqual(pack.entries[2].language, .ru)
        XCTAssertEqual(pack.entries[2].note, "note with # inside")
    }

    /// FIPS 180-4 test vectors, and the same digest whatever the chunking of the input.
    /// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
    func testHMACSHA256KnownVectors() {
        func hex(_ b: [UInt8]) -> String {
            b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        XCTAssertEqual(
            hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(
            hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(
            hex(
                SHA256.hmac(
                    key: [UInt8](repeating: 0xaa, count: 131),
                    message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testSHA256KnownVectorsAndChunking() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let two = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(SHA256.hex(two), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        XCTAssertEqual(SHA256.hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var generator = SystemRandomNumberGenerator()
        let data = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = SHA256.hex(data)
        for _ in 0..<20 {
            var h = SHA256()
            var i = 0
            while i < data.count {
                let n = min(Int.random(in: 0...130, using: &generator), data.count - i)
                h.update(data[i..<(i + n)])
                i += n
            }
            XCTAssertEqual(h.finalize().map { String(format: "%02x", $0) }.joined(), whole)
        }
        XCTAssertEqual(SHA256.hex(Data(two)), SHA256.hex(two))
    }
}
