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
        // Bidirectional embeddings, overrides and isolates: "\u{202E}az.uxO" would print as
        // "Oxu.az", another outlet's name (QA pass 4).
        case 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"
        default: return s
        }
    }

    /// ``scalar(_:)`` over a string.
    public static func clean(_ text: String) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value)
            })
        else {
            return text
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.map(scalar))
        return String(out)
    }
}
