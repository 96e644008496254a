import Foundation
import FramewatchCore
import Synchronization

/// The pack the service scores with, and a pool of analyzers for it.
///
/// A reload compiles the new pack off to the side and swaps it in atomically: requests already
/// holding an analyzer finish on the old pack; a pack that fails validation is rejected with its
/// problems and the old one stays.
final class PackStore: Sendable {
    /// An analyzer and the pack generation it was built for.
    final class Worker: @unchecked Sendable {
        let analyzer: Analyzer
        let generation: Int
        init(_ analyzer: Analyzer, generation: Int) {
            self.analyzer = analyzer
            self.generation = generation
        }
    }

    private struct State: @unchecked Sendable {
        var lexicon: CompiledLexicon
        var generation: Int
        var idle: [Worker]
    }

    let path: String
    private let state: Mutex<State>
    /// Idle analyzers kept for reuse (each holds ICU iterators and a key cache).
    private let poolLimit = 16

    init(path: String) throws {
        self.path = path
        let lexicon = try CompiledLexicon(LexiconPack.load(directory: path))
        state = Mutex(State(lexicon: lexicon, generation: 0, idle: []))
    }

    var lexicon: CompiledLexicon { state.withLock { $0.lexicon } }

    /// Runs `body` with an analyzer of the current pack.
    func withAnalyzer<T>(_ body: (Analyzer) throws -> T) throws -> T {
        let worker: Worker = try state.withLock { s in
            if let w = s.idle.popLast() { return w }
            return Worker(try Analyzer(s.lexicon), generation: s.generation)
        }
        defer {
            state.withLock { s in
                if worker.generation == s.generation && s.idle.count < poolLimit { s.idle.append(worker) }
            }
        }
        return try body(worker.analyzer)
    }

    /// Runs `body` with an analyzer of the current pack; an analyzer that cannot be created (ICU
    /// unavailable) makes an `analysis_failed` record error.
    func withAnalyzerResult(_ body: (Analyzer) -> Result<Report, RecordError>) -> Result<Report, RecordError> {
        do {
            return try withAnalyzer(body)
        } catch {
            return .failure(RecordError(.analysisFailed, "the analysis failed"))
        }
    }

    /// Loads and compiles the pack again from its folder.
    /// - Returns: the previous and the new identity.
    /// - Throws: ``PackLoadError`` (the old pack stays).
    func reload() throws -> (previous: LexiconPack.Identity, current: LexiconPack.Identity) {
        let fresh = try CompiledLexicon(LexiconPack.load(directory: path))
        return state.withLock { s in
            let previous = s.lexicon.pack.identity
            s.lexicon = fresh
            s.generation += 1
            s.idle.removeAll()
            return (previous, fresh.pack.identity)
        }
    }
}
