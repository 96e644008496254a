import FramewatchText

/// One resolved entity mention in the document.
struct ResolvedMention {
    var sentence: Int
    var firstToken: Int32
    var endToken: Int32
    /// The entity index, or nil when ambiguous.
    var entity: Int?
    /// All candidate entity indices (one when resolved).
    var candidates: Candidates
    var form: MatchTarget.AliasForm
    /// True when a shared short form was settled by the gazetteer's `preferred` entity.
    var byPreference = false
    /// True when the last word matched after an inflectional ending was removed (`Алиевым`).
    var inflected = false
}

/// A mention's candidate entities: one or two inline (nearly every mention), more in an array.
/// Mentions are copied from list to list many times a document; an array in each was a
/// retain and a release at every copy.
struct Candidates: RandomAccessCollection {
    private let first: Int32
    private let second: Int32
    let count: Int
    private let more: [Int]?

    init(_ list: [Int]) {
        count = list.count
        first = list.count > 0 ? Int32(list[0]) : -1
        second = list.count > 1 ? Int32(list[1]) : -1
        more = list.count > 2 ? list : nil
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(i: Int) -> Int {
        precondition(i >= 0 && i < count, "candidate index out of range")
        if let more { return more[i] }
        return Int(i == 0 ? first : second)
    }
}

/// Turns entity hits into mentions: a shared short form ("Aliyev") resolves to the entity whose
/// full name appeared earlier in the document (the most recent one); otherwise it is reported
/// as ambiguous rather than guessed.
enum EntityResolution {
    ///
    /// `otherFirstName` marks a bare surname right after a capitalised word that is neither a
    /// title nor a first name of its candidates ("Elchin Aliyev", "Vüqar Həsənov"): another
    /// person, so no mention; later bare uses of that surname are that person too, until one of
    /// the candidates is named in full.
    static func resolve(
        _ hits: [(sentence: Int, hit: Hit, targets: [MatchTarget], otherFirstName: Bool)], entities: [EntityRecord],
        info: [CompiledLexicon.EntityInfo], envoyNextTo: (ResolvedMention) -> Bool = { _ in false }
    )
        -> [ResolvedMention]
    {
        var lastFullName: [Int: Int] = [:]  // entity → order of its last full-name mention
        var otherPerson: [[Int]: Int] = [:]  // a surname's candidates → order it named someone else
        var order = 0
        var mentions: [ResolvedMention] = []
        for (sentence, hit, targets, otherFirstName) in hits {
            order += 1
            // A surname the gazetteer does not list as a short form names its person only after
            // a full name of theirs in the text.
            var targets = targets
            if targets.contains(where: { $0.form == .surname }) {
                let all = targets
                targets.removeAll { t in
                    t.form == .surname && lastFullName[Int(t.index)] == nil
                        && !all.contains { $0.index == t.index && $0.form != .surname }
                }
            }
            let candidates = distinctEntities(targets)
            guard !candidates.isEmpty else { continue }
            let form: MatchTarget.AliasForm =
                targets.contains { $0.form == .name }
                ? .name : (targets.contains { $0.form == .adjective } ? .adjective : .short)
            if form == .short {
                if otherFirstName {
                    otherPerson[candidates] = order
                    continue
                }
                if let since = otherPerson[candidates], !candidates.contains(where: { (lastFullName[$0] ?? 0) > since })
                {
                    continue
                }
            }
            var chosen: Int? = nil
            if candidates.count == 1 {
                chosen = candidates[0]
            } else {
                // Full names that are unique to one candidate decide; otherwise the most recent full name.
                let full = targets.filter { $0.form == .name }.map { Int($0.index) }
                if Set(full).count == 1 {
                    chosen = full[0]
                } else {
                    let seen = candidates.compactMap { c in lastFullName[c].map { (c, $0) } }
                    chosen = seen.max { $0.1 < $1.1 }?.0
                }
            }
            var byPreference = false
            if chosen == nil {
                let preferred = candidates.filter { entities[$0].preferred }
                if preferred.count == 1 {
                    chosen = preferred[0]
                    byPreference = true
                }
            }
            if let chosen, form == .name, targets.contains(where: { $0.form == .name && Int($0.index) == chosen }) {
                lastFullName[chosen] = order
            }
            mentions.append(
                ResolvedMention(
                    sentence: sentence, firstToken: hit.firstToken, endToken: hit.endToken, entity: chosen,
                    candidates: Candidates(candidates), form: form, byPreference: byPreference, inflected: hit.inflected
                ))
        }
        resolveBySide(&mentions, info: info, envoyNextTo: envoyNextTo)
        return mentions
    }

    /// A short form two countries' institutions share ("Foreign Ministry", "МИД", "XİN", "Interior
    /// Ministry") that no earlier full name settled takes the side of the name right before it
    /// ("Azeri Ministry of Foreign Affairs"), else of a person with a side named in its sentence or
    /// the one before ("Представитель МИД Мария Захарова", "МИД … Захарова добавила"). Not of the
    /// nearest country otherwise: a ministry acts on the other side as often as it names its own
    /// ("XİN Rusiyanın səfirini çağırıb", "the Foreign Ministry summoned the Russian envoy") —
    /// except that an envoy of one side named in the sentence (a `rule.envoy` word next to the
    /// name: "Rusiyanın səfiri", "the Russian ambassador", "посла России") makes the ministry the
    /// other side's, first of all: the host summons, receives or hands a note to the foreign envoy.
    /// Only when the candidates split into one Russia-side and one Azerbaijan-side entity.
    static func resolveBySide(
        _ mentions: inout [ResolvedMention], info: [CompiledLexicon.EntityInfo],
        envoyNextTo: (ResolvedMention) -> Bool = { _ in false }
    ) {
        func side(_ e: Int) -> EntityRole? {
            let (russia, azerbaijan) = (info[e].russiaTarget, info[e].azerbaijanTarget)
            return russia == azerbaijan ? nil : (russia ? .russiaTarget : .azerbaijanTarget)
        }
        // Per sentence, the sides whose envoy it names (bit 0 Russia, bit 1 Azerbaijan).
        var envoys: [Int: UInt8] = [:]
        for m in mentions where m.candidates.count == 1 {
            guard let e = m.entity, let role = side(e), envoyNextTo(m) else { continue }
            envoys[m.sentence, default: 0] |= role == .russiaTarget ? 1 : 2
        }
        func sidedPerson(_ m: ResolvedMention) -> EntityRole? {
            guard m.candidates.count == 1, let e = m.entity, info[e].type == .person else { return nil }
            return side(e)
        }
        // Linear in the mentions (a hostile text can name "МИД" half a million times in one
        // sentence): the nearest sided person after each mention, by one backward sweep; the one
        // before, by the forward loop itself.
        var next = [(index: Int, role: EntityRole)?](repeating: nil, count: mentions.count)
        var following: (index: Int, role: EntityRole)? = nil
        for i in mentions.indices.reversed() {
            next[i] = following
            if let role = sidedPerson(mentions[i]) { following = (i, role) }
        }
        var previous: (index: Int, role: EntityRole)? = nil
        // The last named country, place or institution of one side ("police in Baku … the
        // Interior Ministry said"); not an adjective: "Russian citizens arrested in an Interior
        // Ministry operation" in Baku are the ones arrested, not the side that acts.
        var previousPlace: (sentence: Int, role: EntityRole)? = nil
        for i in mentions.indices {
            defer {
                if let role = sidedPerson(mentions[i]) { previous = (i, role) }
                if mentions[i].candidates.count == 1, let e = mentions[i].entity, info[e].type != .person,
                    mentions[i].form != .adjective, let role = side(e)
                {
                    previousPlace = (mentions[i].sentence, role)
                }
            }
            let m = mentions[i]
            guard m.candidates.count == 2, m.entity == nil || m.byPreference,
                let a = side(m.candidates[0]), let b = side(m.candidates[1]), a != b
            else { continue }
            var role: EntityRole? = nil
            // The foreign envoy's counterpart: the other side's ministry.
            switch envoys[m.sentence] {
            case 1: role = .azerbaijanTarget
            case 2: role = .russiaTarget
            default: break
            }
            // The name right before it, at most one word between.
            if role == nil, i > 0, mentions[i - 1].sentence == m.sentence, mentions[i - 1].candidates.count == 1,
                let e = mentions[i - 1].entity, info[e].type != .person,
                mentions[i - 1].endToken <= m.firstToken, m.firstToken - mentions[i - 1].endToken <= 1
            {
                role = side(e)
            }
            if role == nil {
                // A person in the same sentence, the nearer of the ones before and after; else the
                // last one of the previous sentence.
                let before = previous.flatMap { p in
                    mentions[p.index].sentence == m.sentence ? (m.firstToken - mentions[p.index].endToken, p.role) : nil
                }
                let after = next[i].flatMap { n in
                    mentions[n.index].sentence == m.sentence ? (mentions[n.index].firstToken - m.endToken, n.role) : nil
                }
                if let before, let after {
                    role = before.0 <= after.0 ? before.1 : after.1
                } else if let nearest = before ?? after {
                    role = nearest.1
                } else if let p = previous, mentions[p.index].sentence == m.sentence - 1 {
                    role = p.role
                } else if let p = previousPlace, p.sentence >= m.sentence - 1 {
                    role = p.role
                }
            }
            guard let role else { continue }
            mentions[i].entity = role == a ? m.candidates[0] : m.candidates[1]
            mentions[i].byPreference = false
        }
    }

    /// The distinct entity indices of a hit's targets, ascending (most hits name one entity,
    /// often through several aliases: no set is built for them).
    static func distinctEntities(_ targets: [MatchTarget]) -> [Int] {
        guard let first = targets.first else { return [] }
        if targets.allSatisfy({ $0.index == first.index }) { return [Int(first.index)] }
        return Array(Set(targets.map { Int($0.index) })).sorted()
    }

    /// Whether the word before a bare-surname hit is another person's first name: a capitalised
    /// word (not all capitals, not the sentence's first word, not in a headline) that is no
    /// entity, no title (`rule.title`) and not within two letters of a candidate's own first name
    /// (so that a spelling variant, `Ilkham` for `Ilham`, still counts as the figure).
    static func hasOtherFirstName(
        _ hit: Hit, targets: [MatchTarget], sentence: Sentence, hits: [Hit], text: SegmentedText,
        matcher: Matcher, lexicon: CompiledLexicon
    ) -> Bool {
        guard !sentence.isHeadline, targets.allSatisfy({ $0.form == .short || $0.form == .surname }) else {
            return false
        }
        let t = Int(hit.firstToken) - 1
        guard t > sentence.tokens.lowerBound else { return false }
        let token = text.tokens[t]
        // An initial before the surname ("Н.Алиев", "N. Aliyev") that starts none of the
        // candidates' first names: another person. (One that does made the mention a full name.)
        if let initial = initial(before: hit, sentence: sentence, text: text) {
            return !firstNames(distinctEntities(targets), lexicon: lexicon, startWith: initial.letter)
                && distinctEntities(targets).contains { lexicon.nameWordKeys[$0].contains { $0.words >= 2 } }
        }
        guard token.kind == .word else { return false }
        let shape = shape(of: token, in: text)
        guard shape == 1 else { return false }
        for other in hits where other.firstToken <= Int32(t) && Int32(t) < other.endToken {
            if other.layer == .entity { return false }
            if other.layer == .rule {
                for c in matcher.candidates(of: other) where matcher.accepts(c, other, sentence.language) {
                    if case .rule(.title) = lexicon.entryCategory[Int(c.index)] { return false }
                }
            }
        }
        let word = CompiledLexicon.nameKey(text.text(of: token))
        // Two letters apart is a spelling variant (Ilkham, Ilham) unless the word is a given name
        // of the pack's own: "Rashad" is not "Farhad" Mammadov.
        let fold = text.bytes.withUnsafeBufferPointer {
            MatchKeys.fold(UnsafeBufferPointer(rebasing: $0[token.byteRange]))
        }
        let given = lexicon.givenName(fold: fold, sentence.language) != nil
        for e in distinctEntities(targets) {
            for name in lexicon.nameWordKeys[e] where name.words >= 2 {
                let distance = editDistance(word, name.first, atMost: 2)
                if distance <= 1 || (distance == 2 && !given) { return false }
            }
        }
        return true
    }

    /// The initial written before a surname: "И.Алиев", "N. Aliyev", "В.В.Путин" (the first of
    /// two initials): a one-letter capitalised word with a full stop right after it. Returns its
    /// token and its letter's cross-script key (И → i).
    static func initial(before hit: Hit, sentence: Sentence, text: SegmentedText) -> (
        token: Int, letter: Unicode.Scalar
    )? {
        func initialAt(_ dot: Int) -> Int? {
            guard dot - 1 >= sentence.tokens.lowerBound else { return nil }
            let stop = text.tokens[dot]
            let letter = text.tokens[dot - 1]
            guard stop.kind == .punctuation, text.bytes[stop.byteRange].elementsEqual([0x2E]), letter.kind == .word,
                letter.end - letter.start == 1, letter.byteEnd == stop.byteStart
            else { return nil }
            let shape = shape(of: letter, in: text)
            return shape == 1 || shape == 2 ? dot - 1 : nil
        }
        guard var first = initialAt(Int(hit.firstToken) - 1) else { return nil }
        if let earlier = initialAt(first - 1) { first = earlier }
        guard let letter = CompiledLexicon.nameKey(text.text(of: text.tokens[first])).first else { return nil }
        return (first, letter)
    }

    /// The letter-case shape of a token (``LetterCase/shape(of:)``: 1 capitalised, 2 all capitals).
    static func shape(of token: Token, in text: SegmentedText) -> UInt8 {
        text.bytes.withUnsafeBufferPointer { LetterCase.shape(of: UnsafeBufferPointer(rebasing: $0[token.byteRange])) }
    }

    /// Whether one of `entities`' full names (two words or more) starts with `letter` (a cross-script key).
    static func firstNames(_ entities: [Int], lexicon: CompiledLexicon, startWith letter: Unicode.Scalar) -> Bool {
        entities.contains { e in lexicon.nameWordKeys[e].contains { $0.words >= 2 && $0.first.first == letter } }
    }

    /// Levenshtein distance, stopping early once it is over `limit` (returns `limit + 1`).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var best = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                best = min(best, current[j])
            }
            if best > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "Huseyn and Ziyaddin Safarov", "Зияддина и Гусейна Сафаровых", "Ziyəddin və Hüseyn
    /// Səfərov", "Akif, Ayaz, Kamal and Mazahir Safarov": people who share the surname after the
    /// last first name. When a full name is preceded by a coordinator ("and/и/və", a comma before
    /// it allowed) and a capitalised word that is (within two letters) the first name of another
    /// person with the same surname, that word names that person; so does each earlier word of
    /// the list, separated by commas. Returns each such word's token and person, right to left.
    static func coordinatedFirstNames(
        before hit: Hit, targets: [MatchTarget], sentence: Sentence, text: SegmentedText, lexicon: CompiledLexicon,
        matcher: Matcher
    ) -> [(token: Int, entity: Int)] {
        let t = Int(hit.firstToken)
        let lower = sentence.tokens.lowerBound
        guard t - 2 >= lower, hit.endToken - hit.firstToken >= 2, targets.contains(where: { $0.form == .name })
        else { return [] }
        func isComma(_ i: Int) -> Bool {
            text.tokens[i].kind == .punctuation && text.bytes[text.tokens[i].byteRange].elementsEqual([0x2C])
        }
        // The word between is one of the pack's `rule.coordinator` words, or a comma before a
        // plural surname (`plural_endings`: «Акиф, Аяз, Мазахир Сафаровы»). Checked first: most
        // names follow neither, and the surname set below hashes every name word.
        let coordinated = matcher.isClosedWord(t - 1, of: .coordinator, sentence.language, in: text)
        guard coordinated || isComma(t - 1) else { return [] }
        let persons = distinctEntities(targets).filter { lexicon.entityInfo[$0].type == .person }
        guard !persons.isEmpty else { return [] }
        // (An array: a mention has a person or two, and hashing their name words cost more
        // than comparing them.)
        var surnames: [[Unicode.Scalar]] = []
        for person in persons {
            for keys in lexicon.nameWordKeys[person] where !surnames.contains(keys.last) { surnames.append(keys.last) }
        }
        if !coordinated {
            guard let endings = lexicon.pluralNameEndings[sentence.language] else { return [] }
            let written = CompiledLexicon.nameKey(text.text(of: text.tokens[Int(hit.endToken) - 1]))
            let plural = surnames.contains { surname in
                written.count > surname.count && written.starts(with: surname)
                    && endings.contains { written.dropFirst(surname.count).starts(with: $0) }
            }
            guard plural else { return [] }
        }
        // The person whose first name token `i` is (capitalised, within two letters; Гусейна).
        func sibling(at i: Int) -> Int? {
            let first = text.tokens[i]
            guard first.kind == .word else { return nil }
            let shape = shape(of: first, in: text)
            guard shape == 1 else { return nil }
            let word = CompiledLexicon.nameKey(text.text(of: first))
            // The first person (in gazetteer order) with a two-word name of one of the surnames
            // whose first name is within two letters of the word.
            var best: Int? = nil
            for surname in surnames {
                for (other, name) in lexicon.twoWordNamesBySurname[surname] ?? []
                where best.map({ other < $0 }) ?? true && !persons.contains(other) {
                    if word.first == name.first && editDistance(word, name, atMost: 2) <= 2 {
                        best = other
                        break
                    }
                }
            }
            return best
        }
        var found: [(token: Int, entity: Int)] = []
        // "Kamal and", "Kamal, and" (serial comma).
        var i = t - 2
        if i > lower && isComma(i) { i -= 1 }
        while i >= lower, let other = sibling(at: i), !found.contains(where: { $0.entity == other }) {
            found.append((i, other))
            // The list goes on leftwards: "Ayaz, Kamal".
            guard i - 2 >= lower, isComma(i - 1) else { break }
            i -= 2
        }
        return found
    }
}
