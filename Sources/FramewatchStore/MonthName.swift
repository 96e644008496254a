/// Month names as news sites write them in the three languages Framewatch reads, for dates such
/// as `25 December 2024`, `15 июня 2025` and `15 iyun 2025`.
///
/// A word is a month only when it is one of these names exactly (any letter case, with or
/// without an abbreviation's full stop): `Decimal` is not December, although it starts like it.
///
/// ```swift
/// MonthName.number("Dec")     // 12
/// MonthName.number("июня")    // 6
/// MonthName.number("Decimal") // nil
/// ```
enum MonthName {
    /// The month (1–12) that `word` names, or nil.
    static func number(_ word: String) -> Int? {
        var folded = word.lowercased()
        // "İyun" lowercases to "i" + U+0307 (combining dot above): the dot is the Turkic capital's.
        folded.unicodeScalars.removeAll { $0.value == 0x0307 }
        if folded.hasSuffix(".") { folded.removeLast() }
        return numbers[folded]
    }

    /// Each month's names: English (full, abbreviated), Russian (nominative as in headings,
    /// genitive as in dates, abbreviated) and Azerbaijani.
    static let names: [[String]] = [
        ["january", "jan", "январь", "января", "янв", "yanvar"],
        ["february", "feb", "февраль", "февраля", "фев", "февр", "fevral"],
        ["march", "mar", "март", "марта", "мар", "mart"],
        ["april", "apr", "апрель", "апреля", "апр", "aprel"],
        ["may", "май", "мая"],  // "may" is also the Azerbaijani name
        ["june", "jun", "июнь", "июня", "июн", "iyun"],
        ["july", "jul", "июль", "июля", "июл", "iyul"],
        ["august", "aug", "август", "августа", "авг", "avqust"],
        ["september", "sep", "sept", "сентябрь", "сентября", "сен", "сент", "sentyabr"],
        ["october", "oct", "октябрь", "октября", "окт", "oktyabr"],
        ["november", "nov", "ноябрь", "ноября", "ноя", "нояб", "noyabr"],
        ["december", "dec", "декабрь", "декабря", "дек", "dekabr"],
    ]

    private static let numbers: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { table[word] = index + 1 }
        }
        return table
    }()
}
