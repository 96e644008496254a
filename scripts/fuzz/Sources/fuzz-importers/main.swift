// fuzz-importers: bytes as UTF-8 text → the VADER, LIWC and quanteda importers. Errors
// (ImportError) are expected; crashes and malformed results are not.
import FramewatchCore
import FuzzSupport

nonisolated(unsafe) let mapping: CategoryMapping = {
    do { return try CategoryMapping(overrides: ["custom=anti_russian.espionage:2", "tone=sentiment:-1.5"]) } catch {
        fatalError("\(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    check { try VADERFormat.read(text, source: "fuzz.txt") }
    check { try LIWCFormat.read(text, source: "fuzz.dic", mapping: mapping) }
    check { try QuantedaFormat.read(text, source: "fuzz.yml", mapping: mapping) }
    return 0
}

func check(_ read: () throws -> ImportedLexicon) {
    do {
        let lexicon = try read()
        fuzzCheck(!lexicon.entries.isEmpty, "\(lexicon.format): a successful import has no entries")
        for entry in lexicon.entries {
            fuzzCheck(
                entry.weight.isFinite && entry.weight != 0,
                "\(lexicon.format): entry \(String(reflecting: entry.term)) has weight \(entry.weight)")
            if lexicon.format == "vader" {
                fuzzCheck(entry.weight >= -4 && entry.weight <= 4, "vader weight \(entry.weight) outside [-4, 4]")
            }
        }
        _ = lexicon.skipped.count
    } catch let error as ImportError {
        _ = error.description
    } catch {
        fuzzCheck(false, "an importer threw something other than ImportError: \(error)")
    }
}
