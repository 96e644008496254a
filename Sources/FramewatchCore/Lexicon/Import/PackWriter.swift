import Foundation
import FramewatchText

/// Writes imported entries as a pack that `score`/`batch` accept with `--pack`.
///
/// The new pack takes the base pack's settings, rule word lists and gazetteer (so negation,
/// hedges and Russia targets keep working) and adds `imported/<format>-<lang>.tsv`. With
/// `extend`, it also keeps every term list of the base pack: the default pack plus your lexicon.
public enum PackWriter {
    /// What was written.
    public struct Summary: Sendable {
        public var directory: String
        public var written: Int
        /// Entries dropped because they cannot match or repeat a base entry.
        public var dropped: [String]
    }

    /// Writes the pack to `directory` (absent or empty) all or nothing: into a folder beside it,
    /// moved into place only once it loads, so that a failed import leaves nothing behind (a retry
    /// would otherwise meet a half-written folder). Problems name `directory`, never the staging folder.
    public static func write(
        _ imported: ImportedLexicon, language: Language, to directory: String, base: LexiconPack, extend: Bool,
        name: String? = nil
    ) throws -> Summary {
        if let name, name.isEmpty || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            throw ImportError(file: "--name", line: 0, message: "a pack name must be non-empty, on one line")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: directory) {
            let contents = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            guard contents.isEmpty else {
                throw ImportError(file: directory, line: 0, message: "the output folder exists and is not empty")
            }
        }
        let target = URL(fileURLWithPath: directory)
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).import-\(getpid())").path
        defer { try? fm.removeItem(atPath: staging) }
        do {
            var summary = try writeFiles(
                imported, language: language, to: staging, base: base, extend: extend, name: name)
            _ = try LexiconPack.load(directory: staging)  // prove it loads before it takes the name
            if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }  // empty, checked above
            try fm.moveItem(atPath: staging, toPath: directory)
            summary.directory = directory
            return summary
        } catch let error as ImportError {
            throw ImportError(
                file: error.file.replacingOccurrences(of: staging, with: directory), line: error.line,
                message: error.message.replacingOccurrences(of: staging, with: directory))
        } catch let error as PackLoadError {
            throw ImportError(
                file: directory, line: 0,
                message: "\(error)".replacingOccurrences(of: staging + "/", with: "")
                    .replacingOccurrences(of: staging, with: directory))
        }
    }

    private static func writeFiles(
        _ imported: ImportedLexicon, language: Language, to directory: String, base: LexiconPack, extend: Bool,
        name: String?
    ) throws -> Summary {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let segmenter = try Segmenter()
        var existing = Set<String>()
        if extend {
            for e in base.entries { existing.insert(key(e.term, e.category.description, e.language)) }
        }
        var dropped: [String] = []
        var lines: [String] = [
            "# Imported by `framewatch lexicon import --from \(imported.format)` from \(imported.source)",
            "# Language: \(language.rawValue). Columns: term, category, weight, lang, note (see Lexicons/README.md).",
        ]
        var written = 0
        for entry in imported.entries {
            // A line that starts with `#` is a comment in a term list: such a term cannot be kept.
            if entry.term.hasPrefix("#") {
                dropped.append("`\(entry.term)` starts with #, which begins a comment in a term list")
                continue
            }
            if !entry.term.hasPrefix("*"),
                case .failure(let problem) = TermTokens.tokenize(entry.term, segmenter: segmenter)
            {
                dropped.append("`\(entry.term)` \(problem.reason)")
                continue
            }
            if existing.contains(key(entry.term, entry.category, language)) {
                dropped.append("`\(entry.term)` (\(entry.category)) is already in the base pack; its entry is kept")
                continue
            }
            existing.insert(key(entry.term, entry.category, language))
            let weight = entry.weight == entry.weight.rounded() ? String(Int(entry.weight)) : String(entry.weight)
            let note = (entry.note ?? "").replacingOccurrences(of: "\t", with: " ")
            lines.append("\(entry.term)\t\(entry.category)\t\(weight)\t\(language.rawValue)\t\(note)")
            written += 1
        }
        guard written > 0 else {
            // Say why: every term was dropped, and for the same reason more often than not (all
            // already in the base pack, whose entries an import never overrides).
            let shown = dropped.prefix(5).map { "  \($0)" }.joined(separator: "\n")
            let more = dropped.count > 5 ? "\n  … and \(dropped.count - 5) more" : ""
            let allKnown =
                !dropped.isEmpty
                && dropped.allSatisfy { $0.hasSuffix("is already in the base pack; its entry is kept") }
            let hint =
                allKnown
                ? "; all \(dropped.count) terms are already in the base pack, whose entries an import never overrides "
                    + "(import without --extend for a pack of their own, or edit the base pack's weights)" : ""
            throw ImportError(
                file: imported.source, line: 0,
                message:
                    "no entry could be written: \(dropped.count) of \(imported.entries.count) dropped\(hint)\n\(shown)\(more)"
            )
        }
        let importedFile = "imported/\(imported.format)-\(language.rawValue).tsv"

        // Copy what the new pack keeps from the base.
        var lists: [String] = []
        for list in base.manifest.lists where extend || list.hasPrefix("rules/") {
            try copy(list, from: base.directory, to: directory)
            lists.append(list)
        }
        for file in base.manifest.gazetteer { try copy(file, from: base.directory, to: directory) }
        lists.append(importedFile)
        try fm.createDirectory(
            atPath: (directory as NSString).appendingPathComponent("imported"), withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: (directory as NSString).appendingPathComponent(importedFile), atomically: true, encoding: .utf8)

        var manifest = base.manifest
        manifest.name = name ?? (extend ? "\(base.manifest.name)+\(imported.format)" : "\(imported.format)-import")
        manifest.version = extend ? "\(base.manifest.version)+import" : "1.0.0"
        manifest.lists = lists
        if !manifest.languages.contains(language) { manifest.languages.append(language) }
        try manifest.toml().write(
            toFile: (directory as NSString).appendingPathComponent("manifest.toml"), atomically: true, encoding: .utf8)
        return Summary(directory: directory, written: written, dropped: dropped)
    }

    private static func key(_ term: String, _ category: String, _ language: Language) -> String {
        "\(MatchKeys.fold(term))\u{1}\(category)\u{1}\(language.rawValue)"
    }

    private static func copy(_ relative: String, from: String, to: String) throws {
        let source = (from as NSString).appendingPathComponent(relative)
        let target = (to as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: target) {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }
}

extension Manifest {
    /// The manifest as TOML, every setting spelled out.
    public func toml() -> String {
        func list(_ items: [String]) -> String {
            "["
                + items.map {
                    "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                        + "\""
                }
                .joined(separator: ", ") + "]"
        }
        func quoted(_ s: String) -> String { list([s]).dropFirst().dropLast().description }
        var out = "# Written by framewatch; format: Lexicons/README.md\n"
        out += "name = \(quoted(name))\nversion = \(quoted(version))\n"
        if !description.isEmpty { out += "description = \(quoted(description))\n" }
        out += "languages = \(list(languages.map(\.rawValue)))\n"
        out += "lists = \(list(lists))\n"
        out += "gazetteer = \(list(gazetteer))\n\n[frame]\n"
        for pole in Pole.allCases { out += "\(pole.rawValue) = \(list(subframes[pole] ?? []))\n" }
        var sections: [String: [String]] = [:]
        for key in ScoringSettings.keys {
            let value: String
            if let path = key.path {
                value = String(settings[keyPath: path])
            } else if let path = key.intPath {
                value = String(settings[keyPath: path])
            } else {
                continue
            }
            sections[key.section, default: []].append("\(key.key) = \(value)")
        }
        for section in ["rules", "document", "sentiment"] {
            out += "\n[\(section)]\n" + (sections[section] ?? []).joined(separator: "\n") + "\n"
        }
        if !accumulatingSubframes.isEmpty {
            out +=
                "\n[accumulation]\nsubframes = \(list(accumulatingSubframes.sorted()))\n"
                + (accumulationRequires.isEmpty ? "" : "requires = \(list(accumulationRequires.sorted()))\n")
                + (sections["accumulation"] ?? []).joined(separator: "\n") + "\n"
        }
        if !negationKeeps.isEmpty || !negationReverses.isEmpty {
            out +=
                "\n[negation]\nkeep = \(list(negationKeeps.sorted()))\nreverse = \(list(negationReverses.sorted()))\n"
        }
        if !injuredPartySubframes.isEmpty {
            out += "\n[injured_party]\nsubframes = \(list(injuredPartySubframes.sorted()))\n"
        }
        if !chargeSubframes.isEmpty {
            out += "\n[charge]\nsubframes = \(list(chargeSubframes.sorted()))\n"
        }
        if !demandSubframes.isEmpty {
            out += "\n[demand]\nsubframes = \(list(demandSubframes.sorted()))\n"
        }
        out += "\n[quotes]\nopen = \(list(quoteOpen.sorted()))\nclose = \(list(quoteClose.sorted()))\n"
        for language in Language.allCases {
            guard let suffixes = suffixes[language] else { continue }
            out += "\n[inflection.\(language.rawValue)]\nsuffixes = \(list(suffixes))\n"
            out += "stem_endings = \(list(stemEndings[language] ?? []))\n"
            if let depth = suffixDepth[language] { out += "max_chain = \(depth)\n" }
            if negationFollows.contains(language) { out += "negation_follows = true\n" }
            if negativeConcord.contains(language) { out += "negative_concord = true\n" }
            for (key, parts) in [
                ("negative_infixes", negativeInfixes[language]), ("non_negative_endings", nonNegativeEndings[language]),
                ("participle_endings", participleEndings[language]),
                ("comitative_endings", comitativeEndings[language]),
                ("background_endings", backgroundEndings[language]),
                ("plural_endings", pluralEndings[language]),
            ] {
                if let parts { out += "\(key) = \(list(parts.map { String(decoding: $0, as: UTF8.self) }))\n" }
            }
        }
        return out
    }
}
