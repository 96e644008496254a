import Foundation

/// File and stream helpers that keep bytes as they are (no decoding, no newline translation).
enum FileIO {
    /// Reads a whole file.
    static func readAll(path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.cannotRead(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError.cannotRead(path: path, reason: "it is a directory") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return [UInt8](data)
    }

    /// Reads standard input to the end.
    static func readStandardInput() -> [UInt8] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return [UInt8](data)
    }

    /// Writes bytes to standard output.
    static func writeStandardOutput(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes a line to standard error.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Errors the CLI reports to the person at the terminal.
enum CLIError: Error, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case configuration(String)

    var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .configuration(let message): return message
        }
    }
}
