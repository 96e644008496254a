// fuzz-analyze: bytes → Analyzer.analyze with the default pack (Lexicons/russia-azerbaijan, or
// $FRAMEWATCH_FUZZ_PACK), compiled once. Checks that every evidence, mention, accusation, denial
// and ambiguous-mention offset slices the decoded text back to its `text`, that scores stay in
// their documented ranges, and that the JSON and CSV output lines parse back.
//
// The input is the document, unchanged; its length picks the imposed language and `explain`.
import Foundation
import FramewatchCore
import FuzzSupport

let packPath: String = {
    if let path = ProcessInfo.processInfo.environment["FRAMEWATCH_FUZZ_PACK"] { return path }
    // scripts/fuzz/Sources/fuzz-analyze/main.swift → the repository root.
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Lexicons/russia-azerbaijan").path
}()

nonisolated(unsafe) let analyzer: Analyzer = {
    do {
        return try Analyzer(CompiledLexicon(LexiconPack.load(directory: packPath)))
    } catch {
        fatalError("cannot load the pack at \(packPath): \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let languages: [Language?] = [nil, .en, .ru, .az]
    let language = languages[size & 3]
    let explain = size & 4 != 0
    let report: Report
    do {
        report = try analyzer.analyze(bytes, language: language, meta: DocumentMeta(id: "fuzz"), explain: explain)
    } catch {
        fuzzCheck(false, "analyze threw \(error)")
        return 0
    }
    checkReport(report, bytes: bytes)
    if let language { fuzzCheck(report.sentences.allSatisfy { $0.lang == language }, "imposed language ignored") }
    _ = HTMLReport.render(report, text: String(decoding: bytes, as: UTF8.self))
    return 0
}
