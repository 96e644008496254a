import ArgumentParser
import Foundation
import FramewatchCore

/// `framewatch entities`: the gazetteer, for the people who write it.
struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "List a pack's entities, or show which entities a text names and where (--match).",
        discussion: """
            Examples:
              framewatch entities                         # every entity: id, type, roles, watch flag, aliases
              framewatch entities --search mamed          # entities whose id or alias contains it (any script)
              framewatch entities --match "Мамедъярова видели в Баку, а Əliyevin çıxışı…"
            """
    )

    @Option(help: "Show the entity mentions found in this text.")
    var match: String?

    @Option(help: "Only entities whose id or an alias contains this (compared on cross-script keys).")
    var search: String?

    @Option(help: "Impose a language on --match text.")
    var lang: Language?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var packOptions: PackOptions

    func run() throws {
        let lexicon = try packOptions.load()
        if let match {
            let report = try Analyzer(lexicon).analyze(match, language: lang)
            if json {
                var j = JSONWriter()
                j.array { j in
                    for e in report.entities {
                        for m in e.mentions {
                            j.object { j in
                                j.field("id", e.id)
                                j.field("text", m.text)
                                j.field("start", m.start)
                                j.field("end", m.end)
                                j.field("form", m.form)
                            }
                        }
                    }
                }
                try FileIO.writeStandardOutput(j.bytes + [0x0A])
                return
            }
            var rows: [(Int, String)] = []
            for e in report.entities {
                for m in e.mentions {
                    rows.append(
                        (m.start, "[\(m.start)..<\(m.end)] “\(m.text)” → \(e.id) (\(e.type.rawValue), \(m.form))"))
                }
            }
            for a in report.ambiguous {
                let settled = a.resolved.map { "; settled as \($0) (preferred)" } ?? ""
                rows.append(
                    (
                        a.start,
                        "[\(a.start)..<\(a.end)] “\(a.text)” → ambiguous: \(a.candidates.joined(separator: ", "))\(settled)"
                    ))
            }
            for (_, row) in rows.sorted(by: { $0.0 < $1.0 }) { print(row) }
            if rows.isEmpty { print("no entity found") }
            return
        }
        let entities = lexicon.searchEntities(search ?? "")
        if json {
            var j = JSONWriter()
            j.array { j in for e in entities { e.write(to: &j) } }
            try FileIO.writeStandardOutput(j.bytes + [0x0A])
            return
        }
        for e in entities {
            let roles = e.roles.map(\.rawValue).sorted().joined(separator: ",")
            print(
                "\(e.watch != nil ? "⚑" : " ") \(e.id) [\(e.type.rawValue)\(roles.isEmpty ? "" : "; " + roles)] \(e.name)"
            )
            print("    " + (e.names + e.short + e.adjectives).joined(separator: " · "))
        }
        print("\(entities.count) of \(lexicon.entities.count) entities")
    }
}
