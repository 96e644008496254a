import CICU
import Foundation
import FramewatchCore

/// `fw-bench`: the throughput benchmarks (see docs/BENCHMARKS.md). Always run a release build:
/// `swift run -c release fw-bench …` or `bash scripts/bench`.
@main
struct Bench {
    static let usage = """
        usage: fw-bench generate [--out DIR] [--en-mb 20] [--ru-mb 2] [--az-mb 2]
               fw-bench run --corpus FILE [--runs 5] [--pack DIR] [--binary PATH] [--jobs N]
               fw-bench analyze-only --corpus FILE [--pack DIR]      (for profilers)
               fw-bench segment-only --corpus FILE                   (for profilers)
               fw-bench dump-json --corpus FILE [--pack DIR] [--explain]
               fw-bench gazetteer-scale [--aliases 100000]
        See docs/BENCHMARKS.md; `bash scripts/bench-run` runs the standard set.
        """

    static func main() {
        do {
            try run(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("fw-bench: \(error)\n\(usage)\n".utf8))
            exit(2)
        }
    }

    static func run(arguments: [String]) throws {
        var args = arguments
        guard let command = args.first, !["-h", "--help", "help"].contains(command) else {
            print(usage)
            exit(args.isEmpty ? 2 : 0)
        }
        args.removeFirst()
        func option(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            return args[i + 1]
        }
        func number<T: LosslessStringConvertible & Comparable & Numeric>(_ name: String, _ fallback: T) throws -> T {
            guard let text = option(name) else { return fallback }
            guard let value = T(text), value > 0 else {
                throw BenchError("\(name) needs a positive number, not `\(text)`")
            }
            return value
        }
        switch command {
        case "generate":
            let out = option("--out") ?? ".build/bench"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var generator = CorpusGenerator(seed: 20_250_225)
            for (lang, mb) in [
                ("en", try number("--en-mb", 20.0)), ("ru", try number("--ru-mb", 2.0)),
                ("az", try number("--az-mb", 2.0)),
            ] {
                let path = "\(out)/\(lang).jsonl"
                try generator.writeCorpus(path: path, language: lang, megabytes: mb)
                print("wrote \(path)")
            }
        case "run":
            guard let corpus = option("--corpus") else { throw BenchError("--corpus FILE is required") }
            let runs = try number("--runs", 5)
            let packPath = try PackLocator.locate(explicit: option("--pack"))
            try run(
                corpus: corpus, runs: runs, packPath: packPath, binary: option("--binary"),
                jobs: try number("--jobs", ProcessInfo.processInfo.activeProcessorCount))
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
            // The analysis alone, in this thread's CPU time (stderr), for A/B runs of two builds.
            var before = timespec()
            var after = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before)
            for d in docs { sentences += try analyzer.analyze(d).sentences.count }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after)
            print(sentences)
            let seconds = Double(after.tv_sec - before.tv_sec) + Double(after.tv_nsec - before.tv_nsec) / 1e9
            FileHandle.standardError.write(Data(String(format: "analysis CPU %.3f s\n", seconds).utf8))
        case "dump-json":
            // For output checks: the batch JSON line of every record of a JSONL file, in order
            // (`--explain` adds each cue's rule trace).
            guard let corpus = option("--corpus") else { throw BenchError("--corpus FILE is required") }
            let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
            let analyzer = try Analyzer(
                CompiledLexicon(LexiconPack.load(directory: PackLocator.locate(explicit: option("--pack")))))
            let explain = args.contains("--explain")
            var out: [UInt8] = []
            for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
            where !line.isEmpty {
                switch analyzer.score(record: RecordReader.document(jsonLine: ArraySlice(line)), explain: explain) {
                case .success(let report): out += report.jsonLine(line: index + 1)
                case .failure(let error): out += error.jsonLine(line: index + 1)
                }
                out.append(0x0A)
            }
            FileHandle.standardOutput.write(Data(out))
        case "gazetteer-scale":
            // Compile a generated gazetteer of N aliases (default 100,000): time and memory.
            let count = try number("--aliases", 100_000)
            try gazetteerScale(aliases: count)
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

    /// Writes a pack whose gazetteer holds `aliases` names (persons with Latin and Cyrillic
    /// forms), compiles it, and reports the time and the peak memory.
    static func gazetteerScale(aliases: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-gazetteer-\(aliases)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let manifest = """
            name = "scale"
            version = "1"
            languages = ["en", "ru"]
            lists = ["en.tsv"]
            gazetteer = ["gazetteer.toml"]
            [frame]
            anti_russian = ["espionage"]
            conciliatory = ["dialogue"]
            [inflection.ru]
            suffixes = ["а", "у", "ом", "ым", "е"]
            stem_endings = ["а", "я"]
            """
        try manifest.write(to: dir.appendingPathComponent("manifest.toml"), atomically: true, encoding: .utf8)
        try "spy\tanti_russian.espionage\t2\n".write(
            to: dir.appendingPathComponent("en.tsv"), atomically: true, encoding: .utf8)
        var generator = CorpusGenerator(seed: 7)
        let syllables = [
            "ka", "ra", "mo", "li", "va", "den", "sar", "tol", "bek", "ram", "zu", "nik", "gor", "vel", "tam",
        ]
        let cyrillic = [
            "ка", "ра", "мо", "ли", "ва", "ден", "сар", "тол", "бек", "рам", "зу", "ник", "гор", "вел", "там",
        ]
        var text = ""
        var written = 0
        var n = 0
        while written < aliases {
            var latin = ""
            var russian = ""
            for _ in 0..<(2 + Int(generator.next() % 3)) {
                let i = Int(generator.next() % UInt64(syllables.count))
                latin += syllables[i]
                russian += cyrillic[i]
            }
            let first = ["Ali", "Ivan", "Elmar", "Oleg", "Ramiz"][n % 5]
            let firstRu = ["Али", "Иван", "Эльмар", "Олег", "Рамиз"][n % 5]
            text += "[e\(n)]\ntype = \"person\"\nname = \"\(first) \(latin.capitalized)ov\"\n"
            text += "names = [\"\(first) \(latin.capitalized)ov\", \"\(firstRu) \(russian.capitalized)ов\"]\n"
            text += "short = [\"Mr \(latin.capitalized)ov\", \"\(latin.capitalized)ov\"]\n\n"
            written += 4
            n += 1
        }
        try text.write(to: dir.appendingPathComponent("gazetteer.toml"), atomically: true, encoding: .utf8)
        let before = peakRSS()
        let start = DispatchTime.now().uptimeNanoseconds
        let pack = try LexiconPack.load(directory: dir.path)
        let loaded = DispatchTime.now().uptimeNanoseconds
        let lexicon = try CompiledLexicon(pack)
        let compiled = DispatchTime.now().uptimeNanoseconds
        print(
            "gazetteer of \(written) aliases (\(n) entities): load+validate \(String(format: "%.2f", Double(loaded - start) / 1e9)) s, "
                + "compile \(String(format: "%.2f", Double(compiled - loaded) / 1e9)) s, "
                + "peak RSS \(String(format: "%.0f", peakRSS())) MB (before: \(String(format: "%.0f", before)) MB), "
                + "trie nodes \(lexicon.nodeCount), alias keys \(lexicon.aliasKeyCount)")
        let analyzer = try Analyzer(lexicon)
        let report = try analyzer.analyze("Ivan Karamoov met Mr Karamoov; Ивана Карамоова видели.")
        print("sample: \(report.entities.map(\.id)) ambiguous: \(report.ambiguous.count)")
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

        // The same with every character through ICU (the word fast path off), and a check that
        // both give the same tokens on every document of this corpus.
        let icuOnly = try Segmenter(fastWordBreak: false)
        var segmentationICU: [Double] = []
        for _ in 0..<runs {
            segmentationICU.append(try time { for d in docs { _ = try icuOnly.segment(d).tokens.count } })
        }
        rows.append(("  same, word fast path off (every character through ICU)", median(segmentationICU), nil))
        var differing = 0
        for d in docs {
            let a = try segmenter.segment(d).tokens
            let b = try icuOnly.segment(d).tokens
            if a.map(\.byteStart) != b.map(\.byteStart) || a.map(\.byteEnd) != b.map(\.byteEnd)
                || a.map(\.kind) != b.map(\.kind)
            {
                differing += 1
            }
        }
        print(
            "word fast path vs ICU: \(differing == 0 ? "same tokens" : "DIFFERENT tokens") in \(docs.count - differing) of \(docs.count) documents"
        )

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
