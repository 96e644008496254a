/// Azerbaijani case endings the attribution and entity rules read off a word's bytes, written
/// once: the scene rule (locative: "Moskvada", "Bakıdakı"), the envoy rule (locative adjective:
/// "Azərbaycandakı səfiri") and the ablative source of an impersonal passive ("XİN-dən
/// bildirilib"). Both vowel harmonies and the voiceless forms are listed; matched as written.
enum CaseEndings {
    static let locativeAdjective: [[UInt8]] = ["dakı", "dəki", "takı", "təki"].map { Array($0.utf8) }
    static let locative: [[UInt8]] = ["da", "də", "ta", "tə"].map { Array($0.utf8) } + locativeAdjective
    static let ablative: [[UInt8]] = ["dan", "dən"].map { Array($0.utf8) }

    /// Whether `word` ends in one of `endings` with more than `stem` bytes before it.
    static func word(_ word: ArraySlice<UInt8>, endsIn endings: [[UInt8]], stem: Int = 0) -> Bool {
        endings.contains { ending in
            word.count > ending.count + stem && word.suffix(ending.count).elementsEqual(ending)
        }
    }
}
