import ArgumentParser
import FramewatchCore

/// The `framewatch` command line.
@main
struct FramewatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framewatch",
        abstract: "How is Russia framed in this text, what is the tone, and who is named — with the evidence.",
        discussion: """
            Exit codes: 0 success; 1 some input records had errors (batch); 2 usage or configuration error.
            """,
        version: Framewatch.version,
        subcommands: [ScoreCommand.self, EvalCommand.self, TokenizeCommand.self]
    )
}
