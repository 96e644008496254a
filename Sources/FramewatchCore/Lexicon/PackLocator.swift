import Foundation

/// Finds the lexicon pack to use when none is given, so the binary works wherever it is run from.
///
/// Order: an explicit path; `$FRAMEWATCH_PACK`; `Lexicons/russia-azerbaijan` next to the
/// executable or in any folder above it (a checkout's `.build/release/framewatch` finds the
/// repository's pack); `../share/framewatch/russia-azerbaijan` for installed binaries; the
/// current directory's `Lexicons/russia-azerbaijan`.
public enum PackLocator {
    /// The default pack's folder name.
    public static let defaultPackName = "russia-azerbaijan"

    /// Why no pack was found, with every place looked at.
    public struct NotFound: Error, CustomStringConvertible, Sendable {
        public var searched: [String]
        public var description: String {
            "no lexicon pack found; looked in:\n" + searched.map { "  \($0)" }.joined(separator: "\n")
                + "\npass --pack DIR or set FRAMEWATCH_PACK"
        }
    }

    /// The pack folder to load.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String
    {
        if let explicit { return explicit }
        if let fromEnvironment = environment["FRAMEWATCH_PACK"], !fromEnvironment.isEmpty { return fromEnvironment }
        var searched: [String] = []
        let fm = FileManager.default
        func isPack(_ dir: String) -> Bool {
            searched.append(dir)
            return fm.fileExists(atPath: (dir as NSString).appendingPathComponent("manifest.toml"))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Lexicons").appendingPathComponent(defaultPackName).path
            if isPack(candidate) { return candidate }
            let installed = dir.appendingPathComponent("share/framewatch").appendingPathComponent(defaultPackName).path
            if isPack(installed) { return installed }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        let local = (fm.currentDirectoryPath as NSString).appendingPathComponent("Lexicons/\(defaultPackName)")
        if isPack(local) { return local }
        throw NotFound(searched: searched)
    }
}
