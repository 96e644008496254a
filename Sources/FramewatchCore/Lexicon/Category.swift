/// The two framing poles.
public enum Pole: String, Codable, Sendable, CaseIterable {
    /// Hostile framing of Russia: accusations, interference, espionage, coercion, grievances.
    case antiRussian = "anti_russian"
    /// Cooperative framing: partnership, dialogue, compromise, interdependence, reassurance.
    case conciliatory

    /// The other pole.
    public var opposite: Pole { self == .antiRussian ? .conciliatory : .antiRussian }
}

/// A rule word list: words that change the weight of the cues around them.
public enum RuleWord: String, Codable, Sendable, CaseIterable {
    /// Reverses or cancels what follows in its scope (`not`, `не`, `deyil`, `*məyib`).
    case negator
    /// Strengthens the next cue (`very`, `крайне`, `çox`); weight = fraction added.
    case booster
    /// Weakens the next cue (`slightly`, `несколько`, `bir qədər`); weight = fraction removed.
    case dampener
    /// Makes the sentence's claims uncertain (`may`, `вряд ли`, `ehtimal`); weight = fraction removed.
    case hedge
    /// What follows outweighs what precedes (`but`, `однако`, `lakin`).
    case contrast
    /// Introduces someone else's words (`said`, `заявил`, `bildirib`).
    case reporting
    /// An impersonal passive reporting verb (`bildirilir`, `deyilib`, `qeyd olunur`: "it is
    /// reported", "it was said"): the words are someone else's, but no name before the verb
    /// speaks — a name in the reported clause ("…Rusiyanın FTX-nin əməkdaşları olduğu
    /// bildirilir") is talked about. Its source speaks only as the agent right after it, or, in
    /// Azerbaijani, in the ablative right before it ("XİN-dən bildirilib": "the ministry said").
    case passiveReporting = "passive_reporting"
    /// The speaker rejects what is reported (`denied`, `опроверг`, `təkzib etdi`).
    case denial
    /// A title before a name (`President`, `Minister`, `Mr`, `посол`, `nazir*`): a capitalised
    /// word before a bare surname is otherwise read as another person's first name.
    case title
    /// A fixed phrase that contains a rule word but is not one (`but also`, `а также`): matched,
    /// so that the longest match keeps its words from being read as that rule word, and does
    /// nothing else (weight unused, write 1).
    case inert
    /// Russian people as a group (`Russian citizens`, `россиян*`, `Rusiya vətəndaşları`): a
    /// mistreatment cue in a sentence that names them, and no `azerbaijani_nationals`, has
    /// Russians as its victims: Russia as the injured party (codebook rule 8), not as hostile.
    /// Matched (multiword and wildcards allowed); weight unused, write 1.
    case russianNationals = "russian_nationals"
    /// Azerbaijani people as a group (`Azerbaijanis`, `азербайджанц*`, `soydaş*`): their presence
    /// keeps mistreatment cues as they are ("Russian citizens of Azerbaijani origin were beaten").
    /// Matched; weight unused, write 1.
    case azerbaijaniNationals = "azerbaijani_nationals"
    // Closed word lists the attribution rules read (each entry one word; weight unused, write 1).
    // They are not matched as cues: they only answer "is the word before this name one of …".
    /// A singular personal pronoun next to a reporting verb continues the previous sentence's
    /// speaker (`he`, `она`, `onun`: "She added", "По ее словам").
    case pronoun
    /// A word that refers back to an organisation next to a reporting verb continues the
    /// organisation that spoke in the sentence before (`ministry`, `company`, `там`, `qurum`: "The
    /// ministry said", «Там заявили», "Qurum bildirib"), as a pronoun continues a person.
    case orgAnaphor = "org_anaphor"
    /// A preposition of place: a name after it says where, not who (`in`, `в`, `из`: "the
    /// embassy in Moscow said" — Moscow is not the speaker).
    case placePreposition = "place_preposition"
    /// A preposition whose object is not the speaker of the verb before it (`with`, `на`, `про`:
    /// "настаивает на связях с ФСБ"). Not the passive's agent (`by`).
    case objectPreposition = "object_preposition"
    /// A preposition that makes a place before a reporting verb an impersonal source (Russian
    /// `в`, `во`: "В Кремле заявили" — the Kremlin speaks).
    case impersonal
    /// A conjunction between two first names sharing a surname (`and`, `и`, `və`: "Huseyn and
    /// Ziyaddin Safarov" names two people), or between two cues that share a negator (`or`, `или`,
    /// `ya`: "did not pressure or threaten").
    case coordinator
    /// An auxiliary that makes the reporting verb after it passive (`was`, `been`: "Mammadyarov
    /// was accused of spying"): the name before the verb is the one talked about, not the speaker;
    /// a name after the verb ("by Zakharova") is.
    case passiveAuxiliary = "passive_auxiliary"
    /// A conjunction that opens a reported clause after a comma (`что`, `ki`): a denial reaches the
    /// clause it opens ("Песков опроверг сообщения о том, что Россия не выплатила компенсации",
    /// "Peskov təkzib edib ki, …"), as it reaches its own.
    case complementizer
    /// An envoy (`ambassador`, `посол`, `səfir`, each case form listed): an envoy of one side
    /// named in a sentence makes a shared ministry there ("Foreign Ministry", "XİN") the other
    /// side's — the host summons, receives or hands a note to the foreign envoy ("Rusiyanın
    /// səfiri XİN-ə çağırılıb", "the Foreign Ministry summoned the Russian ambassador").
    case envoy
    /// A recap formula that opens a sentence (`Recall that`, `Напомним`, `Как сообщалось ранее`,
    /// `Xatırladaq ki`, `Qeyd edək ki`): what follows, to the end of its paragraph, is the
    /// article's background, not its news, and weighs ×`background_weight` in the document's
    /// frame. Only at a sentence's first word, never in the headline or the lead. Matched
    /// (multiword allowed); weight unused, write 1.
    case background
    /// A formula that opens a sentence and points back at the sentence before as the words of
    /// this sentence's speaker (`Об этом заявил …`, `Bu barədə … bildirib`, `This was stated by
    /// …`): wire copy states the news first and names its source after it. When this sentence
    /// has a speaker and the one before has none, the one before is that speaker's (quoted
    /// voice). Only among a sentence's first five words («Как передает Report, об этом заявила
    /// …»), outside quotations, never pointing at the headline. Matched (multiword allowed);
    /// weight unused, write 1.
    case backreference
    /// A legal charge (`charged with`, `обвиняем*`, `по делу об`, `şübhəli bilin*`): the offence it
    /// names in its clause — after it or before it (Azerbaijani: "qətldə şübhəli bilinərək")
    /// within `charge_scope` words, with no reporting verb between — is what someone is
    /// charged with, not conduct the text ascribes to Russia. Cues of the manifest's `[charge]
    /// subframes` there count ×`charge_factor`, and the tone words there do not lean the frame.
    /// Matched (multiword and wildcards allowed); weight unused, write 1.
    case charge
    /// A demand (`demanded`, `потребовал`, `tələb edib`): a cue of the manifest's `[demand]
    /// subframes` in its clause — after it or before it (Azerbaijani: "üzr istəməyi tələb edib")
    /// within `demand_scope` words — is what is demanded,
    /// not what was done: "Baku demanded that Moscow apologise" is a grievance, its whole weight
    /// on the anti-Russian pole. Matched (multiword and wildcards allowed); weight unused, write 1.
    case demand
    /// A definite article (`the`), which may stand between a place preposition and a place ("in
    /// the South Caucasus", "in the Baltic states"): the place is still only the scene. Closed
    /// list; languages without articles leave it empty.
    case article
    /// A postposition "with" after a name (Azerbaijani `ilə`: "FTX ilə əlaqəsini rədd edib",
    /// denied ties with the FSB): the name is the company, never the speaker, as a name in the
    /// comitative case is (manifest `comitative_endings`). Closed list.
    case comitative
    /// A given name (`Sergey`, `Сергей`, `Cəlil`): a capitalised given name followed by a
    /// capitalised word names a person the gazetteer does not list ("Sergiy Kyun", "Cəlil
    /// Rəfiyev"), reported as an unlisted person (``UnlistedPersons``); later bare uses of the
    /// surname are that person too. Closed list, one word. Weight: 1 masculine, 2 feminine, 3
    /// either (Russian surnames take their nominative by it: «Марии Бараковой» → Баракова).
    /// Russian entries are nominatives; their case forms (Игоря, Марии) are derived.
    case givenName = "given_name"
    /// A capitalised word that, after a given name, makes a place or an institution rather than
    /// a person (`Street`, `University`, `Airport`: "Nizami Street"). Closed list.
    case notSurname = "not_surname"

    /// Whether the word still acts when it lies inside a framing cue, which otherwise owns its
    /// words: a reporting verb that is also a cue ("accused") still names who speaks, and nationals
    /// inside a cue ("задержания азербайджанцев") still say who the victims are.
    public var actsInsideCues: Bool {
        switch self {
        case .reporting, .passiveReporting, .russianNationals, .azerbaijaniNationals, .charge, .demand:
            return true
        default: return false
        }
    }

    /// Whether the list is a closed word list read by the attribution rules rather than matched.
    public var isClosedWordList: Bool { closedListIndex != nil }

    /// The closed word lists, numbered for array look-ups (nil for a matched list).
    var closedListIndex: Int? {
        switch self {
        case .pronoun: return 0
        case .placePreposition: return 1
        case .objectPreposition: return 2
        case .impersonal: return 3
        case .coordinator: return 4
        case .passiveAuxiliary: return 5
        case .complementizer: return 6
        case .envoy: return 7
        case .orgAnaphor: return 8
        case .article: return 9
        case .comitative: return 10
        case .givenName: return 11
        case .notSurname: return 12
        default: return nil
        }
    }
    /// How many closed word lists there are (``closedListIndex`` is below this).
    static let closedListCount = 13
}

/// What a lexicon entry means.
public enum Category: Hashable, Sendable, CustomStringConvertible {
    /// A framing cue for `pole`, in sub-frame `subframe` (`anti_russian.espionage`).
    case frame(Pole, subframe: String)
    /// General tone, weight −4…+4.
    case sentiment
    /// A rule word.
    case rule(RuleWord)

    /// Parses `anti_russian.espionage`, `sentiment`, `rule.negator`.
    public init?(_ text: String) {
        if text == "sentiment" {
            self = .sentiment
            return
        }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        if parts[0] == "rule" {
            guard let word = RuleWord(rawValue: parts[1]) else { return nil }
            self = .rule(word)
        } else if let pole = Pole(rawValue: parts[0]) {
            self = .frame(pole, subframe: parts[1])
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .frame(let pole, let subframe): return "\(pole.rawValue).\(subframe)"
        case .sentiment: return "sentiment"
        case .rule(let word): return "rule.\(word.rawValue)"
        }
    }
}
