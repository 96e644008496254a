import Foundation

/// Terminal capabilities.
enum Terminal {
    /// Colour only on a terminal, and never with `--no-color` or `NO_COLOR` set (https://no-color.org).
    static func useColour(disabled: Bool) -> Bool {
        if disabled { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }
}

/// ANSI styles used by the human-readable output.
struct Style {
    let enabled: Bool

    func apply(_ codes: String, _ text: String) -> String { enabled ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text }
    func bold(_ t: String) -> String { apply("1", t) }
    func dim(_ t: String) -> String { apply("2", t) }
    func anti(_ t: String) -> String { apply("1;31", t) }
    func conciliatory(_ t: String) -> String { apply("1;32", t) }
    func positive(_ t: String) -> String { apply("36", t) }
    func negative(_ t: String) -> String { apply("35", t) }
    func weakened(_ t: String) -> String { apply("2;4", t) }
    func flag(_ t: String) -> String { apply("1;33", t) }
}
