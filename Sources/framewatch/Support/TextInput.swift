import ArgumentParser
import Foundation
import FramewatchText

/// Where a single text comes from: an argument, `--file`, or standard input; and its language.
struct TextInput: ParsableArguments {
    @Argument(help: "The text. Omit it to use --file or standard input.")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the text from this file ('-' for standard input).")
    var file: String?

    @Option(help: "Impose a language (en, ru, az) instead of detecting one per sentence.")
    var lang: Language?

    func validate() throws {
        if text != nil && file != nil {
            throw ValidationError("Give the text as an argument or with --file, not both.")
        }
    }

    /// The text's bytes, exactly as given (invalid UTF-8 is kept; offsets refer to these bytes).
    func readBytes() throws -> [UInt8] {
        if let text { return Array(text.utf8) }
        if let file, file != "-" {
            do {
                return try FileIO.readAll(path: file)
            } catch {
                throw CLIError.cannotRead(path: file, reason: "\(error)")
            }
        }
        if isatty(STDIN_FILENO) != 0 {
            throw ValidationError("No text: pass it as an argument, with --file, or on standard input.")
        }
        return FileIO.readStandardInput()
    }
}

extension Language: ExpressibleByArgument {}
