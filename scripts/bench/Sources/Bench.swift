import CICU
import Foundation
import FramewatchCore

/// `fw-bench`: the throughput benchmarks (see docs/BENCHMARKS.md). Always run a release build:
/// `swift run -c release fw-bench …` or `bash scripts/bench`.
@main
struct Bench {
    static func main() throws {
        var args = Array(CommandLine.arguments.dropFirst())
        guard let command = args.first else {
            print(
                "usage: fw-bench generate --out DIR [--en-mb 20 --ru-mb 2 --az-mb 2]\n       fw-bench run --corpus FILE [--runs 5] [--pack DIR] [--binary PATH] [--jobs N]"
            )
            exit(2)
        }
        args.removeFirst()
        func option(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            return args[i + 1]
        }
        switch command {
        case "generate":
            let out = option("--out") ?? ".build/bench"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var generator = CorpusGenerator(seed: 20_250_225)
            for (lang, mb) in [
                ("en", Double(option("--en-mb") ?? "20")!), ("ru", Double(option("--ru-mb") ?? "2")!),
                ("az", Double(option("--az-mb") ?? "2")!),
            ] {
                let path = "\(out)/\(lang).jsonl"
                try generator.writeCorpus(path: path, language: lang, megabytes: mb)
                print("wrote \(path)")
            }
        case "run":
            guard let corpus = option("--corpus") else { throw BenchError("--corpus FILE is required") }
            let runs = Int(option("--runs") ?? "5")!
            let packPath = try PackLocator.locate(explicit: option("--pack"))
            try run(
                corpus: corpus, runs: runs, packPath: packPath, binary: option("--binary"),
                jobs: Int(option("--jobs") ?? "\(ProcessInfo.processInfo.activeProcessorCount)")!)
        case "analyze-only":
            // For profilers: compile the pack, then analyse every document once.
            guard let corpus = option("--corpus") else { throw BenchError("--corpus FILE is required") }
            let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
            var docs: [[UInt8]] = []
            for line in data.split(separator: 0x0A) {
                if case .success(let doc) = RecordReader.document(jsonLine: ArraySlice(line)) { docs.append(doc.text) }
            }
            let analyzer = try Analyzer(
                CompiledLexicon(LexiconPack.load(directory: PackLocator.locate(explicit: option("--pack")))))
            var sentences = 0
            for d in docs { sentences += try analyzer.analyze(d).sentences.count }
            print(sentences)
        case "segment-only":
            // For profilers (callgrind): raw ICU then segmentation, once each, nothing else.
            guard let corpus = option("--corpus") else { throw BenchError("--corpus FILE is required") }
            let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
            var docs: [[UInt8]] = []
            for line in data.split(separator: 0x0A) {
                if case .success(let doc) = RecordReader.document(jsonLine: ArraySlice(line)) { docs.append(doc.text) }
            }
            var words: Int64 = 0
            for d in docs {
                words += d.withUnsafeBufferPointer { fw_bench_word_break($0.baseAddress, Int64($0.count)) }
            }
            let segmenter = try Segmenter()
            var tokens = 0
            for d in docs { tokens += try segmenter.segment(d).tokens.count }
            print(words, tokens)
        default:
            throw BenchError("unknown command \(command)")
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func peakRSS() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func run(corpus: String, runs: Int, packPath: String, binary: String?, jobs: Int) throws {
        // Load the documents' text (the measured bytes are the article texts).
        var docs: [[UInt8]] = []
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
        for line in data.split(separator: 0x0A) {
            if case .success(let doc) = RecordReader.document(jsonLine: ArraySlice(line)) { docs.append(doc.text) }
        }
        let bytes = docs.reduce(0) { $0 + $1.count }
        let mb = Double(bytes) / 1_048_576
        print(
            "corpus \(corpus): \(docs.count) documents, \(String(format: "%.1f", mb)) MB of text; \(runs) runs, median")

        var rows: [(String, Double, Double?)] = []  // name, seconds, peak RSS MB
        var icu: [Double] = []
        var words: Int64 = 0
        for _ in 0..<runs {
            icu.append(
                time {
                    words = 0
                    for d in docs {
                        words += d.withUnsafeBufferPointer { fw_bench_word_break($0.baseAddress, Int64($0.count)) }
                    }
                })
        }
        rows.append(("raw ICU word break (C, rule status)", median(icu), nil))

        let segmenter = try Segmenter()
        var segmentation: [Double] = []
        var tokens = 0
        for _ in 0..<runs {
            segmentation.append(
                try time {
                    tokens = 0
                    for d in docs { tokens += try segmenter.segment(d).tokens.count }
                })
        }
        rows.append(("Framewatch segmentation (words, sentences, offsets, language)", median(segmentation), nil))

        let compileStart = DispatchTime.now().uptimeNanoseconds
        let lexicon = try CompiledLexicon(LexiconPack.load(directory: packPath))
        let compileSeconds = Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e9
        let analyzer = try Analyzer(lexicon)
        var analysis: [Double] = []
        for _ in 0..<runs {
            analysis.append(try time { for d in docs { _ = try analyzer.analyze(d) } })
        }
        rows.append(("analysis, no I/O (tokenise + match + score + report)", median(analysis), peakRSS()))

        if let binary {
            for j in Array(Set([1, jobs])).sorted() {
                var batch: [Double] = []
                var rss: Double = 0
                for _ in 0..<max(1, runs / 2) {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = [
                        "batch", "--quiet", "--jobs", "\(j)", "--pack", packPath, "--input", corpus, "--output",
                        "/dev/null",
                    ]
                    let start = DispatchTime.now().uptimeNanoseconds
                    try process.run()
                    process.waitUntilExit()
                    batch.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    var usage = rusage()
                    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
                    rss = max(rss, Double(usage.ru_maxrss) / 1024)
                }
                rows.append(("framewatch batch end to end, --jobs \(j) (JSONL in, JSONL out)", median(batch), rss))
            }
        }

        let icuSeconds = median(icu)
        print("")
        print("| stage | MB/s | docs/s | × ICU | peak RSS MB |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for (name, seconds, rss) in rows {
            let rate = mb / seconds
            print(
                "| \(name) | \(String(format: "%.1f", rate)) | \(String(format: "%.0f", Double(docs.count) / seconds)) | "
                    + "\(String(format: "%.2f", icuSeconds / seconds)) | \(rss.map { String(format: "%.0f", $0) } ?? "") |"
            )
        }
        print("")
        print(
            "tokens: \(tokens) · ICU word segments: \(words) · pack compile: \(String(format: "%.3f", compileSeconds)) s"
        )
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average: \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?")"
        )
    }
}
