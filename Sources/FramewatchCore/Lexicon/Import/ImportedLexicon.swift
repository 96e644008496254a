/// Entries read from a foreign lexicon format, before they become a pack.
public struct ImportedLexicon: Sendable {
    /// One entry in Framewatch terms.
    public struct Entry: Sendable, Hashable {
        public var term: String
        public var category: String
        public var weight: Double
        public var note: String?
    }

    public var entries: [Entry] = []
    /// Lines or categories that could not be carried over, with the reason (shown to the user).
    public var skipped: [String] = []
    /// Where it came from (`vader`, `liwc`, `quanteda`) and the source file name.
    public var format: String
    public var source: String
}

/// An input that cannot be imported at all, with the place to fix it.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// How foreign categories become Framewatch categories.
///
/// A category already named like one of ours (`sentiment`, `anti_russian.espionage`) is kept;
/// the usual sentiment names of LIWC and Lexicoder map to tone (`posemo`, `positive`,
/// `neg_negative` → +1; `negemo`, `negative`, `neg_positive` → −1); `--map NAME=CATEGORY[:WEIGHT]`
/// adds or overrides mappings. Anything else is skipped and listed.
public struct CategoryMapping: Sendable {
    public var rules: [String: (category: String, weight: Double)]

    public static let standard: [String: (category: String, weight: Double)] = [
        "posemo": ("sentiment", 1), "positive": ("sentiment", 1), "pos": ("sentiment", 1),
        "neg_negative": ("sentiment", 1),
        "negemo": ("sentiment", -1), "negative": ("sentiment", -1), "neg": ("sentiment", -1),
        "neg_positive": ("sentiment", -1), "anger": ("sentiment", -2), "anx": ("sentiment", -1),
        "sad": ("sentiment", -1),
    ]

    public init(overrides: [String] = []) throws {
        rules = Self.standard
        for o in overrides {
            let parts = o.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw ImportError(file: "--map", line: 0, message: "`\(o)`: expected NAME=CATEGORY[:WEIGHT]")
            }
            let target = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
            guard let category = Category(target[0]) else {
                throw ImportError(file: "--map", line: 0, message: "`\(o)`: unknown Framewatch category `\(target[0])`")
            }
            var weight = 1.0
            if target.count == 2 {
                guard let w = Double(target[1]), w != 0, w.isFinite else {
                    throw ImportError(file: "--map", line: 0, message: "`\(o)`: weight must be a non-zero number")
                }
                weight = w
            }
            // Checked now, as the pack's own lists are, rather than after the pack is written.
            if let problem = TermListParser.weightProblem(weight, category) {
                throw ImportError(file: "--map", line: 0, message: "`\(o)`: \(problem)")
            }
            rules[parts[0].lowercased()] = (target[0], weight)
        }
    }

    /// The Framewatch category and weight for a foreign category name, or nil.
    public func map(_ name: String) -> (category: String, weight: Double)? {
        if Category(name) != nil { return (name, 1) }
        return rules[name.lowercased()]
    }
}

/// The lines of an imported file, ending in LF, CRLF or a lone CR. (Swift reads CRLF as one
/// character, so splitting on "\n" alone left a Windows file one long line.)
enum ImportLines {
    static func split(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
    }
}
