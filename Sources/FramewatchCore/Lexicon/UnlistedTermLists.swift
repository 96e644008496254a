import Foundation

extension LexiconPack {
    /// The folders of a pack whose `*.tsv` files are term lists (`Lexicons/README.md`).
    static let termListFolders = ["cues", "sentiment", "rules"]

    /// A warning for each `*.tsv` file under ``termListFolders`` (at any depth) that no entry of
    /// the manifest's `lists` names. Only listed files are loaded, so such a file's terms are
    /// silently unused: the usual cause is a new list (`cues/en-extra.tsv`) whose author forgot
    /// the manifest. `lexicon check` prints these, and `--strict` fails on them as on any warning.
    ///
    /// ```
    /// cues/de.tsv: warning: not in the manifest's `lists`, so its terms are not used (add it to `lists`, or move it out of cues/)
    /// ```
    static func unlistedTermLists(directory: String, lists: [String]) -> [PackProblem] {
        let listed = Set(lists.map(normalizedRelativePath))
        var problems: [PackProblem] = []
        for folder in termListFolders {
            let root = (directory as NSString).appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            var found: [String] = []
            while let name = walker.nextObject() as? String {
                guard name.hasSuffix(".tsv"), walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory
                else { continue }
                found.append(folder + "/" + name)
            }
            for file in found.sorted() where !listed.contains(normalizedRelativePath(file)) {
                problems.append(
                    PackProblem(
                        .warning, file: file, line: 0,
                        "not in the manifest's `lists`, so its terms are not used "
                            + "(add it to `lists`, or move it out of \(folder)/)"))
            }
        }
        return problems
    }

    /// `./cues//en.tsv` and `cues/en.tsv` name the same file: empty and `.` components dropped.
    static func normalizedRelativePath(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
