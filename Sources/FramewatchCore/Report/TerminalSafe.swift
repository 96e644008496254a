/// Text from the input, made safe to print on a terminal: control characters (ESC sequences can
/// recolour the screen, retitle the window or worse) become visible symbols, one scalar for one,
/// so offsets into the text still line up. Tab and line feed stay.
public enum TerminalSafe {
    /// C0 controls → their Control Pictures (`␛` for ESC), DEL → `␡`, C1 controls and bidirectional
    /// overrides → U+FFFD.
    public static func scalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x09, 0x0A: return s
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + s.value)!
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        default: return isBidiControl(s) ? "\u{FFFD}" : s
        }
    }

    /// ``scalar(_:)`` over a string.
    public static func clean(_ text: String) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || isBidiControl($0)
            })
        else {
            return text
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.map(scalar))
        return String(out)
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069): shown, they let
    /// one name display as another ("\u{202E}az.uxO" prints as "Oxu.az", QA pass 4). The terminal
    /// output and the HTML pages replace them with U+FFFD, one scalar for one.
    public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    /// A name as a label or a table cell shows it: cut to `limit` characters with "…" (a
    /// 5,000-character outlet name would widen every line; CSV, JSON and the article page keep it
    /// whole).
    public static func shortened(_ s: String, to limit: Int = 60) -> String {
        s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
    }
}
