import FramewatchText

/// A pack compiled for matching: immutable, `Sendable`, shared by every worker. A class: the
/// matcher, the scorer and the report builder each hold it, and a struct of some forty arrays
/// cost a retain and a release of every array each time one of them was made.
///
/// Term tokens are interned to integer ids; multiword terms and aliases are paths in one trie
/// of ids; `stem*` wildcards are a table of stems; inflected entity names are found by stripping
/// the manifest's suffixes. All of that work happens here, once; per document, the matcher only
/// walks ids (see ``Matcher``).
public final class CompiledLexicon: Sendable {
    public let pack: LexiconPack
    public var manifest: Manifest { pack.manifest }
    public var settings: ScoringSettings { pack.manifest.settings }
    /// The pack's entries (indexed by ``MatchTarget/index`` for non-entity targets).
    public let entries: [LexiconEntry]
    /// The gazetteer (indexed by ``MatchTarget/index`` for entity targets).
    public let entities: [EntityRecord]
    /// Entity index by id.
    public let entityIndex: [String: Int]
    /// Per entity, what the scorer asks on the hot path (reading the whole ``EntityRecord``
    /// would copy its arrays and strings each time).
    public let entityInfo: [EntityInfo]
    /// Per entity, the cross-script keys of the first and last word of each of its `names`
    /// (computed once here: the namesake and coordinated-first-name checks compare words of the
    /// text with them).
    let nameWordKeys: [[NameWordKeys]]
    /// Per language (en, ru, az), the `rule.given_name` lists by fold key, Russian case forms
    /// included (``UnlistedPersons/compile(_:)``).
    let givenNames: [[[UInt8]: GivenName]]
    /// The full names (two words or more) of persons by the first letter of their surname's
    /// cross-script key, in person order: a misspelt unlisted name is compared with these only.
    let personNamesBySurnameInitial: [Unicode.Scalar: [(person: Int, first: [Unicode.Scalar], last: [Unicode.Scalar])]]
    /// Per language, the manifest's inflection suffixes as fold keys, longest first.
    let foldedSuffixes: [Language: [String]]
    /// The indices of the person entities.
    let persons: [Int]
    /// The two-word names of persons by their surname's key, each list in person order: "Huseyn
    /// and Ziyaddin Safarov" looks up the other first names of one surname, not every person.
    let twoWordNamesBySurname: [[Unicode.Scalar]: [(person: Int, first: [Unicode.Scalar])]]
    /// The manifest's `plural_endings` per language, as name keys (Latin: `ы` → `y`, `lər` → `lar`),
    /// compared with what follows a surname's key in a text word.
    let pluralNameEndings: [Language: [[Unicode.Scalar]]]

    struct NameWordKeys {
        var words: Int
        var first: [Unicode.Scalar]
        var last: [Unicode.Scalar]
    }

    /// The key a name word and a text word are compared on: folded, then cross-script.
    static func nameKey(_ word: some StringProtocol) -> [Unicode.Scalar] {
        Array(MatchKeys.crossScript(MatchKeys.fold(String(word))).unicodeScalars)
    }

    /// The per-entity facts the scorer needs.
    public struct EntityInfo: Sendable {
        public var russiaTarget: Bool
        public var azerbaijanTarget: Bool
        public var type: EntityType
        public var watched: Bool
        /// ``EntityRecord/reportAdjectives``.
        public var reportAdjectives: Bool = true
        /// ``EntityRecord/thirdParty`` (and neither target role).
        public var thirdParty: Bool = true
        /// ``EntityRecord/reported``.
        public var reported: Bool = true
    }

    // Vocabularies: exact fold keys of term tokens; wildcard stems; alias cross-script keys.
    let termVocab: ByteInterner
    let stemVocab: ByteInterner
    let aliasVocab: ByteInterner
    /// The edge id of each alias-vocabulary key (full alias tokens and their stems share one).
    /// For each alias key: the edge of the alias word it is exactly (-1 when it is only a stem).
    let aliasFullEdge: [Int32]
    /// For each alias key: the edges of the alias words it is the stem of (`москв` → `москва`,
    /// `российск` → `российский`, `российская`, `российско-`…): a stem may serve several words.
    let aliasStemEdges: [[Int32]]
    let stemBase: Int32
    let aliasBase: Int32
    /// Scripts, for ``MatchTarget/script`` and ``Hit/script``.
    public static let latinScript: UInt8 = 1
    public static let cyrillicScript: UInt8 = 2

    /// The script of a folded word, by its first byte: Cyrillic (U+0400–U+052F) or Latin (anything else).
    public static func script<C: Collection>(of fold: C) -> UInt8 where C.Element == UInt8 {
        guard let first = fold.first else { return latinScript }
        return first >= 0xD0 && first <= 0xD4 ? cyrillicScript : latinScript
    }
    /// Shortest and longest wildcard stem, in bytes.
    /// nil when the pack has no wildcard.
    let stemBytes: ClosedRange<Int>?
    /// Suffix patterns of rule lists (`*məyib`): fold-key suffix and entry index.
    let suffixRules: [(suffix: [UInt8], entry: Int32)]

    // The trie: node 0 is the root; an edge is (node << 32 | edge id) → child.
    let edges: EdgeTable
    /// For each node, the range of its targets in `targets`.
    let nodeTargets: [Range<Int32>]
    let targets: [MatchTarget]
    /// For entity edges, the letter case the text token must have: 0 any, 1 capitalised, 2 all capitals.
    let nodeCase: [UInt8]
    /// The longest path, in tokens.
    public let maximumTermTokens: Int
    /// The edge id of a term's gap (`cancel* ~ visit`): no token has it.
    static let gapEdge = Int32.max
    /// Per trie node, its child along a gap edge (-1 none): the words after the gap continue
    /// from there.
    let gapChild: [Int32]
    /// How many words a gap may skip (the manifest's `gap_words`).
    let gapWords: Int
    /// One target per entry (`entryTargets[i]` is entry `i`), for hits that are not trie paths.
    let entryTargets: [MatchTarget]
    /// Each entry's category, weight and language, in arrays of their own: the hot paths read
    /// one field per hit, and reading it through ``entries`` copied the whole entry (its term,
    /// note and file strings retained and released: 3 % of analysis, measured with perf).
    let entryCategory: [Category]
    let entryWeight: [Double]
    let entryLanguage: [Language]
    /// For an entry with gaps (`разрыв ~ не обсуждается`): how many of its words come before its
    /// first gap and after its last (0, 0 without gaps). Those words are the cue's own; a rule
    /// word among them ("не") belongs to it, while one in a gap acts on it.
    let gappedEnds: [(head: UInt8, tail: UInt8)]
    /// Each entry's category as text (`anti_russian.espionage`), computed once.
    public let categoryNames: [String]
    /// Each entry's sub-frame as an index into ``subframeNames`` (-1 for entries that are not
    /// frame cues), so the scorer sums sub-frames in an array, not a dictionary keyed by text.
    let subframeIDs: [Int32]
    /// The category names of the pack's frame entries, each once (in entry order).
    let subframeNames: [String]
    /// Whether each sub-frame of ``subframeNames`` belongs to the anti-Russian pole.
    let subframeIsAnti: [Bool]
    /// What negation does to each entry (the manifest's `[negation]` lists), computed once.
    let negationEffects: [NegationEffect]
    /// Per entry: whether its sub-frame is one the Russian-victims rule damps.
    let injuredPartyCue: [Bool]
    /// Per entry: whether its sub-frame is one the charge rule damps.
    let chargeCue: [Bool]
    /// Per entry: whether its sub-frame is one a demand turns into a grievance.
    let demandCue: [Bool]
    /// Per entry: its sub-frame is one the Russian-speaker rule leaves alone.
    let speakerExemptCue: [Bool]
    /// Per entry: its sub-frame is in the manifest's `[accumulation] subframes`.
    let accumulatingCue: [Bool]
    /// Per entry: its sub-frame is in `[accumulation] requires`.
    let accumulationAnchor: [Bool]
    /// For prefix-wildcard entries, the fold key of the stem (`razılaş`), by entry index.
    let wildcardStems: [Int: [UInt8]]
    /// Each entry's place in the pack (`cues/en.tsv:12`), computed once.
    public let sourceNames: [String]
    /// The closed word lists the attribution rules read (``RuleWord/isClosedWordList``): per list
    /// and language, the fold keys of their words. They are not in the trie.
    /// Closed word lists by ``closedSlot(_:_:)`` (list × language): an array, not a dictionary of
    /// dictionaries, since the attribution rules ask several times per name (two hashes a
    /// question were 3 % of analysis).
    let closedWords: [[[UInt8]]]
    /// The manifest's `[boilerplate]` lists, with the lengths that bound each line's look-up.
    let boilerplate: Boilerplate.Lists
    /// The manifest's quotation marks, as scalars (single-scalar marks only).
    let quoteOpen: Set<UInt32>
    let quoteClose: Set<UInt32>

    /// Compiles a pack. Fails only when ICU is unavailable.
    public init(_ pack: LexiconPack) throws {
        self.pack = pack
        entries = pack.entries
        entryCategory = pack.entries.map(\.category)
        entryWeight = pack.entries.map(\.weight)
        entryLanguage = pack.entries.map(\.language)
        entities = pack.entities
        var index: [String: Int] = [:]
        for (i, e) in pack.entities.enumerated() { index[e.id] = i }
        entityIndex = index
        givenNames = UnlistedPersons.compile(pack.entries)
        foldedSuffixes = pack.manifest.suffixes.mapValues { list in
            list.map { MatchKeys.fold($0) }.sorted { $0.count > $1.count }
        }
        entityInfo = pack.entities.map {
            EntityInfo(
                russiaTarget: $0.roles.contains(.russiaTarget), azerbaijanTarget: $0.roles.contains(.azerbaijanTarget),
                type: $0.type, watched: $0.watch != nil, reportAdjectives: $0.reportAdjectives,
                thirdParty: $0.thirdParty && $0.roles.isEmpty && ($0.type == .place || $0.type == .org),
                reported: $0.reported)
        }
        nameWordKeys = pack.entities.map { entity in
            entity.names.compactMap { name in
                let words = name.split(separator: " ")
                guard let first = words.first, let last = words.last else { return nil }
                return NameWordKeys(words: words.count, first: Self.nameKey(first), last: Self.nameKey(last))
            }
        }
        persons = pack.entities.indices.filter { pack.entities[$0].type == .person }
        var bySurname: [[Unicode.Scalar]: [(person: Int, first: [Unicode.Scalar])]] = [:]
        for person in persons {
            for name in nameWordKeys[person] where name.words == 2 {
                bySurname[name.last, default: []].append((person, name.first))
            }
        }
        twoWordNamesBySurname = bySurname
        var byInitial: [Unicode.Scalar: [(person: Int, first: [Unicode.Scalar], last: [Unicode.Scalar])]] = [:]
        for person in persons {
            for name in nameWordKeys[person] where name.words >= 2 {
                if let initial = name.last.first {
                    byInitial[initial, default: []].append((person, name.first, name.last))
                }
            }
        }
        personNamesBySurnameInitial = byInitial
        pluralNameEndings = pack.manifest.pluralEndings.mapValues { endings in
            endings.map { Self.nameKey(String(decoding: $0, as: UTF8.self)) }.filter { !$0.isEmpty }
        }
        boilerplate = Boilerplate.Lists(
            prefixes: pack.manifest.boilerplateLinePrefixes, silent: pack.manifest.boilerplateSilentPrefixes,
            wholeLines: pack.manifest.boilerplateWholeLines)

        let segmenter = try Segmenter()
        var builder = TrieBuilder()
        var termVocab = ByteInterner(capacity: pack.entries.count * 2)
        var stemVocab = ByteInterner(capacity: 1024)
        var suffixRules: [(suffix: [UInt8], entry: Int32)] = []
        var termPaths: [(tokens: [TermToken], target: MatchTarget)] = []
        var gappedEnds = [(head: UInt8, tail: UInt8)](repeating: (0, 0), count: pack.entries.count)
        var closed: [RuleWord: [Language: [[UInt8]]]] = [:]
        for (i, entry) in pack.entries.enumerated() {
            if case .rule(let word) = entry.category, word.isClosedWordList {
                let fold = Array(MatchKeys.fold(entry.term).utf8)
                if closed[word]?[entry.language]?.contains(fold) != true {
                    closed[word, default: [:]][entry.language, default: []].append(fold)
                }
                continue
            }
            let layer: MatchTarget.Layer
            switch entry.category {
            case .frame: layer = .frame
            case .sentiment: layer = .sentiment
            case .rule: layer = .rule
            }
            if entry.isSuffixPattern {
                suffixRules.append((Array(MatchKeys.fold(String(entry.term.dropFirst())).utf8), Int32(i)))
                continue
            }
            let tokens: [TermToken]
            if pack.termTokens.count == pack.entries.count, let known = pack.termTokens[i] {
                tokens = known
            } else {
                guard case .success(let t) = TermTokens.tokenize(entry.term, segmenter: segmenter) else { continue }
                tokens = t
            }
            for t in tokens where !t.isGap {
                if t.isPrefix { stemVocab.intern(t.key) } else { termVocab.intern(t.key) }
            }
            if let firstGap = tokens.firstIndex(where: \.isGap), let lastGap = tokens.lastIndex(where: \.isGap) {
                // Counted in words, as the scorer counts them: "so-called" is two words, its
                // hyphen none.
                func words(_ part: ArraySlice<TermToken>) -> UInt8 {
                    let count = part.filter { t in
                        String(decoding: t.key, as: UTF8.self).unicodeScalars.contains {
                            $0.properties.isAlphabetic || $0.properties.numericType != nil
                        }
                    }.count
                    return UInt8(min(255, count))
                }
                gappedEnds[i] = (words(tokens[..<firstGap]), words(tokens[(lastGap + 1)...]))
            }
            termPaths.append((tokens, MatchTarget(layer: layer, index: Int32(i), form: .name)))
        }
        self.gappedEnds = gappedEnds
        let stemBase = Int32(termVocab.count)
        var minStem = Int.max
        var maxStem = 0
        for id in 0..<stemVocab.count {
            let n = stemVocab.bytes(Int32(id)).count
            minStem = min(minStem, n)
            maxStem = max(maxStem, n)
        }
        for path in termPaths {
            let ids = path.tokens.map { t in
                t.isGap ? Self.gapEdge : t.isPrefix ? stemBase + stemVocab.lookup(t.key)! : termVocab.lookup(t.key)!
            }
            builder.add(ids, path.target, letterCase: [UInt8](repeating: 0, count: ids.count))
        }

        // Entity aliases, on cross-script keys, with stems for inflecting languages.
        let aliasBase = stemBase + Int32(stemVocab.count)
        var aliasVocab = ByteInterner(capacity: pack.entities.count * 8)
        var aliasFullEdge: [Int32] = []
        var aliasStemEdges: [[Int32]] = []
        var nextEdge: Int32 = 0
        func keyID(_ key: [UInt8]) -> Int {
            if let id = aliasVocab.lookup(key) { return Int(id) }
            aliasVocab.intern(key)
            aliasFullEdge.append(-1)
            aliasStemEdges.append([])
            return aliasFullEdge.count - 1
        }
        func edge(forFull key: [UInt8]) -> Int32 {
            let id = keyID(key)
            if aliasFullEdge[id] < 0 {
                aliasFullEdge[id] = nextEdge
                nextEdge += 1
            }
            return aliasFullEdge[id]
        }
        let stemEndings = pack.manifest.stemEndings
        // Alias words repeat (first names, "Mr", surnames in several aliases): key them once.
        var keyCache: [String: (fold: String, cross: [UInt8])] = [:]
        func keys(_ raw: String) -> (fold: String, cross: [UInt8]) {
            if let known = keyCache[raw] { return known }
            let fold = MatchKeys.fold(raw)
            let value = (fold, MatchKeys.crossScript(fold: Array(fold.utf8)))
            keyCache[raw] = value
            return value
        }
        for (entityIndex, entity) in pack.entities.enumerated() {
            var forms: [(String, MatchTarget.AliasForm)] =
                entity.names.map { ($0, .name) } + entity.short.map { ($0, .short) }
                + entity.adjectives.map { ($0, .adjective) }
            // A person's surname (the last word of a full name) is an implicit short form, so a
            // later "Hasanov" links back to "Zakir Hasanov" (document-level coreference); alone it
            // names no one unless `short` lists it.
            if entity.type == .person {
                for name in entity.names {
                    let words = name.split(separator: " ")
                    // A lower-case last word is a particle, not a surname ("Polad Bülbül oğlu":
                    // "oğlu", "son of", is a common word).
                    if words.count >= 2, let last = words.last, last.count >= 3,
                        last.first?.isUppercase == true
                    {
                        forms.append((String(last), .surname))
                    }
                }
            }
            for (alias, form) in forms {
                var ids: [Int32] = []
                var cases: [UInt8] = []
                // English capitalises every word of a name, so an ASCII alias keeps the capitals it
                // is written with: "Russian Government" is not "the Russian government" (a generic
                // adjective and noun), "Aktau Airport" not "Aktau airport".
                let everyWord = alias.utf8.allSatisfy { $0 < 0x80 }
                for raw in Self.aliasTokens(alias, segmenter: segmenter) {
                    let (fold, cross) = keys(raw)
                    let id = edge(forFull: cross)
                    // Otherwise only a name's first word must keep its capital: Azerbaijani and
                    // Russian write the later words of many names in lower case ("Milli məclis",
                    // "Dövlət duması", "Şəhidlər xiyabanı"); an acronym keeps its capitals anywhere.
                    let requirement = LetterCase.requirement(of: raw)
                    cases.append(ids.isEmpty || requirement == 2 || everyWord ? requirement : 0)
                    ids.append(aliasBase + id)
                    // Register the alias token's stems (its own inflectional ending removed),
                    // so that `Москва` also yields `москв` for `Москвы`, `Москве`.
                    for (_, endings) in stemEndings {
                        for ending in endings
                        where fold.utf8.count > ending.utf8.count
                            && fold.utf8.suffix(ending.utf8.count).elementsEqual(ending.utf8)
                            && fold.count - ending.count >= 3
                        {
                            let stem = MatchKeys.crossScript(fold: Array(fold.dropLast(ending.count).utf8))
                            let stemID = keyID(stem)
                            if !aliasStemEdges[stemID].contains(id) { aliasStemEdges[stemID].append(id) }
                        }
                    }
                }
                guard !ids.isEmpty else { continue }
                // Adjectives and two-letter acronyms match in their own script only: `совет` is
                // not `sovet`, and Russian `УК` (the Criminal Code) is not `UK`.
                let acronym = cases.count == 1 && cases[0] == 2 && alias.unicodeScalars.count == 2
                let script = form == .adjective || acronym ? Self.script(of: MatchKeys.fold(alias).utf8) : 0xFF
                builder.add(
                    ids,
                    MatchTarget(
                        layer: .entity, index: Int32(entityIndex), form: form, script: script, firstCase: cases[0]),
                    letterCase: cases)
            }
        }

        self.termVocab = termVocab
        self.stemVocab = stemVocab
        self.aliasVocab = aliasVocab
        self.aliasFullEdge = aliasFullEdge
        self.aliasStemEdges = aliasStemEdges
        self.stemBase = stemBase
        self.aliasBase = aliasBase
        self.stemBytes = minStem <= maxStem ? minStem...maxStem : nil
        self.suffixRules = suffixRules.sorted { $0.suffix.count > $1.suffix.count }
        var flat = [[[UInt8]]](repeating: [], count: RuleWord.closedListCount * Language.allCases.count)
        for (list, byLanguage) in closed {
            for (language, words) in byLanguage {
                if let slot = Self.closedSlot(list, language) { flat[slot] = words }
            }
        }
        closedWords = flat
        let trie = builder.finish()
        edges = EdgeTable(trie.edges)
        var gaps = [Int32](repeating: -1, count: trie.nodeTargets.count)
        for (key, child) in trie.edges where Int32(truncatingIfNeeded: key & 0xFFFF_FFFF) == Self.gapEdge {
            gaps[Int(key >> 32)] = child
        }
        gapChild = gaps
        gapWords = pack.manifest.settings.gapWords
        nodeTargets = trie.nodeTargets
        targets = trie.targets
        nodeCase = trie.nodeCase
        maximumTermTokens = trie.depth
        entryTargets = pack.entries.indices.map { i in
            let layer: MatchTarget.Layer
            switch pack.entries[i].category {
            case .frame: layer = .frame
            case .sentiment: layer = .sentiment
            case .rule: layer = .rule
            }
            return MatchTarget(layer: layer, index: Int32(i), form: .name)
        }
        categoryNames = pack.entries.map { $0.category.description }
        (subframeIDs, subframeNames, subframeIsAnti) = Self.subframeTable(pack.entries, names: categoryNames)
        negationEffects = categoryNames.map { name in
            if pack.manifest.negationKeeps.contains(name) { return .keeps }
            if pack.manifest.negationReverses.contains(name) { return .reverses }
            return .flips
        }
        injuredPartyCue = categoryNames.map { pack.manifest.injuredPartySubframes.contains($0) }
        chargeCue = categoryNames.map { pack.manifest.chargeSubframes.contains($0) }
        demandCue = categoryNames.map { pack.manifest.demandSubframes.contains($0) }
        speakerExemptCue = categoryNames.map { pack.manifest.russianSpeakerExempt.contains($0) }
        accumulatingCue = categoryNames.map { pack.manifest.accumulatingSubframes.contains($0) }
        accumulationAnchor = categoryNames.map { pack.manifest.accumulationRequires.contains($0) }
        var stems: [Int: [UInt8]] = [:]
        for (i, entry) in pack.entries.enumerated() where entry.isPrefixWildcard {
            // The last space-separated word of the term, without its `*`.
            let term = Array(entry.term.utf8.dropLast())
            let start = term.lastIndex(of: 0x20).map { $0 + 1 } ?? 0
            if start < term.count {
                stems[i] = term[start...].withUnsafeBufferPointer { MatchKeys.fold($0) }
            }
        }
        wildcardStems = stems
        sourceNames = pack.entries.map { "\($0.file):\($0.line)" }
        quoteOpen = Set(
            pack.manifest.quoteOpen.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : nil })
        quoteClose = Set(
            pack.manifest.quoteClose.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : nil })
    }

    /// Numbers the distinct sub-frames of the frame entries, in entry order.
    static func subframeTable(_ entries: [LexiconEntry], names: [String]) -> (
        ids: [Int32], names: [String], isAnti: [Bool]
    ) {
        var ids = [Int32](repeating: -1, count: entries.count)
        var table: [String] = []
        var isAnti: [Bool] = []
        var index: [String: Int32] = [:]
        for (i, entry) in entries.enumerated() {
            guard case .frame(let pole, _) = entry.category else { continue }
            if let id = index[names[i]] {
                ids[i] = id
                continue
            }
            let id = Int32(table.count)
            index[names[i]] = id
            table.append(names[i])
            isAnti.append(pole == .antiRussian)
            ids[i] = id
        }
        return (ids, table, isAnti)
    }

    /// The word tokens of an alias. Plain names (letters separated by single spaces) are split
    /// on the spaces, which is what ICU's word rules give for them (``TermTokens/plainWords(_:)``,
    /// the loader's shortcut for terms); anything else goes through ICU.
    static func aliasTokens(_ alias: String, segmenter: Segmenter) -> [String] {
        if let words = TermTokens.plainWords(alias) {
            let bytes = Array(alias.utf8)
            return words.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        guard let segmented = try? segmenter.segment(alias, language: .en) else { return [] }
        // Marks the matcher skips in text (quotation marks, hyphens) are skipped here too; the
        // others stay, as they stay in the text's token stream ("St. Petersburg", "Mədəniyyət,
        // Gənclər və İdman Mərkəzi" match only with their stop or comma).
        return segmented.tokens.compactMap { token in
            let text = segmented.text(of: token)
            return TermTokens.isTransparent(Array(MatchKeys.fold(text).utf8)) ? nil : text
        }
    }

    /// Number of trie nodes (for `lexicon stats` and benchmarks).
    /// Whether `fold` (a word's fold key) is in the closed word list `list` for `language`. The
    /// lists are a few words each: a scan compares bytes in place, with no key to allocate.
    func isClosedWord(_ list: RuleWord, _ language: Language, fold: ArraySlice<UInt8>) -> Bool {
        guard let slot = Self.closedSlot(list, language) else { return false }
        return closedWords[slot].contains { $0.elementsEqual(fold) }
    }

    /// The index of a closed word list's words in one language, in ``closedWords``.
    static func closedSlot(_ list: RuleWord, _ language: Language) -> Int? {
        guard let l = list.closedListIndex else { return nil }
        return l * Language.allCases.count + language.slot
    }

    /// The given name (`rule.given_name`) whose fold key, or whose derived Russian case form's,
    /// `fold` is, in `language`'s list.
    func givenName(fold: [UInt8], _ language: Language) -> GivenName? {
        givenNames[language.slot][fold]
    }

    public var nodeCount: Int { nodeTargets.count }
    /// Number of distinct alias keys, stems included.
    public var aliasKeyCount: Int { aliasVocab.count }
}

/// Accumulates paths while compiling, then freezes into arrays.
struct TrieBuilder {
    private(set) var edges: [UInt64: Int32] = [:]
    private var nodeTargetLists: [[MatchTarget]] = [[]]
    private var nodeCase: [UInt8] = [0]
    private(set) var depth = 0

    mutating func add(_ ids: [Int32], _ target: MatchTarget, letterCase: [UInt8]) {
        var node: Int32 = 0
        for (i, id) in ids.enumerated() {
            let key = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
            if let child = edges[key] {
                node = child
                // Two aliases reach this node with different case demands: keep the looser.
                nodeCase[Int(node)] = min(nodeCase[Int(node)], letterCase[i])
            } else {
                let child = Int32(nodeTargetLists.count)
                nodeTargetLists.append([])
                nodeCase.append(letterCase[i])
                edges[key] = child
                node = child
            }
        }
        if !nodeTargetLists[Int(node)].contains(target) { nodeTargetLists[Int(node)].append(target) }
        depth = max(depth, ids.count)
    }

    func finish() -> (
        edges: [UInt64: Int32], nodeTargets: [Range<Int32>], targets: [MatchTarget], nodeCase: [UInt8], depth: Int
    ) {
        var ranges: [Range<Int32>] = []
        var flat: [MatchTarget] = []
        for list in nodeTargetLists {
            let start = Int32(flat.count)
            flat += list
            ranges.append(start..<Int32(flat.count))
        }
        return (edges, ranges, flat, nodeCase, depth)
    }
}

/// Letter-case shapes of tokens, for aliases that must be capitalised (`US`, not `us`).
enum LetterCase {
    /// 0: any case; 1: must start with a capital; 2: must be all capitals (acronyms of 2–5 letters).
    static func requirement(of alias: String) -> UInt8 {
        var count = 0
        var allUpper = true
        var firstUpper: Bool? = nil
        if alias.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in alias.utf8 where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                count += 1
                let upper = b <= 0x5A
                if firstUpper == nil { firstUpper = upper }
                if !upper { allUpper = false }
            }
            guard let firstUpper else { return 0 }
            if count >= 2 && count <= 5 && allUpper { return 2 }
            return firstUpper ? 1 : 0
        }
        for s in alias.unicodeScalars where s.properties.isAlphabetic {
            count += 1
            let upper = s.properties.isUppercase
            if firstUpper == nil { firstUpper = upper }
            if !upper { allUpper = false }
        }
        guard let firstUpper else { return 0 }
        if count >= 2 && count <= 5 && allUpper { return 2 }
        return firstUpper ? 1 : 0
    }

    /// The shape of a text token: 0 lower-case start, 1 capitalised, 2 all capitals. An ending
    /// after an apostrophe does not count against capitals ("SOCAR's", "AZAL'ın" are all capitals).
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let text = String(decoding: bytes, as: UTF8.self)
        var letters: [Unicode.Scalar] = text.unicodeScalars.prefix { !apostrophes.contains($0.value) }.filter {
            $0.properties.isAlphabetic
        }
        if letters.count < 2 { letters = text.unicodeScalars.filter { $0.properties.isAlphabetic } }
        guard let first = letters.first, first.properties.isUppercase else { return 0 }
        guard letters.count >= 2 else { return 1 }
        // Capitals, then at most three lower-case letters: an acronym with a Russian case ending
        // written straight after it ("в МИДе", "представитель МИДа", "с МИДом"), which the
        // suffix rules strip; an ordinary capitalised word has one leading capital.
        let capitals = letters.prefix { $0.properties.isUppercase }.count
        if capitals == letters.count { return 2 }
        let tail = letters.count - capitals
        return capitals >= 2 && capitals <= 5 && tail <= 3
            && letters[capitals...].allSatisfy({ $0.properties.isLowercase }) ? 2 : 1
    }

    /// ' ’ ʼ: the marks that join a possessive or case ending to a name.
    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x2BC]
}

extension Language {
    /// The language's index in per-language arrays (en 0, ru 1, az 2).
    var slot: Int {
        switch self {
        case .en: return 0
        case .ru: return 1
        case .az: return 2
        }
    }
}
