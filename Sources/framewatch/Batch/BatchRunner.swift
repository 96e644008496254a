import Foundation
import FramewatchCore
import FramewatchText

/// What a worker made of one record.
struct BatchResult: Sendable {
    var line: Int
    /// The output line (JSON or CSV), newline included; empty when the record was skipped by --resume.
    var output: [UInt8]
    var isError: Bool
    var inputBytes: Int
    /// The report, for the store (`--db`).
    var report: Report?
    /// The document's text, kept only for the store (`--db`).
    var text: [UInt8]? = nil
    /// `--lang` imposed a language on this record that its letters do not look like.
    var languageMismatch = false
    /// `--resume`: the output holds this record (same id and line) for a text of another length:
    /// the output was written from another input. (held, now): the text lengths in bytes.
    var resumeConflict: (held: Int, now: Int)? = nil
}

/// The output format.
enum BatchFormat: String, CaseIterable {
    case jsonl, csv
}

/// Runs the batch: a reader (this thread) feeds a bounded queue, `jobs` worker threads score
/// with their own ``Analyzer`` (sharing one compiled lexicon), and results are written in input
/// order. At most `window` records are in flight, so memory stays flat whatever the input size.
final class BatchRunner: @unchecked Sendable {
    struct Summary {
        var documents = 0
        var errors = 0
        var skipped = 0
        /// Records scored in the language `--lang` imposed although their letters point to another.
        var languageMismatches = 0
        var bytes = 0
        var seconds = 0.0
        var interrupted = false
    }

    private let lexicon: CompiledLexicon
    private let jobs: Int
    private let window: Int
    private let format: BatchFormat
    private let language: Language?
    private let maximumBytes: Int
    private let done: Set<String>
    /// `--resume`: the text length (`stats.bytes`) of each record already written, by key, where
    /// the output says (JSON Lines reports; not CSV rows, not error records).
    private let doneBytes: [String: Int]
    /// Keep each document's text in its result (for the store).
    private let keepText: Bool
    private let condition = NSCondition()
    private var queue: [(seq: Int, record: RawRecord)] = []
    private var results: [Int: BatchResult] = [:]
    private var inFlight = 0
    private var readingFinished = false
    private var workerFailure: Error?
    /// Set by SIGINT/SIGTERM: stop reading, finish what is in flight, write it, exit.
    nonisolated(unsafe) static var stopRequested = false

    init(
        lexicon: CompiledLexicon, jobs: Int, format: BatchFormat, language: Language?, maximumBytes: Int,
        done: Set<String>, doneBytes: [String: Int] = [:], keepText: Bool = false
    ) {
        self.lexicon = lexicon
        self.jobs = max(1, jobs)
        window = max(16, self.jobs * 8)
        self.format = format
        self.language = language
        self.maximumBytes = maximumBytes
        self.done = done
        self.doneBytes = doneBytes
        self.keepText = keepText
    }

    /// Scores every record of `source`, calling `write` for each result in input order.
    func run(source: RecordSource, write: (BatchResult) throws -> Void, progress: ((Summary, RecordSource) -> Void)?)
        throws -> Summary
    {
        let start = Date()
        var summary = Summary()
        var threads: [Thread] = []
        for _ in 0..<jobs {
            let thread = Thread { [self] in self.work() }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        var seq = 0
        var nextToWrite = 0
        var lastProgress = Date.distantPast
        func drain(blocking: Bool) throws {
            while true {
                condition.lock()
                while results[nextToWrite] == nil && blocking && (nextToWrite < seq) && workerFailure == nil {
                    condition.wait()
                }
                if let failure = workerFailure {
                    condition.unlock()
                    throw failure
                }
                guard let result = results.removeValue(forKey: nextToWrite) else {
                    condition.unlock()
                    return
                }
                inFlight -= 1
                condition.broadcast()
                condition.unlock()
                nextToWrite += 1
                if let conflict = result.resumeConflict {
                    throw CLIError.configuration(
                        "--resume: the output holds a record for input line \(result.line) (same id) scored from a "
                            + "text of \(conflict.held) bytes, but that line's text is \(conflict.now) bytes now: the "
                            + "output was written from another input; resume with that input, or write to a new file")
                }
                if result.output.isEmpty {
                    summary.skipped += 1
                } else {
                    summary.documents += 1
                    if result.isError { summary.errors += 1 }
                    if result.languageMismatch { summary.languageMismatches += 1 }
                    try write(result)
                }
                summary.bytes += result.inputBytes
                if let progress, Date().timeIntervalSince(lastProgress) > 0.2 {
                    lastProgress = Date()
                    summary.seconds = Date().timeIntervalSince(start)
                    progress(summary, source)
                }
                if !blocking { continue }
                if nextToWrite == seq { return }
            }
        }
        do {
            while !Self.stopRequested, let record = try source.next() {
                condition.lock()
                while inFlight >= window && workerFailure == nil {
                    condition.unlock()
                    try drain(blocking: false)
                    condition.lock()
                    if inFlight >= window { condition.wait(until: Date().addingTimeInterval(0.05)) }
                }
                queue.append((seq, record))
                inFlight += 1
                condition.broadcast()
                condition.unlock()
                seq += 1
                try drain(blocking: false)
            }
        } catch {
            finishWorkers()
            throw error
        }
        finishWorkers()
        try drain(blocking: true)
        summary.seconds = Date().timeIntervalSince(start)
        summary.interrupted = Self.stopRequested
        if let progress { progress(summary, source) }
        _ = threads
        return summary
    }

    private func finishWorkers() {
        condition.lock()
        readingFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// A worker: takes records, scores them, hands results back.
    private func work() {
        let analyzer: Analyzer
        do {
            analyzer = try Analyzer(lexicon)
        } catch {
            condition.lock()
            workerFailure = error
            condition.broadcast()
            condition.unlock()
            return
        }
        while true {
            condition.lock()
            while queue.isEmpty && !readingFinished { condition.wait() }
            if queue.isEmpty && readingFinished {
                condition.unlock()
                return
            }
            let (seq, record) = queue.removeFirst()
            condition.unlock()
            let result = process(record, analyzer: analyzer)
            condition.lock()
            results[seq] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The resume key of a record: its id, or its line when it has none.
    /// A record's identity for `--resume`: its input line and its id together (ids may repeat
    /// or be missing; the same input gives every record the same line).
    static func key(id: String?, line: Int) -> String { "\(line)\u{0}\(id ?? "")" }

    func process(_ record: RawRecord, analyzer: Analyzer) -> BatchResult {
        let line = record.line
        let document: Result<DocumentInput, RecordError>
        switch record {
        case .json(_, let bytes): document = RecordReader.document(jsonLine: bytes[...], maximumBytes: maximumBytes)
        case .csv(_, let result): document = result
        case .file(_, let name, let bytes):
            document = .success(DocumentInput(text: bytes, meta: DocumentMeta(id: name)))
        case .failed(_, let error): document = .failure(error)
        }
        // Records already written (--resume) are skipped before any analysis.
        let id: String?
        switch document {
        case .success(let input): id = input.meta.id
        case .failure(let error): id = error.id
        }
        let key = Self.key(id: id, line: line)
        if done.contains(key) {
            var skipped = BatchResult(line: line, output: [], isError: false, inputBytes: record.size, report: nil)
            // Same id and line but another text: the output comes from another input.
            if case .success(let input) = document, let held = doneBytes[key], held != input.text.count {
                skipped.resumeConflict = (held, input.text.count)
            }
            return skipped
        }
        switch analyzer.score(record: document, language: language) {
        case .success(let report):
            let output = format == .csv ? ReportCSV.row(report, line: line) : report.jsonLine(line: line) + [0x0A]
            var text: [UInt8]? = nil
            var mismatch = false
            if case .success(let input) = document {
                if keepText { text = input.text }
                // --lang imposes a language on records without their own: say so when the text
                // plainly is another (a mixed feed scored as one language comes out neutral).
                if let language, input.language == nil, let looks = Language.guess(input.text), looks != language {
                    mismatch = true
                }
            }
            return BatchResult(
                line: line, output: output, isError: false, inputBytes: record.size, report: report, text: text,
                languageMismatch: mismatch)
        case .failure(let error):
            let output = format == .csv ? ReportCSV.errorRow(error, line: line) : error.jsonLine(line: line) + [0x0A]
            return BatchResult(line: line, output: output, isError: true, inputBytes: record.size, report: nil)
        }
    }
}
