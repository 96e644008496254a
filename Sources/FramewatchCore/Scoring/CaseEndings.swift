/// Azerbaijani case endings the attribution and entity rules read off a word's bytes, written
/// once: the scene rule (locative: "Moskvada", "Bakıdakı"), the envoy rule (locative adjective:
/// "Azərbaycandakı səfiri"), the ablative source of an impersonal passive ("XİN-dən
/// bildirilib") and the object of an Azerbaijani side's act ("Rusiyaya təzyiq"). Both vowel harmonies and the voiceless forms are listed; matched as written.
enum CaseEndings {
    static let locativeAdjective: [[UInt8]] = ["dakı", "dəki", "takı", "təki"].map { Array($0.utf8) }
    static let locative: [[UInt8]] = ["da", "də", "ta", "tə"].map { Array($0.utf8) } + locativeAdjective
    static let ablative: [[UInt8]] = ["dan", "dən"].map { Array($0.utf8) }
    /// The dative and accusative, after a vowel stem (with the buffer y/n) or a consonant:
    /// "Rusiyaya", "Rusiyanı", "Moskvaya", "Kremlə", "Kremli" — the object of the verb that follows
    /// (the scorer's "an Azerbaijani side acts on a Russian one").
    static let objectCases: [[UInt8]] = ["ya", "yə", "nı", "ni", "nu", "nü", "a", "ə", "ı", "i", "u", "ü"].map {
        Array($0.utf8)
    }

    /// Whether `word` ends in one of `endings` with more than `stem` bytes before it.
    static func word(_ word: ArraySlice<UInt8>, endsIn endings: [[UInt8]], stem: Int = 0) -> Bool {
        endings.contains { ending in
            word.count > ending.count + stem && word.suffix(ending.count).elementsEqual(ending)
        }
    }
}
