import Foundation
import XCTest

/// Starts the real `framewatch serve` on a free loopback port and talks HTTP/1.1 to it over
/// plain sockets (so tests control exactly what is sent and when).
final class ServerHarness {
    let process = Process()
    private(set) var port = 0
    private let stderr = Pipe()
    private let log = LogBox()

    final class LogBox: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL {
        let bundle = Bundle(for: ServerHarness.self).bundleURL
        for dir in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("framewatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/framewatch")
    }

    /// Starts the server with extra arguments and waits until it listens.
    init(_ arguments: [String] = []) throws {
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = Self.repository
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        let log = log
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            log.lock.lock()
            log.text += String(decoding: data, as: UTF8.self)
            log.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let port = listeningPort() {
                self.port = port
                return
            }
            if !process.isRunning { break }
            usleep(50_000)
        }
        throw NSError(domain: "server did not start: \(logText)", code: 1)
    }

    var logText: String {
        log.lock.lock()
        defer { log.lock.unlock() }
        return log.text
    }

    private func listeningPort() -> Int? {
        let text = logText
        guard let range = text.range(of: "port=") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any], text)
        }
        var lines: [String] { text.split(separator: "\n").map(String.init) }
    }

    /// Opens a TCP connection to the server.
    func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw NSError(domain: "connect failed", code: Int(errno))
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Connects and sends `request` as written (a raw HTTP request, possibly incomplete); the
    /// caller closes the socket.
    func open(_ request: String) throws -> Int32 {
        let fd = try connect()
        Self.send(fd, Data(request.utf8))
        return fd
    }

    /// One chunk of a chunked request body.
    static func chunk(_ text: String) -> Data {
        Data((String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n").utf8)
    }

    static func send(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Reads until the peer closes (requests are sent with Connection: close).
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    static func parse(_ raw: Data) -> Response {
        let separator = Data("\r\n\r\n".utf8)
        guard let range = raw.range(of: separator) else { return Response(status: 0, headers: [:], body: raw) }
        let head = String(decoding: raw[..<range.lowerBound], as: UTF8.self).split(separator: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        var body = Data(raw[range.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            let end = rest.index(start, offsetBy: size, limitedBy: rest.endIndex) ?? rest.endIndex
            out.append(rest[start..<end])
            rest = rest[min(rest.endIndex, rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        return out
    }

    /// One request, one response.
    func request(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = nil, headers: [String: String] = [:]
    ) throws -> Response {
        let fd = try connect()
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var data = Data(head.utf8)
        if let body { data.append(body) }
        Self.send(fd, data)
        return Self.parse(Self.readAll(fd))
    }

    func json(_ path: String, _ object: Any, headers: [String: String] = [:]) throws -> Response {
        try request(
            "POST", path, body: try JSONSerialization.data(withJSONObject: object), contentType: "application/json",
            headers: headers)
    }
}
