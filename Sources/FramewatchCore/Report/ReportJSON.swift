import FramewatchText

extension Report {
    /// The report as one line of JSON (the contract of `framewatch score --json` and `batch`),
    /// fields in the documented order. Optional fields are omitted when absent.
    public func jsonBytes() -> [UInt8] {
        var j = JSONWriter(capacity: 4096)
        write(to: &j)
        return j.bytes
    }

    /// Writes the report as a JSON object (with `line`, its input line, in batch output).
    public func write(to j: inout JSONWriter, line: Int? = nil) {
        j.object { j in
            j.field("id", ifPresent: id)
            if let line { j.field("line", line) }
            j.field("outlet", ifPresent: outlet)
            j.field("published", ifPresent: published)
            j.field("url", ifPresent: url)
            j.field("lang", lang.rawValue)
            j.field("lexicon") { lexicon.write(to: &$0) }
            j.field("engine", engine)
            j.field("frame") { j in
                j.object { j in
                    j.field("label", frame.label.rawValue)
                    j.field("scores") { Self.writeScores(frame.scores, &$0) }
                    j.field("subframes") { Self.writeScores(frame.subframes, &$0) }
                }
            }
            j.field("sentiment") { j in
                j.object { j in
                    j.field("score", sentiment.score)
                    j.field("positive", sentiment.positive)
                    j.field("negative", sentiment.negative)
                }
            }
            j.field("targets") { j in
                j.array { j in
                    for t in targets {
                        j.object { j in
                            j.field("entity", t.entity)
                            j.field("tone", t.tone)
                            j.field("mentions", t.mentions)
                        }
                    }
                }
            }
            if let toneRussia { j.field("tone_russia", toneRussia) }
            j.field("entities") { j in
                j.array { j in
                    for e in entities { Self.writeEntity(e, &j) }
                }
            }
            j.field("ambiguous") { j in
                j.array { j in
                    for a in ambiguous {
                        j.object { j in
                            j.field("start", a.start)
                            j.field("end", a.end)
                            j.field("text", a.text)
                            j.field("candidates") { j in j.array { j in for c in a.candidates { j.string(c) } } }
                            j.field("resolved", ifPresent: a.resolved)
                        }
                    }
                }
            }
            j.field("sentences") { j in
                j.array { j in
                    for s in sentences { Self.writeSentence(s, &j) }
                }
            }
            j.field("stats") { j in
                j.object { j in
                    j.field("characters", stats.characters)
                    j.field("bytes", stats.bytes)
                    j.field("tokens", stats.tokens)
                    j.field("sentences", stats.sentences)
                    j.field("valid_utf8", stats.validUTF8)
                }
            }
        }
    }

    private static func writeScores(_ scores: [String: Double], _ j: inout JSONWriter) {
        j.object { j in
            for key in scores.keys.sorted() { j.field(key, scores[key]!) }
        }
    }

    private static func writeSpan(_ s: Span, _ j: inout JSONWriter) {
        j.object { j in
            j.field("subframe", ifPresent: s.subframe)
            j.field("start", s.start)
            j.field("end", s.end)
            j.field("text", s.text)
        }
    }

    private static func writeEntity(_ e: EntityReport, _ j: inout JSONWriter) {
        j.object { j in
            j.field("id", e.id)
            j.field("name", e.name)
            j.field("type", e.type.rawValue)
            j.field("flagged", e.flagged)
            j.field("flag_reason", ifPresent: e.flagReason)
            if let listed = e.listed { j.field("listed", listed) }
            j.field("tone", e.tone)
            j.field("accusations") { j in j.array { j in for a in e.accusations { writeSpan(a, &j) } } }
            j.field("denials") { j in j.array { j in for d in e.denials { writeSpan(d, &j) } } }
            j.field("mentions") { j in
                j.array { j in
                    for m in e.mentions {
                        j.object { j in
                            j.field("start", m.start)
                            j.field("end", m.end)
                            j.field("start_byte", m.startByte)
                            j.field("end_byte", m.endByte)
                            j.field("text", m.text)
                            j.field("form", m.form)
                        }
                    }
                }
            }
        }
    }

    private static func writeSentence(_ s: SentenceReport, _ j: inout JSONWriter) {
        j.object { j in
            j.field("start", s.start)
            j.field("end", s.end)
            j.field("lang", s.lang.rawValue)
            j.field("frame", s.frame.rawValue)
            j.field("scores") { writeScores(s.scores, &$0) }
            j.field("sentiment", s.sentiment)
            j.field("voice", s.voice)
            j.field("speaker", ifPresent: s.speaker)
            if s.boilerplate == true { j.field("boilerplate", true) }
            if s.background == true { j.field("background", true) }
            j.field("evidence") { j in
                j.array { j in
                    for e in s.evidence {
                        j.object { j in
                            j.field("start", e.start)
                            j.field("end", e.end)
                            j.field("start_byte", e.startByte)
                            j.field("end_byte", e.endByte)
                            j.field("text", e.text)
                            j.field("category", e.category)
                            j.field("weight", e.weight)
                            j.field("base_weight", e.baseWeight)
                            j.field("target", ifPresent: e.target)
                            j.field("modifiers") { j in j.array { j in for m in e.modifiers { j.string(m) } } }
                            j.field("source", e.source)
                            if let trace = e.trace {
                                j.field("trace") { j in
                                    j.array { j in
                                        for step in trace {
                                            j.object { j in
                                                j.field("rule", step.rule)
                                                j.field("factor", step.factor)
                                                j.field("reason", step.reason)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
