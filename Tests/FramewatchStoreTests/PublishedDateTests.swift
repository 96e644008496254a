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
