import FramewatchText

/// Finds lexicon matches in segmented text. One per worker: it owns the key cache and the
/// scratch buffers it reuses for every document; the ``CompiledLexicon`` it reads is shared.
public final class Matcher {
    public let lexicon: CompiledLexicon
    /// The worker's token-key memo.
    public let keys = KeyCache()

    // Per (raw spelling, language), at `raw * 3 + slot`: where its candidate edge ids start in
    // `candidates`, how many there are, and the suffix-rule entry it matches (-1 none). -2 = not
    // computed yet. (Flat arrays: nested ones cost a retain and release per access.)
    private var candidateStart: [Int32] = []
    private var candidateCount: [UInt8] = []
    private var suffixRule: [Int32] = []
    private var shapes: [UInt8] = []
    /// Candidate edge ids, each shifted left by one, the low bit set when matched by inflection.
    private var candidates: [Int32] = []
    /// How specific each candidate is: an exact key beats a wildcard, a longer stem a shorter one.
    private var specificity: [Int32] = []
    /// Each candidate's child of the trie root (-1 none), and per (spelling, language) how many
    /// candidates have one: a token none of whose candidates leaves the root starts no path, and
    /// the first step of a walk needs no edge look-up.
    private var candidateRoot: [Int32] = []
    private var rootStarts: [UInt8] = []
    /// Per spelling: its script (``CompiledLexicon/script(of:)`` of its fold key).
    private var scripts: [UInt8] = []
    private var cacheGeneration = 0

    // Scratch for one sentence.
    private var stream: [Int32] = []
    private var streamRaw: [Int32] = []
    /// Per stream position: whether the token is a word or a number (what a gap may skip).
    private var streamSkippable: [Bool] = []
    private var found: [(end: Int, node: Int32, inflected: Int, specificity: Int, gapped: Bool)] = []
    private var frontier: [(node: Int32, position: Int, inflected: Int, specificity: Int, gapped: Bool)] = []

    /// An exact key is more specific than any wildcard stem.
    static let exactSpecificity: Int32 = 1 << 16

    /// Whether token `t` of `text` is a word of the pack's closed list `list` (`rule.pronoun`,
    /// `rule.coordinator`, …) in `language`, compared by fold key ("In", "in"), read through the
    /// key cache.
    func isClosedWord(_ t: Int, of list: RuleWord, _ language: Language, in text: SegmentedText) -> Bool {
        let token = text.tokens[t]
        guard token.kind == .word else { return false }
        let raw = text.bytes.withUnsafeBufferPointer { keys.id(UnsafeBufferPointer(rebasing: $0[token.byteRange])) }
        return lexicon.isClosedWord(list, language, fold: keys.foldBytes(keys.foldID(raw)))
    }

    public init(_ lexicon: CompiledLexicon) {
        self.lexicon = lexicon
    }

    /// Appends the hits of sentence `sentence` of `text` to `hits`.
    public func match(_ text: SegmentedText, sentence: Sentence, into hits: inout [Hit]) {
        let language = sentence.language
        let slot = language.slot
        stream.removeAll(keepingCapacity: true)
        streamRaw.removeAll(keepingCapacity: true)
        streamSkippable.removeAll(keepingCapacity: true)
        // The sentence's spellings get ids from one cache generation.
        keys.reserve(sentence.tokens.count)
        if keys.generation != cacheGeneration { resetCache() }
        text.bytes.withUnsafeBufferPointer { buffer in
            for t in sentence.tokens {
                let token = text.tokens[t]
                let raw = keys.id(UnsafeBufferPointer(rebasing: buffer[token.byteRange]))
                prepare(raw, slot: slot, language: language, buffer: buffer, token: token)
                if token.kind == .punctuation || token.kind == .symbol {
                    if TermTokens.isTransparent(keys.foldBytes(keys.foldID(raw))) { continue }
                }
                stream.append(Int32(t))
                streamRaw.append(raw)
                streamSkippable.append(token.kind == .word || token.kind == .number)
            }
        }
        // Per layer (`MatchTarget.Layer` has four), the stream position up to which a hit
        // already covers the text.
        var covered = SIMD4<Int>(repeating: 0)
        let count = stream.count
        let ruleLayer = Int(MatchTarget.Layer.rule.rawValue)
        // The paths found at a position, moved out of the matcher for the loop: iterating a
        // stored array retained and released it at every position and layer (perf: a sixth of
        // the matcher's time).
        var found: [(end: Int, node: Int32, inflected: Int, specificity: Int, gapped: Bool)] = []
        swap(&found, &self.found)
        defer { swap(&found, &self.found) }
        for i in 0..<count {
            walk(from: i, slot: slot, into: &found)
            if found.isEmpty {
                // Most positions start no path: only a suffix rule (`*məyib`) can match here.
                if covered[ruleLayer] <= i && appendSuffixRuleHit(at: i, slot: slot, to: &hits) {
                    covered[ruleLayer] = i + 1
                }
                continue
            }
            // The first word's script, for adjective aliases (`совет` is not `sovet`).
            let script = scripts[Int(streamRaw[i])]
            let shape = shapes[Int(streamRaw[i])]
            for layer in MatchTarget.Layer.allCases where covered[Int(layer.rawValue)] <= i {
                // Longest match wins; then the most specific (exact keys, longer stems).
                var best: (end: Int, node: Int32, inflected: Int, specificity: Int, gapped: Bool)? = nil
                for k in found.indices {
                    let f = found[k]
                    guard hasTarget(f.node, layer: layer, language: language, script: script, shape: shape) else {
                        continue
                    }
                    if let b = best, b.end > f.end || (b.end == f.end && b.specificity >= f.specificity) { continue }
                    // A name ends at its quotation mark: «Русский дом» в Баку is two names.
                    if layer == .entity && spansQuote(text, from: i, to: f.end) { continue }
                    // A name ending in a number matches in a case form only with its hyphen (a
                    // transparent token the stream skips): "на «России-1»" is the channel, "России
                    // 1 сентября" Russia and a date.
                    if layer == .entity && f.inflected > 0 && text.tokens[Int(stream[f.end - 1])].kind == .number
                        && !(f.end - i >= 2 && stream[f.end - 1] - stream[f.end - 2] > 1)
                    {
                        continue
                    }
                    best = f
                }
                if let best {
                    hits.append(
                        Hit(
                            layer: layer, node: best.node, firstToken: stream[i], endToken: stream[best.end - 1] + 1,
                            inflected: best.inflected > 0, script: script, gapped: best.gapped, firstShape: shape))
                    covered[Int(layer.rawValue)] = best.end
                } else if layer == .rule && appendSuffixRuleHit(at: i, slot: slot, to: &hits) {
                    covered[ruleLayer] = i + 1
                }
            }
        }
    }

    /// Whether a quotation mark lies between stream positions `start` and `end` (exclusive): the
    /// stream skips quotation marks (``TermTokens/isTransparent(_:)``), names must not — unless
    /// its last words are quoted as a whole (one mark inside it, one closing right after it:
    /// "кафе «Каспий»", "рынок «Садовод»") or its first words are ('the "Caspian" restaurant').
    private func spansQuote(_ text: SegmentedText, from start: Int, to end: Int) -> Bool {
        let first = Int(stream[start])
        let last = Int(stream[end - 1])
        guard last - first > end - 1 - start else { return false }
        return text.bytes.withUnsafeBufferPointer { buffer in
            func isQuote(_ t: Int) -> Bool {
                let token = text.tokens[t]
                return token.kind == .punctuation
                    && TermTokens.isQuotationMark(UnsafeBufferPointer(rebasing: buffer[token.byteRange]))
            }
            var inside = 0
            for t in first + 1..<last where isQuote(t) { inside += 1 }
            guard inside > 0 else { return false }
            // Quoted at the end ("кафе «Каспий»") or at the start ('the "Caspian" restaurant').
            let closedAfter =
                last + 1 < text.tokens.count && isQuote(last + 1)
                && text.tokens[last + 1].byteStart == text.tokens[last].byteEnd
            let openedBefore =
                first > 0 && isQuote(first - 1) && text.tokens[first - 1].byteEnd == text.tokens[first].byteStart
            return !(inside == 1 && (closedAfter || openedBefore))
        }
    }

    /// Appends the hit of the suffix rule (`*məyib`) that the word at stream position `i` ends
    /// with, if any; true when it did.
    @inline(__always)
    private func appendSuffixRuleHit(at i: Int, slot: Int, to hits: inout [Hit]) -> Bool {
        let entry = suffixRule[Int(streamRaw[i]) * 3 + slot]
        guard entry >= 0 else { return false }
        hits.append(
            Hit(layer: .rule, node: -1 - entry, firstToken: stream[i], endToken: stream[i] + 1, inflected: true))
        return true
    }

    /// The entries or entities a hit matched, for its layer and language.
    public func targets(of hit: Hit, language: Language) -> [MatchTarget] {
        candidates(of: hit).filter { accepts($0, hit, language) }
    }

    /// Everything the hit's trie node leads to (no allocation); filter with ``accepts(_:_:_:)``.
    @inline(__always)
    public func candidates(of hit: Hit) -> ArraySlice<MatchTarget> {
        if hit.node < 0 {
            let entry = Int(-1 - hit.node)
            return lexicon.entryTargets[entry..<(entry + 1)]
        }
        let range = lexicon.nodeTargets[Int(hit.node)]
        return lexicon.targets[Int(range.lowerBound)..<Int(range.upperBound)]
    }

    /// Whether a candidate belongs to the hit's layer and the sentence's language.
    @inline(__always)
    public func accepts(_ target: MatchTarget, _ hit: Hit, _ language: Language) -> Bool {
        target.layer == hit.layer
            && (target.layer == .entity
                ? target.script & hit.script != 0 && target.firstCase <= hit.firstShape
                : lexicon.entryLanguage[Int(target.index)] == language)
    }

    private func hasTarget(_ node: Int32, layer: MatchTarget.Layer, language: Language, script: UInt8, shape: UInt8)
        -> Bool
    {
        let range = lexicon.nodeTargets[Int(node)]
        var i = range.lowerBound
        while i < range.upperBound {
            let t = lexicon.targets[Int(i)]
            if t.layer == layer
                && (layer == .entity
                    ? t.script & script != 0 && t.firstCase <= shape
                    : lexicon.entryLanguage[Int(t.index)] == language)
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// Collects into `found` every trie path with targets that starts at stream position `start`.
    private func walk(
        from start: Int, slot: Int,
        into found: inout [(end: Int, node: Int32, inflected: Int, specificity: Int, gapped: Bool)]
    ) {
        // (`removeAll` is a generic call even on an empty array; most positions find nothing.)
        if !found.isEmpty { found.removeAll(keepingCapacity: true) }
        if !frontier.isEmpty { frontier.removeAll(keepingCapacity: true) }
        // A token that can start no path (most words of a text) needs no walk.
        let raw0 = Int(streamRaw[start])
        guard rootStarts[raw0 * 3 + slot] > 0 else { return }
        // The first step, from the root, with the transitions cached per spelling.
        let first0 = Int(candidateStart[raw0 * 3 + slot])
        let shape0 = shapes[raw0]
        for c in first0..<(first0 + Int(candidateCount[raw0 * 3 + slot])) {
            let child = candidateRoot[c]
            if child < 0 || lexicon.nodeCase[Int(child)] > shape0 { continue }
            let inf = Int(candidates[c] & 1)
            let spec = Int(specificity[c])
            if !lexicon.nodeTargets[Int(child)].isEmpty { found.append((start + 1, child, inf, spec, false)) }
            frontier.append((child, start + 1, inf, spec, false))
        }
        let gapWords = lexicon.gapWords
        while let (node, position, inflected, specific, gapped) = frontier.popLast() {
            // A gap (`called off ~ visit`): the words after it continue from its child, 0 to
            // `gap_words` words on; only words and numbers are skipped. A gapped path is less
            // specific than a plain one over the same words ("отменил визит" beats "отменил ~
            // визит" with nothing in the gap).
            let gap = lexicon.gapChild[Int(node)]
            if gap >= 0 {
                var p = position
                while true {
                    frontier.append((gap, p, inflected, specific - 1, true))
                    guard p - position < gapWords, p < stream.count, streamSkippable[p] else { break }
                    p += 1
                }
            }
            guard position < stream.count else { continue }
            let raw = Int(streamRaw[position])
            let first = Int(candidateStart[raw * 3 + slot])
            let n = Int(candidateCount[raw * 3 + slot])
            let shape = shapes[raw]
            for c in first..<(first + n) {
                let candidate = candidates[c]
                let edge = candidate >> 1
                guard let child = lexicon.edges.child(node, edge) else { continue }
                let required = lexicon.nodeCase[Int(child)]
                if required > shape { continue }
                let inf = inflected + Int(candidate & 1)
                let spec = specific + Int(specificity[c])
                if !lexicon.nodeTargets[Int(child)].isEmpty {
                    found.append((position + 1, child, inf, spec, gapped))
                }
                frontier.append((child, position + 1, inf, spec, gapped))
            }
        }
    }

    private func resetCache() {
        candidateStart.removeAll(keepingCapacity: true)
        candidateCount.removeAll(keepingCapacity: true)
        suffixRule.removeAll(keepingCapacity: true)
        shapes.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        specificity.removeAll(keepingCapacity: true)
        candidateRoot.removeAll(keepingCapacity: true)
        rootStarts.removeAll(keepingCapacity: true)
        scripts.removeAll(keepingCapacity: true)
        cacheGeneration = keys.generation
    }

    /// Computes, once per spelling and language, the edge ids a token can follow.
    private func prepare(_ raw: Int32, slot: Int, language: Language, buffer: UnsafeBufferPointer<UInt8>, token: Token)
    {
        let r = Int(raw)
        while shapes.count <= r {
            shapes.append(
                LetterCase.shape(of: UnsafeBufferPointer(rebasing: buffer[Int(token.byteStart)..<Int(token.byteEnd)])))
            scripts.append(CompiledLexicon.script(of: keys.foldBytes(keys.foldID(Int32(shapes.count - 1)))))
            for _ in 0..<3 {
                candidateStart.append(-2)
                candidateCount.append(0)
                suffixRule.append(-1)
                rootStarts.append(0)
            }
        }
        guard candidateStart[r * 3 + slot] == -2 else { return }
        let start = Int32(candidates.count)
        let foldID = keys.foldID(raw)
        let fold = Array(keys.foldBytes(foldID))
        fold.withUnsafeBufferPointer { f in
            if let id = lexicon.termVocab.lookup(f) {
                candidates.append(id << 1)
                specificity.append(Self.exactSpecificity)
            }
            // Wildcard stems: every prefix of the right length that is a stem.
            if let stems = lexicon.stemBytes, f.count >= stems.lowerBound {
                let longest = min(f.count, stems.upperBound)
                for length in stems.lowerBound...max(stems.lowerBound, longest)
                where length <= f.count {
                    // A stem must end on a character boundary.
                    if length < f.count && f[length] & 0xC0 == 0x80 { continue }
                    if let id = lexicon.stemVocab.lookup(UnsafeBufferPointer(rebasing: f[0..<length])) {
                        candidates.append((lexicon.stemBase + id) << 1 | 1)
                        specificity.append(Int32(length))
                    }
                }
            }
            for rule in lexicon.suffixRules
            where f.count > rule.suffix.count && f.suffix(rule.suffix.count).elementsEqual(rule.suffix) {
                if lexicon.entryLanguage[Int(rule.entry)] == language {
                    suffixRule[r * 3 + slot] = rule.entry
                    break
                }
            }
        }
        // Entity aliases: the cross-script key as is, and with inflectional suffixes stripped
        // (both: `России` is itself a token of the alias "Посольство России", and the genitive
        // of "Россия"; the trie keeps whichever path exists, exact first).
        let cross = keys.crossBytes(keys.crossID(raw))
        let crossKey = Array(cross)
        var exactEdge: Int32? = nil
        if let id = lexicon.aliasVocab.lookup(crossKey), lexicon.aliasFullEdge[Int(id)] >= 0 {
            exactEdge = lexicon.aliasFullEdge[Int(id)]
            candidates.append((lexicon.aliasBase + exactEdge!) << 1)
            specificity.append(Self.exactSpecificity)
        }
        // Endings follow the word's script: a Cyrillic name inflects the Russian way even inside
        // an Azerbaijani or English sentence, and a Latin one inside a Russian sentence the
        // Azerbaijani way ("Мамедъярова видели в Баку, а Əliyevin çıxışı…").
        let cyrillic = fold.first.map { $0 == 0xD0 || $0 == 0xD1 } == true
        let inflection = cyrillic ? Language.ru : (language == .ru ? Language.az : language)
        let suffixes = lexicon.manifest.suffixes[inflection] ?? []
        let depth = lexicon.manifest.suffixDepth[inflection] ?? 1
        for edge in strip(fold, suffixes: suffixes, depth: depth, stems: cyrillic, excluding: exactEdge ?? -1) {
            candidates.append((lexicon.aliasBase + edge) << 1 | 1)
            specificity.append(Int32(fold.count / 2))
        }
        candidateStart[r * 3 + slot] = start
        candidateCount[r * 3 + slot] = UInt8(min(255, candidates.count - Int(start)))
        var roots = 0
        for c in Int(start)..<candidates.count {
            let child = lexicon.edges.child(0, candidates[c] >> 1) ?? -1
            candidateRoot.append(child)
            if child >= 0 && c < Int(start) + 255 { roots += 1 }
        }
        rootStarts[r * 3 + slot] = UInt8(min(255, roots))
    }

    /// Whether `word` ends in a vowel and `suffix` begins with one (folded Cyrillic or Azerbaijani
    /// Latin letters; `y` and `й` are consonants here). A soft sign counts as a vowel here: a
    /// Russian noun in -ь drops it before a vowel ending (Кремль → Кремля), so «Ставрополья» is
    /// «Ставрополье» declined, not «Ставрополь» + «я».
    static func joinsVowels(_ word: String, _ suffix: String) -> Bool {
        guard let last = word.unicodeScalars.last, let first = suffix.unicodeScalars.first else { return false }
        return (vowels.contains(last) || last == "ь") && vowels.contains(first)
    }

    static let vowels: Set<Unicode.Scalar> = Set("аеёиоуыэюяaeəıioöuü".unicodeScalars)

    /// Strips up to `depth` suffixes (longest first) until the rest is an alias word or an alias
    /// stem, and returns the edges it can continue on (a stem may serve several alias words).
    /// `stems`: whether alias stems count — only for a Cyrillic word: the stems come from the
    /// Russian `stem_endings` of Cyrillic aliases, and a Latin word reaching one is chance
    /// (Azerbaijani "İndicə", "just now", is "İndi" + "cə", the stem of «Индия»).
    /// `excluding`: the word's own exact edge. A stripping that leads only back to it goes on to
    /// the next suffix: «Китая» is an alias word of «МИД Китая», whose stem «кит» (less «ая») was
    /// found first and hid «Китай» + «я» — bare «Китая» stopped being China.
    private func strip(_ fold: [UInt8], suffixes: [String], depth: Int, stems: Bool, excluding: Int32 = -1) -> [Int32] {
        guard depth > 0 else { return [] }
        let word = String(decoding: fold, as: UTF8.self)
        for suffix in suffixes where word.hasSuffix(suffix) {
            let rest = String(word.dropLast(suffix.count))
            // At least three letters stay, or two before an apostrophe, which marks the ending
            // off by itself ("EU's", "US'in", "AB'nin").
            guard rest.unicodeScalars.count >= (suffix.hasPrefix("'") ? 2 : 3) else { continue }
            let restBytes = Array(rest.utf8)
            let cross = MatchKeys.crossScript(fold: restBytes)
            if let id = lexicon.aliasVocab.lookup(cross) {
                // A vowel ending never follows a whole alias that ends in a vowel: Russian and
                // Azerbaijani put it on the stem (Москв-е) or after a buffer consonant (Bakı-ya,
                // Rusiya-nın). So «Думаю» ("I think") is not «Дума» + «ю» (QA pass 8).
                let full = Self.joinsVowels(rest, suffix) ? -1 : lexicon.aliasFullEdge[Int(id)]
                let edges =
                    ((full >= 0 ? [full] : []) + (stems ? lexicon.aliasStemEdges[Int(id)].filter { $0 != full } : []))
                    .filter { $0 != excluding }
                if !edges.isEmpty { return edges }
                continue
            }
            let deeper = strip(restBytes, suffixes: suffixes, depth: depth - 1, stems: stems, excluding: excluding)
            if !deeper.isEmpty { return deeper }
        }
        return []
    }
}
