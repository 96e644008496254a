/// The modifiers of a weighted cue (`negated`, `boosted`, …): which rules changed its weight.
///
/// A bit set rather than an array of strings: the scorer adds them per cue on the hot path. The
/// rules run in one fixed order (negation, intensity, hedge, contrast, question, attribution,
/// denial, irony, Russian speaker, Russian victims, accumulation, target), each adds at most one modifier, so the report's list is the set read back in
/// that order: ``names`` gives exactly what appending strings rule by rule gave.
struct CueModifiers: OptionSet, Hashable {
    let rawValue: UInt32

    static let negated = CueModifiers(rawValue: 1 << 0)
    static let boosted = CueModifiers(rawValue: 1 << 1)
    static let damped = CueModifiers(rawValue: 1 << 2)
    static let hedged = CueModifiers(rawValue: 1 << 3)
    static let beforeContrast = CueModifiers(rawValue: 1 << 4)
    static let afterContrast = CueModifiers(rawValue: 1 << 5)
    static let question = CueModifiers(rawValue: 1 << 6)
    static let quoted = CueModifiers(rawValue: 1 << 7)
    static let denied = CueModifiers(rawValue: 1 << 8)
    static let ironic = CueModifiers(rawValue: 1 << 9)
    static let russianSpeaker = CueModifiers(rawValue: 1 << 10)
    static let russianVictims = CueModifiers(rawValue: 1 << 11)
    static let accumulated = CueModifiers(rawValue: 1 << 12)
    static let targetInContext = CueModifiers(rawValue: 1 << 13)
    static let noTarget = CueModifiers(rawValue: 1 << 14)
    static let charged = CueModifiers(rawValue: 1 << 15)
    static let demanded = CueModifiers(rawValue: 1 << 16)

    /// The report's names, in the order the rules run (bit order).
    static let order: [String] = [
        "negated", "boosted", "damped", "hedged", "before_contrast", "after_contrast", "question", "quoted",
        "denied", "ironic", "russian_speaker", "russian_victims", "accumulated", "target_in_context", "no_target",
        "charged", "demanded",
    ]

    /// The modifiers as the report lists them (built afresh; reports read them through a
    /// worker's ``ModifierNames`` cache).
    var names: [String] { Self.order.indices.filter { rawValue & (1 << $0) != 0 }.map { Self.order[$0] } }
}

/// Each modifier combination's list of names, built when a worker first meets it, so that the
/// reports it writes share these arrays instead of building one per evidence item. One per
/// analyzer (its scratch), never shared between threads: a text meets a few dozen of the 2^17
/// combinations, and building them all up front cost more than scoring a short text.
final class ModifierNames {
    private var table: [UInt32: [String]] = [:]

    func names(_ modifiers: CueModifiers) -> [String] {
        if modifiers.rawValue == 0 { return [] }
        if let known = table[modifiers.rawValue] { return known }
        let built = modifiers.names
        table[modifiers.rawValue] = built
        return built
    }
}
