import Foundation
import FramewatchCore
import FramewatchStore

/// The monitoring dashboard (`GET /dashboard`): one server-rendered HTML page with inline SVG
/// charts, no scripts and no network assets, readable in any browser and by screen readers.
///
/// - Two line charts: the share of articles labelled anti-Russian, and conciliatory, per week
///   (or month), one series per outlet plus a black "all selected" series. Each series is a
///   `<g class="series" data-series="…">` with one `<circle class="point">` per period that has
///   articles; each chart has a legend, axes and a data table under a disclosure.
/// - A bar chart of the most-flagged figures (accusations attributed to them).
/// - The latest articles with their label and their strongest sentence, cues highlighted,
///   linking to the single-article report (`/dashboard/article?id=…`).
///
/// Filters are a plain GET form (outlets, dates, grouping, language), so every view has a URL.
/// Colours are the Okabe–Ito palette (distinguishable with colour-vision deficiencies), and
/// series also differ by dash pattern.
enum Dashboard {
    /// Okabe–Ito colours, then dash patterns, so that no two of the first 16 series look alike.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D00", "#555555"]
    static let dashes = ["", "6 3", "2 3", "8 3 2 3"]
    /// Series drawn at most (the largest outlets); the form narrows the choice.
    static let maximumSeries = 8

    struct Series {
        var name: String
        var groups: [TrendReport.Group]
    }

    /// `signOut`: the server has a token, so the page links to `/dashboard/logout`.
    static func render(store: MonitorStore, query: TrendQuery, selected: [String], signOut: Bool = false) throws
        -> String
    {
        let allOutlets = try store.outlets()
        let trends = try store.trends(query)
        let (outletCount, shown) = try store.series(query, limit: maximumSeries)
        let series =
            [Series(name: "All selected", groups: trends.groups)]
            + shown.map {
                Series(name: $0.outlet.isEmpty ? "(no outlet)" : TerminalSafe.shortened($0.outlet), groups: $0.groups)
            }
        let periods = Array(Set(series.flatMap { $0.groups.map(\.key) })).sorted()
        let latest = try store.latest(query, limit: 15)
        let unit = query.by == .month ? "month" : "week"

        var body = form(query: query, outlets: allOutlets, selected: selected)
        if trends.documents == 0 {
            body += emptyNote(storeIsEmpty: allOutlets.isEmpty)
        } else {
            body += summary(trends)
            if outletCount > shown.count {
                body +=
                    "<p class=\"note\">Showing the \(shown.count) outlets with the most articles of \(outletCount); "
                    + "tick outlets above to compare others.</p>"
            }
            body += lineChart(
                id: "anti", title: "Anti-Russian share of articles per \(unit)", label: "anti_russian",
                periods: periods, series: series)
            body += lineChart(
                id: "conc", title: "Conciliatory share of articles per \(unit)", label: "conciliatory",
                periods: periods, series: series)
            body += barChart(trends.flagged)
            body += articles(latest)
        }
        if signOut { body += "<p class=\"note\"><a href=\"/dashboard/logout\">Sign out</a></p>\n" }
        return page(title: "Framewatch — monitoring dashboard", body: body)
    }

    // MARK: parts

    /// Why nothing is shown: on a store that holds articles, the filters (say that first); on an
    /// empty store, how to fill it.
    static func emptyNote(storeIsEmpty: Bool) -> String {
        let fill =
            "Fill the database with <code>framewatch batch --input FILE --db DB</code> (a server started with "
            + "<code>--db</code> also stores every text sent to <code>/v1/analyze</code>)."
        guard storeIsEmpty else {
            return "<p class=\"empty\">No articles match these filters: widen them, or "
                + "<a href=\"/dashboard\">reset</a> them.</p>\n"
        }
        return "<p class=\"empty\">No articles yet. \(fill)</p>\n"
    }

    static func form(query: TrendQuery, outlets: [String], selected: [String]) -> String {
        var html = "<form method=\"get\" action=\"/dashboard\" class=\"filters\">\n"
        // (An empty store has no outlets to tick: no empty "Outlets" box.)
        if !outlets.isEmpty {
            html += "<fieldset><legend>Outlets</legend>"
            for outlet in outlets {
                let checked = selected.contains(outlet) ? " checked" : ""
                let label = outlet.isEmpty ? "(no outlet)" : TerminalSafe.shortened(outlet)
                // The value is the stored (normalised) name exactly, so that ticking the box
                // selects it; only the label is made safe to display.
                html +=
                    "<label><input type=\"checkbox\" name=\"outlet\" value=\"\(attribute(outlet))\"\(checked)> "
                    + "\(esc(label))</label> "
            }
            html += "</fieldset>\n"
        }
        html +=
            "<label>From <input type=\"date\" name=\"from\" value=\"\(esc(query.from ?? ""))\"></label> "
        html += "<label>To <input type=\"date\" name=\"to\" value=\"\(esc(query.to ?? ""))\"></label> "
        html += "<label>Per <select name=\"by\">"
        for by in ["week", "month"] {
            html += "<option\(query.by.rawValue == by ? " selected" : "")>\(by)</option>"
        }
        html += "</select></label> <label>Language <select name=\"lang\"><option value=\"\">all</option>"
        for lang in ["en", "ru", "az"] {
            html += "<option\(query.language == lang ? " selected" : "")>\(lang)</option>"
        }
        html += "</select></label> <button type=\"submit\">Apply</button> <a href=\"/dashboard\">reset</a></form>\n"
        return html
    }

    static func summary(_ t: TrendReport) -> String {
        var counts: [String: Int] = [:]
        for g in t.groups { for (k, v) in g.labels { counts[k, default: 0] += v } }
        var html = "<p class=\"summary\"><strong>\(t.documents)</strong> \(t.documents == 1 ? "article" : "articles")"
        if t.undated > 0 {
            html +=
                " (\(Framewatch.count(t.undated, "article")) without a readable date "
                + (t.undated == 1 ? "is" : "are") + " not in the charts)"
        }
        if t.lexicons.count == 1, let l = t.lexicons.first {
            html += " · scored with \(esc(l.name)) \(esc(l.version)) <code>\(esc(String(l.hash.prefix(19))))…</code>"
        } else if t.lexicons.count > 1 {
            html += " · <strong>scored with \(t.lexicons.count) different packs</strong>: compare with care"
        }
        return html + "</p>\n"
    }

    /// A line chart of one label's share per period, one series per outlet.
    static func lineChart(id: String, title: String, label: String, periods: [String], series: [Series]) -> String {
        let width = 760.0
        let height = 300.0
        let left = 52.0
        let right = 40.0
        let top = 16.0
        let bottom = 64.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        func x(_ i: Int) -> Double {
            periods.count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(periods.count - 1)
        }
        func y(_ share: Double) -> Double { top + plotH * (1 - share) }
        let index = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })

        var svg =
            "<svg class=\"chart\" id=\"chart-\(id)\" data-metric=\"\(label)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "role=\"img\" aria-labelledby=\"title-\(id)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"title-\(id)\">\(esc(title))</title>\n<g class=\"axis y\">"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(Int(tick * 100))%</text>"
        }
        svg += "</g>\n<g class=\"axis x\">"
        let step = max(1, Int((Double(periods.count) / 12).rounded(.up)))
        for (i, period) in periods.enumerated() where i % step == 0 || i == periods.count - 1 {
            svg += "<line x1=\"\(f(x(i)))\" x2=\"\(f(x(i)))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 4))\"/>"
            svg +=
                "<text transform=\"translate(\(f(x(i) + 4)),\(f(top + plotH + 10))) rotate(45)\">\(esc(period))</text>"
        }
        svg += "</g>\n"
        for (n, s) in series.enumerated() {
            let (color, dash) = style(n)
            let points = s.groups.compactMap { g -> (Int, TrendReport.Group)? in index[g.key].map { ($0, g) } }
            // The outlets' own series are drawn lighter than the first ("All selected"), so that
            // the overall trend reads through a dozen small, jumpy per-outlet series; hovering
            // one brings it forward.
            svg +=
                "<g class=\"series\(n == 0 ? "" : " outlet")\" data-series=\"\(esc(s.name))\" stroke=\"\(color)\" "
                + "fill=\"\(color)\">"
            if points.count > 1 {
                let d = points.enumerated().map { k, p in
                    (k == 0 ? "M" : "L") + f(x(p.0)) + " " + f(y(p.1.shares[label] ?? 0))
                }.joined(separator: " ")
                svg +=
                    "<path d=\"\(d)\" fill=\"none\" stroke-width=\"\(n == 0 ? 3 : 2)\""
                    + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            }
            for (i, g) in points {
                let share = g.shares[label] ?? 0
                let count = g.labels[label] ?? 0
                svg +=
                    "<circle class=\"point\" cx=\"\(f(x(i)))\" cy=\"\(f(y(share)))\" r=\"\(n == 0 ? 4 : 3)\" "
                    + "data-period=\"\(esc(g.key))\" data-share=\"\(f(share, 4))\"><title>\(esc(s.name)), "
                    + "\(esc(g.key)): \(Int((share * 100).rounded()))% (\(count) of \(g.documents))</title></circle>"
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"

        var legend = "<ul class=\"legend\" aria-label=\"Series\">"
        for (n, s) in series.enumerated() {
            let (color, dash) = style(n)
            legend +=
                "<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" "
                + "stroke=\"\(color)\" stroke-width=\"3\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")
                + "/></svg> \(esc(s.name))</li>"
        }
        legend += "</ul>\n"

        var table = "<details><summary>Data table</summary><table><thead><tr><th>period</th>"
        for s in series { table += "<th>\(esc(s.name))</th>" }
        table += "</tr></thead><tbody>"
        for period in periods {
            table += "<tr><th>\(esc(period))</th>"
            for s in series {
                if let g = s.groups.first(where: { $0.key == period }) {
                    table +=
                        "<td>\(Int(((g.shares[label] ?? 0) * 100).rounded()))% (\(g.labels[label] ?? 0)/\(g.documents))</td>"
                } else {
                    table += "<td>–</td>"
                }
            }
            table += "</tr>"
        }
        table += "</tbody></table></details>\n"
        return "<section><h2>\(esc(title))</h2>\n" + svg + legend + table + "</section>\n"
    }

    /// Series `n`'s colour and dash pattern: black and solid for "all selected" (0), then the
    /// palette, then the palette again with the next dash pattern.
    static func style(_ n: Int) -> (color: String, dash: String) {
        n == 0 ? ("#000000", "") : (palette[(n - 1) % palette.count], dashes[((n - 1) / palette.count) % dashes.count])
    }

    /// Horizontal bars: accusations attributed to each most-flagged figure.
    static func barChart(_ flagged: [TrendReport.FlaggedFigure]) -> String {
        var html = "<section><h2>Watch-listed figures named (most accused first)</h2>\n"
        guard !flagged.isEmpty else {
            return html + "<p>No watch-listed figure is named in these articles.</p></section>\n"
        }
        let figures = charted(flagged)
        guard !figures.isEmpty else {
            // Watch-listed entities are named, but none is accused: no chart of empty bars; the
            // data table still says who is named.
            return html + "<p>No accusations against watch-listed figures in this selection.</p>\n"
                + dataTable(flagged) + "</section>\n"
        }
        let rowH = 28.0
        let left = 190.0
        let width = 760.0
        let right = 60.0
        let top = 8.0
        let height = top + rowH * Double(figures.count) + 30
        let maximum = max(1, figures.map { max($0.accusations, $0.articles) }.max() ?? 1)
        let scale = (width - left - right) / Double(maximum)
        var svg =
            "<svg class=\"chart\" id=\"chart-figures\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-labelledby=\"title-figures\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"title-figures\">Accusations attributed to the most-flagged figures</title>"
        let axisY = top + rowH * Double(figures.count)
        svg +=
            "<g class=\"axis x\"><line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\"/>"
        let tickStep = max(1, Int((Double(maximum) / 5).rounded(.up)))
        for t in stride(from: 0, through: maximum, by: tickStep) {
            let tx = left + Double(t) * scale
            svg += "<line x1=\"\(f(tx))\" x2=\"\(f(tx))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY + 4))\"/>"
            svg += "<text x=\"\(f(tx))\" y=\"\(f(axisY + 16))\" text-anchor=\"middle\">\(t)</text>"
        }
        svg += "</g>"
        for (i, figure) in figures.enumerated() {
            let y = top + rowH * Double(i)
            let w = max(2, Double(figure.accusations) * scale)
            svg +=
                "<g class=\"bar\" data-entity=\"\(esc(figure.id))\" data-accusations=\"\(figure.accusations)\">"
                + "<text x=\"\(f(left - 8))\" y=\"\(f(y + rowH / 2 + 4))\" text-anchor=\"end\">\(esc(figure.name))</text>"
                + "<rect x=\"\(f(left))\" y=\"\(f(y + 5))\" width=\"\(f(figure.accusations == 0 ? 0 : w))\" "
                + "height=\"\(f(rowH - 10))\" fill=\"#D55E00\"><title>\(esc(figure.name)): "
                + "\(Framewatch.count(figure.accusations, "accusation")) in "
                + "\(Framewatch.count(figure.articles, "article"))</title></rect>"
                + "<text x=\"\(f(left + (figure.accusations == 0 ? 0 : w) + 6))\" y=\"\(f(y + rowH / 2 + 4))\">"
                + "\(figure.accusations) · \(figure.articles) art.</text></g>"
        }
        svg += "</svg>\n"
        html += svg
        html +=
            "<p class=\"legend\"><span class=\"swatch\" style=\"background:#D55E00\"></span> accusations attributed "
        html += "to the figure (count · articles naming it)</p>\n"
        return html + dataTable(flagged) + "</section>\n"
    }

    /// The bars drawn: people with at least one accusation attributed to them. A watch-listed
    /// organisation (an outlet, an agency) is not a figure, and a bar of 0 says nothing.
    static func charted(_ flagged: [TrendReport.FlaggedFigure]) -> [TrendReport.FlaggedFigure] {
        flagged.filter { $0.type == "person" && $0.accusations > 0 }
    }

    /// Every watch-listed entity named, under a disclosure (with those not charted).
    static func dataTable(_ figures: [TrendReport.FlaggedFigure]) -> String {
        var html = "<details><summary>Data table</summary><table><thead>"
        html += "<tr><th>figure</th><th>articles</th><th>accusations</th><th>denials</th><th>sub-frames</th>"
        html += "<th>examples</th></tr></thead><tbody>"
        for fig in figures {
            html +=
                "<tr><th>\(esc(fig.name))</th><td>\(fig.articles)</td><td>\(fig.accusations)</td><td>\(fig.denials)</td><td>"
                + esc(
                    fig.subframes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                )
                + "</td><td>" + esc(fig.examples.map { "“\($0)”" }.joined(separator: " ")) + "</td></tr>"
        }
        return html + "</tbody></table></details>\n"
    }

    /// The latest articles: label, outlet, date, and the sentence with the strongest cues (for a
    /// very long article, its length: its report is not decoded for one line of the list).
    static func articles(_ list: [LatestArticle]) -> String {
        var html = "<section><h2>Latest articles</h2>\n<table class=\"articles\"><thead><tr><th>published</th>"
        html += "<th>outlet</th><th>frame</th><th>strongest evidence</th><th></th></tr></thead><tbody>\n"
        for row in list {
            let label = FrameLabel(rawValue: row.frame) ?? .neutral
            let link = "/dashboard/article?id=" + urlEncode(row.id)
            html +=
                "<tr>\(publishedCell(row))<td>\(esc(row.outlet.map { TerminalSafe.shortened($0) } ?? "–"))</td>"
            html += "<td><span class=\"label \(label.rawValue)\">\(labelName(label))</span></td>"
            let evidence =
                row.article.map(strongestSentence) ?? "<i>a long article (\(row.characters) characters): "
                + "see its report</i>"
            html += "<td lang=\"\(esc(row.lang))\">\(evidence)</td>"
            html += "<td><a href=\"\(esc(link))\">report</a></td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The date column of the latest articles: the day the store read (`2025-06-03`), so that
    /// one column does not mix `Tue, 03 Jun 2025 10:00:00 +0300`, `03.06.2025` and ISO times; the
    /// value as given is in the tooltip. A value that could not be read shows as "undated".
    static func publishedCell(_ row: LatestArticle) -> String {
        let shown = row.day ?? (row.published == nil ? "–" : "undated")
        guard let published = row.published, published != row.day else { return "<td>\(esc(shown))</td>" }
        return "<td title=\"\(esc(published))\">\(esc(shown))</td>"
    }

    /// The article page of an article whose stored report is too large to decode and show: its
    /// scores from the article table and where to get the full report.
    static func largeArticlePage(_ a: LatestArticle) -> String {
        let label = FrameLabel(rawValue: a.frame) ?? .neutral
        var rows = "<tr><th>Frame</th><td><span class=\"label \(label.rawValue)\">\(labelName(label))</span></td></tr>"
        rows += "<tr><th>Anti-Russian</th><td>\(f(a.antiRussian, 2))</td></tr>"
        rows += "<tr><th>Conciliatory</th><td>\(f(a.conciliatory, 2))</td></tr>"
        if let tone = a.toneRussia { rows += "<tr><th>Tone toward Russia</th><td>\(f(tone, 2))</td></tr>" }
        if let outlet = a.outlet { rows += "<tr><th>Outlet</th><td>\(esc(outlet))</td></tr>" }
        if let published = a.published { rows += "<tr><th>Published</th><td>\(esc(published))</td></tr>" }
        if let url = a.url { rows += "<tr><th>URL</th><td>\(HTMLReport.link(url))</td></tr>" }
        rows += "<tr><th>Language</th><td>\(esc(a.lang))</td></tr>"
        rows += "<tr><th>Length</th><td>\(Framewatch.count(a.characters, "character")), "
        rows += "\(Framewatch.count(a.sentences, "sentence"))</td></tr>"
        let megabytes = String(format: "%.1f", Double(a.reportBytes) / 1_048_576)
        let body =
            "<table>\(rows)</table>\n<p class=\"note\">This article's report is \(megabytes) MB, too large to show "
            + "here sentence by sentence. Get it whole from the API with the server's token (the sign-in cookie "
            + "opens only these pages): <code>curl -H 'Authorization: Bearer …' "
            + "'…/v1/article?id=\(esc(urlEncode(a.id)))'</code>, or score the text with "
            + "<code>framewatch score --html FILE</code>.</p>\n"
            + "<p><a href=\"/dashboard\">Back to the dashboard</a></p>"
        return page(title: a.id, body: body)
    }

    static func labelName(_ label: FrameLabel) -> String {
        switch label {
        case .antiRussian: return "anti-Russian"
        case .conciliatory: return "conciliatory"
        case .mixed: return "mixed"
        case .neutral: return "neutral"
        }
    }

    /// The sentence whose framing cues weigh most, with those cues marked.
    static func strongestSentence(_ article: StoredArticle) -> String {
        func weight(_ s: Report.SentenceReport) -> Double {
            s.evidence.filter { $0.category != "sentiment" }.reduce(0) { $0 + abs($1.weight) }
        }
        guard let best = article.report.sentences.max(by: { weight($0) < weight($1) }) else { return "" }
        return HTMLReport.highlighted(best, scalars: Array(article.text.unicodeScalars), frameCuesOnly: true) ?? ""
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <style>
        body{font:15px/1.45 system-ui,sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;color:#1a1a1a}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;padding:.6rem;background:#f4f4f4;border-radius:.3rem}
        .filters fieldset{border:0;padding:0;margin:0;flex-basis:100%}.filters legend{font-weight:600}
        .filters fieldset label{margin-right:.8rem;white-space:nowrap}
        svg.chart{width:100%;height:auto;font-size:11px;font-family:system-ui,sans-serif}
        svg.chart .axis line{stroke:#bbb}svg.chart .axis text{fill:#333;stroke:none}
        svg.chart g.series.outlet{stroke-opacity:.45;fill-opacity:.55}svg.chart g.series.outlet:hover{stroke-opacity:1;fill-opacity:1}
        svg.chart .bar text{fill:#1a1a1a}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.3rem 0}
        .swatch{display:inline-block;width:1rem;height:.7rem;vertical-align:middle}
        table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        details{margin:.4rem 0}summary{cursor:pointer;color:#0b5394}
        .label{padding:.05rem .4rem;border-radius:.2rem;font-size:.85em;white-space:nowrap}
        .label.anti_russian{background:#fbd9c9;color:#7a2900}.label.conciliatory{background:#cde7f7;color:#003d63}
        .label.mixed{background:#ead5e3;color:#5a2148}.label.neutral{background:#e6e6e6;color:#333}
        mark{padding:0 .12em;border-radius:.2em}
        mark.anti{background:#fbd9c9;border-bottom:2px solid #D55E00}
        mark.conc{background:#cde7f7;border-bottom:2px solid #0072B2}
        mark.weak{background:none;text-decoration:underline dotted}
        .note,.empty{color:#555}
        </style></head><body>
        <h1>\(esc(title))</h1>
        \(body)
        <p class="note">Framewatch \(esc(Framewatch.version)) · shares are of the articles with a published date in each period · \
        hover a point or bar for its figures; every chart has its data table.</p>
        </body></html>

        """
    }

    // MARK: helpers

    static func esc(_ s: String) -> String { HTMLReport.escape(s) }

    /// `s` escaped for a form value that the browser sends back: markup characters become
    /// entities, and a bidi control (which ``esc(_:)`` shows as U+FFFD) becomes a numeric
    /// character reference, invisible in the page source yet sent back as the character itself.
    static func attribute(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if TerminalSafe.isBidiControl(scalar) {
                out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
            } else {
                out += HTMLReport.escape(String(scalar))
            }
        }
        return out
    }

    static func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

    static func urlEncode(_ s: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
