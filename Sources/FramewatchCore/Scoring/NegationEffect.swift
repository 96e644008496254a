/// What negation does to a frame cue, per the pack's `[negation]` lists (decided per entry when
/// the pack is compiled, not per cue).
enum NegationEffect: Sendable {
    /// `keep`: the absence is itself the grievance ("did not apologise"): the weight stays.
    case keeps
    /// `reverse`: the opposite pole gets the whole weight.
    case reverses
    /// Otherwise: part of the weight stays, part moves to the opposite pole (the settings'
    /// `negated_frame_keep` and `negated_frame_flip`).
    case flips
}
