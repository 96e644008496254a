import FramewatchText

/// A pack's `manifest.toml`: identity, languages, files, sub-frames, rule settings and inflection.
///
/// ```toml
/// name = "russia-azerbaijan"
/// version = "1.0.0"
/// languages = ["en", "ru", "az"]
/// lists = ["cues/en.tsv", "sentiment/en.tsv", "rules/en.tsv"]
/// gazetteer = ["gazetteer.toml"]
///
/// [frame]
/// anti_russian = ["culpability", "espionage"]
/// conciliatory = ["partnership", "compromise"]
///
/// [rules]
/// negation_scope = 4
///
/// [inflection.ru]
/// suffixes = ["а", "у", "ом", "ым", "е"]
/// ```
public struct Manifest: Sendable, Hashable {
    public var name: String
    public var version: String
    public var description: String
    public var languages: [Language]
    /// Pack-relative paths of the term lists.
    public var lists: [String]
    /// Pack-relative paths of the gazetteer files.
    public var gazetteer: [String]
    /// The sub-frames each pole allows.
    public var subframes: [Pole: [String]]
    public var settings: ScoringSettings
    /// Quotation marks: characters that open and close quoted speech. A character in both lists
    /// (the straight `"`) toggles.
    public var quoteOpen: Set<String>
    public var quoteClose: Set<String>
    /// Per language, the inflectional endings stripped from a word before entity look-up
    /// (Russian case endings, Azerbaijani suffixes, English `'s`), longest first.
    public var suffixes: [Language: [String]]
    /// Per language, endings stripped from *aliases* to make their stems (`Москва` → `Москв`).
    public var stemEndings: [Language: [String]]
    /// Per language, how many suffixes may be stripped in a row (Azerbaijani chains: `-da-kı`).
    public var suffixDepth: [Language: Int]
    /// Languages whose negation follows what it negates (Azerbaijani `deyil`, `-ma/-mə` verbs).
    public var negationFollows: Set<Language>
    /// Languages with negative concord (Russian `не … ни`, Azerbaijani `nə … nə də … deyil`): a
    /// cue that contains its own negator is not negated again by another negator in its clause.
    public var negativeConcord: Set<Language> = []
    /// Per language, infixes that make a verb negative when they follow a wildcard stem
    /// (Azerbaijani `-madı`, `-məyib`, `-mır`…), folded.
    public var negativeInfixes: [Language: [[UInt8]]] = [:]
    /// Per language, whole word endings after a wildcard stem that begin like a negative infix
    /// but are not negative (Azerbaijani infinitive case forms, `-mək` → `-məyə`, `-məyi`,
    /// `-məyin`: `genişləndirməyə hazırdır` is "ready to expand"), folded.
    public var nonNegativeEndings: [Language: [[UInt8]]] = [:]
    /// Per language, endings of a participle or converb whose subject is the sentence's, as
    /// written (English `-ing`, Russian gerund `-в`, `-я`, Azerbaijani `-araq`): "…, saying" after
    /// a quotation is said by the sentence's subject, not by a name after it.
    public var participleEndings: [Language: [[UInt8]]] = [:]
    /// Per language, the case endings of a name said *with* someone, as written (Russian
    /// instrumental `-ым`, `-ом`; Azerbaijani comitative `-la`, `-lə`): "встреча с Алиевым" does not
    /// make Aliyev a speaker.
    public var comitativeEndings: [Language: [[UInt8]]] = [:]
    /// Per language, endings of a verb form that tells what had happened before the news (the
    /// Azerbaijani pluperfect `-mışdı`: "səbəb olmuşdu", "ittiham etmişdi"), as written: a
    /// sentence whose last word ends so is background (``ScoringSettings/backgroundWeight``), as
    /// a recap formula makes its paragraph.
    public var backgroundEndings: [Language: [[UInt8]]] = [:]
    /// Per language, the endings that make a surname plural, as written (Russian `-ы`,
    /// Azerbaijani `-lar`/`-lər`): "Акиф, Аяз, Мазахир Сафаровы" lists brothers by first name
    /// with commas alone, where a singular surname after a comma would start a new name.
    public var pluralEndings: [Language: [[UInt8]]] = [:]
    /// Sub-frames whose cues keep their weight when negated: the absence of redress is itself
    /// the grievance ("still no compensation").
    public var negationKeeps: Set<String> = []
    /// Sub-frames whose negated cues move their whole weight to the opposite pole ("Russia has
    /// not apologised" is a grievance).
    public var negationReverses: Set<String> = []
    /// Sub-frames the Russian-victims rule damps (`[injured_party] subframes`): a cue of one of
    /// them in a sentence that names Russian nationals and no Azerbaijani ones has Russians as
    /// its victims (codebook rule 8). The factor is `[rules] russian_victims_factor`.
    public var injuredPartySubframes: Set<String> = []
    /// Sub-frames the charge rule damps (`[charge] subframes`): a cue of one of them in the
    /// scope of a `rule.charge` word names an offence someone is charged with. The factor is
    /// `[rules] charge_factor`.
    public var chargeSubframes: Set<String> = []
    /// Sub-frames whose cues a demand turns into a grievance (`[demand] subframes`): "demanded
    /// an apology" names what was not done.
    public var demandSubframes: Set<String> = []
    /// Sub-frames the Russian-speaker rule leaves alone (`[russian_speaker] exempt`): a threat
    /// voiced by a Russian official or host ("Solovyov said Baku must be taught a lesson") is the
    /// anti-Russian content itself, not Moscow's complaint. The factor is `[rules] russian_speaker_factor`.
    public var russianSpeakerExempt: Set<String> = []
    /// Anti-Russian sub-frames that frame a text against Russia without a hostile tone toward it
    /// (`[neutral_tone] subframes`; see ``ScoringSettings/neutralToneShare``).
    public var neutralToneSubframes: Set<String> = []
    /// Site furniture a scraper leaves in an article (`[boilerplate]`), lower-cased: a line that
    /// starts with one of `linePrefixes` ("Read also:", "Читайте также:", "Teqlər:", "Фото:") is
    /// not the article's text, though the names in it are found; one that starts with one of
    /// `silentPrefixes` ("Share:", "©") or is one of `wholeLines` ("Advertisement",
    /// "Поделиться") is not read at all. See ``Boilerplate``.
    public var boilerplateLinePrefixes: [String] = []
    public var boilerplateSilentPrefixes: [String] = []
    public var boilerplateWholeLines: [String] = []
    /// Sub-frames whose cues accumulate (`[accumulation] subframes`): facts one at a time ("the
    /// presidents met", "trade reached $4.8 billion" are neutral), a frame when a text is built on
    /// them; see ``ScoringSettings/accumulationPerSentence``.
    public var accumulatingSubframes: Set<String> = []
    /// Accumulation boosts only a text that has a cue of one of these sub-frames among its
    /// accumulating sentences (`[accumulation] requires`): trade figures alone are a fact, talks
    /// with trade are cooperation. Empty: no such condition.
    public var accumulationRequires: Set<String> = []

    /// Parses a manifest, appending every problem found to `problems`.
    /// Every key an `[inflection.xx]` section may hold.
    static let inflectionKeys: Set<String> = [
        "suffixes", "stem_endings", "max_chain", "negation_follows", "negative_concord", "negative_infixes",
        "non_negative_endings", "participle_endings", "comitative_endings", "background_endings", "plural_endings",
    ]

    /// The per-language true/false keys of `[inflection.xx]`, while parsing.
    private struct Switches {
        var negationFollows: Set<Language> = []
        var negativeConcord: Set<Language> = []
    }

    static func parse(_ text: String, file: String, problems: inout [PackProblem]) -> Manifest? {
        let toml = TOMLSubset(text)
        for p in toml.problems { problems.append(PackProblem(.error, file: file, line: p.line, p.message)) }
        func error(_ line: Int, _ message: String) {
            problems.append(PackProblem(.error, file: file, line: line, message))
        }
        let top = toml.sections[0]

        func string(_ section: TOMLSubset.Section, _ key: String, required: Bool) -> String? {
            guard let entry = section.value(key) else {
                if required { error(section.line, "missing `\(key)`") }
                return nil
            }
            guard case .string(let s) = entry.value, !s.isEmpty else {
                error(entry.line, "`\(key)` must be a non-empty string, not \(entry.value.typeName)")
                return nil
            }
            return s
        }
        func strings(_ section: TOMLSubset.Section, _ key: String, required: Bool) -> [String]? {
            guard let entry = section.value(key) else {
                if required { error(section.line, "missing `\(key)`") }
                return nil
            }
            guard case .array(let values) = entry.value else {
                error(entry.line, "`\(key)` must be an array of strings")
                return nil
            }
            var out: [String] = []
            for v in values {
                guard case .string(let s) = v else {
                    error(entry.line, "`\(key)` must contain strings only")
                    return nil
                }
                out.append(s)
            }
            return out
        }

        let name = string(top, "name", required: true)
        let version = string(top, "version", required: true)
        let description = string(top, "description", required: false) ?? ""
        var languages: [Language] = []
        for code in strings(top, "languages", required: true) ?? [] {
            if let l = Language(rawValue: code) {
                languages.append(l)
            } else {
                error(top.value("languages")?.line ?? 0, "unknown language `\(code)` (known: en, ru, az)")
            }
        }
        let lists = strings(top, "lists", required: true) ?? []
        if lists.isEmpty { error(top.value("lists")?.line ?? 0, "`lists` names no term list") }
        let gazetteer = strings(top, "gazetteer", required: false) ?? []

        var subframes: [Pole: [String]] = [:]
        if let frame = toml.section("frame") {
            for pole in Pole.allCases {
                let list = strings(frame, pole.rawValue, required: true) ?? []
                var seenNames = Set<String>()
                for name in list where !seenNames.insert(name).inserted {
                    error(
                        frame.value(pole.rawValue)?.line ?? 0,
                        "sub-frame `\(name)` is listed twice under \(pole.rawValue)")
                }
                subframes[pole] = list
            }
            for entry in frame.entries where Pole(rawValue: entry.key) == nil {
                error(entry.line, "unknown pole `\(entry.key)` (known: anti_russian, conciliatory)")
            }
        } else {
            error(0, "missing the [frame] section that lists each pole's sub-frames")
        }

        var settings = ScoringSettings()
        let known = Set(ScoringSettings.keys.map { "\($0.section).\($0.key)" })
        for sectionName in ["rules", "document", "sentiment", "accumulation"] {
            guard let section = toml.section(sectionName) else { continue }
            for entry in section.entries {
                if sectionName == "accumulation" && (entry.key == "subframes" || entry.key == "requires") {
                    continue  // read below
                }
                guard known.contains("\(sectionName).\(entry.key)"),
                    let spec = ScoringSettings.keys.first(where: { $0.section == sectionName && $0.key == entry.key })
                else {
                    problems.append(
                        PackProblem(.warning, file: file, line: entry.line, "unknown setting `\(entry.key)` ignored"))
                    continue
                }
                guard case .number(let value) = entry.value, spec.range.contains(value) else {
                    error(entry.line, "`\(entry.key)` must be a number in \(spec.range)")
                    continue
                }
                if let path = spec.path { settings[keyPath: path] = value }
                if let path = spec.intPath { settings[keyPath: path] = Int(value) }
            }
        }

        var quoteOpen: Set<String> = ["\"", "“", "«", "„", "‹", "‘"]
        var quoteClose: Set<String> = ["\"", "”", "»", "“", "›", "’"]
        if let quotes = toml.section("quotes") {
            if let open = strings(quotes, "open", required: true) { quoteOpen = Set(open) }
            if let close = strings(quotes, "close", required: true) { quoteClose = Set(close) }
        }

        var suffixes: [Language: [String]] = [:]
        var stemEndings: [Language: [String]] = [:]
        var depth: [Language: Int] = [:]
        var switches = Switches()
        for section in toml.sections where section.name.hasPrefix("inflection.") {
            let code = String(section.name.dropFirst("inflection.".count))
            guard let language = Language(rawValue: code) else {
                error(section.line, "unknown language `\(code)` in [\(section.name)]")
                continue
            }
            let folded = { (list: [String]) in
                list.map { MatchKeys.fold($0) }.sorted { $0.utf8.count > $1.utf8.count }
            }
            // A key this section does not know is a typo the pack's author should hear of.
            for entry in section.entries where !Self.inflectionKeys.contains(entry.key) {
                problems.append(
                    PackProblem(
                        .warning, file: file, line: entry.line,
                        "unknown key `\(entry.key)` in [\(section.name)] ignored (known: "
                            + Self.inflectionKeys.sorted().joined(separator: ", ") + ")"))
            }
            suffixes[language] = folded(strings(section, "suffixes", required: true) ?? [])
            stemEndings[language] = folded(strings(section, "stem_endings", required: false) ?? [])
            // Per-language switches: the language joins the set when the key is true.
            for (key, set) in [
                ("negation_follows", \Switches.negationFollows), ("negative_concord", \.negativeConcord),
            ] {
                guard let entry = section.value(key) else { continue }
                if case .bool(let b) = entry.value {
                    if b { switches[keyPath: set].insert(language) }
                } else {
                    error(entry.line, "`\(key)` must be true or false")
                }
            }
            if let entry = section.value("max_chain") {
                if case .number(let n) = entry.value, n >= 1, n <= 4 {
                    depth[language] = Int(n)
                } else {
                    error(entry.line, "`max_chain` must be a number from 1 to 4")
                }
            }
        }

        // Word parts per language, from `[inflection.xx]`: folded like text (infixes), or as
        // written (endings compared with words as they stand: `ём` stays `ём`).
        func partLists(_ key: String, folded: Bool) -> [Language: [[UInt8]]] {
            var lists: [Language: [[UInt8]]] = [:]
            for section in toml.sections where section.name.hasPrefix("inflection.") {
                guard let language = Language(rawValue: String(section.name.dropFirst("inflection.".count))),
                    let parts = strings(section, key, required: false)
                else { continue }
                lists[language] = parts.map { Array((folded ? MatchKeys.fold($0) : $0).utf8) }
            }
            return lists
        }
        let negativeInfixes = partLists("negative_infixes", folded: true)
        let nonNegativeEndings = partLists("non_negative_endings", folded: true)
        // A list of sub-frames (`[negation] keep`, `[injured_party] subframes`…): each must be one
        // of `allowed` (the [frame] sub-frames unless given); an unknown one is an error.
        let declared = Set(subframes.flatMap { pole, subs in subs.map { "\(pole.rawValue).\($0)" } })
        func subframeList(_ sectionName: String, _ key: String, allowed: Set<String>? = nil, what: String? = nil)
            -> Set<String>
        {
            guard let section = toml.section(sectionName) else { return [] }
            var found: Set<String> = []
            for sub in strings(section, key, required: false) ?? [] {
                guard (allowed ?? declared).contains(sub) else {
                    error(
                        section.value(key)?.line ?? section.line,
                        "[\(sectionName)] \(key): " + (what.map { "`\(sub)` \($0)" } ?? "unknown sub-frame `\(sub)`"))
                    continue
                }
                found.insert(sub)
            }
            return found
        }
        let negationKeeps = subframeList("negation", "keep")
        let negationReverses = subframeList("negation", "reverse")
        let injuredPartySubframes = subframeList("injured_party", "subframes")
        let chargeSubframes = subframeList("charge", "subframes")
        let demandSubframes = subframeList("demand", "subframes")
        let russianSpeakerExempt = subframeList("russian_speaker", "exempt")
        let neutralToneSubframes = subframeList("neutral_tone", "subframes")
        let accumulatingSubframes = subframeList("accumulation", "subframes")
        let accumulationRequires = subframeList(
            "accumulation", "requires", allowed: accumulatingSubframes, what: "is not one of its subframes")
        guard let name, let version else { return nil }
        var manifest = Manifest(
            name: name, version: version, description: description, languages: languages, lists: lists,
            gazetteer: gazetteer, subframes: subframes, settings: settings, quoteOpen: quoteOpen,
            quoteClose: quoteClose, suffixes: suffixes, stemEndings: stemEndings, suffixDepth: depth,
            negationFollows: switches.negationFollows)
        manifest.negativeInfixes = negativeInfixes
        manifest.negativeConcord = switches.negativeConcord
        manifest.nonNegativeEndings = nonNegativeEndings
        manifest.participleEndings = partLists("participle_endings", folded: false)
        manifest.comitativeEndings = partLists("comitative_endings", folded: false)
        manifest.backgroundEndings = partLists("background_endings", folded: false)
        manifest.pluralEndings = partLists("plural_endings", folded: false)
        manifest.negationKeeps = negationKeeps
        manifest.negationReverses = negationReverses
        manifest.injuredPartySubframes = injuredPartySubframes
        manifest.chargeSubframes = chargeSubframes
        manifest.demandSubframes = demandSubframes
        manifest.russianSpeakerExempt = russianSpeakerExempt
        manifest.neutralToneSubframes = neutralToneSubframes
        if let section = toml.section("boilerplate") {
            manifest.boilerplateLinePrefixes = (strings(section, "line_prefixes", required: false) ?? [])
                .map { $0.lowercased() }.filter { !$0.isEmpty }
            manifest.boilerplateSilentPrefixes = (strings(section, "silent_prefixes", required: false) ?? [])
                .map { $0.lowercased() }.filter { !$0.isEmpty }
            manifest.boilerplateWholeLines = (strings(section, "whole_lines", required: false) ?? [])
                .map { $0.lowercased() }.filter { !$0.isEmpty }
        }
        manifest.accumulatingSubframes = accumulatingSubframes
        manifest.accumulationRequires = accumulationRequires
        return manifest
    }
}
