/// The one spelling of an outlet name that the store keeps and that filters are compared with.
///
/// Feeds and CSV exports often carry a source field with trailing spaces or a line break
/// (`"Oxu.az\n"`, `"  APA  "`), or invisible debris: a byte-order mark from the start of a file,
/// a right-to-left mark pasted with the name, a zero-width space. Stored raw, such a name is a
/// different outlet from its clean spelling that looks exactly like it, breaks the rows of
/// `framewatch report --by outlet`, and can never be selected on the dashboard: a browser submits
/// a checkbox value `line\nbreak` as `line\r\nbreak`, as the HTML form encoding requires. So
/// names are normalised on the way in (``MonitorStore/save(_:now:)``) and every `outlet` filter
/// (`report --outlet`, `GET /v1/trends`, `/dashboard`) is normalised the same way before it is
/// compared (``TrendQuery/validated()``).
///
/// ```swift
/// OutletName.normalized("  Caspian\r\n Wire\t")   // "Caspian Wire"
/// OutletName.normalized("\u{FEFF}Oxu.az\u{200B}")  // "Oxu.az"
/// OutletName.normalized("\u{202E}za.uxO")          // "za.uxO"
/// OutletName.normalized("\u{200B}")                // "" (no outlet)
/// ```
///
/// Format characters are dropped, not interpreted: a right-to-left override that made
/// `"\u{202E}za.uxO"` *display* as "Oxu.az" leaves the characters as they are stored, `za.uxO`.
/// Reordering them as a screen would is a guess about the writer's intent (an override is also
/// how look-alike names are forged), while the logical order is what the feed sent and what a
/// filter can type.
public enum OutletName {
    /// `name` trimmed, with each run of whitespace and control characters (line breaks, tabs,
    /// NUL, no-break spaces) replaced by one space, and invisible format characters removed
    /// (see ``isDropped(_:)``). A name with nothing visible left is `""`, which the store and its
    /// reports treat as no outlet. Letters of any script are kept as written.
    public static func normalized(_ name: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        // A joiner is written only between two visible characters (see `isJoiner`).
        var pendingJoiner: Unicode.Scalar? = nil
        for scalar in name.unicodeScalars {
            if isSeparator(scalar) {
                // A run collapses to one space, written only when a visible character follows
                // (so nothing is left at either end).
                pendingSpace = !result.isEmpty
                pendingJoiner = nil
                continue
            }
            if isJoiner(scalar) {
                pendingJoiner = !result.isEmpty && !pendingSpace ? scalar : nil
                continue
            }
            if isDropped(scalar) { continue }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            if let joiner = pendingJoiner {
                result.append(joiner)
                pendingJoiner = nil
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// Whitespace (Unicode `White_Space`: spaces, tabs, line and paragraph separators) or a
    /// control character (`Cc`: C0, DEL and C1): nothing a reader could tell apart from a space.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    /// A format character (`Cf`): zero-width space U+200B, word joiner U+2060, byte-order mark
    /// U+FEFF, soft hyphen, the left-to-right and right-to-left marks, the bidi embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069). None of them is visible, so two
    /// names that differ only by them look the same to everyone reading the report.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format
    }

    /// The zero-width joiner and non-joiner (U+200D, U+200C), the two format characters that
    /// change what a name looks like when they sit inside it (an emoji sequence, a ligature
    /// choice); at either end or beside a space they join nothing and are dropped.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200C || scalar.value == 0x200D
    }
}
