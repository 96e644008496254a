/// Reads a VADER lexicon: `token<TAB>mean<TAB>sd<TAB>[ratings]`, one per line; the mean
/// (−4…+4) becomes a `sentiment` weight.
public enum VADERFormat {
    public static func read(_ text: String, source: String) throws -> ImportedLexicon {
        var result = ImportedLexicon(format: "vader", source: source)
        var seen = Set<String>()
        // A line that is not `token<TAB>mean…` is skipped and listed; a file with no such line
        // at all is not a VADER lexicon, and the first bad line says so.
        var firstBadLine: Int? = nil
        for (n, line) in ImportLines.split(text).enumerated() {
            if line.trimmingWhitespace().isEmpty { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2, let mean = Double(columns[1].trimmingWhitespace()), mean.isFinite else {
                firstBadLine = firstBadLine ?? n + 1
                let shown = line.count > 60 ? String(line.prefix(60)) + "…" : line
                result.skipped.append(
                    "line \(n + 1): `\(shown)` is not `token<TAB>mean<TAB>sd<TAB>[ratings]` with a finite mean")
                continue
            }
            let term = columns[0].trimmingWhitespace().lowercased()
            guard !term.isEmpty else { continue }
            guard mean != 0 else {
                result.skipped.append("line \(n + 1): `\(term)` has mean 0 (no tone)")
                continue
            }
            guard
                term.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else {
                result.skipped.append("line \(n + 1): `\(term)` has no letters (emoticon); news text will not match it")
                continue
            }
            guard !term.contains("*") else {
                result.skipped.append("line \(n + 1): `\(term)` contains `*`")
                continue
            }
            guard seen.insert(term).inserted else {
                result.skipped.append("line \(n + 1): `\(term)` repeats an earlier line")
                continue
            }
            let sd = columns.count > 2 ? columns[2].trimmingWhitespace() : ""
            result.entries.append(
                .init(
                    term: term, category: "sentiment", weight: max(-4, min(4, mean)),
                    note: sd.isEmpty ? nil : "vader sd \(sd)"))
        }
        if result.entries.isEmpty, let line = firstBadLine {
            throw ImportError(
                file: source, line: line,
                message: "expected `token<TAB>mean<TAB>sd<TAB>[ratings]` (is this a VADER lexicon?)")
        }
        if result.entries.isEmpty { throw ImportError(file: source, line: 0, message: "no entries") }
        return result
    }
}
