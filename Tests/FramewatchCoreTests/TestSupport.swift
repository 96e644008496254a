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
