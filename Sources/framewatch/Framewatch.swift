import ArgumentParser
import Foundation
import FramewatchCore

/// The `framewatch` command line.
@main
struct FramewatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framewatch",
        abstract: "How is Russia framed in this text, what is the tone, and who is named — with the evidence.",
        discussion: """
            Exit codes: 0 success; 1 some input records had errors (batch); 2 usage or configuration error.
            """,
        version: Framewatch.version,
        subcommands: [
            ScoreCommand.self, BatchCommand.self, ReportCommand.self, ServeCommand.self, EvalCommand.self,
            LexiconCommand.self,
            EntitiesCommand.self,
            TokenizeCommand.self,
        ]
    )

    /// Runs the command with the documented exit codes: 0 success (and --help, --version);
    /// 1 when some input records had errors (batch) or a check failed; 2 for usage and
    /// configuration errors (bad option, unreadable file, invalid pack).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            // Output that could not be written (a full disk, a closed stdout) is an error, not a
            // silent exit 0.
            try FileIO.flushStandardOutput()
        } catch let code as ExitCode {
            if (try? FileIO.flushStandardOutput()) == nil {
                FileHandle.standardError.write(Data("Error: cannot write standard output\n".utf8))
                Foundation.exit(2)
            }
            Foundation.exit(code.rawValue)
        } catch {
            let error = FileIO.plainFileError(error)
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            if status == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
