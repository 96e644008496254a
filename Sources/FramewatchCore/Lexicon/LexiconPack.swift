import Foundation
import FramewatchText

/// A lexicon pack read from disk and validated: manifest, term lists and gazetteer.
///
/// ```swift
/// let pack = try LexiconPack.load(directory: "Lexicons/russia-azerbaijan")
/// pack.identity.hash          // "sha256:…", the same in every report scored with it
/// let lexicon = try CompiledLexicon(pack)
/// ```
///
/// Loading reports *every* problem (file, line, reason); a pack with errors is refused with a
/// ``PackLoadError``; warnings are kept in ``problems`` for `framewatch lexicon check`.
public struct LexiconPack: Sendable {
    /// Name, version and content hash, as they appear in every report.
    public struct Identity: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
        /// `sha256:` and the hex digest of the manifest and every file it lists, in order.
        public var hash: String
    }

    /// The folder the pack was read from.
    public let directory: String
    public let manifest: Manifest
    public let entries: [LexiconEntry]
    public let entities: [EntityRecord]
    public let identity: Identity
    /// Warnings found while loading (errors make loading fail).
    public let problems: [PackProblem]
    /// Each entry's tokens as the loader computed them while validating (nil for suffix
    /// patterns), so that compiling does not tokenise every term again.
    var termTokens: [[TermToken]?] = []

    /// The largest term-list or gazetteer file accepted (a guard against pointing the loader at
    /// something that is not a lexicon).
    public static let maximumFileBytes = 256 << 20

    /// Loads and validates the pack in `directory`.
    public static func load(directory: String) throws -> LexiconPack {
        let (pack, problems) = inspect(directory: directory)
        guard let pack, !problems.contains(where: { $0.severity == .error }) else {
            throw PackLoadError(path: directory, problems: problems)
        }
        return pack
    }

    /// Loads the pack and returns it (when it could be built at all) with every problem found.
    public static func inspect(directory: String) -> (pack: LexiconPack?, problems: [PackProblem]) {
        var problems: [PackProblem] = []
        var hasher = SHA256()
        func read(_ relative: String) -> String? {
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(PackProblem(.error, file: relative, line: 0, "file not found"))
                return nil
            }
            guard !isDirectory.boolValue else {
                problems.append(PackProblem(.error, file: relative, line: 0, "is a directory, not a file"))
                return nil
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(PackProblem(.error, file: relative, line: 0, "cannot be read"))
                return nil
            }
            guard data.count <= maximumFileBytes else {
                problems.append(
                    PackProblem(
                        .error, file: relative, line: 0, "is \(data.count) bytes; the limit is \(maximumFileBytes)"))
                return nil
            }
            hasher.update(Array(relative.utf8) + [0])
            hasher.update(data)
            hasher.update([0])
            guard let text = String(data: data, encoding: .utf8) else {
                // Name the first line that is not UTF-8, so that it can be found and fixed.
                var line = 1
                for piece in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                    if String(data: Data(piece), encoding: .utf8) == nil { break }
                    line += 1
                }
                problems.append(
                    PackProblem(
                        .error, file: relative, line: line,
                        "is not valid UTF-8 from this line on (save the file as UTF-8)"))
                return nil
            }
            if !text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) && text.allSatisfy({ $0.isWhitespace }) {
                problems.append(PackProblem(.error, file: relative, line: 0, "is empty"))
                return nil
            }
            // A byte-order mark is tolerated.
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }

        if let problem = folderProblem(directory) {
            return (nil, [PackProblem(.error, file: directory, line: 0, problem)])
        }
        guard let manifestText = read("manifest.toml"),
            let manifest = Manifest.parse(manifestText, file: "manifest.toml", problems: &problems)
        else {
            return (nil, problems)
        }
        guard let segmenter = try? Segmenter() else {
            problems.append(PackProblem(.error, file: "manifest.toml", line: 0, "ICU is unavailable"))
            return (nil, problems)
        }
        // Read every file first (the hash covers them in the manifest's order: term lists, then
        // the gazetteer), then parse the gazetteer on a second thread while this one parses the
        // term lists: they are independent, and together they are half of a pack's load time.
        var listTexts: [(file: String, text: String)] = []
        for list in manifest.lists {
            guard Self.isSafeRelativePath(list) else {
                problems.append(
                    PackProblem(.error, file: "manifest.toml", line: 0, "list path `\(list)` leaves the pack"))
                continue
            }
            if let text = read(list) { listTexts.append((list, text)) }
        }
        let listReadProblems = problems
        problems = []
        var gazetteerTexts: [(file: String, text: String)] = []
        for file in manifest.gazetteer {
            guard Self.isSafeRelativePath(file) else {
                problems.append(
                    PackProblem(.error, file: "manifest.toml", line: 0, "gazetteer path `\(file)` leaves the pack"))
                continue
            }
            if let text = read(file) { gazetteerTexts.append((file, text)) }
        }
        let gazetteerReadProblems = problems
        let parsed = ParallelParse(manifest: manifest, segmenter: segmenter)
        let lists = listTexts
        let gazetteers = gazetteerTexts
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                parsed.parseLists(lists)
            } else {
                parsed.parseGazetteer(gazetteers)
            }
        }
        // Problems in the order a sequential load reports them.
        problems = listReadProblems + parsed.parser.problems + gazetteerReadProblems + parsed.gazetteer.problems
        // Last: files the manifest leaves out are not a problem of any file it lists.
        problems += unlistedTermLists(directory: directory, lists: manifest.lists)
        let parser = parsed.parser
        let gazetteer = parsed.gazetteer
        let identity = Identity(
            name: manifest.name, version: manifest.version,
            hash: "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined())
        var pack = LexiconPack(
            directory: directory, manifest: manifest, entries: parser.entries, entities: gazetteer.entities,
            identity: identity, problems: problems.filter { $0.severity == .warning })
        pack.termTokens = parser.termTokens
        return (pack, problems)
    }

    /// Why `path` cannot be a pack folder (a regular file, a symbolic link loop, nothing there),
    /// or nil when it is a folder.
    static func folderProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return "no such pack folder"
            case ELOOP: return "is a symbolic link loop, not a pack folder"
            default: return "cannot be read: \(String(cString: strerror(errno)))"
            }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return "is a file, not a pack folder (a pack is a folder with a manifest.toml)"
        }
        return nil
    }

    /// Paths in a manifest must stay inside the pack.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.isEmpty
    }

    /// Builds a pack from values (for tests and importers).
    public init(
        directory: String, manifest: Manifest, entries: [LexiconEntry], entities: [EntityRecord],
        identity: Identity, problems: [PackProblem]
    ) {
        self.directory = directory
        self.manifest = manifest
        self.entries = entries
        self.entities = entities
        self.identity = identity
        self.problems = problems
    }
}

/// The two halves of a pack load that can run at once: term lists (this thread's segmenter)
/// and the gazetteer. Each half writes only its own field, and `concurrentPerform` returns
/// after both are done, so reading them afterwards is safe.
private final class ParallelParse: @unchecked Sendable {
    var parser: TermListParser
    var gazetteer = GazetteerParser()

    init(manifest: Manifest, segmenter: Segmenter) {
        parser = TermListParser(manifest: manifest, segmenter: segmenter)
    }

    func parseLists(_ texts: [(file: String, text: String)]) {
        for (file, text) in texts { parser.parse(text, file: file) }
    }

    func parseGazetteer(_ texts: [(file: String, text: String)]) {
        for (file, text) in texts { gazetteer.parse(text, file: file) }
        gazetteer.finish()
    }
}
