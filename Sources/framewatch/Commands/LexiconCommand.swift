import ArgumentParser
import Foundation
import FramewatchCore

/// `framewatch lexicon`: tools for people who write and bring lexicons.
struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Check, describe and import lexicon packs.",
        subcommands: [Check.self, Stats.self, Import.self]
    )

    /// The pack `check` and `stats` read: a folder given as an argument, as these commands always
    /// took it, or with `--pack`, as every other command takes it.
    struct PackFolder: ParsableArguments {
        @Argument(help: "Pack folder, the same as --pack (default: $FRAMEWATCH_PACK, else the bundled pack).")
        var directory: String?

        @Option(help: "Lexicon pack folder (default: $FRAMEWATCH_PACK, else the bundled russia-azerbaijan pack).")
        var pack: String?

        func validate() throws {
            if let directory, let pack, directory != pack {
                throw ValidationError("Give the pack folder once: as an argument or with --pack, not both.")
            }
        }

        /// The folder to read (see ``PackLocator`` for the default).
        func locate() throws -> String { try PackLocator.locate(explicit: pack ?? directory) }
    }

    /// `framewatch lexicon check [DIR | --pack DIR]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate and lint a pack: every problem with file:line (exit 1 on errors).",
            discussion: """
                Warnings include term lists (*.tsv under cues/, sentiment/ or rules/) that the manifest's \
                `lists` does not name: their terms are not used.
                """)

        @OptionGroup var folder: PackFolder

        @Flag(help: "Also fail (exit 1) on warnings.")
        var strict = false

        func run() throws {
            let path = try folder.locate()
            let (pack, problems) = LexiconPack.inspect(directory: path)
            for p in problems { print(p) }
            let errors = problems.filter { $0.severity == .error }.count
            let warnings = problems.count - errors
            if let pack {
                print("\(pack.identity.name) \(pack.identity.version) \(pack.identity.hash)")
            }
            print("\(path): \(errors) error(s), \(warnings) warning(s)")
            if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
        }
    }

    /// `framewatch lexicon stats [DIR | --pack DIR]`.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Entries per category and language, wildcards, multiword entries, gazetteer size, hash.")

        @OptionGroup var folder: PackFolder

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let path = try folder.locate()
            let pack = try LexiconPack.load(directory: path)
            let lexicon = try CompiledLexicon(pack)
            let stats = PackStatistics(lexicon)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try FileIO.writeStandardOutput(Array(try encoder.encode(stats)) + [0x0A])
            } else {
                print(stats.table, terminator: "")
            }
        }
    }
}

extension LexiconCommand {
    /// `framewatch lexicon import --from vader|liwc|quanteda FILE --out DIR`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a VADER lexicon, a LIWC .dic or a quanteda YAML dictionary into a pack.",
            discussion: """
                The new pack keeps the base pack's rule words (negation, hedges…), settings and gazetteer, \
                and adds imported/<format>-<lang>.tsv; with --extend it also keeps every base term list, \
                and a term the base already has (same category and language) keeps the base's weight. \
                Foreign categories map to Framewatch ones: posemo/positive → sentiment +1, \
                negemo/negative → sentiment −1, names already ours are kept; --map NAME=CATEGORY[:WEIGHT] \
                adds more (e.g. --map anger=anti_russian.confrontation:1.5).
                Example: framewatch lexicon import --from vader vader_lexicon.txt --out my-pack
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case vader, liwc, quanteda }

        @Option(help: "The input format: vader, liwc or quanteda.")
        var from: Format

        @Argument(help: "The lexicon file.")
        var file: String

        @Option(help: "The folder to write the pack to (must not exist or be empty).")
        var out: String

        @Option(help: "The language of the imported terms (default en).")
        var lang: Language = .en

        @Option(help: "Map a foreign category: NAME=CATEGORY[:WEIGHT] (repeatable).")
        var map: [String] = []

        @Flag(help: "Keep every term list of the base pack too (the default pack plus yours).")
        var extend = false

        @Option(help: "The base pack (default: the bundled pack).")
        var base: String?

        @Option(help: "Name of the new pack.")
        var name: String?

        func run() throws {
            let bytes = try FileIO.readAll(path: file)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CLIError.cannotRead(path: file, reason: "not valid UTF-8")
            }
            let mapping = try CategoryMapping(overrides: map)
            let source = (file as NSString).lastPathComponent
            let imported: ImportedLexicon
            switch from {
            case .vader: imported = try VADERFormat.read(text, source: source)
            case .liwc: imported = try LIWCFormat.read(text, source: source, mapping: mapping)
            case .quanteda: imported = try QuantedaFormat.read(text, source: source, mapping: mapping)
            }
            let basePack = try LexiconPack.load(directory: PackLocator.locate(explicit: base))
            let summary: PackWriter.Summary
            do {
                summary = try PackWriter.write(
                    imported, language: lang, to: out, base: basePack, extend: extend, name: name)
            } catch let error as ImportError {
                throw CLIError.configuration("\(error)")
            } catch {
                throw CLIError.cannotWrite(path: out, reason: FileIO.reason(error))
            }
            let pack = try LexiconPack.load(directory: out)
            for s in imported.skipped.prefix(20) { FileIO.warn("skipped: \(s)") }
            if imported.skipped.count > 20 { FileIO.warn("skipped: … and \(imported.skipped.count - 20) more") }
            for d in summary.dropped.prefix(20) { FileIO.warn("dropped: \(d)") }
            if summary.dropped.count > 20 { FileIO.warn("dropped: … and \(summary.dropped.count - 20) more") }
            print(
                "wrote \(Framewatch.count(summary.written, "entry", plural: "entries")) to \(out) (\(pack.identity.name) \(pack.identity.version) \(pack.identity.hash))"
            )
            print("use it with: framewatch score --pack \(out) \"…\"")
        }
    }
}
