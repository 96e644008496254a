import Synchronization

/// The modifiers of a weighted cue (`negated`, `boosted`, …): which rules changed its weight.
///
/// A bit set rather than an array of strings: the scorer adds them per cue on the hot path. The
/// rules run in one fixed order (negation, intensity, hedge, contrast, question, attribution,
/// denial, irony, Russian speaker, Russian victims, target), each adds at most one modifier, so the report's list is the set read back in
/// that order: ``names`` gives exactly what appending strings rule by rule gave.
struct CueModifiers: OptionSet, Hashable {
    let rawValue: UInt16

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
    static let targetInContext = CueModifiers(rawValue: 1 << 12)
    static let noTarget = CueModifiers(rawValue: 1 << 13)

    /// The report's names, in the order the rules run (bit order).
    static let order: [String] = [
        "negated", "boosted", "damped", "hedged", "before_contrast", "after_contrast", "question", "quoted",
        "denied", "ironic", "russian_speaker", "russian_victims", "target_in_context", "no_target",
    ]

    /// The names of each combination met so far, built once, so that the reports share these
    /// arrays instead of building one per evidence item. Filled on demand: a text meets a few
    /// dozen of the 2^14 combinations, and building them all cost more than scoring a short text.
    private static let namesByBits = Mutex<[UInt16: [String]]>([:])

    /// The modifiers as the report lists them.
    var names: [String] {
        if rawValue == 0 { return [] }
        let bits = rawValue
        return Self.namesByBits.withLock { table in
            if let known = table[bits] { return known }
            let built = Self.order.indices.filter { bits & (1 << $0) != 0 }.map { Self.order[$0] }
            table[bits] = built
            return built
        }
    }
}
