/// Reads the parts of a `published` value left to right, for ``PublishedDate/init(parsing:)``:
/// a numeric date, a date with a month name, and the time and zone that may follow either.
///
/// Every reader returns nil (or false) when the text is not in its form; the caller then starts
/// again with a fresh scanner for the next form.
///
/// ```swift
/// var scanner = DateScanner("2025/6/5 09:30 +0400")
/// scanner.numericDate()   // .yearFirst(2025, 6, 5)
/// scanner.timeTail()      // true: a time of day and a zone, then the end
/// ```
struct DateScanner {
    /// The order of a numeric date's parts.
    enum NumericDate: Equatable {
        case yearFirst(year: Int, month: Int, day: Int)
        case dayFirst(day: Int, month: Int, year: Int)
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    // MARK: forms

    /// `2025-06-15`, `2025/6/5`, `2025.06.15` (year first), or `15.06.2025`, `5-6-2025`,
    /// `25/12/2024` (day first; with slashes only when the order is clear, see
    /// ``PublishedDate/isAmbiguous(_:)``). The same separator twice; the month and day have one
    /// or two digits.
    mutating func numericDate() -> NumericDate? {
        let first = digits()
        guard let separator = peek, "-/.".unicodeScalars.contains(separator) else { return nil }
        index += 1
        let second = digits()
        guard (1...2).contains(second.count), take(separator) else { return nil }
        let third = digits()
        guard let a = Int(first), let b = Int(second), let c = Int(third) else { return nil }
        if first.count == 4 && (1...2).contains(third.count) { return .yearFirst(year: a, month: b, day: c) }
        guard (1...2).contains(first.count), third.count == 4 else { return nil }
        guard separator == "/" else { return .dayFirst(day: a, month: b, year: c) }
        // Slashes: 25/12/2024 is day first, 12/25/2024 month first, 03/01/2025 either.
        if a > 12 && b <= 12 { return .dayFirst(day: a, month: b, year: c) }
        if b > 12 && a <= 12 { return .dayFirst(day: b, month: a, year: c) }
        return a == b ? .dayFirst(day: a, month: a, year: c) : nil
    }

    /// `[Wed, ]25 Dec 2024`, `15 июня 2025 г.`, `15 iyun 2025-ci il`, `15-Jun-2025`: an optional
    /// weekday word, the day, a month name (``MonthName``), a four-digit year and the words that
    /// may follow a year in Russian (`г.`, `года`) and Azerbaijani (`-ci il`).
    mutating func namedMonthDate() -> (year: Int, month: Int, day: Int)? {
        if !letters().isEmpty {
            // A weekday, as RFC 2822 writes it ("Wed,"): its name is not checked.
            _ = take(",") || take(".")
            skipSpaces()
        }
        let day = digits()
        guard (1...2).contains(day.count), let d = Int(day), partSeparator() else { return nil }
        let word = letters()
        _ = take(".")
        guard let m = MonthName.number(word) else { return nil }
        _ = take(",")
        guard partSeparator() else { return nil }
        let year = digits()
        guard year.count == 4, let y = Int(year) else { return nil }
        skipYearWord()
        return (y, m, d)
    }

    /// Whether the rest is empty, or a time of day (`T09:30`, ` 09:30:00.5 +04:00`, `, 09:30`)
    /// with an optional zone, then the end.
    mutating func timeTail() -> Bool {
        guard !atEnd else { return true }
        if !take("T") {
            _ = take(",")
            guard skipSpaces() else { return false }
        }
        return time() && zoneTail()
    }

    // MARK: parts

    /// A time of day: `09:30`, `9:30:15`, `0930`, `093015`, with an optional fraction of a
    /// second. The hour is 0–23, the minute 0–59, the second 0–60 (a leap second).
    mutating func time() -> Bool {
        let run = digits()
        var parts: [Int] = []
        switch run.count {
        case 1, 2:
            parts.append(Int(run)!)
            while take(":") {
                let next = digits()
                guard next.count == 2, parts.count < 3 else { return false }
                parts.append(Int(next)!)
            }
            guard parts.count >= 2 else { return false }
        case 4, 6:
            var rest = Substring(run)
            while !rest.isEmpty {
                parts.append(Int(rest.prefix(2))!)
                rest = rest.dropFirst(2)
            }
        default: return false
        }
        guard parts[0] <= 23, parts[1] <= 59, parts.count < 3 || parts[2] <= 60 else { return false }
        // A fraction of a second: ".5", ",250".
        if let mark = peek, mark == "." || mark == ",", index + 1 < scalars.count, isDigit(scalars[index + 1]) {
            index += 1
            _ = digits()
        }
        return true
    }

    /// Whether what follows a time is a zone (`Z`, `+04:00`, `+0400`, `GMT`, `UTC+4`) or
    /// nothing, then the end.
    mutating func zoneTail() -> Bool {
        skipSpaces()
        let name = letters()
        guard name.count <= 5 else { return false }
        if let sign = peek, sign == "+" || sign == "-" {
            index += 1
            let hours = digits()
            guard (1...4).contains(hours.count), let h = Int(hours) else { return false }
            if take(":") {
                guard hours.count <= 2, digits().count == 2 else { return false }
            } else if hours.count > 2 {
                guard h % 100 <= 59 else { return false }
            }
        }
        skipSpaces()
        return atEnd
    }

    // MARK: characters

    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    private func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    /// The ASCII digits from here on (possibly none).
    private mutating func digits() -> String {
        var run = String.UnicodeScalarView()
        while let s = peek, isDigit(s) {
            run.append(s)
            index += 1
        }
        return String(run)
    }

    /// The letters (of any script) from here on (possibly none).
    private mutating func letters() -> String {
        var run = String.UnicodeScalarView()
        while let s = peek, s.properties.isAlphabetic {
            run.append(s)
            index += 1
        }
        return String(run)
    }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        index += 1
        return true
    }

    /// Skips spaces; whether there was any.
    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while let s = peek, s.properties.isWhitespace { index += 1 }
        return index > start
    }

    /// Spaces, or one hyphen (`15-Jun-2025`), between a day, a month name and a year.
    private mutating func partSeparator() -> Bool {
        skipSpaces() || take("-")
    }

    /// The word that may follow a year: Russian `г.`, `г`, `года`, `год`; Azerbaijani `-ci il`
    /// (also `-cı`, `-cu`, `-cü`) or `il`. Nothing is skipped when no such word follows.
    private mutating func skipYearWord() {
        let start = index
        let hyphen = take("-")
        if hyphen {
            guard ["ci", "cı", "cu", "cü"].contains(letters()) else {
                index = start
                return
            }
        }
        let beforeWord = index
        skipSpaces()
        let word = letters().lowercased()
        if ["г", "год", "года", "il"].contains(word) {
            _ = take(".")
        } else {
            index = beforeWord
        }
    }
}
