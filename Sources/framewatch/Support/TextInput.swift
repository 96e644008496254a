import ArgumentParser
import Foundation
import FramewatchCore
import FramewatchText

/// Where a single text comes from: an argument, `--file`, or standard input; and its language.
struct TextInput: ParsableArguments {
    @Argument(help: "The text ('-' or nothing: standard input, unless --file is given).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the text from this file ('-' for standard input).")
    var file: String?

    @Option(help: "Impose a language (en, ru, az) instead of detecting one per sentence.")
    var lang: Language?

    /// The same default as `batch --max-bytes`: a larger text is refused before it is read in
    /// full, so memory stays bounded whatever the file or pipe holds.
    @Option(help: "Largest text accepted, in bytes (a larger one is refused).")
    var maxBytes: Int = RecordReader.defaultMaximumBytes

    func validate() throws {
        if text != nil && file != nil {
            throw ValidationError("Give the text as an argument or with --file, not both.")
        }
        guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be positive") }
    }

    /// The text's bytes, exactly as given (invalid UTF-8 is kept; offsets refer to these bytes).
    func readBytes() throws -> [UInt8] {
        if let text, text != "-" {
            guard text.utf8.count <= maxBytes else { throw CLIError.tooLarge(source: "the text", limit: maxBytes) }
            return Array(text.utf8)
        }
        if let file, file != "-" {
            let bytes: [UInt8]?
            do {
                bytes = try FileIO.readAll(path: file, limit: maxBytes)
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError.cannotRead(path: file, reason: "\(error)")
            }
            guard let bytes else { throw CLIError.tooLarge(source: file, limit: maxBytes) }
            return bytes
        }
        if isatty(STDIN_FILENO) != 0 {
            throw ValidationError("No text: pass it as an argument, with --file, or on standard input.")
        }
        guard let bytes = try FileIO.readBounded(fd: STDIN_FILENO, limit: maxBytes) else {
            throw CLIError.tooLarge(source: "standard input", limit: maxBytes)
        }
        return bytes
    }
}

/// `--lang en`, `EN`, `En` (as records and the service accept it).
extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
