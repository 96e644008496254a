import Foundation

/// File and stream helpers that keep bytes as they are (no decoding, no newline translation).
enum FileIO {
    /// Reads a whole file.
    static func readAll(path: String) throws -> [UInt8] {
        // read(2), not Data(contentsOf:), which refuses devices and pipes (/dev/null, <(…)).
        guard let bytes = try readAll(path: path, limit: Int.max) else {
            throw CLIError.cannotRead(path: path, reason: "too large")
        }
        return bytes
    }

    /// Reads a whole file, or returns nil as soon as it holds more than `limit` bytes (a pipe or
    /// a device is read the same way, so its size need not be known in advance).
    static func readAll(path: String, limit: Int) throws -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.cannotRead(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError.cannotRead(path: path, reason: "it is a directory") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        // A regular file says its size: one over the limit is refused before a byte is read.
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > limit { return nil }
        return try readBounded(fd: fd, limit: limit)
    }

    /// Reads `fd` to its end, or returns nil once more than `limit` bytes have arrived.
    static func readBounded(fd: Int32, limit: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.cannotRead(path: "input", reason: String(cString: strerror(errno)))
            }
            guard bytes.count + n <= limit else { return nil }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Reads standard input to the end.
    static func readStandardInput() -> [UInt8] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return [UInt8](data)
    }

    /// Writes bytes to standard output (after what `print` has buffered), or throws
    /// ``CLIError/cannotWrite(path:reason:)`` when the stream refuses them (a full disk, a closed
    /// descriptor) instead of trapping as `FileHandle.write` does.
    static func writeStandardOutput(_ bytes: [UInt8]) throws {
        try flushStandardOutput()
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.cannotWrite(path: "standard output", reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Flushes what `print` has buffered for standard output, or throws
    /// ``CLIError/cannotWrite(path:reason:)`` when that (or an earlier buffered write) failed, so
    /// that lost output is an error rather than a silent exit 0.
    static func flushStandardOutput() throws {
        // fflush(NULL): every output stream, i.e. standard output (the only one `print` uses);
        // naming `stdout` is not allowed under strict concurrency checking.
        errno = 0
        if fflush(nil) != 0 {
            let reason = errno != 0 ? String(cString: strerror(errno)) : "write error"
            throw CLIError.cannotWrite(path: "standard output", reason: reason)
        }
    }

    /// Why a Foundation file operation failed, in the system's words ("Is a directory", "No such
    /// file or directory") rather than an `NSCocoaErrorDomain` dump or "The operation could not be
    /// completed".
    static func reason(_ error: any Error) -> String {
        var e = error as NSError
        while e.domain != NSPOSIXErrorDomain, let underlying = e.userInfo[NSUnderlyingErrorKey] as? any Error {
            e = underlying as NSError
        }
        if e.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(e.code))) }
        return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    /// A Foundation file error not caught where it happened, as a plain sentence naming the path
    /// ("good.txt: Not a directory") instead of an `NSCocoaErrorDomain` dump; other errors as they are.
    static func plainFileError(_ error: any Error) -> any Error {
        let e = error as NSError
        guard e.domain == NSCocoaErrorDomain else { return error }
        let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? (e.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
        return CLIError.configuration("\(path): \(reason(error))")
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
    /// A text over `--max-bytes`.
    case tooLarge(source: String, limit: Int)

    var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .configuration(let message): return message
        case .tooLarge(let source, let limit):
            return "\(source) is over the limit of \(limit) bytes (too_large); raise it with --max-bytes"
        }
    }
}
