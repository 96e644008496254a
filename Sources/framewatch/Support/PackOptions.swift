import ArgumentParser
import FramewatchCore

/// `--pack DIR`: which lexicon pack to score with.
struct PackOptions: ParsableArguments {
    @Option(help: "Lexicon pack folder (default: $FRAMEWATCH_PACK, else the bundled russia-azerbaijan pack).")
    var pack: String?

    /// Loads and compiles the pack, turning problems into a message for the terminal.
    func load() throws -> CompiledLexicon {
        let path = try PackLocator.locate(explicit: pack)
        return try CompiledLexicon(LexiconPack.load(directory: path))
    }
}
