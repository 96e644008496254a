// fuzz-pack: bytes → a lexicon pack on disk → LexiconPack.inspect, and when the pack loads
// without errors, CompiledLexicon and one analysis.
//
// Input layout: `manifest NUL term-list NUL gazetteer` (missing parts are empty files). The term
// list is written as `cues/en.tsv`, `cues/ru.tsv` and `cues/az.tsv`, the gazetteer as
// `gazetteer.toml`; the seed manifests list those paths.
import Foundation
import FramewatchCore
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One scratch pack folder per process, rewritten for every input.
let directory: String = {
    var template = Array("/tmp/framewatch-fuzz-pack-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let path = String(cString: made)
    guard mkdir(path + "/cues", 0o755) == 0 else { fatalError("mkdir failed") }
    // Removed when libFuzzer exits normally (-max_total_time, -runs); a crash leaves it for
    // inspection.
    atexit { try? FileManager.default.removeItem(atPath: directory) }
    return path
}()

func write(_ bytes: ArraySlice<UInt8>, to relative: String) {
    let path = directory + "/" + relative
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    if !bytes.isEmpty {
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    }
    fclose(file)
}

let sample = Array(
    """
    Russia interfered in the elections, Baku said. Moscow denied it: "We never spied."
    Россия не вмешивалась, заявил Лавров. Azərbaycan Rusiyanı günahlandırır.
    """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    let manifest = parts[0]
    let terms = parts.count > 1 ? parts[1] : []
    let gazetteer = parts.count > 2 ? parts[2] : []
    write(manifest, to: "manifest.toml")
    for language in ["en", "ru", "az"] { write(terms, to: "cues/\(language).tsv") }
    write(gazetteer, to: "gazetteer.toml")

    let (pack, problems) = LexiconPack.inspect(directory: directory)
    for problem in problems { _ = problem.description }
    let errors = problems.filter { $0.severity == .error }
    if pack == nil { fuzzCheck(!errors.isEmpty, "inspect returned no pack and no error") }
    guard let pack, errors.isEmpty else { return 0 }
    fuzzCheck(
        pack.identity.hash.hasPrefix("sha256:") && pack.identity.hash.utf8.count == 7 + 64,
        "pack hash \(pack.identity.hash)")
    fuzzCheck(pack.problems.allSatisfy { $0.severity == .warning }, "a loaded pack keeps errors")

    let lexicon: CompiledLexicon
    let analyzer: Analyzer
    do {
        lexicon = try CompiledLexicon(pack)
        analyzer = try Analyzer(lexicon)
    } catch {
        fuzzCheck(false, "a pack that loads does not compile: \(error)")
        return 0
    }
    _ = lexicon.maximumTermTokens
    // One analysis of a fixed sample plus the pack's own terms and names (so that entries match).
    var text = sample
    text.append(0x0A)
    text += terms.prefix(2048)
    text.append(0x0A)
    text += gazetteer.prefix(2048)
    do {
        let report = try analyzer.analyze(text, explain: true)
        checkReport(report, bytes: text)
    } catch {
        fuzzCheck(false, "analysis threw \(error)")
    }
    return 0
}
