/// The one spelling of an outlet name that the store keeps and that filters are compared with.
///
/// Feeds and CSV exports often carry a source field with trailing spaces or a line break
/// (`"Oxu.az\n"`, `"  APA  "`). Stored raw, such a name is a different outlet from its clean
/// spelling, breaks the rows of `framewatch report --by outlet`, and can never be selected on
/// the dashboard: a browser submits a checkbox value `line\nbreak` as `line\r\nbreak`, as the
/// HTML form encoding requires. So names are normalised on the way in (``MonitorStore/save(_:now:)``)
/// and every `outlet` filter (`report --outlet`, `GET /v1/trends`, `/dashboard`) is normalised
/// the same way before it is compared (``TrendQuery/validated()``).
///
/// ```swift
/// OutletName.normalized("  Caspian\r\n Wire\t")   // "Caspian Wire"
/// ```
public enum OutletName {
    /// `name` trimmed, with each run of whitespace and control characters (line breaks, tabs,
    /// NUL, no-break spaces) replaced by one space. Other characters, including letters of any
    /// script and format characters such as a zero-width joiner, are kept as written.
    public static func normalized(_ name: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if isSeparator(scalar) {
                // A run collapses to one space, written only when a visible character follows
                // (so nothing is left at either end).
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
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
}
