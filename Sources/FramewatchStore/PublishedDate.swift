import Foundation

/// The calendar keys of an article's `published` field: its day, the Monday of its ISO week and
/// its month, all as sortable strings (`2024-12-23`, `2024-12`).
///
/// News feeds write dates in many ways; these are read:
/// - ISO 8601 and RFC 3339, with or without a time (`2024-12-25`, `2024-12-25T09:30:00+04:00`):
///   the date as written (the local date of the outlet, not converted to UTC); also ISO 8601's
///   basic form without separators (`20241225`, `20241225T093000Z`);
/// - `2024/12/25`, and day-first `25.12.2024` (common on Russian and Azerbaijani sites);
/// - with slashes, `25/12/2024` (day first) or `12/25/2024` (month first, as in the US) when one
///   of the two numbers is over 12; `03/01/2025` could be either, so it is not read (see
///   ``isAmbiguous(_:)``);
/// - RFC 2822 as in RSS (`Wed, 25 Dec 2024 09:30:00 +0400`) and `25 December 2024`; the month
///   named in English, Russian (`15 июня 2025`, `15 июнь 2025 г.`) or Azerbaijani
///   (`15 iyun 2025`, `15 iyun 2025-ci il`), in full or abbreviated (see ``MonthName``);
/// - the month and day may have one digit (`2025/6/5`, `5.6.2025`).
/// A time may follow the date (`T09:30`, ` 09:30:00 +0400`, `, 09:30`), and must then be a time
/// of day: `2025-06-15T25:99:99` is not read. Anything else (a sign before the year, a word that
/// only starts like a month, `15 Decimal 2025`, or an impossible date such as `2025-02-30`)
/// gives nil: the article is stored as undated and left out of the weekly and monthly series,
/// never placed in a wrong week.
public struct PublishedDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Why a value written as YYYY-MM-DD is not a day the store accepts, or nil when it is not
    /// written that way: the year outside 1900–2200, or a day the month does not have.
    public static func problem(with text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2].prefix(2)), parts.allSatisfy({ $0.first?.isNumber == true })
        else { return nil }
        if !(1900...2200).contains(y) { return "the year \(y) is outside the years the store accepts (1900–2200)" }
        if !(1...12).contains(m) { return "there is no month \(m)" }
        let days = daysIn(month: m, year: y)
        if !(1...days).contains(d) { return "\(fullMonthNames[m - 1]) \(y) has \(days) days" }
        return nil
    }

    private static let fullMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// Reads a `published` value (see the type's documentation for the formats).
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        // A date starts with its first number or word: a sign (`-2025-06-15`, a figure dash) is
        // not dropped to read a negative year as a positive one.
        guard let first = s.first, first.isLetter || first.isNumber else { return nil }
        if let basic = Self.basicForm(s) {
            self.init(year: basic.year, month: basic.month, day: basic.day)
            return
        }
        var scanner = DateScanner(s)
        if let parts = scanner.numericDate(), scanner.timeTail() {
            switch parts {
            case .yearFirst(let y, let m, let d): self.init(year: y, month: m, day: d)
            case .dayFirst(let d, let m, let y): self.init(year: y, month: m, day: d)
            }
            return
        }
        scanner = DateScanner(s)
        guard let named = scanner.namedMonthDate(), scanner.timeTail() else { return nil }
        self.init(year: named.year, month: named.month, day: named.day)
    }

    /// The year, month and day of an ISO 8601 basic-form value: eight digits `YYYYMMDD`, alone or
    /// followed by `T` and a time (`20241225`, `20241225T093000Z`, `20241225T0930+0400`). Only
    /// year first: eight digits are never read day first, and the year range check in
    /// ``init(year:month:day:)`` refuses `25122024` (year 2512).
    static func basicForm(_ s: String) -> (year: Int, month: Int, day: Int)? {
        let digits = s.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard digits.count == 8 else { return nil }
        let rest = s.utf8.dropFirst(8)
        if let first = rest.first {
            // A valid time must follow the T (`20241225T0930`); anything else is not this form.
            guard first == UInt8(ascii: "T") else { return nil }
            var scanner = DateScanner(String(decoding: rest.dropFirst(), as: UTF8.self))
            guard scanner.time(), scanner.zoneTail() else { return nil }
        }
        let n = Array(digits).map { Int($0 - UInt8(ascii: "0")) }
        let year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3]
        return (year, n[4] * 10 + n[5], n[6] * 10 + n[7])
    }

    /// Whether `text` is a slashed date that could be day first or month first (`03/01/2025`):
    /// such a date is not read, and a filter given one is refused with this reason.
    public static func isAmbiguous(_ text: String) -> Bool {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), parts[2].prefix(4).count == 4,
            Int(parts[2].prefix(4)) != nil
        else { return false }
        return a != b && (1...12).contains(a) && (1...12).contains(b)
    }

    /// `2024-12-25`.
    public var dayKey: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    /// `2024-12`.
    public var monthKey: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) }

    /// The Monday that starts this date's ISO week, as a day key (`2024-12-23` for 2024-12-25).
    public var weekKey: String {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
        let weekday = ((days + 3) % 7 + 7) % 7
        let monday = Self.civilFromDays(days - weekday)
        return Self.pad(monday.year, 4) + "-" + Self.pad(monday.month, 2) + "-" + Self.pad(monday.day, 2)
    }

    public static func < (a: PublishedDate, b: PublishedDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    // MARK: calendar arithmetic (proleptic Gregorian)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
