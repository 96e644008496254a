/// A language Framewatch scores: English, Russian or Azerbaijani (Latin script).
public enum Language: String, Codable, Sendable, CaseIterable, Comparable {
    case en, ru, az

    /// The ICU locale used for this language's break iterators.
    var icuLocale: String { rawValue }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
