import Foundation
import XCTest

final class BatchCommandTests: XCTestCase {
    func jsonl(_ records: [[String: Any]]) throws -> Data {
        var data = Data()
        for r in records {
            data.append(try JSONSerialization.data(withJSONObject: r))
            data.append(0x0A)
        }
        return data
    }

    func testJSONLinesWithAMalformedLineInTheMiddleKeepsOrderAndGoesOn() throws {
        var input = try jsonl([["id": "a", "text": "Russia interfered in the elections."]])
        input.append(Data("{this is not json\n".utf8))
        input.append(try jsonl([["id": "c", "text": "Москва и Баку подписали соглашение.", "lang": "ru"]]))
        input.append(Data("{\"id\": \"d\"}\n".utf8))
        input.append(try jsonl([["id": "e", "text": "Bakı və Moskva danışıqlar aparıb."]]))
        let r = try CLI.run(["batch", "--quiet", "--jobs", "2"], stdin: input)
        XCTAssertEqual(r.status, 1, "some records had errors")
        let lines = try r.json()
        XCTAssertEqual(lines.count, 5, "one output line per input line")
        XCTAssertEqual(lines.map { $0["line"] as? Int }, [1, 2, 3, 4, 5])
        XCTAssertEqual(lines[0]["id"] as? String, "a")
        XCTAssertEqual((lines[1]["error"] as? [String: Any])?["code"] as? String, "invalid_json")
        XCTAssertEqual(lines[2]["lang"] as? String, "ru")
        XCTAssertEqual((lines[3]["error"] as? [String: Any])?["code"] as? String, "missing_text")
        XCTAssertEqual(lines[3]["id"] as? String, "d")
        XCTAssertEqual(lines[4]["lang"] as? String, "az")
        // `--input -` and `--output -` are the standard streams (no file named "-" is made).
        let dashes = try CLI.run(["batch", "--quiet", "--input", "-", "--output", "-"], stdin: input)
        XCTAssertEqual(dashes.status, 1)
        XCTAssertEqual(try dashes.json().map { $0["line"] as? Int }, [1, 2, 3, 4, 5])
        XCTAssertFalse(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    /// Gold files may be devices and pipes (`--gold <(grep …)`): read with read(2); an empty one
    /// is an error that says so, not Foundation's "permission denied".
    func testEvalReadsPipesAndRefusesAnEmptyGoldFileClearly() throws {
        let empty = try CLI.run(["eval", "--gold", "/dev/null"])
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.contains("/dev/null"), empty.stderr)
        XCTAssertFalse(empty.stderr.contains("NSCocoaErrorDomain"), empty.stderr)
        let dir = try temporaryDirectory()
        let fifo = dir.appendingPathComponent("gold.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let line =
            #"{"id":"en-s-0001","lang":"en","text":"Moscow accused Baku of Russophobia.","frame":"neutral","tone_russia":0,"entities":[]}"#
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data((line + "\n").utf8))
                handle.closeFile()
            }
        }
        writer.start()
        let piped = try CLI.run(["eval", "--gold", fifo, "--misses", "0"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.text.contains("en    1 "), piped.text)

        // A researcher's own gold file: a tone of 5 or an id twice would be counted silently.
        let bad = dir.appendingPathComponent("bad.jsonl")
        try Data(
            (line + "\n" + line + "\n"
                + line.replacingOccurrences(of: "\"tone_russia\":0", with: "\"tone_russia\":5").replacingOccurrences(
                    of: "0001", with: "0002") + "\n").utf8
        ).write(to: bad)
        let refused = try CLI.run(["eval", "--gold", bad.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("line 2: id en-s-0001 is also on line 1"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("line 3: tone_russia is 5; it must be -1, 0 or 1"), refused.stderr)
        // Each unreadable line says which field and what it may hold, not just "not valid JSON".
        let kinds = dir.appendingPathComponent("kinds.jsonl")
        try Data(
            """
            {"id":"a","text":"x","frame":"neutral","tone_russia":0.5}
            {"id":1,"text":"x","frame":"neutral"}
            [1,2]
            {"id":"b","text":"x","frame":"pro_russian"}
            {oops
            {"id":"c","text":"x","frame":"neutral","entities":[{"surface":"Baku","canonical":"baku","type":"place"}]}
            {"id":"d","text":"Baku","frame":"neutral","entities":[{"surface":"Baku","canonical":"baku","type":"city"}]}
            {"id":"e","text":"Baku","frame":"neutral","tone_russia":0,"entities":"Baku"}
            {"id":"f","text":"Baku","frame":"neutral","tone_russia":0,"lang":"fr"}

            """.utf8
        ).write(to: kinds)
        let explained = try CLI.run(["eval", "--gold", kinds.path])
        XCTAssertEqual(explained.status, 2)
        for message in [
            "line 1: tone_russia is 0.5; it must be -1, 0 or 1", "line 2: id must be a string",
            "line 3: expected a JSON object", "line 4: frame is pro_russian; it must be one of anti_russian",
            "line 5: not valid JSON", "line 6: entity surface \"Baku\" does not occur in the text",
            "line 7: entity \"Baku\" has type city; it must be one of person, org, place, project",
            "line 8: entities must be a list of", "line 9: lang is fr; it must be one of en, ru, az",
        ] {
            XCTAssertTrue(explained.stderr.contains(message), "\(message): \(explained.stderr)")
        }
        // Nothing to score for entities (none in the gold file, none found): "n/a", not 1.000.
        let plain = dir.appendingPathComponent("plain.jsonl")
        try Data(#"{"id":"w","lang":"en","text":"The weather was fine.","frame":"neutral"}"#.utf8).write(to: plain)
        let none = try CLI.run(["eval", "--gold", plain.path])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.text.contains("n/a"), none.text)
        // An item not coded for entities (no `entities` field) is left out of the entity figures
        // and not listed as wrong for what the tool found in it.
        let uncoded = dir.appendingPathComponent("uncoded.jsonl")
        try Data(#"{"id":"u","lang":"en","text":"Lavrov met Bayramov in Baku.","frame":"neutral"}"#.utf8).write(
            to: uncoded)
        let json = try CLI.run(["eval", "--gold", uncoded.path, "--json"])
        let result = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any], json.text)
        XCTAssertEqual(
            ((result["groups"] as? [String: Any])?["all"] as? [String: Any]).flatMap {
                ($0["entity_ids"] as? [String: Any])?["predicted"] as? Int
            }, 0)
        XCTAssertEqual((result["misses"] as? [Any])?.count, 0, json.text)
        let good = dir.appendingPathComponent("good.jsonl")
        try Data((line + "\n").utf8).write(to: good)
        let twice = try CLI.run(["eval", "--gold", good.path, "--gold", good.path])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("also in an earlier --gold file"), twice.stderr)
    }

    func testCSVInAndCSVOut() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("in.csv")
        let csv = """
            id,outlet,text
            1,Wire,"Russia and Azerbaijan have a strategic partnership, officials said."
            2,Wire,"Multi-line
            text with ""quotes"" about Moscow"
            3,Wire
            4,Wire,"Moscow and Baku",extra

            """
        try Data(csv.utf8).write(to: file)
        let r = try CLI.run(["batch", "--quiet", "--input", file.path, "--format", "csv"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = r.lines
        XCTAssertEqual(rows.count, 5, r.text)
        XCTAssertTrue(rows[0].hasPrefix("id,line,lang,frame"))
        XCTAssertTrue(rows[1].hasPrefix("1,1,en,conciliatory,"), rows[1])
        XCTAssertTrue(rows[2].hasPrefix("2,2,en,"), rows[2])
        XCTAssertTrue(rows[3].contains("invalid_csv,row has 2 fields and ends before the `text` column"), rows[3])
        XCTAssertTrue(rows[4].contains("invalid_csv,row has 4 fields; the header has 3"), rows[4])
        // Trailing optional cells left off (as spreadsheets write them) are empty, not an error.
        let short = try CLI.run(
            ["batch", "--quiet", "--input-format", "csv", "--format", "csv"],
            stdin: Data("id,text,outlet\n7,Kremlin spies in Baku.\n".utf8))
        XCTAssertEqual(short.status, 0, short.stderr)
        XCTAssertTrue(short.lines[1].hasPrefix("7,1,en,anti_russian,"), short.text)
    }

    func testANegativeNumberIsARangeErrorNotAMissingValue() throws {
        // `--jobs -1` read "-1" as an unknown flag and said "Missing value for '--jobs <jobs>'".
        for (args, message) in [
            (["batch", "--jobs", "-1"], "--jobs must be between 1 and 256"),
            (["batch", "--jobs", "0"], "--jobs must be between 1 and 256"),
            (["batch", "--max-bytes", "-1"], "--max-bytes must be positive"),
            (["serve", "--port", "-5"], "--port must be 0…65535"),
        ] {
            let r = try CLI.run(args, stdin: Data())
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    func testFolderOfTextFilesUsesFileNamesAsIds() throws {
        let dir = try temporaryDirectory()
        try Data("Мамедъярова назвали агентом Кремля.".utf8).write(to: dir.appendingPathComponent("b.txt"))
        try Data("Baku closed the Russian House.".utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("notes.md"))
        let r = try CLI.run(["batch", "--quiet", "--input", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try r.json().map { $0["id"] as? String }, ["a.txt", "b.txt"])
        // An output written into the folder is not read back as a document on the next run.
        let output = dir.appendingPathComponent("scores.txt")
        for _ in 0..<2 {
            let run = try CLI.run(["batch", "--quiet", "--input", dir.path, "--output", output.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            let ids = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.map { $0?["id"] as? String }
            XCTAssertEqual(ids, ["a.txt", "b.txt"])
        }
    }

    /// The help's examples keep each command and its follow-up whole on an 80-column terminal
    /// (a wrapped "(then: framewatch\nreport)" or URL read as broken), and every option's help is
    /// one paragraph with one default.
    func testBatchAndServeHelpDoNotBreakExamplesOrRepeatDefaults() throws {
        let batch = try CLI.run(["batch", "--help"], environment: ["COLUMNS": "80"]).text
        XCTAssertTrue(batch.contains("\n    then: framewatch report --db monitor.sqlite\n"), batch)
        let words = batch.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("Worker threads, one per core unless told otherwise. (default: "), batch)
        XCTAssertFalse(batch.contains("\n        An article"), "--db's help indented apart: \(batch)")
        let serve = try CLI.run(["serve", "--help"], environment: ["COLUMNS": "80"]).text
        XCTAssertTrue(serve.contains("\n    then open http://127.0.0.1:8080/dashboard\n"), serve)
        for line in (batch + serve).split(separator: "\n") {
            XCTAssertFalse(line.hasPrefix("report)") || line.hasPrefix("http://"), "a wrapped example: \(line)")
        }
    }

    func testSummaryGoesToStandardError() throws {
        let r = try CLI.run(["batch"], stdin: try jsonl([["text": "Russia."]]))
        XCTAssertTrue(r.stderr.contains("1 document, 0 errors"), r.stderr)
    }

    /// `--lang` imposes a language on records without their own: records whose letters point to
    /// another are counted in a warning (a mixed feed scored as one language comes out neutral).
    func testAnImposedLanguageTheTextsDoNotLookLikeIsWarnedAbout() throws {
        let input = try jsonl([
            ["text": "Москва отказалась извиняться за катастрофу."],
            ["text": "Moscow refused to apologise for the crash."],
            ["text": "Rusiya təyyarənin vurulmasına görə üzr istəməyib.", "lang": "az"],
            ["text": "Rusiya təyyarənin vurulmasına görə üzr istəməyib."],
        ])
        let r = try CLI.run(["batch", "--lang", "ru"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.stderr.contains("warning: 2 records scored as ru (--lang) look like another language"), r.stderr)
        XCTAssertEqual(try r.json().map { $0["lang"] as? String }, ["ru", "ru", "az", "ru"])
        let agree = try CLI.run(
            ["batch", "--lang", "ru"], stdin: try jsonl([["text": "Москва отказалась извиняться."]]))
        XCTAssertFalse(agree.stderr.contains("warning"), agree.stderr)
        let single = try CLI.run(["score", "--lang", "ru", "Moscow refused to apologise for the crash."])
        XCTAssertEqual(single.status, 0)
        XCTAssertTrue(single.stderr.contains("warning: the text looks like en but --lang ru"), single.stderr)
    }

    func testResumeAfterKillNineWritesEveryRecordExactlyOnce() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        let output = dir.appendingPathComponent("out.jsonl")
        var records: [[String: Any]] = []
        let base = [
            "Moscow refused to apologise for the crash, and Baku closed the Russian House.",
            "Россия и Азербайджан сохраняют стратегическое партнёрство и наращивают товарооборот.",
            "Bakı Moskvanın müdaxiləsini pislədi və üzr istənilməsini tələb etdi.",
        ]
        // Ids may repeat or be missing: resume must still keep every record (it keyed on ids and
        // dropped the later records of a repeated id).
        for i in 0..<6000 {
            var record: [String: Any] = ["text": String(repeating: base[i % 3] + " ", count: 6)]
            if i % 700 != 3 { record["id"] = i % 500 == 499 ? "dupe" : "doc-\(i)" }
            records.append(record)
        }
        try jsonl(records).write(to: input)
        for attempt in 0..<3 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = [
                "batch", "--quiet", "--jobs", "2", "--input", input.path, "--output", output.path, "--resume",
            ]
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill it at a different point each time, once some output exists.
            let deadline = Date().addingTimeInterval(20)
            let target = 1000 * (attempt + 1)
            while Date() < deadline {
                let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
                if (size ?? 0) > target * 300 || !process.isRunning { break }
                usleep(20_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let finish = try CLI.run(["batch", "--quiet", "--input", input.path, "--output", output.path, "--resume"])
        XCTAssertEqual(finish.status, 0, finish.stderr)
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        var seen: [Int: Int] = [:]
        for line in lines {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let n = try XCTUnwrap(object["line"] as? Int)
            seen[n, default: 0] += 1
            XCTAssertEqual(object["id"] as? String, records[n - 1]["id"] as? String, "line \(n)")
        }
        XCTAssertEqual(seen.count, 6000, "every input line is present")
        XCTAssertEqual(seen.values.filter { $0 != 1 }.count, 0, "no input line is written twice")
    }

    func testOutputOverTheInputIsRefusedAndTheInputKept() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        let original = try jsonl([["id": "a", "text": "Moscow interfered."]])
        try original.write(to: input)
        let link = dir.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        for output in [input, link] {
            let r = try CLI.run(["batch", "--quiet", "--input", input.path, "--output", output.path])
            XCTAssertEqual(r.status, 2)
            XCTAssertTrue(r.stderr.contains("is the input file"), r.stderr)
            XCTAssertEqual(try Data(contentsOf: input), original)
        }
    }

    func testResumeRefusesAFileOfAnotherFormatOrWithForeignLines() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        try jsonl([["id": "a", "text": "Moscow interfered."], ["id": "b", "text": "Baku."]]).write(to: input)
        let output = dir.appendingPathComponent("out")
        XCTAssertEqual(try CLI.run(["batch", "--quiet", "--input", input.path, "--output", output.path]).status, 0)
        let written = try Data(contentsOf: output)
        // Resuming the JSONL file as CSV would mix the formats: refused, the file kept.
        let csv = try CLI.run([
            "batch", "--quiet", "--input", input.path, "--output", output.path, "--format", "csv", "--resume",
        ])
        XCTAssertEqual(csv.status, 2)
        XCTAssertTrue(csv.stderr.contains("line 1 is a JSON line"), csv.stderr)
        XCTAssertEqual(try Data(contentsOf: output), written)
        // A file that is not batch output at all (and has no final line feed) is not cut either.
        let foreign = dir.appendingPathComponent("notes.txt")
        try Data("my notes\nkeep this".utf8).write(to: foreign)
        let r = try CLI.run(["batch", "--quiet", "--input", input.path, "--output", foreign.path, "--resume"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(try String(contentsOf: foreign, encoding: .utf8), "my notes\nkeep this")
        // Batch output of another input (a typo in --input) is refused before anything is
        // appended: one whose first record has another id, and one with more records than this input.
        let other = dir.appendingPathComponent("other.jsonl")
        try jsonl([["id": "zz", "text": "Bakı."]]).write(to: other)
        let typo = try CLI.run(["batch", "--quiet", "--input", other.path, "--output", output.path, "--resume"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("holds the record of id \"a\" for input line 1"), typo.stderr)
        XCTAssertEqual(try Data(contentsOf: output), written)
        let shorter = dir.appendingPathComponent("shorter.jsonl")
        try jsonl([["id": "a", "text": "Moscow interfered."]]).write(to: shorter)
        let extra = try CLI.run(["batch", "--quiet", "--input", shorter.path, "--output", output.path, "--resume"])
        XCTAssertEqual(extra.status, 2)
        XCTAssertTrue(extra.stderr.contains("1 record(s) that are not in this input"), extra.stderr)
        XCTAssertEqual(try Data(contentsOf: output), written)
        // The same ids on the same lines with other texts: another input all the same.
        let retexted = dir.appendingPathComponent("retexted.jsonl")
        try jsonl([["id": "a", "text": "Russia is a strategic partner."], ["id": "b", "text": "Baku."]]).write(
            to: retexted)
        let same = try CLI.run(["batch", "--quiet", "--input", retexted.path, "--output", output.path, "--resume"])
        XCTAssertEqual(same.status, 2)
        XCTAssertTrue(same.stderr.contains("text of 18 bytes, but that line's text is 30 bytes now"), same.stderr)
        XCTAssertEqual(try Data(contentsOf: output), written)
    }

    func testResumeAfterARepairedLineNamesTheErrorRecordItHolds() throws {
        // A line cut mid-way (a feed copied while being written) is an error record; once the
        // input is repaired that line reads differently, and resume says which record is in the way.
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("in.jsonl")
        var broken = try jsonl([["id": "a", "text": "Moscow interfered."]])
        broken.append(Data("{\"id\":\"b\",\"text\":\"Baku sa".utf8))
        try broken.write(to: input)
        let output = dir.appendingPathComponent("out.jsonl")
        XCTAssertEqual(try CLI.run(["batch", "--quiet", "--input", input.path, "--output", output.path]).status, 1)
        try jsonl([["id": "a", "text": "Moscow interfered."], ["id": "b", "text": "Baku said."]]).write(to: input)
        let written = try Data(contentsOf: output)
        let r = try CLI.run(["batch", "--quiet", "--input", input.path, "--output", output.path, "--resume"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("holds an error record (invalid_json) for input line 2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("delete that record"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: output), written)
    }

    func testOversizeRecordIsAnErrorLineNotACrash() throws {
        var input = try jsonl([["id": "small", "text": "Russia."]])
        input.append(Data("{\"id\":\"big\",\"text\":\"".utf8))
        input.append(Data(repeating: 0x61, count: 3_000_000))
        input.append(Data("\"}\n".utf8))
        input.append(try jsonl([["id": "after", "text": "Baku."]]))
        let r = try CLI.run(["batch", "--quiet", "--max-bytes", "1000000"], stdin: input)
        let lines = try r.json()
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual((lines[1]["error"] as? [String: Any])?["code"] as? String, "too_large")
        XCTAssertEqual(lines[2]["id"] as? String, "after")
    }
}
