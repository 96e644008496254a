/// Why a text could not be segmented.
public enum SegmenterError: Error, CustomStringConvertible, Sendable {
    /// ICU refused to open a break iterator (the ICU data is missing or the locale is invalid).
    case icuUnavailable(what: String, code: Int32)
    /// The text is larger than ICU's 32-bit offsets allow.
    case textTooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .icuUnavailable(let what, let code):
            return "ICU could not open the \(what) (ICU error \(code)); is libicu installed?"
        case .textTooLarge(let bytes, let limit):
            return "text of \(bytes) bytes is over the limit of \(limit) bytes"
        }
    }
}
