import Foundation
import XCTest

/// Runs the built `framewatch` binary.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary next to the test bundle (`.build/<config>/framewatch`).
    static var binary: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        for dir in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("framewatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/framewatch")
    }

    final class Marker {}

    /// Holds what the reader thread collected.
    final class Box: @unchecked Sendable { var data = Data() }

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

        /// Each stdout line parsed as a JSON object.
        func json() throws -> [[String: Any]] {
            try lines.map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw NSError(domain: "not an object", code: 1)
                }
                return object
            }
        }
    }

    /// Runs `framewatch args…` with `stdin`, in the repository, and waits. `stdoutPath` sends
    /// standard output to that file instead of a pipe (`/dev/full`: a disk that is full).
    @discardableResult
    static func run(
        _ args: [String], stdin: Data? = nil, environment: [String: String] = [:], stdoutPath: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = repository
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        if let stdoutPath, let file = FileHandle(forWritingAtPath: stdoutPath) {
            process.standardOutput = file
            try? out.fileHandleForWriting.close()
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = input
        // A command may exit before reading all of its input (`--max-bytes`, a bad pack): the
        // write below then fails with EPIPE, which must not kill the test process with SIGPIPE
        // (nor trap, as the non-throwing `FileHandle.write(_:)` does).
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        // Write stdin on another thread so a large input cannot deadlock against a full stdout pipe.
        let writer = Thread {
            if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let box = Box()
        // The semaphore orders the reader thread's write of `box.data` before the read below
        // (polling `Thread.isFinished` does not, and ThreadSanitizer reports it).
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            box.data = out.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Result(
            status: process.terminationStatus, stdout: box.data, stderr: String(decoding: stderrData, as: UTF8.self))
    }

}

extension XCTestCase {
    /// A fresh temporary folder, removed when the test ends.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("framewatch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
