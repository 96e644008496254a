import Foundation
import FramewatchCore
import FramewatchText
import XCTest

/// Paths and shared, compiled packs for the tests.
enum TestPacks {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let miniPath = fixtures.appendingPathComponent("mini-pack").path
    static let defaultPath = repository.appendingPathComponent("Lexicons/russia-azerbaijan").path

    nonisolated(unsafe) static let mini: CompiledLexicon = {
        try! CompiledLexicon(LexiconPack.load(directory: miniPath))
    }()

    /// An analyzer on a copy of the mini pack whose manifest section `[section]` starts with the
    /// line `setting` ("frame_gates_tone = 0"). The copy is removed before returning.
    static func mini(_ section: String, _ setting: String) throws -> Analyzer {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("fw-mini-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: miniPath), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let manifest = copy.appendingPathComponent("manifest.toml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "[\(section)]\n", with: "[\(section)]\n\(setting)\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        return try Analyzer(CompiledLexicon(LexiconPack.load(directory: copy.path)))
    }

    nonisolated(unsafe) static let standard: CompiledLexicon = {
        do {
            return try CompiledLexicon(LexiconPack.load(directory: defaultPath))
        } catch {
            fatalError("the default pack does not load: \(error)")
        }
    }()
}

extension Report {
    /// The evidence items of every sentence.
    var allEvidence: [Evidence] { sentences.flatMap(\.evidence) }

    /// The first evidence item whose text is `text`.
    func evidence(_ text: String) -> Evidence? { allEvidence.first { $0.text == text } }

    func entity(_ id: String) -> EntityReport? { entities.first { $0.id == id } }
}

/// Slices by Unicode scalars, as Python's `text[start:end]`.
func scalarSlice(_ string: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(string.unicodeScalars)
    guard start >= 0, end <= scalars.count, start <= end else { return "<out of range \(start)..<\(end)>" }
    return String(String.UnicodeScalarView(scalars[start..<end]))
}
