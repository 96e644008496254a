import XCTest

@testable import FramewatchText

final class ByteInternerTests: XCTestCase {
    func testInternsDenseIdsAndSurvivesGrowth() {
        var interner = ByteInterner(capacity: 2)
        var ids: [Int32] = []
        for i in 0..<5000 { ids.append(interner.intern("word\(i)")) }
        XCTAssertEqual(ids, (0..<5000).map(Int32.init))
        XCTAssertEqual(interner.lookup("word4999"), 4999)
        XCTAssertEqual(interner.string(123), "word123")
        XCTAssertNil(interner.lookup("word5000"))
        XCTAssertEqual(interner.intern("word7"), 7)
        interner.removeAll()
        XCTAssertEqual(interner.count, 0)
        XCTAssertNil(interner.lookup("word7"))
    }

    func testJSONWriterEscapesAndKeepsOrder() {
        var j = JSONWriter()
        j.object { j in
            j.field("b", "quote \" back \\ nl \n ctl \u{01} ə")
            j.field("a", 1.23456)
            j.field("c") {
                $0.array {
                    $0.number(0.0)
                    $0.bool(true)
                    $0.null()
                }
            }
        }
        XCTAssertEqual(j.string, #"{"b":"quote \" back \\ nl \n ctl \u0001 ə","a":1.2346,"c":[0,true,null]}"#)
    }
}
