// fuzz-segment: arbitrary bytes → Segmenter, MatchKeys and KeyCache.
//
// The last byte's low two bits choose the imposed language (none, en, ru, az); the text is the
// whole input. Crashes on any broken invariant: token/sentence offsets out of order or out of
// bounds, scalar offsets that do not slice `String(decoding:as:)` back to the token's text, or a
// KeyCache that disagrees with MatchKeys.
import FramewatchText
import FuzzSupport

nonisolated(unsafe) let segmenter: Segmenter = {
    do { return try Segmenter() } catch { fatalError("ICU unavailable: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let languages: [Language?] = [nil, .en, .ru, .az]
    let imposed = languages[Int(bytes.last ?? 0) & 3]
    let text: SegmentedText
    do {
        text = try segmenter.segment(bytes, language: imposed)
    } catch {
        fuzzCheck(false, "segment threw \(error) for \(bytes.count) bytes")
        return 0
    }
    checkSegmentation(text, bytes: bytes, imposed: imposed)

    // Keys of every token (bounded, so one input stays fast), through MatchKeys directly and
    // through a tiny KeyCache, one sentence per run: `reserve` may start a new generation before
    // a run (with capacity 8, often), never during it, so every id of a run must still give its
    // token's keys at the end of the run.
    let cache = KeyCache(capacity: 8)
    bytes.withUnsafeBufferPointer { buffer in
        var budget = 512
        for sentence in text.sentences where budget > 0 {
            let tokens = text.tokens[sentence.tokens].prefix(budget)
            budget -= tokens.count
            cache.reserve(tokens.count)
            let generation = cache.generation
            var run: [(id: Int32, fold: [UInt8], cross: [UInt8], token: Token)] = []
            for token in tokens {
                let slice = UnsafeBufferPointer(rebasing: buffer[token.byteRange])
                let fold = MatchKeys.fold(slice)
                fuzzCheck(
                    isValidUTF8(fold),
                    "fold key of \(String(reflecting: text.text(of: token))) is not valid UTF-8: \(fold)")
                let cross = MatchKeys.crossScript(fold: fold)
                fuzzCheck(
                    isValidUTF8(cross), "cross-script key of \(String(reflecting: text.text(of: token))) is invalid")
                let id = cache.id(slice)
                fuzzCheck(cache.id(slice) == id, "KeyCache gives a second id to the same spelling")
                run.append((id, fold, cross, token))
            }
            fuzzCheck(cache.generation == generation, "KeyCache cleared in the middle of a run")
            for (id, fold, cross, token) in run {
                fuzzCheck(
                    Array(cache.foldBytes(cache.foldID(id))) == fold
                        && Array(cache.crossBytes(cache.crossID(id))) == cross
                        && cache.fold(id) == String(decoding: fold, as: UTF8.self),
                    "KeyCache keys differ from MatchKeys for \(String(reflecting: text.text(of: token)))")
            }
        }
        // The whole input as one key (long and mixed inputs reach ICU's heap scratch paths).
        let whole = MatchKeys.fold(UnsafeBufferPointer(rebasing: buffer.prefix(4096)))
        _ = MatchKeys.crossScript(fold: whole)
    }
    _ = MatchKeys.crossScript(String(decoding: bytes.prefix(1024), as: UTF8.self))
    return 0
}
