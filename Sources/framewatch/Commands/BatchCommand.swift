import ArgumentParser
import Dispatch
import Foundation
import FramewatchCore
import FramewatchStore

/// `framewatch batch`: many documents, streamed, in parallel, loss-free.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score many documents: JSON Lines, CSV or a folder of .txt files in; JSONL or CSV out.",
        discussion: """
            Input records: {"text", "id"?, "lang"?, "outlet"?, "published"?, "url"?} per line (JSONL), or a CSV \
            with a header naming those columns, or a folder of .txt files (id = file name). Every input record \
            yields exactly one output line, in input order; a record that cannot be read yields \
            {"id", "line", "error": {"code", "message"}} and the run goes on.
            Exit codes: 0 all scored; 1 some records had errors; 2 usage or configuration error; \
            130/143 interrupted (what was done is written; rerun with --resume).
            Examples:
              framewatch batch --input Corpora/sample/articles.jsonl --output scores.jsonl
              framewatch batch --input articles.csv --format csv > scores.csv
              framewatch batch --input scores-in.jsonl --output scores.jsonl --resume
              framewatch batch --input today.jsonl --output /dev/null --db monitor.sqlite
                then: framewatch report --db monitor.sqlite
            """
    )

    @Option(help: "Input file or folder (default: standard input, JSON Lines).")
    var input: String?

    @Option(help: "Input format: jsonl, csv or dir (default: from the file name; a folder is dir).")
    var inputFormat: String?

    @Option(help: "Write results here instead of standard output ('-': standard output).")
    var output: String?

    @Option(help: "Output format: jsonl or csv.")
    var format: String = "jsonl"

    // (ArgumentParser appends "(default: N)" with this machine's count.)
    @Option(parsing: .unconditional, help: "Worker threads, one per core unless told otherwise.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help:
            "Score records that give no lang of their own in this language (en, ru, az), instead of detecting each sentence's. A warning counts the records that look like another language."
    )
    var lang: Language?

    @Option(
        parsing: .unconditional, help: "Largest document accepted, in bytes (larger ones get a too_large error record)."
    )
    var maxBytes: Int = RecordReader.defaultMaximumBytes

    // One paragraph: ArgumentParser indents a `discussion` unlike every other option's help.
    @Option(
        help:
            "Also store every scored article in this SQLite file (created when absent): see `framewatch report`. An article with the id of one already stored replaces it (its previous pack is kept in the history)."
    )
    var db: String?

    @Flag(help: "Skip records already written completely to --output (after an interruption).")
    var resume = false

    @Flag(help: "No progress bar and no summary.")
    var quiet = false

    @OptionGroup var packOptions: PackOptions

    /// What `--db` did, for the end summary: `stored in DB: 3 new, 0 rescored, 0 unchanged` and,
    /// apart, the articles left out of the weekly series: those with no `published` date, and
    /// those whose `published` could not be read (with the first such value, so that the feed can
    /// be fixed), e.g. `1 undated, 2 with an unreadable published date (first: "2025-13-45")`.
    static func storeSummary(_ t: MonitorStore.SaveSummary, db: String) -> String {
        var text = "stored in \(db): \(t.inserted) new, \(t.replaced) rescored, \(t.unchanged) unchanged"
        if t.undated > 0 { text += ", \(t.undated) undated" }
        if t.unreadableDates > 0 {
            text += ", \(Framewatch.count(t.unreadableDates, "record")) with an unreadable published date"
            if let first = t.firstUnreadableDate {
                text += " (first: \"\(TerminalSafe.shortened(first, to: 40))\")"
            }
        }
        return text
    }

    func validate() throws {
        guard BatchFormat(rawValue: format) != nil else { throw ValidationError("--format must be jsonl or csv") }
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be positive") }
        if resume && (output == nil || output == "-") {
            throw ValidationError("--resume needs --output FILE (the file to complete)")
        }
        if let f = inputFormat, !["jsonl", "csv", "dir"].contains(f) {
            throw ValidationError("--input-format must be jsonl, csv or dir")
        }
    }

    func run() throws {
        let format = BatchFormat(rawValue: format)!
        // Writing over the input would destroy it before it is read (O_TRUNC); symbolic and hard
        // links count, so the files are compared by device and inode.
        if let input, let output, output != "-", Self.sameFile(input, output) {
            throw CLIError.configuration("--output \(output) is the input file \(input); write the results elsewhere")
        }
        let lexicon = try packOptions.load()
        let source = try openSource()
        let store = try db.map(MonitorStore.openForCLI)

        // Output: resume reads what is complete and cuts a half-written last line.
        var done = Set<String>()
        var doneBytes: [String: Int] = [:]
        var lastDoneLine = 0
        var resumed: ResumeState.State? = nil
        var writeHeader = format == .csv
        let fd: Int32
        if let output, output != "-" {
            if resume, FileManager.default.fileExists(atPath: output) {
                let state = try ResumeState.read(path: output, format: format)
                done = state.done
                doneBytes = state.doneBytes
                lastDoneLine = state.lastLine
                resumed = state
                writeHeader = format == .csv && state.done.isEmpty && !state.hasHeader
                fd = open(output, O_WRONLY | O_APPEND)
            } else {
                fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
            guard fd >= 0 else { throw CLIError.cannotWrite(path: output, reason: String(cString: strerror(errno))) }
        } else {
            fd = STDOUT_FILENO
        }
        let sink = LineSink(fd: fd)
        if writeHeader { try sink.write(ReportCSV.headerLine) }

        // SIGINT/SIGTERM: stop reading, finish and write what is in flight, then exit.
        var received: Int32 = 0
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler {
                received = sig
                BatchRunner.stopRequested = true
            }
            s.resume()
            sources.append(s)
        }

        let showProgress = !quiet && Terminal.isTerminal(STDERR_FILENO)
        let runner = BatchRunner(
            lexicon: lexicon, jobs: jobs, format: format, language: lang, maximumBytes: maxBytes, done: done,
            doneBytes: doneBytes, keepText: store != nil)
        let storeWriter = store.map { StoreWriter(store: $0, sink: sink) }
        let summary = try runner.run(
            source: source,
            write: { result in
                // Output is in input order, so the file being completed holds a record of every
                // input line up to its last one: a record there that still needs scoring means
                // the file comes from another input (a typo in --input). Refuse before writing.
                if !result.output.isEmpty && result.line <= lastDoneLine, let output {
                    if let held = resumed?.record(of: result.line) {
                        // The same line number, read differently now: an error record of a line
                        // since repaired, or another input.
                        throw CLIError.configuration(
                            "--resume: \(output) holds \(held) for input line \(result.line), and that line of "
                                + "this input reads differently now (repaired, or another input); a written line "
                                + "is not replaced: delete that record from \(output) and rerun with --resume, or "
                                + "write to a new file")
                    }
                    throw CLIError.configuration(
                        "--resume: \(output) does not come from this input (it has records up to line "
                            + "\(lastDoneLine), but none of line \(result.line)); "
                            + "resume with the input it was written from, or write to a new file")
                }
                if let storeWriter { try storeWriter.add(result) } else { try sink.write(result.output) }
            },
            progress: showProgress ? { summary, source in Progress.draw(summary, source) } : nil)
        try storeWriter?.finish()
        try sink.flush()
        if fd != STDOUT_FILENO { close(fd) }
        _ = sources
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !quiet {
            let mb = Double(summary.bytes) / 1_048_576
            let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
            var line =
                "\(Framewatch.count(summary.documents, "document")), \(Framewatch.count(summary.errors, "error")), "
                + String(
                    format: "%.1f MB in %.2f s (%.0f docs/s, %.1f MB/s)", mb, summary.seconds, rate,
                    summary.seconds > 0 ? mb / summary.seconds : 0)
            if summary.skipped > 0 { line += ", \(summary.skipped) already done (--resume)" }
            if let storeWriter, let db { line += "; " + Self.storeSummary(storeWriter.total, db: db) }
            if summary.interrupted { line += "; interrupted: rerun with --resume to finish" }
            FileIO.warn(line)
        }
        if summary.languageMismatches > 0, let lang {
            FileIO.warn(
                "warning: \(Framewatch.count(summary.languageMismatches, "record")) scored as \(lang.rawValue) "
                    + "(--lang) look like another language; without --lang each sentence's language is detected")
        }
        if summary.interrupted { throw ExitCode(received == SIGTERM ? 143 : 130) }
        if summary.skipped < done.count, let output {
            throw CLIError.configuration(
                "--resume: \(output) holds \(done.count - summary.skipped) record(s) that are not in this input; "
                    + "it was written from another input")
        }
        if summary.errors > 0 { throw ExitCode(1) }
    }

    private func openSource() throws -> RecordSource {
        guard let input, input != "-" else {
            if inputFormat == "csv" { return CSVSource(fd: STDIN_FILENO, totalBytes: nil, maximumBytes: maxBytes) }
            return JSONLinesSource(fd: STDIN_FILENO, totalBytes: nil, maximumBytes: maxBytes)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw CLIError.cannotRead(path: input, reason: "no such file or folder")
        }
        if isDirectory.boolValue || inputFormat == "dir" {
            return try FolderSource(
                directory: input, maximumBytes: maxBytes, excluding: output == "-" ? nil : output)
        }
        let fd = open(input, O_RDONLY)
        guard fd >= 0 else { throw CLIError.cannotRead(path: input, reason: String(cString: strerror(errno))) }
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? nil
        let csv = inputFormat == "csv" || (inputFormat == nil && input.lowercased().hasSuffix(".csv"))
        if csv { return CSVSource(fd: fd, totalBytes: size, maximumBytes: maxBytes) }
        return JSONLinesSource(fd: fd, totalBytes: size, maximumBytes: maxBytes)
    }
}

/// Buffered writes of whole lines to a file descriptor. A crash can lose the buffer or leave a
/// half-written last line, never a line in the middle: `--resume` cuts the half line and redoes it.
final class LineSink {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.cannotWrite(path: "output", reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension BatchCommand {
    /// Whether two paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}

/// What an interrupted output file already holds.
enum ResumeState {
    struct State {
        var done: Set<String>
        /// The text length (`stats.bytes`) of each JSON Lines report, by key.
        var doneBytes: [String: Int] = [:]
        var hasHeader: Bool
        /// The highest input line the file holds a record of (0 when none).
        var lastLine = 0
        /// The error code of each error record, by input line (error records are few: the
        /// other records are described from `done` when needed).
        var errorCodes: [Int: String] = [:]

        /// What the file holds for input `line`, for the message when that line of the input reads
        /// differently now: `an error record (invalid_json)`, `the record of id "a-17"`; nil when
        /// it holds none. (Only on that error path: it scans the keys.)
        func record(of line: Int) -> String? {
            if let code = errorCodes[line] { return "an error record (\(code))" }
            let prefix = "\(line)\u{0}"
            guard let key = done.first(where: { $0.hasPrefix(prefix) }) else { return nil }
            let id = key.dropFirst(prefix.count)
            return id.isEmpty ? "a record without an id" : "the record of id \"\(id)\""
        }
    }

    /// Reads the complete lines' keys and truncates a half-written last line.
    static func read(path: String, format: BatchFormat) throws -> State {
        let bytes = try FileIO.readAll(path: path)
        var end = bytes.count
        if let last = bytes.lastIndex(of: 0x0A) {
            end = last + 1
        } else {
            end = 0
        }
        var done = Set<String>()
        var doneBytes: [String: Int] = [:]
        var hasHeader = false
        var lastLine = 0
        var errorCodes: [Int: String] = [:]
        // Completing a file that is not this command's output would mix formats or keep foreign
        // lines: refuse, naming the line.
        func foreign(_ index: Int, _ what: String) -> CLIError {
            CLIError.configuration(
                "--resume: \(path) line \(index + 1) is \(what), not a --format \(format.rawValue) record of framewatch batch; "
                    + "resume with the --format it was written with, or write to a new file")
        }
        for (index, line) in bytes[0..<end].split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            switch format {
            case .jsonl:
                if index == 0 && line.starts(with: Array("id,line,".utf8)) { throw foreign(index, "a CSV header") }
                guard let value = try? JSONParser.parse(line), case .number(let n, _) = value["line"] else {
                    throw foreign(index, "not a JSON record with a \"line\"")
                }
                var id: String? = nil
                if case .string(let s) = value["id"] { id = s }
                if case .number(_, let text) = value["id"] { id = text }
                let key = BatchRunner.key(id: id, line: Int(n))
                done.insert(key)
                if case .number(let b, _) = value["stats"]?["bytes"] { doneBytes[key] = Int(b) }
                lastLine = max(lastLine, Int(n))
                if case .string(let code) = value["error"]?["code"] { errorCodes[Int(n)] = code }
            case .csv:
                if index == 0 && line.starts(with: Array("id,line,".utf8)) {
                    hasHeader = true
                    continue
                }
                if line.first == 0x7B { throw foreign(index, "a JSON line") }
                var parser = CSVParser()
                parser.feed(line)
                parser.feed([0x0A])
                guard let row = parser.take().first, row.fields.count >= 2,
                    let n = Int(String(decoding: row.fields[1], as: UTF8.self))
                else { continue }
                let id = String(decoding: row.fields[0], as: UTF8.self)
                done.insert(BatchRunner.key(id: id.isEmpty ? nil : id, line: n))
                lastLine = max(lastLine, n)
                if row.fields.count >= 15, !row.fields[14].isEmpty {
                    errorCodes[n] = String(decoding: row.fields[14], as: UTF8.self)
                }
            }
        }
        // Only now, with every complete line known to be ours: cut the half-written last one.
        if end < bytes.count {
            guard truncate(path, off_t(end)) == 0 else {
                throw CLIError.cannotWrite(path: path, reason: "cannot cut the half-written last line")
            }
        }
        return State(
            done: done, doneBytes: doneBytes, hasHeader: hasHeader, lastLine: lastLine, errorCodes: errorCodes)
    }
}

/// The progress bar on standard error.
enum Progress {
    static func draw(_ s: BatchRunner.Summary, _ source: RecordSource) {
        let mb = Double(source.consumedBytes) / 1_048_576
        let rate = s.seconds > 0 ? mb / s.seconds : 0
        var line = String(
            format: "\r\u{1B}[K%d docs · %d errors · %.1f MB · %.1f MB/s", s.documents, s.errors, mb, rate)
        if let total = source.totalBytes, total > 0 {
            let fraction = min(1, Double(source.consumedBytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            line += String(format: " %3.0f%%", fraction * 100)
            if rate > 0 {
                line += String(format: " ETA %.0fs", (Double(total - source.consumedBytes) / 1_048_576) / rate)
            }
        }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
