import FramewatchStore
import XCTest

final class PublishedDateTests: XCTestCase {
    func testFormatsFeedsUse() {
        XCTAssertEqual(PublishedDate(parsing: "2024-12-25")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "2024-12-25T09:30:00+04:00")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "2024/12/25")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "25.12.2024")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "Wed, 25 Dec 2024 09:30:00 +0400")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "25 December 2024")?.dayKey, "2024-12-25")
    }

    /// ISO 8601's basic form, without separators, as some feeds and exports write it.
    func testISOBasicFormIsRead() {
        XCTAssertEqual(PublishedDate(parsing: "20250615")?.dayKey, "2025-06-15")
        XCTAssertEqual(PublishedDate(parsing: "20250615T093000Z")?.dayKey, "2025-06-15")
        XCTAssertEqual(PublishedDate(parsing: " 20250615T0930+0400")?.weekKey, "2025-06-09")
        XCTAssertNil(PublishedDate(parsing: "20251345"), "no month 13")
        XCTAssertNil(PublishedDate(parsing: "25122024"), "eight digits are read year first only")
        XCTAssertNil(PublishedDate(parsing: "2025061"), "seven digits")
        XCTAssertNil(PublishedDate(parsing: "20250615X"))
        XCTAssertEqual(try TrendQuery(from: "20250615").validated().from, "2025-06-15")
    }

    /// Slashes: the order is read from numbers over 12; 03/01/2025 could be 3 January or 1 March,
    /// so it is not read, and a filter given it says why.
    func testSlashedDatesAreReadOnlyWhenUnambiguous() throws {
        XCTAssertEqual(PublishedDate(parsing: "25/12/2024")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "12/25/2024")?.dayKey, "2024-12-25")
        XCTAssertEqual(PublishedDate(parsing: "05/05/2025")?.dayKey, "2025-05-05")
        XCTAssertNil(PublishedDate(parsing: "03/01/2025"))
        XCTAssertNil(PublishedDate(parsing: "13/13/2025"))
        XCTAssertTrue(PublishedDate.isAmbiguous("03/01/2025"))
        XCTAssertFalse(PublishedDate.isAmbiguous("25/12/2024"))
        XCTAssertEqual(PublishedDate(parsing: "03.01.2025")?.dayKey, "2025-01-03", "dots are day first")
        XCTAssertThrowsError(try TrendQuery(from: "03/01/2025").validated()) { error in
            XCTAssertTrue("\(error)".contains("could be day first or month first"), "\(error)")
        }
    }

    func testImpossibleOrUnreadableDatesAreNil() {
        XCTAssertNil(PublishedDate(parsing: "2025-02-30"))
        XCTAssertNil(PublishedDate(parsing: "2025-13-01"))
        XCTAssertNil(PublishedDate(parsing: "yesterday"))
        XCTAssertNil(PublishedDate(parsing: ""))
        XCTAssertNil(PublishedDate(parsing: "25 Foo 2024"))
        XCTAssertEqual(PublishedDate(parsing: "2024-02-29")?.dayKey, "2024-02-29")
        XCTAssertNil(PublishedDate(parsing: "2025-02-29"))
    }

    /// A sign before the year was dropped (a negative year read as a positive one), an
    /// impossible time ignored, and any word starting like a month taken for it.
    func testSignsImpossibleTimesAndMonthLookalikesAreNotRead() throws {
        XCTAssertNil(PublishedDate(parsing: "-2025-06-15"))
        XCTAssertNil(PublishedDate(parsing: "\u{2012}2025-06-15"), "a figure dash")
        XCTAssertNil(PublishedDate(parsing: "2025-06-15T25:99:99"))
        XCTAssertNil(PublishedDate(parsing: "2025-06-15T23:60"))
        XCTAssertNil(PublishedDate(parsing: "20250615T259999Z"))
        XCTAssertNil(PublishedDate(parsing: "2025-06-15 junk"))
        XCTAssertNil(PublishedDate(parsing: "15 Decimal 2025"))
        XCTAssertNil(PublishedDate(parsing: "15 Junebug 2025"))
        XCTAssertNil(PublishedDate(parsing: "1718409600"), "an epoch timestamp")
        XCTAssertThrowsError(try TrendQuery(from: "-2025-06-15").validated())
        XCTAssertThrowsError(try TrendQuery(from: "15 Decimal 2025").validated())
        // Times of day and zones as feeds write them are still read.
        for text in [
            "2025-06-15T23:59:60Z", "2025-06-15T09:30:00.123+04:00", "2025-06-15 09:30", "2025-06-15T0930+0400",
            "Sun, 15 Jun 2025 09:30:00 GMT", "15.06.2025, 09:30", "15 Jun 2025 09:30 UTC+4",
        ] {
            XCTAssertEqual(PublishedDate(parsing: text)?.dayKey, "2025-06-15", text)
        }
    }

    func testUnpaddedNumericDatesAreRead() {
        XCTAssertEqual(PublishedDate(parsing: "2025/6/5")?.dayKey, "2025-06-05")
        XCTAssertEqual(PublishedDate(parsing: "2025-6-5")?.dayKey, "2025-06-05")
        XCTAssertEqual(PublishedDate(parsing: "5.6.2025")?.dayKey, "2025-06-05")
        XCTAssertNil(PublishedDate(parsing: "2025/6"))
        XCTAssertNil(PublishedDate(parsing: "2025-6/5"), "one separator, used twice")
    }

    /// The date style of the Russian and Azerbaijani sites monitored: day, month name, year.
    func testRussianAndAzerbaijaniMonthNamesAreRead() {
        for text in [
            "15 июня 2025", "15 июнь 2025", "15 июн. 2025", "15 Июня 2025 г.", "15 июня 2025 года, 09:30",
            "15 iyun 2025", "15 İyun 2025", "15 iyun 2025-ci il", "15 iyun 2025 il", "15 June 2025", "15-Jun-2025",
        ] {
            XCTAssertEqual(PublishedDate(parsing: text)?.dayKey, "2025-06-15", text)
        }
        XCTAssertEqual(PublishedDate(parsing: "1 сентября 2024")?.dayKey, "2024-09-01")
        XCTAssertEqual(PublishedDate(parsing: "31 dekabr 2024-cü il")?.dayKey, "2024-12-31")
        XCTAssertEqual(PublishedDate(parsing: "3 мая 2025")?.dayKey, "2025-05-03")
        XCTAssertNil(PublishedDate(parsing: "15 июнями 2025"))
    }

    func testAnImpossibleYYYYMMDDSaysWhatIsWrongWithIt() throws {
        XCTAssertEqual(
            PublishedDate.problem(with: "0001-01-01"), "the year 1 is outside the years the store accepts (1900–2200)")
        XCTAssertEqual(
            PublishedDate.problem(with: "9999-12-31"),
            "the year 9999 is outside the years the store accepts (1900–2200)")
        XCTAssertEqual(PublishedDate.problem(with: "2025-02-30"), "February 2025 has 28 days")
        XCTAssertEqual(PublishedDate.problem(with: "2025-13-01"), "there is no month 13")
        XCTAssertNil(PublishedDate.problem(with: "2025-02-28"))
        XCTAssertNil(PublishedDate.problem(with: "last week"))
        // The trend query's message carries the reason.
        let query = TrendQuery(from: "2025-02-30")
        XCTAssertThrowsError(try query.validated()) { error in
            XCTAssertEqual("\(error)", "from is \"2025-02-30\": February 2025 has 28 days")
        }
    }

    func testISOWeekStartsOnMonday() {
        // 2024-12-25 was a Wednesday; 2025-01-01 too, in the week of Monday 2024-12-30.
        XCTAssertEqual(PublishedDate(parsing: "2024-12-25")?.weekKey, "2024-12-23")
        XCTAssertEqual(PublishedDate(parsing: "2025-01-01")?.weekKey, "2024-12-30")
        XCTAssertEqual(PublishedDate(parsing: "2025-06-30")?.weekKey, "2025-06-30")  // a Monday
        XCTAssertEqual(PublishedDate(parsing: "2025-07-06")?.weekKey, "2025-06-30")  // the Sunday after
        XCTAssertEqual(PublishedDate(parsing: "2025-07-06")?.monthKey, "2025-07")
    }
}
