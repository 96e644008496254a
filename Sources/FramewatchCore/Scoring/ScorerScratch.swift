/// Per-token buffers the scorer fills for each sentence, kept by the ``Analyzer`` and reused
/// for every sentence of every document (allocating them per sentence cost ~6 % of scoring).
final class ScorerScratch {
    /// Per token of the sentence (and one past its end): words before it, its clause, whether
    /// it is inside a quotation.
    var wordIndex: [Int32] = []
    var clause: [Int32] = []
    var quoted: [Bool] = []
    /// The report's modifier lists, shared across this worker's reports.
    let modifierNames = ModifierNames()
}
