import Foundation
import FramewatchCore
import XCTest

/// Inputs that broke the library, found with the libFuzzer targets in `scripts/fuzz` (see
/// `scripts/fuzz/run`) or while writing them, each with the outcome the library promises for it.
/// A `fuzz-pack` input written to a file reproduces with `.build-fuzz/debug/fuzz-pack <file>`.
final class FuzzRegressionTests: XCTestCase {
    /// Writes a `fuzz-pack` input (`manifest NUL term-list NUL gazetteer`) as the pack folder the
    /// fuzz target builds: `manifest.toml`, the term list as `cues/en.tsv`, `cues/ru.tsv` and
    /// `cues/az.tsv`, the gazetteer as `gazetteer.toml`.
    func writePack(_ input: [UInt8]) throws -> String {
        let parts = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("framewatch-fuzz-regression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("cues"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        try Data(parts[0]).write(to: directory.appendingPathComponent("manifest.toml"))
        let terms = Data(parts.count > 1 ? parts[1] : [])
        for language in ["en", "ru", "az"] {
            try terms.write(to: directory.appendingPathComponent("cues/\(language).tsv"))
        }
        try Data(parts.count > 2 ? parts[2] : []).write(to: directory.appendingPathComponent("gazetteer.toml"))
        return directory.path
    }

    /// fuzz-pack (its first seed): a valid pack whose term lists have no `stem*` wildcard entry.
    /// Loading succeeded, but `CompiledLexicon.init` trapped with "Range requires lowerBound <=
    /// upperBound": it stored `1...0` as the (meant to be empty) range of wildcard stem lengths
    /// (`self.stemBytes = minStem <= maxStem ? minStem...maxStem : 1...0`), and a `ClosedRange`
    /// cannot be empty. Expected: the pack compiles and scores like any other.
    func testPackWithoutWildcardTermsCompiles() throws {
        let input: [UInt8] = Array(
            """
            name = "n"
            version = "1"
            languages = ["en"]
            lists = ["cues/en.tsv"]
            [frame]
            anti_russian = []
            conciliatory = []
            \u{0}good\tsentiment\t1

            """.utf8)
        let pack = try LexiconPack.load(directory: try writePack(input))
        XCTAssertFalse(pack.entries.contains { $0.isPrefixWildcard }, "the input has no wildcard entry")
        let lexicon = try CompiledLexicon(pack)
        let report = try Analyzer(lexicon).analyze("A good day.")
        XCTAssertEqual(report.sentences.flatMap(\.evidence).map(\.text), ["good"])
    }

    /// Found while writing `fuzz-segment`/`fuzz-analyze` (reproduced with `fuzz-analyze` on a
    /// 1.5 MB input). A worker's `KeyCache` started afresh inside `KeyCache.id` once it held
    /// 200,000 distinct spellings. `Matcher.match` then reset its per-spelling tables, but the
    /// sentence's earlier tokens kept their raw ids from the old generation in `streamRaw`, and
    /// `Matcher.walk` indexed the emptied tables with them (`candidateStart[slot][raw]`) and
    /// trapped with "Index out of range" (an old id that happened to be in range matched the wrong
    /// spelling instead). In `framewatch batch` the cache lives as long as the worker, so a long
    /// run crossed this point once a worker had seen 200,000 distinct spellings, almost always in
    /// the middle of a sentence. Expected: no trap, and that sentence is matched correctly.
    func testKeyCacheRestartInTheMiddleOfASentence() throws {
        // 199,980 distinct filler words (in sentences of 100 words), then one sentence whose
        // 21st new spelling is the 200,001st distinct spelling of the document ("." is one of them).
        var text = ""
        text.reserveCapacity(1_600_000)
        for i in 0..<199_980 {
            text += "f\(i)"
            text += i % 100 == 99 ? ".\n" : " "
        }
        text += "Russia interfered " + (0..<50).map { "z\($0)" }.joined(separator: " ") + "."
        let report = try Analyzer(TestPacks.mini).analyze(text, language: .en)
        let evidence = try XCTUnwrap(report.sentences.last?.evidence.first { $0.text == "interfered" })
        XCTAssertEqual(evidence.target, "russia")
        XCTAssertEqual(evidence.weight, 2, accuracy: 1e-9)
    }

    /// Found while writing the `fuzz-importers` target. `VADERFormat.read` accepted any text that
    /// `Double(_:)` parses as the mean, including `nan`; `max(-4, min(4, mean))` then turned NaN
    /// into +4 (`min(4, nan)` is 4: every comparison with NaN is false), so `word<TAB>nan` was
    /// imported as the strongest positive sentiment. Expected: a mean that is not a finite number
    /// is refused like any other malformed line (an `ImportError`) or skipped, never imported.
    func testVADERMeanThatIsNotANumberIsNotImportedAsPlusFour() throws {
        let input: [UInt8] = Array("good\t1.9\t0.9\t[2, 2, 1]\nbad\tnan\t0.5\t[-3]\n".utf8)
        do {
            let lexicon = try VADERFormat.read(String(decoding: input, as: UTF8.self), source: "vader.txt")
            XCTAssertEqual(lexicon.entries.map(\.term), ["good"], "\(lexicon.entries)")
        } catch is ImportError {
            // Refusing the file, with the line, is fine too.
        }
    }
}
