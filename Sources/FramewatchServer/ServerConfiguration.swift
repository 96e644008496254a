import Foundation

/// How `framewatch serve` runs: where it listens, which pack it scores with, and its limits.
public struct ServerConfiguration: Sendable {
    /// Address to bind (default loopback only).
    public var host = "127.0.0.1"
    public var port = 8080
    /// The lexicon pack folder (reloaded from the same place by SIGHUP or /v1/admin/reload;
    /// a request can never choose another).
    public var packPath: String
    /// The bearer token every route but the health checks requires; nil disables auth.
    public var token: String?
    /// The largest document accepted by /v1/analyze (and per line by the batch route).
    public var maxDocumentBytes = 2 << 20
    /// The largest batch body.
    public var maxBatchBytes = 64 << 20
    /// What a JSON document may add to its text's limit (the field names, `id`, `outlet`, escapes):
    /// a JSON body or batch line is refused over `maxDocumentBytes` plus this.
    public static let jsonEnvelopeBytes = 65536
    /// Requests scored at the same time; more get 503 with Retry-After.
    public var maxConcurrentRequests = 32
    /// A connection idle (headers or body not arriving) this long is closed.
    public var idleTimeoutSeconds = 30
    /// The monitoring database (`--db`): scored documents are stored in it, and the trend
    /// routes and the dashboard read it. Nil: nothing is stored and those routes do not exist.
    public var databasePath: String?
    /// What Retry-After says when the server is at its concurrency limit.
    public var retryAfterSeconds = 1

    public init(packPath: String) {
        self.packPath = packPath
    }

    /// Why the configuration cannot be used.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a token file, refusing one that other users can read (it would leak the token).
    public static func readToken(path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Invalid(description: "cannot read the token file \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Invalid(description: "the token file \(path) is not a regular file")
        }
        guard info.st_mode & 0o007 == 0 else {
            throw Invalid(
                description:
                    "the token file \(path) is readable by other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !token.isEmpty
        else {
            throw Invalid(description: "the token file \(path) is empty")
        }
        // One line: a header cannot carry a line break, so a two-line token could never match.
        guard !token.contains(where: { $0.isNewline }) else {
            throw Invalid(description: "the token file \(path) has more than one line; put the token alone on one line")
        }
        guard !token.contains(where: { $0.isWhitespace }) else {
            throw Invalid(description: "the token in \(path) contains spaces; use a token without white space")
        }
        guard token.count >= 16 else {
            throw Invalid(description: "the token in \(path) is shorter than 16 characters; use a long random token")
        }
        return token
    }
}
