/// A standalone, self-contained HTML page for one scored text: the text with its evidence
/// highlighted, a legend, the scores, entities and flags. No scripts or network assets.
public enum HTMLReport {
    /// `back`: a link shown above the title (the dashboard's article pages lead back to it).
    public static func render(_ report: Report, text: String, back: (href: String, label: String)? = nil) -> String {
        let scalars = Array(text.unicodeScalars)
        // The text's paragraphs (a line break between two sentences starts a new one), each
        // sentence in its own language (`lang`, for screen readers, hyphenation and translation).
        var body = "<div class=\"para\">\n"
        var previousEnd: Int? = nil
        for s in report.sentences {
            guard let html = highlighted(s, scalars: scalars) else { continue }
            if let end = previousEnd, end <= s.start, scalars[end..<s.start].contains("\n") {
                body += "</div>\n<div class=\"para\">\n"
            }
            previousEnd = s.end
            let voice = s.voice == "quoted" ? " · quoted" + (s.speaker.map { " (\(escape($0)))" } ?? "") : ""
            body += "<p class=\"s \(s.frame.rawValue)\" lang=\"\(s.lang.rawValue)\">"
            body += "<span class=\"meta\">\(s.frame.rawValue) · \(s.lang.rawValue)"
            body += " · tone \(fmt(s.sentiment))\(voice)</span> \(html)</p>\n"
        }
        body += "</div>"
        var entities = ""
        for e in report.entities {
            entities += "<li>\(e.flagged ? "<strong class=\"flag\">⚑</strong> " : "")<strong>\(escape(e.name))</strong>"
            entities +=
                " <span class=\"meta\">\(e.type.rawValue)\(e.listed == false ? " (not in the gazetteer)" : "") · \(Framewatch.count(e.mentions.count, "mention")) · tone \(fmt(e.tone))</span>"
            if let reason = e.flagReason { entities += "<br><span class=\"meta\">watch: \(escape(reason))</span>" }
            for a in e.accusations { entities += "<br>accused: \(escape(a.subframe ?? "")) “\(escape(a.text))”" }
            for d in e.denials { entities += "<br>denies: “\(escape(d.text))”" }
            entities += "</li>\n"
        }
        // The page's title: the id and the headline (the first sentence), as a browser tab or
        // bookmark shows them.
        let headline = report.sentences.first.map { s in
            let start = min(scalars.count, max(0, s.start))
            let end = max(start, min(scalars.count, s.end))
            return TerminalSafe.shortened(String(String.UnicodeScalarView(scalars[start..<end])), to: 80)
        }
        let parts = [report.id, headline].compactMap { $0 }.filter { !$0.isEmpty }
        let title = escape(parts.isEmpty ? "Framewatch report" : parts.joined(separator: " — "))
        let backLink =
            back.map { "<p class=\"meta\"><a href=\"\(escape($0.href))\">← \(escape($0.label))</a></p>\n" } ?? ""
        return """
            <!doctype html>
            <html lang="\(report.lang.rawValue)"><head><meta charset="utf-8"><title>\(title)</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            .meta{color:#555;font-size:.8rem}
            mark{padding:0 .15em;border-radius:.2em}
            mark.anti{background:#f6c6c6;border-bottom:2px solid #b00020}
            mark.conc{background:#c8ecd0;border-bottom:2px solid #1b7a33}
            mark.neg{background:#eadcf5}
            mark.pos{background:#d6eef6}
            mark.weak{background:none;text-decoration:underline dotted}
            .flag{color:#a65e00}
            table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
            .legend mark{margin-right:.5rem}
            .para{margin:0 0 1.2rem;padding-left:.6rem;border-left:3px solid #e4e4e4}.para p.s{margin:.25rem 0}
            </style></head><body>
            \(backLink)<h1>\(title)</h1>
            <table>
            <tr><th>Frame</th><td><strong>\(report.frame.label.rawValue)</strong></td></tr>
            <tr><th>Anti-Russian</th><td>\(fmt(report.frame.scores["anti_russian"] ?? 0))</td></tr>
            <tr><th>Conciliatory</th><td>\(fmt(report.frame.scores["conciliatory"] ?? 0))</td></tr>
            <tr><th>Tone</th><td>\(fmt(report.sentiment.score)) <span class="meta">(−1…1, the text's general tone)</span></td></tr>
            \(report.targets.map { "<tr><th>Tone toward \(escape(targetName($0.entity, report)))</th><td>\(fmt($0.tone)) (\(Framewatch.count($0.mentions, "mention")))</td></tr>" }.joined(separator: "\n"))
            \(report.toneRussia.map { "<tr><th>tone_russia</th><td>\($0 > 0 ? "+1" : String($0)) <span class=\"meta\">(the label −1, 0 or +1 that eval scores; see docs/REPORT.md)</span></td></tr>" } ?? "")
            \(report.outlet.map { "<tr><th>Outlet</th><td>\(escape($0))</td></tr>" } ?? "")
            \(report.published.map { "<tr><th>Published</th><td>\(escape($0))</td></tr>" } ?? "")
            \(report.url.map { "<tr><th>URL</th><td>\(link($0))</td></tr>" } ?? "")
            <tr><th>Lexicon</th><td>\(escape(report.lexicon.name)) \(escape(report.lexicon.version)) <code>\(escape(report.lexicon.hash))</code></td></tr>
            </table>
            <p class="legend"><mark class="anti">anti-Russian cue</mark><mark class="conc">conciliatory cue</mark><mark class="neg">negative tone</mark><mark class="pos">positive tone</mark><mark class="weak">\(weakLegend)</mark></p>
            <h2>Text</h2>
            \(body)
            <h2>Entities</h2>
            <ul>
            \(entities)</ul>
            <p class="meta">\(escape(report.engine)) · hover a highlighted word for its category, weights and rules.</p>
            </body></html>

            """
    }

    /// A sentence's text as HTML with its evidence in `<mark>` elements (classes `anti`, `conc`,
    /// `pos`, `neg`, plus `weak` when negated, hedged, denied, ironic, charged or demanded; the title gives the category,
    /// weights, modifiers and lexicon line). Where a framing cue and a sentiment word overlap,
    /// the cue is marked. `frameCuesOnly` leaves sentiment words unmarked. Nil when the
    /// sentence's offsets do not fit `scalars` (the text it was scored from).
    /// "negated, hedged, …, charged or demanded": the weakening modifiers, for the legend.
    static var weakLegend: String {
        let names = Report.Evidence.weakeningModifiers
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    public static func highlighted(
        _ s: Report.SentenceReport, scalars: [Unicode.Scalar], frameCuesOnly: Bool = false
    ) -> String? {
        guard s.start >= 0, s.start <= s.end, s.end <= scalars.count else { return nil }
        var marks: [Report.Evidence] = []
        for e in s.evidence.sorted(by: { $0.start < $1.start })
        where !(frameCuesOnly && e.category == "sentiment") {
            if let last = marks.last, e.start < last.end {
                // Overlap (a cue that also carries sentiment): keep the framing cue.
                if last.category == "sentiment" && e.category != "sentiment" { marks[marks.count - 1] = e }
                continue
            }
            marks.append(e)
        }
        func text(_ range: Range<Int>) -> String { escape(String(String.UnicodeScalarView(scalars[range]))) }
        var html = ""
        var i = s.start
        for e in marks where e.start >= i && e.end <= s.end {
            html += text(i..<e.start)
            let cls =
                e.category.hasPrefix("anti_russian")
                ? "anti" : e.category.hasPrefix("conciliatory") ? "conc" : (e.weight >= 0 ? "pos" : "neg")
            let weak = e.isWeakened ? " weak" : ""
            let title =
                "\(e.category) \(fmt(e.baseWeight)) → \(fmt(e.weight))"
                + (e.modifiers.isEmpty ? "" : " [\(e.modifiers.joined(separator: ", "))]") + " (\(e.source))"
            html += "<mark class=\"\(cls)\(weak)\" title=\"\(escape(title))\">" + text(e.start..<e.end) + "</mark>"
            i = e.end
        }
        return html + text(i..<s.end)
    }

    /// Escapes `&`, `<`, `>` and both quotes for HTML text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(TerminalSafe.isBidiControl(c) ? "\u{FFFD}" : c)
            }
        }
        return out
    }

    /// Two decimals always ("0.00", not "0.0", beside "0.56").
    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return String(x) }
        let hundredths = Int((x * 100).rounded())
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        return (hundredths < 0 ? "-" : "") + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// A target's display name: the entity's name when the report names it ("Russia"), else its
    /// id with a capital.
    static func targetName(_ id: String, _ report: Report) -> String {
        report.entities.first { $0.id == id }?.name ?? (id.prefix(1).uppercased() + id.dropFirst())
    }

    /// A URL as a link when it is http(s), else as plain text (a `javascript:` URL is never linked).
    public static func link(_ url: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return escape(url) }
        return "<a href=\"\(escape(url))\" rel=\"noopener noreferrer\">\(escape(url))</a>"
    }
}
