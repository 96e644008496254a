import ArgumentParser
import FramewatchText

/// `framewatch tokenize`: shows exactly the sentences, tokens and matching keys the matcher sees.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show sentences, tokens and their matching keys, as the lexicon matcher sees them.",
        discussion: """
            Offsets count Unicode scalars from the start of the text (end exclusive), so Python's \
            text[start:end] returns the token; start_byte/end_byte are UTF-8 byte offsets. \
            `key` is the fold key lexicon terms are matched on; `xkey` the cross-script key \
            entity aliases are matched on.
            """
    )

    @OptionGroup var input: TextInput

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let bytes = try input.readBytes()
        let segmenter = try Segmenter()
        let text = try segmenter.segment(bytes, language: input.lang)
        let cache = KeyCache()
        if json {
            try FileIO.writeStandardOutput(Self.json(text, cache: cache) + [0x0A])
        } else {
            print(Self.table(text, cache: cache), terminator: "")
        }
    }

    static func keyID(_ text: SegmentedText, _ token: Token, _ cache: KeyCache) -> Int32 {
        text.bytes.withUnsafeBufferPointer { cache.id(UnsafeBufferPointer(rebasing: $0[token.byteRange])) }
    }

    static func json(_ text: SegmentedText, cache: KeyCache) -> [UInt8] {
        var j = JSONWriter(capacity: text.bytes.count * 8 + 64)
        j.object { j in
            j.field("valid_utf8", text.isValidUTF8)
            j.field("sentences") { j in
                j.array { j in
                    for sentence in text.sentences {
                        j.object { j in
                            j.field("start", Int(sentence.start))
                            j.field("end", Int(sentence.end))
                            j.field("start_byte", Int(sentence.byteStart))
                            j.field("end_byte", Int(sentence.byteEnd))
                            j.field("lang", sentence.language.rawValue)
                            j.field("paragraph", sentence.paragraph)
                            if sentence.isHeadline { j.field("headline", true) }
                            j.field("tokens") { j in
                                j.array { j in
                                    for token in text.tokens[sentence.tokens] {
                                        let id = keyID(text, token, cache)
                                        j.object { j in
                                            j.field("start", Int(token.start))
                                            j.field("end", Int(token.end))
                                            j.field("start_byte", Int(token.byteStart))
                                            j.field("end_byte", Int(token.byteEnd))
                                            j.field("text", text.text(of: token))
                                            j.field("kind", token.kind.rawValue)
                                            j.field("key", cache.fold(id))
                                            j.field("xkey", cache.crossScript(id))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return j.bytes
    }

    static func table(_ text: SegmentedText, cache: KeyCache) -> String {
        var out = ""
        for (index, sentence) in text.sentences.enumerated() {
            let headline = sentence.isHeadline ? " headline" : ""
            out += "sentence \(index + 1) [\(sentence.start)..<\(sentence.end)] \(sentence.language.rawValue)"
            out += " paragraph \(sentence.paragraph + 1)\(headline)\n"
            out +=
                "  " + pad("start", 7) + pad("end", 7) + pad("kind", 12) + pad("text", 24) + pad("key", 24) + "xkey\n"
            for token in text.tokens[sentence.tokens] {
                let id = keyID(text, token, cache)
                out += "  " + pad(String(token.start), 7) + pad(String(token.end), 7) + pad(token.kind.rawValue, 12)
                out += pad(text.text(of: token), 24) + pad(cache.fold(id), 24) + cache.crossScript(id) + "\n"
            }
        }
        if !text.isValidUTF8 { out += "note: the input contains invalid UTF-8 (shown as U+FFFD)\n" }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        let visible = s.unicodeScalars.count
        return visible >= width ? s + " " : s + String(repeating: " ", count: width - visible)
    }
}
