import Foundation
import XCTest

/// `framewatch eval --compare`: what it says when the previous evaluation was run on the same,
/// some of the same, or other gold items. The expectations are worked out from this run's own
/// `--json` output, so they hold whatever the default pack gets right.
final class EvalCommandTests: XCTestCase {
    /// Writes `count` items of a test corpus as a gold file of its own.
    func goldFile(_ corpus: String, count: Int, in dir: URL, name: String) throws -> String {
        let lines = try String(
            contentsOf: CLI.repository.appendingPathComponent("Corpora/test/\(corpus)"), encoding: .utf8
        )
        .split(separator: "\n").prefix(count)
        let url = dir.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// `eval --json` on `gold`, as a dictionary.
    func evaluation(_ gold: [String]) throws -> [String: Any] {
        let r = try CLI.run(["eval", "--json"] + gold.flatMap { ["--gold", $0] })
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    }

    func write(_ object: [String: Any], to url: URL) throws -> String {
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url.path
    }

    func testComparisonWithOtherGoldFilesWarnsThatNoItemIsShared() throws {
        let dir = try temporaryDirectory()
        let english = try goldFile("blind2-en.jsonl", count: 3, in: dir, name: "en.jsonl")
        let russian = try goldFile("blind2-ru.jsonl", count: 2, in: dir, name: "ru.jsonl")
        let other = try write(try evaluation([russian]), to: dir.appendingPathComponent("other.json"))

        let r = try CLI.run(["eval", "--gold", english, "--misses", "0", "--compare", other])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.text.contains(
                "warning: the previous evaluation shares 0 of 3 items: it was run on other gold files (2 items, "),
            r.text)
        XCTAssertTrue(r.text.contains("(the same pack)"), r.text)
        XCTAssertFalse(r.text.contains("0 fixed, 0 broken"), "reads as 'nothing changed': \(r.text)")
    }

    func testComparisonCountsSharedItemsListsTheOthersAndGivesAccuracyBeforeAndAfter() throws {
        let dir = try temporaryDirectory()
        let english = try goldFile("blind2-en.jsonl", count: 3, in: dir, name: "en.jsonl")
        let russian = try goldFile("blind2-ru.jsonl", count: 2, in: dir, name: "ru.jsonl")
        let current = try evaluation([english, russian])
        let outcomes = try XCTUnwrap(current["outcomes"] as? [String: Bool])
        let groups = try XCTUnwrap(current["item_groups"] as? [String: String])
        XCTAssertEqual(outcomes.count, 5)
        XCTAssertEqual(Set(groups.values), ["en", "ru"])

        // The previous run: one English item flipped, one Russian item missing, one extra item;
        // written as an older version would (no item_groups), so groups come from this run.
        let ids = outcomes.keys.sorted()
        let english0 = try XCTUnwrap(ids.first { groups[$0] == "en" })
        let dropped = try XCTUnwrap(ids.first { groups[$0] == "ru" })
        var before = outcomes
        before[english0] = !outcomes[english0]!
        before[dropped] = nil
        before["zz99"] = true
        var previous = current
        previous["outcomes"] = before
        previous["item_groups"] = nil
        let path = try write(previous, to: dir.appendingPathComponent("previous.json"))

        let r = try CLI.run(["eval", "--gold", english, "--gold", russian, "--misses", "0", "--compare", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.text.contains("items: 4 shared of 5 in this run and 5 in the previous one"), r.text)
        XCTAssertTrue(r.text.contains("only in this run (1): \(dropped)\n"), r.text)
        XCTAssertTrue(r.text.contains("only in the previous run (1): zz99\n"), r.text)

        func accuracy(_ outcomes: [String: Bool], _ group: String?) -> String {
            let members = ids.filter { $0 != dropped && (group == nil || groups[$0] == group) }
            return String(format: "%.3f", Double(members.filter { outcomes[$0]! }.count) / Double(members.count))
        }
        let expected =
            "frame accuracy on the 4 shared items: "
            + ["en", "ru"].map { "\($0) \(accuracy(before, $0)) → \(accuracy(outcomes, $0))" }.joined(separator: ", ")
            + ", all \(accuracy(before, nil)) → \(accuracy(outcomes, nil))\n"
        XCTAssertTrue(r.text.contains(expected), "expected \(expected) in \(r.text)")
        let movedLine =
            outcomes[english0]! ? "1 fixed, 0 broken\n  fixed: \(english0)" : "0 fixed, 1 broken\n  broken: \(english0)"
        XCTAssertTrue(r.text.contains(movedLine), r.text)
    }

    /// `--json --compare` printed the evaluation alone, even for a missing previous file; the
    /// comparison is now in the JSON, beside the evaluation's own keys (so the output can still
    /// be given to `--compare` later).
    func testJSONWithCompareCarriesTheComparison() throws {
        let dir = try temporaryDirectory()
        let english = try goldFile("blind2-en.jsonl", count: 3, in: dir, name: "en.jsonl")
        var previous = try evaluation([english])
        let outcomes = try XCTUnwrap(previous["outcomes"] as? [String: Bool])
        let flipped = try XCTUnwrap(outcomes.keys.sorted().first)
        var before = outcomes
        before[flipped] = !outcomes[flipped]!
        before["zz99"] = true
        previous["outcomes"] = before
        let path = try write(previous, to: dir.appendingPathComponent("previous.json"))

        let r = try CLI.run(["eval", "--gold", english, "--json", "--compare", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let output = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        XCTAssertNotNil(output["outcomes"], "the evaluation's keys stay at the top")
        let c = try XCTUnwrap(output["comparison"] as? [String: Any], r.text)
        XCTAssertEqual(c["shared"] as? Int, 3)
        XCTAssertEqual(c["only_current"] as? Int, 0)
        XCTAssertEqual(c["only_previous"] as? Int, 1)
        XCTAssertEqual(c["same_pack"] as? Bool, true)
        XCTAssertEqual(c[outcomes[flipped]! ? "fixed" : "broken"] as? [String], [flipped])
        XCTAssertEqual(c[outcomes[flipped]! ? "broken" : "fixed"] as? [String], [])
        let accuracy = try XCTUnwrap(c["accuracy"] as? [[String: Any]])
        XCTAssertEqual(accuracy.map { $0["group"] as? String }, ["en", "all"])
        XCTAssertEqual(accuracy.last?["items"] as? Int, 3)

        let missing = try CLI.run([
            "eval", "--gold", english, "--json", "--compare", dir.appendingPathComponent("none.json").path,
        ])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.json: no such file"), missing.stderr)
        XCTAssertTrue(missing.stdout.isEmpty, "nothing printed before the error")
    }

    /// An endless or huge --gold or --compare file grew memory until the process aborted; it
    /// is now refused at the cap (exit 2), and --compare is read before the evaluation runs.
    func testGoldAndCompareFilesOverTheLimitAreRefused() throws {
        let dir = try temporaryDirectory()
        let english = try goldFile("blind2-en.jsonl", count: 2, in: dir, name: "en.jsonl")
        let compare = try CLI.run(["eval", "--gold", english, "--compare", "/dev/zero", "--max-file-bytes", "100000"])
        XCTAssertEqual(compare.status, 2)
        XCTAssertTrue(
            compare.stderr.contains("cannot read /dev/zero: it is over the limit of 100000 bytes for a --compare file"),
            compare.stderr)
        XCTAssertFalse(compare.text.contains("Lexicon"), "refused before the evaluation: \(compare.text)")

        let gold = try CLI.run(["eval", "--gold", "/dev/zero", "--max-file-bytes", "100000"])
        XCTAssertEqual(gold.status, 2)
        XCTAssertTrue(gold.stderr.contains("over the limit of 100000 bytes for a --gold file"), gold.stderr)

        // A regular file over the limit is refused from its size.
        let small = try CLI.run(["eval", "--gold", english, "--max-file-bytes", "10"])
        XCTAssertEqual(small.status, 2)
        XCTAssertTrue(small.stderr.contains("raise it with --max-file-bytes"), small.stderr)
    }

    /// The fixed and broken ids were listed whole (1,856 ids on one line for a large gold set);
    /// the table shows the first 20 and how many more.
    func testFixedAndBrokenListsShowTheFirstTwentyIds() throws {
        let dir = try temporaryDirectory()
        let english = try goldFile("blind2-en.jsonl", count: 42, in: dir, name: "en.jsonl")
        var previous = try evaluation([english])
        let outcomes = try XCTUnwrap(previous["outcomes"] as? [String: Bool])
        // Every item flipped: one of the two lists has at least 21 ids.
        previous["outcomes"] = outcomes.mapValues { !$0 }
        let path = try write(previous, to: dir.appendingPathComponent("previous.json"))
        let r = try CLI.run(["eval", "--gold", english, "--misses", "0", "--compare", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let right = outcomes.filter(\.value).keys.sorted()
        let wrong = outcomes.filter { !$0.value }.keys.sorted()
        let (name, longer) = right.count > wrong.count ? ("fixed", right) : ("broken", wrong)
        let expected =
            "  \(name): " + longer.prefix(20).joined(separator: ", ") + ", … and \(longer.count - 20) more\n"
        XCTAssertTrue(r.text.contains(expected), "expected \(expected) in \(r.text)")
    }
}
