import Foundation
import XCTest

final class EntitiesCommandTests: XCTestCase {
    func testMatchShowsWhatMatchedWhereInEveryScript() throws {
        let text = "Мамедъярова видели в Баку. Məmmədyarovun açıqlaması Moskvada müzakirə olundu. Mamedyarov left."
        let r = try CLI.run(["entities", "--json", "--match", text])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        let mammadyarov = rows.filter { $0["id"] as? String == "elmar_mammadyarov" }.map { $0["text"] as? String }
        XCTAssertEqual(mammadyarov, ["Мамедъярова", "Məmmədyarovun", "Mamedyarov"])
        let scalars = Array(text.unicodeScalars)
        for row in rows {
            let s = row["start"] as! Int
            let e = row["end"] as! Int
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[s..<e])), row["text"] as? String)
        }
    }

    func testListAndSearchTheGazetteer() throws {
        let all = try CLI.run(["entities"])
        XCTAssertEqual(all.status, 0)
        XCTAssertTrue(all.text.contains("⚑ elmar_mammadyarov"), "watch-listed figures are marked")
        let search = try CLI.run(["entities", "--json", "--search", "Мехтиев"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: search.stdout) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "ramiz_mehdiyev" }, search.text)
    }
}
