import ArgumentParser
import Foundation
import FramewatchCore
import FramewatchStore

/// `framewatch report`: the trend tables of a monitoring database.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a monitoring database: frame shares and mean scores per week, month, outlet or entity.",
        discussion: """
            The database is filled by `framewatch batch --db FILE` (or `framewatch serve --db FILE`). The table \
            format shows the groups, the most-flagged figures with their accusations, and the top cues of each \
            pole; --format csv writes one of those tables (--table); --format json writes them all (the body of \
            GET /v1/trends).
            Examples:
              framewatch report --db monitor.sqlite
              framewatch report --db monitor.sqlite --by outlet --from 2025-06-01 --to 2025-07-31
              framewatch report --db monitor.sqlite --by week --outlet Oxu.az --outlet APA --format csv > weekly.csv
              framewatch report --db monitor.sqlite --format csv --table figures
            """
    )

    @Option(help: "The monitoring database (SQLite).")
    var db: String

    @Option(help: "Group by week, month, outlet or entity.")
    var by: TrendQuery.Grouping = .week

    @Option(help: "First published day included (e.g. 2025-06-01).")
    var from: String?

    @Option(help: "Last published day included.")
    var to: String?

    @Option(help: "Only this outlet (repeatable).")
    var outlet: [String] = []

    @Option(help: "Only this language: en, ru or az.")
    var lang: String?

    @Option(parsing: .unconditional, help: "How many figures, cues (per pole) and entity rows to list.")
    var top: Int = 10

    @Option(help: "Output: table, csv or json.")
    var format: String = "table"

    @Option(help: "With --format csv: which table (groups, figures or cues; default groups).")
    var table: String?

    func validate() throws {
        guard ["table", "csv", "json"].contains(format) else {
            throw ValidationError("--format must be table, csv or json")
        }
        if let table {
            guard TrendReport.Table(rawValue: table) != nil else {
                throw ValidationError("--table must be groups, figures or cues")
            }
            // The table view shows every table and JSON holds them all: --table picks one CSV.
            guard format == "csv" else {
                throw ValidationError("--table picks one CSV table: use it with --format csv")
            }
        }
        // Checked here, not in run(), so that the error comes with this command's usage line.
        do {
            _ = try TrendQuery(by: by, from: from, to: to, outlets: outlet, language: lang, top: top).validated()
        } catch let error as TrendQuery.Invalid {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory) else {
            throw CLIError.cannotRead(
                path: db, reason: "no such database (fill one with: framewatch batch --input FILE --db \(db))")
        }
        guard !isDirectory.boolValue else {
            throw CLIError.cannotRead(path: db, reason: "is a folder, not a database file")
        }
        // A read command must not turn a stray file into a database: only SQLite files are opened.
        // An empty file is what SQLite itself takes for an empty database (and `batch --db` fills).
        let header = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: db)).read(upToCount: 16)) ?? nil
        if (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) == 0 {
            throw CLIError.cannotRead(
                path: db,
                reason: "is empty: no article is stored yet (fill it with: framewatch batch --input FILE --db \(db))")
        }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw CLIError.cannotRead(
                path: db, reason: "not a SQLite database (fill one with: framewatch batch --input FILE --db NEW-FILE)")
        }
        let query = try TrendQuery(by: by, from: from, to: to, outlets: outlet, language: lang, top: top).validated()
        let store = try MonitorStore.openForCLI(db)
        let report = try store.trends(query)
        switch format {
        case "json": try FileIO.writeStandardOutput(try report.json() + [0x0A])
        case "csv":
            try FileIO.writeStandardOutput(Array(report.csv(TrendReport.Table(rawValue: table ?? "groups")!).utf8))
        default: try FileIO.writeStandardOutput(Array(report.table().utf8))
        }
    }
}

extension TrendQuery.Grouping: ExpressibleByArgument {}
