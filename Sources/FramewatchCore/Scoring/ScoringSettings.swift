/// Every number the scoring rules use, in one place. The defaults below are what the code falls
/// back to; a pack's manifest (`[rules]`, `[document]`, `[sentiment]`) overrides them, and that is
/// where a researcher tunes them.
public struct ScoringSettings: Sendable, Hashable, Codable {
    // MARK: Negation
    /// How many word tokens after a negator it reaches (it also stops at a clause boundary).
    /// Four covers "not *really* interested in", "не стала бы вмешиваться".
    public var negationScope = 4
    /// Azerbaijani (and other verb-final) negation follows the cue: "müdaxilə etməyib". How many
    /// word tokens *before* a postposed negator (`deyil`, a `-ma/-mə` verb) it reaches.
    public var negationScopeBefore = 3
    /// A negated framing cue keeps this fraction of its weight on its own pole (0: cancelled).
    public var negatedFrameKeep = 0.0
    /// …and moves this fraction to the opposite pole: "has not interfered" leans conciliatory,
    /// but much more weakly than "respects sovereignty" would.
    public var negatedFrameFlip = 0.3
    /// A negated sentiment word is multiplied by this (VADER's −0.74 is for reviews; news
    /// negation is often litotes, "not unreasonable", so it flips less).
    public var negatedSentimentFactor = -0.5

    // MARK: Gaps
    /// How many words the gap of a gapped entry (`cancel* ~ visit`) may skip: 0 to this many,
    /// words and numbers only (punctuation ends it). Three covers "cancelled *his planned* visit",
    /// "ударила *дронами* по нефтебазе" without joining the halves of a long sentence.
    public var gapWords = 3

    // MARK: Intensity
    /// How many word tokens after a booster or dampener it reaches.
    public var intensityScope = 3

    // MARK: Hedges, questions, contrast
    /// The largest total reduction hedges can make in one sentence.
    public var hedgeMaximum = 0.7
    /// A question reports a possibility, not a claim.
    public var questionFactor = 0.6
    /// Weight of cues before a contrast conjunction in the same sentence ("X, but Y").
    public var contrastBefore = 0.6
    /// Weight of cues after it.
    public var contrastAfter = 1.3

    // MARK: Attribution
    /// Cues in quoted voice still frame the article (the author chose the quote), slightly less.
    public var quotedFactor = 0.85
    /// Cues in a sentence whose speaker denies them ("dismissed these claims as ridiculous").
    public var deniedFactor = 0.35

    // MARK: Target awareness
    /// Cue weight when a Russia target is in the same sentence.
    public var targetInSentence = 1.0
    /// …when the nearest Russia target is elsewhere in the paragraph (or the previous sentence, or
    /// the headline).
    public var targetInParagraph = 0.75
    /// …when the paragraph names no Russia target at all.
    public var targetNone = 0.4

    // MARK: Aggregation
    /// A sentence's pole strength is s / (s + saturation): one strong cue ≈ 0.5, several ≈ 0.8.
    public var sentenceSaturation = 2.0
    /// Weight of headline sentences in the document score.
    public var headlineWeight = 2.0
    /// Weight of the lead (first paragraph after the headline).
    public var leadWeight = 1.5
    /// A sentence gets a frame label when its stronger pole's raw weight reaches this.
    public var sentenceThreshold = 0.6
    /// …and the stronger pole is at least this many times the weaker.
    public var sentenceDominance = 1.5
    /// A document gets a frame label when a pole's score (0…1) reaches this.
    public var documentThreshold = 0.08
    /// Weight, in the document's frame mean, of a sentence whose stronger pole is below
    /// ``sentenceThreshold`` (background: numbers, history, procedure), relative to a framed one.
    public var neutralSentenceWeight = 1.0
    /// Weight, in the document's frame mean, of a sentence in a recap (from a sentence that opens
    /// with a `rule.background` formula to the end of its paragraph), relative to the news; 1 = off.
    public var backgroundWeight = 1.0
    /// A document is `mixed` when both poles reach the threshold and the weaker is at least this
    /// fraction of the stronger.
    public var mixedRatio = 0.6
    /// …and the weaker pole's score is at least this: `mixed` means both poles are strong, not
    /// that a strong pole met a passing mention of the other.
    public var mixedMinimum = 0.2

    // MARK: Sentiment
    /// Normalisation of a sentence's summed sentiment into [-1, 1]: x / sqrt(x² + alpha).
    public var sentimentAlpha = 15.0
    /// Tone (and tone toward Russia) above this is positive, below its negative is negative.
    public var toneThreshold = 0.08
    /// The document's `tone_russia` label follows its frame (1 = on, 0 = off): frame and tone
    /// toward Russia usually agree, and `anti_russian`/+1 and `conciliatory`/−1 do not occur
    /// (Corpora/README.md, `tone_russia`). On: an `anti_russian` document is −1 unless Russia's
    /// tone is above ``toneThreshold`` (then 0), a `conciliatory` one +1 when Russia's tone is
    /// above zero (else 0), a `neutral` and a `mixed` one (both poles strong: balanced) 0. Off: every
    /// label by ``toneThreshold`` alone.
    public var frameGatesTone = 1
    /// With the gate on: an `anti_russian` document whose anti-Russian cue weight is more than
    /// this share denied ("dismissed the accusations as absurd") is 0 toward Russia — the codebook's
    /// quoted denial puts the accusation on the agenda without evaluating Russia. 1 = off.
    public var deniedToneShare = 1.0
    /// With the gate on: a `conciliatory` document whose conciliatory cue weight is more than this
    /// share hedged ("ties may thaw next year") is 0 toward Russia — a forecast of a thaw credits
    /// Russia with nothing yet. (Hedged anti-Russian forecasts stay −1: "Moscow may tighten the
    /// screws" still casts Russia as coercive.) 1 = off.
    public var hedgedToneShare = 1.0
    /// With the gate on: an `anti_russian` document whose anti-Russian sub-frame scores are at
    /// least this share in the manifest's `[neutral_tone] subframes` is 0 toward Russia: a measure
    /// Baku takes (a ban, a closure, a cancelled visit) frames the relationship as a dispute
    /// without a hostile word about Russia (codebook rule 7: "a snub that blames nobody is
    /// `anti_russian` with tone 0"). 1 with no such sub-frames: off.
    public var neutralToneShare = 1.0
    /// How much a sentence's frame polarity adds to the tone toward the targets it names.
    public var frameToneWeight = 0.5
    /// How much of a sentence's summed tone counts toward a frame pole when a Russia target is
    /// in the sentence: negative tone about Russia leans anti-Russian, positive leans conciliatory.
    public var sentimentFrameWeight = 0.0
    /// Anti-Russian cues in a sentence attributed to a Russian speaker (a `russia_target` person
    /// or organisation) that names Azerbaijan and denies nothing are multiplied by this: Moscow's
    /// complaints about Baku, admissions and reassurances are not the text casting Russia as
    /// hostile. 1 = off.
    public var russianSpeakerFactor = 1.0
    /// Cues of the manifest's `[injured_party] subframes` in a sentence that names Russian
    /// nationals (`rule.russian_nationals`) and no Azerbaijani ones (`rule.azerbaijani_nationals`)
    /// are multiplied by this, and so is such a sentence's negative tone toward Russia: Russians
    /// detained, tried or beaten in Azerbaijan are Russia as the injured party (codebook rule 8),
    /// not Russia cast as hostile. 1 = off.
    public var russianVictimsFactor = 1.0
    /// Cues of the manifest's `[charge] subframes` in the scope of a legal charge (`rule.charge`:
    /// "обвиняемых в убийстве", "charged with murder", "qətldə şübhəli bilinərək") are multiplied
    /// by this: the offence a defendant is charged with is not Russian conduct. 1 = off.
    public var chargeFactor = 1.0
    /// How many words from a legal charge its offence may stand, on either side: six covers
    /// coordinated offences ("виновными в убийстве и покушении на убийство", "bir neçə qətldə və adam
    /// öldürməyə cəhddə şübhəli bilinərək").
    public var chargeScope = 6
    /// How many words from a demand (`rule.demand`) what is demanded may stand, on either side:
    /// coordinated demands ("demanded that Russia apologise and pay compensation": five).
    public var demandScope = 6
    /// Cues of the manifest's `[accumulation] subframes` count ×(1 + this × (n − 1)), at most
    /// ×``accumulationMaximum``, where n is the number of the text's sentences that carry such a
    /// cue: one flat mention of talks or trade stays a fact, a text built on them frames the
    /// relationship as working. 0 = off.
    public var accumulationPerSentence = 0.0
    /// The accumulation factor's cap.
    public var accumulationMaximum = 1.0
    /// Whether a sentence that names a third party (an organisation or place of neither side and
    /// no venue: "talks with Iran", "trade with China") counts toward accumulation: 1 yes; 0 only
    /// when it also names a Russia target and an Azerbaijan target (the contact is another
    /// relationship's, not a sign that Moscow and Baku's is working).
    public var accumulationWithThirdParty = 1

    public init() {}

    /// The manifest keys, their sections and where they go.
    nonisolated(unsafe) static let keys:
        [(
            section: String, key: String, path: WritableKeyPath<ScoringSettings, Double>?,
            intPath: WritableKeyPath<ScoringSettings, Int>?, range: ClosedRange<Double>
        )] = [
            ("rules", "negation_scope", nil, \.negationScope, 0...20),
            ("rules", "negation_scope_before", nil, \.negationScopeBefore, 0...20),
            ("rules", "negated_frame_keep", \.negatedFrameKeep, nil, -1...1),
            ("rules", "negated_frame_flip", \.negatedFrameFlip, nil, 0...1),
            ("rules", "negated_sentiment_factor", \.negatedSentimentFactor, nil, -2...1),
            ("rules", "intensity_scope", nil, \.intensityScope, 0...10),
            ("rules", "gap_words", nil, \.gapWords, 0...10),
            ("rules", "hedge_maximum", \.hedgeMaximum, nil, 0...1),
            ("rules", "question_factor", \.questionFactor, nil, 0...2),
            ("rules", "contrast_before", \.contrastBefore, nil, 0...2),
            ("rules", "contrast_after", \.contrastAfter, nil, 0...3),
            ("rules", "quoted_factor", \.quotedFactor, nil, 0...2),
            ("rules", "denied_factor", \.deniedFactor, nil, 0...2),
            ("rules", "russian_speaker_factor", \.russianSpeakerFactor, nil, 0...1),
            ("rules", "russian_victims_factor", \.russianVictimsFactor, nil, 0...1),
            ("rules", "charge_factor", \.chargeFactor, nil, 0...1),
            ("rules", "charge_scope", nil, \.chargeScope, 0...20),
            ("rules", "demand_scope", nil, \.demandScope, 0...20),
            ("rules", "target_in_sentence", \.targetInSentence, nil, 0...2),
            ("rules", "target_in_paragraph", \.targetInParagraph, nil, 0...2),
            ("rules", "target_none", \.targetNone, nil, 0...2),
            ("accumulation", "per_sentence", \.accumulationPerSentence, nil, 0...100),
            ("accumulation", "maximum", \.accumulationMaximum, nil, 1...100),
            ("accumulation", "with_third_party", nil, \.accumulationWithThirdParty, 0...1),
            ("document", "sentence_saturation", \.sentenceSaturation, nil, 0.01...100),
            ("document", "headline_weight", \.headlineWeight, nil, 0...10),
            ("document", "lead_weight", \.leadWeight, nil, 0...10),
            ("document", "sentence_threshold", \.sentenceThreshold, nil, 0...100),
            ("document", "sentence_dominance", \.sentenceDominance, nil, 1...100),
            ("document", "document_threshold", \.documentThreshold, nil, 0...1),
            ("document", "mixed_ratio", \.mixedRatio, nil, 0...1),
            ("document", "neutral_sentence_weight", \.neutralSentenceWeight, nil, 0...1),
            ("document", "background_weight", \.backgroundWeight, nil, 0...1),
            ("document", "mixed_minimum", \.mixedMinimum, nil, 0...1),
            ("sentiment", "alpha", \.sentimentAlpha, nil, 0.01...1000),
            ("sentiment", "tone_threshold", \.toneThreshold, nil, 0...1),
            ("sentiment", "frame_gates_tone", nil, \.frameGatesTone, 0...1),
            ("sentiment", "denied_tone_share", \.deniedToneShare, nil, 0...1),
            ("sentiment", "hedged_tone_share", \.hedgedToneShare, nil, 0...1),
            ("neutral_tone", "share", \.neutralToneShare, nil, 0...1),
            ("sentiment", "frame_tone_weight", \.frameToneWeight, nil, 0...2),
            ("sentiment", "sentiment_frame_weight", \.sentimentFrameWeight, nil, 0...2),
        ]
}
