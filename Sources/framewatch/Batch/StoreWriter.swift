import FramewatchCore
import FramewatchStore

/// Writes batch results to the store (`batch --db`) in transactions of up to `chunk` articles,
/// and passes each result's output line on only after its article is committed. A crash can
/// therefore leave the database ahead of the output file, never behind it: `--resume` redoes
/// the lines that are missing, and storing them again replaces them (same id) without loss.
final class StoreWriter {
    private let store: MonitorStore
    private let sink: LineSink
    private let chunk: Int
    private var articles: [StoredArticle] = []
    private var lines: [[UInt8]] = []
    /// What the store did so far.
    private(set) var total = MonitorStore.SaveSummary()

    init(store: MonitorStore, sink: LineSink, chunk: Int = 256) {
        self.store = store
        self.sink = sink
        self.chunk = chunk
    }

    /// Queues one result (error records have no article; their line is kept in order).
    func add(_ result: BatchResult) throws {
        if let report = result.report, let text = result.text {
            articles.append(StoredArticle(report: report, text: String(decoding: text, as: UTF8.self)))
        }
        lines.append(result.output)
        if articles.count >= chunk || lines.count >= chunk * 4 { try flush() }
    }

    /// Commits the queued articles, then writes their lines.
    func flush() throws {
        if !articles.isEmpty {
            let saved: MonitorStore.SaveSummary
            do {
                saved = try store.save(articles)
            } catch {
                throw CLIError.cannotWrite(path: store.path, reason: "\(error)")
            }
            total.add(saved)
            articles.removeAll(keepingCapacity: true)
        }
        for line in lines { try sink.write(line) }
        lines.removeAll(keepingCapacity: true)
    }

    func finish() throws { try flush() }
}

extension MonitorStore {
    /// Opens the store for a command, turning a failure into a configuration error (exit 2).
    static func openForCLI(_ path: String) throws -> MonitorStore {
        do {
            return try MonitorStore(path: path)
        } catch {
            throw CLIError.configuration("\(error)")
        }
    }
}
