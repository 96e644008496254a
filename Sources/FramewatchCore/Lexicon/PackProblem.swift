/// A finding about a lexicon pack, with the place to fix it.
public struct PackProblem: Sendable, Hashable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable {
        /// The pack cannot be used until it is fixed.
        case error
        /// The pack works, but an entry probably does not do what its author meant.
        case warning
    }

    public var severity: Severity
    /// Pack-relative file path.
    public var file: String
    /// 1-based line, or 0 for the file as a whole.
    public var line: Int
    public var message: String

    public init(_ severity: Severity, file: String, line: Int, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `cues/en.tsv:12: error: unknown category "anti_rusian.spy"`.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// A pack that could not be loaded, with every problem found.
public struct PackLoadError: Error, CustomStringConvertible, Sendable {
    /// Where the pack was looked for.
    public var path: String
    public var problems: [PackProblem]

    public var description: String {
        let errors = problems.filter { $0.severity == .error }
        var text = "lexicon pack \(path) has \(errors.count) error\(errors.count == 1 ? "" : "s"):"
        for p in errors.prefix(50) { text += "\n  \(p)" }
        if errors.count > 50 { text += "\n  … and \(errors.count - 50) more" }
        return text
    }
}
