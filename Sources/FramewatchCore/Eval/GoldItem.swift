/// One hand-coded item of a gold file (`Corpora/README.md` describes the format):
/// `{"id","lang","text","frame","tone_russia","entities":[{"surface","canonical","type","form"?}]}`.
public struct GoldItem: Sendable, Codable, Hashable {
    public struct Entity: Sendable, Codable, Hashable {
        /// The text as it appears (inflected forms as written).
        public var surface: String
        /// The gazetteer id.
        public var canonical: String
        public var type: String?
        /// `adjective` for demonym forms ("Russian"); absent for names.
        public var form: String?
    }

    public var id: String
    public var lang: Language?
    public var text: String
    /// `anti_russian`, `conciliatory`, `neutral` or `mixed`.
    public var frame: FrameLabel
    /// −1, 0 or 1; absent when not coded.
    public var toneRussia: Int?
    public var entities: [Entity]?
    /// What kind of statement it is (accusation, hedged_forecast…), for error analysis.
    public var kind: String?

    enum CodingKeys: String, CodingKey {
        case id, lang, text, frame, entities, kind
        case toneRussia = "tone_russia"
    }
}
