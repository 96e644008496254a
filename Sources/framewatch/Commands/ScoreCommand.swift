import ArgumentParser
import Foundation
import FramewatchCore
import FramewatchText

/// `framewatch score`: one text, for a person (colour) or a program (`--json`).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score one text: frame, tone, targets and named figures, with the evidence.",
        discussion: """
            Examples:
              framewatch score "Moscow refused to apologise for the AZAL crash."
              framewatch score --file article.txt --json
              framewatch score --file article.txt --explain
              framewatch score --file article.txt --html report.html
            """
    )

    @OptionGroup var input: TextInput
    @OptionGroup var packOptions: PackOptions

    @Flag(help: "Print the JSON report (the documented contract).")
    var json = false

    @Flag(help: "Show, for every cue, its base weight and each rule that changed it.")
    var explain = false

    @Option(help: "Also write a standalone HTML report to this file (- : standard output, instead of the text report).")
    var html: String?

    @Flag(help: "Never use colour (also: NO_COLOR=1).")
    var noColor = false

    // Checked here, not in run(), so that the error comes with this command's usage line.
    func validate() throws {
        if html == "-" && json {
            throw ValidationError("--html - and --json both write to standard output: send one of them to a file")
        }
    }

    func run() throws {
        let bytes = try input.readBytes()
        if let imposed = input.lang, let looks = Language.guess(bytes), looks != imposed {
            FileIO.warn(
                "warning: the text looks like \(looks.rawValue) but --lang \(imposed.rawValue) scores it as "
                    + "\(imposed.rawValue): cues and names of the other language are not matched")
        }
        let lexicon = try packOptions.load()
        let analyzer = try Analyzer(lexicon)
        let report = try analyzer.analyze(bytes, language: input.lang, explain: explain || json && explain)
        if let html {
            let page = HTMLReport.render(report, text: String(decoding: bytes, as: UTF8.self))
            if html == "-" {
                try FileIO.writeStandardOutput(Array(page.utf8))
                return
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: html, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CLIError.cannotWrite(path: html, reason: "it is a directory")
            }
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: html))
            } catch {
                throw CLIError.cannotWrite(path: html, reason: FileIO.reason(error))
            }
        }
        if json {
            try FileIO.writeStandardOutput(report.jsonBytes() + [0x0A])
            return
        }
        let colour = Terminal.useColour(disabled: noColor)
        print(TerminalReport.render(report, text: bytes, colour: colour, explain: explain), terminator: "")
    }
}
