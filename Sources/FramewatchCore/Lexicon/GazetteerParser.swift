import FramewatchText

/// Reads gazetteer files: one `[entity_id]` block per entity (see `Lexicons/README.md`).
struct GazetteerParser {
    private(set) var entities: [EntityRecord] = []
    private(set) var problems: [PackProblem] = []
    private var ids: [String: (file: String, line: Int)] = [:]

    private static let knownKeys: Set<String> = [
        "type", "name", "names", "short", "adjectives", "roles", "watch", "note", "preferred", "report_adjectives",
        "reported",
        "third_party",
    ]

    mutating func parse(_ text: String, file: String) {
        let toml = TOMLSubset(text)
        for p in toml.problems { problems.append(PackProblem(.error, file: file, line: p.line, p.message)) }
        if let top = toml.sections.first, let entry = top.entries.first {
            problems.append(
                PackProblem(.error, file: file, line: entry.line, "`\(entry.key)` is outside any [entity] block"))
        }
        for section in toml.sections.dropFirst() {
            func error(_ line: Int, _ message: String) {
                problems.append(PackProblem(.error, file: file, line: line, "[\(section.name)]: \(message)"))
            }
            let id = section.name
            guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) else {
                error(section.line, "an entity id must be lower-case ASCII letters, digits and `_`")
                continue
            }
            if let previous = ids[id] {
                error(section.line, "id already used at \(previous.file):\(previous.line)")
                continue
            }
            ids[id] = (file, section.line)
            for entry in section.entries where !Self.knownKeys.contains(entry.key) {
                problems.append(
                    PackProblem(.warning, file: file, line: entry.line, "[\(id)]: unknown key `\(entry.key)` ignored"))
            }
            func string(_ key: String) -> String? {
                guard let entry = section.value(key) else { return nil }
                guard case .string(let s) = entry.value else {
                    error(entry.line, "`\(key)` must be a string")
                    return nil
                }
                return s
            }
            func list(_ key: String) -> [String] {
                guard let entry = section.value(key) else { return [] }
                guard case .array(let values) = entry.value else {
                    error(entry.line, "`\(key)` must be an array of strings")
                    return []
                }
                return values.compactMap { v in
                    if case .string(let s) = v, !s.trimmingWhitespace().isEmpty { return s.trimmingWhitespace() }
                    error(entry.line, "`\(key)` must contain non-empty strings only")
                    return nil
                }
            }
            guard let typeText = string("type") else {
                error(section.line, "missing `type` (person, org, place or project)")
                continue
            }
            guard let type = EntityType(rawValue: typeText) else {
                error(
                    section.value("type")?.line ?? section.line,
                    "unknown type `\(typeText)` (person, org, place, project)")
                continue
            }
            guard let name = string("name"), !name.isEmpty else {
                error(section.line, "missing `name` (the canonical English name)")
                continue
            }
            var roles: Set<EntityRole> = []
            for r in list("roles") {
                if let role = EntityRole(rawValue: r) {
                    roles.insert(role)
                } else {
                    error(
                        section.value("roles")?.line ?? section.line,
                        "unknown role `\(r)` (russia_target, azerbaijan_target)")
                }
            }
            var names = list("names")
            if !names.contains(name) { names.insert(name, at: 0) }
            let watch = string("watch").flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
            func bool(_ key: String, default value: Bool) -> Bool {
                guard let entry = section.value(key) else { return value }
                if case .bool(let b) = entry.value { return b }
                error(entry.line, "`\(key)` must be true or false")
                return value
            }
            let preferred = bool("preferred", default: false)
            let reportAdjectives = bool("report_adjectives", default: true)
            let thirdParty = bool("third_party", default: true)
            let reported = bool("reported", default: true)
            entities.append(
                EntityRecord(
                    id: id, type: type, name: name, names: names, short: list("short"), adjectives: list("adjectives"),
                    roles: roles, watch: watch, preferred: preferred, reportAdjectives: reportAdjectives,
                    thirdParty: thirdParty, reported: reported,
                    note: string("note"), file: file, line: section.line))
        }
    }

    /// Cross-entity checks: a full name claimed by two entities is ambiguous (it belongs in `short`).
    mutating func finish() {
        var owner: [String: String] = [:]
        for entity in entities {
            for name in Set(entity.names.map(MatchKeys.crossScript)) {
                if let other = owner[name], other != entity.id {
                    problems.append(
                        PackProblem(
                            .warning, file: entity.file, line: entity.line,
                            "[\(entity.id)]: full name `\(name)` is also a full name of \(other); it will be reported as ambiguous (move it to `short`)"
                        ))
                } else {
                    owner[name] = entity.id
                }
            }
        }
    }
}
