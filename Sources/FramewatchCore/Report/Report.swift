import FramewatchText

/// The result of scoring one document: the JSON contract of `framewatch score --json` and of
/// each `framewatch batch` line (see `docs/REPORT.md`). Field names are stable snake_case.
public struct Report: Sendable, Codable, Hashable {
    /// Echoed from the input.
    public var id: String?
    public var outlet: String?
    public var published: String?
    public var url: String?
    /// The document's main language.
    public var lang: Language
    public var lexicon: LexiconPack.Identity
    /// `framewatch 0.1.0`.
    public var engine: String
    public var frame: Frame
    public var sentiment: Sentiment
    public var targets: [Target]
    /// Tone toward Russia as a label: −1 (unfavourable), 0 (none or balanced), 1 (favourable),
    /// the codebook's `tone_russia` (Corpora/README.md). From Russia's target tone, gated by the
    /// frame when the manifest's `frame_gates_tone` is on (see ``ScoringSettings/frameGatesTone``).
    /// Nil only in a report decoded from JSON written before the field existed.
    public var toneRussia: Int?
    public var entities: [EntityReport]
    /// Short forms shared by several entities that no earlier full name resolved.
    public var ambiguous: [AmbiguousMention]
    public var sentences: [SentenceReport]
    /// Counts that help read the scores.
    public var stats: Stats

    enum CodingKeys: String, CodingKey {
        case id, outlet, published, url, lang, lexicon, engine, frame, sentiment, targets, entities, ambiguous
        case sentences, stats
        case toneRussia = "tone_russia"
    }

    public struct Frame: Sendable, Codable, Hashable {
        /// `anti_russian`, `conciliatory`, `mixed` or `neutral`.
        public var label: FrameLabel
        /// Pole scores in [0, 1], keyed `anti_russian`, `conciliatory`.
        public var scores: [String: Double]
        /// Sub-frame scores in [0, 1], keyed `anti_russian.espionage`…; only those present.
        public var subframes: [String: Double]
    }

    public struct Sentiment: Sendable, Codable, Hashable {
        /// Overall tone in [-1, 1].
        public var score: Double
        /// Shares of positive and negative weight, in [0, 1].
        public var positive: Double
        public var negative: Double
    }

    public struct Target: Sendable, Codable, Hashable {
        /// `russia` or `azerbaijan` (every entity with that role counts toward it).
        public var entity: String
        /// Tone toward it in [-1, 1]: the sentiment of the sentences naming it, plus the frame
        /// polarity of the cues attributed to it. For Russia, the negative sentiment of a
        /// sentence said by a Russian speaker about Azerbaijan counts ×`russian_speaker_factor`, and
        /// that of a sentence whose victims are Russian nationals ×`russian_victims_factor`.
        public var tone: Double
        public var mentions: Int
    }

    public struct EntityReport: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var type: EntityType
        public var flagged: Bool
        public var flagReason: String?
        /// Mean tone of the sentences that mention it.
        public var tone: Double
        public var accusations: [Span]
        /// Accusations the figure rejects or answers (as speaker, or right after being accused).
        public var denials: [Span]
        public var mentions: [Mention]
        /// False for a person the gazetteer does not list, found by a given name and a surname
        /// ("Sergiy Kyun": id `sergiy_kyun`, the romanised name); absent (nil) for gazetteer entities.
        public var listed: Bool?

        public init(
            id: String, name: String, type: EntityType, flagged: Bool, flagReason: String?, tone: Double,
            accusations: [Span], denials: [Span], mentions: [Mention], listed: Bool? = nil
        ) {
            self.id = id
            self.name = name
            self.type = type
            self.flagged = flagged
            self.flagReason = flagReason
            self.tone = tone
            self.accusations = accusations
            self.denials = denials
            self.mentions = mentions
            self.listed = listed
        }

        enum CodingKeys: String, CodingKey {
            case id, name, type, flagged, tone, accusations, denials, mentions, listed
            case flagReason = "flag_reason"
        }
    }

    /// A piece of text with its place: offsets in Unicode scalars, end exclusive.
    public struct Span: Sendable, Codable, Hashable {
        public var subframe: String?
        public var start: Int
        public var end: Int
        public var text: String
    }

    public struct Mention: Sendable, Codable, Hashable {
        public var start: Int
        public var end: Int
        public var startByte: Int
        public var endByte: Int
        public var text: String
        /// `name` or `adjective`.
        public var form: String

        enum CodingKeys: String, CodingKey {
            case start, end, text, form
            case startByte = "start_byte"
            case endByte = "end_byte"
        }
    }

    public struct AmbiguousMention: Sendable, Codable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var candidates: [String]
        /// The gazetteer's preferred candidate, when one settled it.
        public var resolved: String?
    }

    public struct SentenceReport: Sendable, Codable, Hashable {
        public var start: Int
        public var end: Int
        public var lang: Language
        public var frame: FrameLabel
        /// Raw pole weights after the rules.
        public var scores: [String: Double]
        public var sentiment: Double
        /// `author` or `quoted`.
        public var voice: String
        /// The entity id of the speaker, when known.
        public var speaker: String?
        public var evidence: [Evidence]
        /// `true` for a line of site furniture ("Read also: …", "Tags: …", "Advertisement"): not
        /// scored and not weighed in the document; absent otherwise.
        public var boilerplate: Bool? = nil
        /// `true` for a sentence of a recap (a paragraph's sentences from one that opens with a
        /// background formula such as "Recall that", «Напомним», "Xatırladaq ki"): weighed
        /// ×`background_weight` in the document's frame; absent otherwise.
        public var background: Bool? = nil
    }

    public struct Evidence: Sendable, Codable, Hashable {
        public var start: Int
        public var end: Int
        public var startByte: Int
        public var endByte: Int
        public var text: String
        /// `anti_russian.espionage`, `conciliatory.compromise` or `sentiment`.
        public var category: String
        /// The weight after every rule (for frame cues, what counts toward the pole).
        public var weight: Double
        /// The lexicon's weight.
        public var baseWeight: Double
        /// `russia` when a Russia target is in scope.
        public var target: String?
        /// `negated`, `hedged`, `boosted`, `damped`, `after_contrast`, `before_contrast`,
        /// `question`, `quoted`, `denied`, `ironic`, `russian_speaker`, `russian_victims`, `charged`, `demanded`,
        /// `accumulated`, `target_in_context`, `no_target`.
        public var modifiers: [String]
        /// Whether a rule weakened the cue or turned it against its own pole (`negated`, `hedged`,
        /// `denied`, `ironic`, `charged`, `demanded`): the terminal and HTML reports draw it so.
        public var isWeakened: Bool { modifiers.contains { Self.weakening.contains($0) } }
        /// The weakening modifiers in the order the report legends name them (one list: the
        /// terminal and HTML legends are written from it, so a new modifier reaches both).
        public static let weakeningModifiers = ["negated", "hedged", "denied", "ironic", "charged", "demanded"]
        static let weakening = Set(weakeningModifiers)
        /// The lexicon entry that matched (`file:line`).
        public var source: String
        /// With `--explain`: each rule that changed the weight.
        public var trace: [TraceStep]?

        enum CodingKeys: String, CodingKey {
            case start, end, text, category, weight, target, modifiers, source, trace
            case startByte = "start_byte"
            case endByte = "end_byte"
            case baseWeight = "base_weight"
        }
    }

    /// One rule's effect on a cue's weight.
    public struct TraceStep: Sendable, Codable, Hashable {
        public var rule: String
        public var factor: Double
        public var reason: String
    }

    public struct Stats: Sendable, Codable, Hashable {
        public var characters: Int
        public var bytes: Int
        public var tokens: Int
        public var sentences: Int
        public var validUTF8: Bool

        enum CodingKeys: String, CodingKey {
            case characters, bytes, tokens, sentences
            case validUTF8 = "valid_utf8"
        }
    }
}

/// A frame label for a document or sentence.
public enum FrameLabel: String, Sendable, Codable, Hashable, CaseIterable {
    case antiRussian = "anti_russian"
    case conciliatory
    case mixed
    case neutral
}
