import Foundation

/// A deterministic generator of news-like articles in English, Russian and Azerbaijani, built
/// from sentence templates and the gazetteer's figures, for throughput benchmarks (not for
/// accuracy: the sentences are varied but synthetic).
struct CorpusGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1 }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var x = state
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        return x
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let people: [String: [String]] = [
        "en": [
            "Ilham Aliyev", "Vladimir Putin", "Elmar Mammadyarov", "Ramiz Mehdiyev", "Sergey Lavrov", "Dmitry Peskov",
            "Jeyhun Bayramov", "Hikmet Hajiyev", "Maria Zakharova", "Eldar Mahmudov",
        ],
        "ru": [
            "Ильхам Алиев", "Владимир Путин", "Эльмар Мамедъяров", "Рамиз Мехтиев", "Сергей Лавров", "Дмитрий Песков",
            "Джейхун Байрамов", "Хикмет Гаджиев", "Мария Захарова",
        ],
        "az": [
            "İlham Əliyev", "Vladimir Putin", "Elmar Məmmədyarov", "Ramiz Mehdiyev", "Sergey Lavrov", "Dmitri Peskov",
            "Ceyhun Bayramov", "Hikmət Hacıyev", "Mariya Zaxarova",
        ],
    ]

    static let templates: [String: [String]] = [
        "en": [
            "{P} said on {D} that Moscow must apologise for the crash of the AZAL passenger plane near Aktau.",
            "Officials in Baku accused Russia of interference in Azerbaijan's internal affairs and of running agents of influence.",
            "Trade turnover between Azerbaijan and Russia grew by {N}% to ${N} billion, according to customs data.",
            "{P} called the relationship a strategic partnership and promised a mutually acceptable solution.",
            "Azerbaijani media labelled several retired officials a fifth column, and {P} dismissed the claims as absurd.",
            "The closure of the Russian House in Baku was followed by restrictions on Sputnik Azerbaijan.",
            "Remittances from Russia to Azerbaijan reached ${N} million in the first quarter, the central bank reported.",
            "Analysts expect the North–South Transport Corridor to keep both countries interested in dialogue.",
            "Police raids in Yekaterinburg left two Azerbaijani brothers dead, and Baku demanded that those responsible be punished.",
            "However, Moscow does not appear to be interested in worsening relations with Baku, {P} noted.",
            "It is unlikely that Azerbaijan will sever ties with Russia, though tensions may persist for some time.",
            "{P} met his counterpart in Dushanbe on {D}, and the two sides agreed to continue consultations.",
        ],
        "ru": [
            "{P} заявил {D}, что Москва должна принести извинения за крушение самолёта AZAL под Актау.",
            "В Баку обвинили Россию во вмешательстве во внутренние дела Азербайджана и в работе агентов влияния.",
            "Товарооборот между Азербайджаном и Россией вырос на {N}% и достиг {N} млрд долларов.",
            "{P} назвал отношения стратегическим партнёрством и пообещал найти взаимоприемлемое решение.",
            "Азербайджанские СМИ назвали бывших чиновников пятой колонной, а {P} отверг эти обвинения как абсурдные.",
            "После закрытия Русского дома в Баку последовали ограничения против Sputnik Азербайджан.",
            "Однако Москва не заинтересована в ухудшении отношений с Баку, отметил {P}.",
            "{P} встретился с коллегой в Душанбе {D}, стороны договорились продолжить консультации.",
        ],
        "az": [
            "{P} {D} bildirib ki, Moskva Aktau yaxınlığında AZAL təyyarəsinin qəzasına görə üzr istəməlidir.",
            "Bakıda Rusiyanı Azərbaycanın daxili işlərinə müdaxilədə və təsir agentləri işlətməkdə ittiham ediblər.",
            "Azərbaycan ilə Rusiya arasında ticarət dövriyyəsi {N}% artaraq {N} milyard dollara çatıb.",
            "{P} münasibətləri strateji tərəfdaşlıq adlandırıb və qarşılıqlı məqbul həll tapılacağını vəd edib.",
            "Azərbaycan mediası keçmiş məmurları beşinci kolon adlandırıb, {P} isə bu iddiaları rədd edib.",
            "Bakıdakı Rus Evinin bağlanmasından sonra Sputnik Azərbaycana qarşı məhdudiyyətlər tətbiq olunub.",
            "Lakin Moskva Bakı ilə münasibətlərin pisləşməsində maraqlı deyil, {P} qeyd edib.",
            "{P} {D} Düşənbədə həmkarı ilə görüşüb, tərəflər məsləhətləşmələri davam etdirməyə razılaşıb.",
        ],
    ]

    static let dates: [String: [String]] = [
        "en": ["Monday", "Tuesday", "12 February", "3 October", "late December"],
        "ru": ["в понедельник", "во вторник", "12 февраля", "3 октября"],
        "az": ["bazar ertəsi", "çərşənbə axşamı", "12 fevral", "3 oktyabr"],
    ]

    /// One article of roughly `targetBytes` in `language`.
    mutating func article(language: String, targetBytes: Int) -> String {
        var paragraphs: [String] = []
        var size = 0
        var paragraph: [String] = []
        while size < targetBytes {
            var s = pick(Self.templates[language]!)
            while let range = s.range(of: "{P}") { s.replaceSubrange(range, with: pick(Self.people[language]!)) }
            while let range = s.range(of: "{D}") { s.replaceSubrange(range, with: pick(Self.dates[language]!)) }
            while let range = s.range(of: "{N}") { s.replaceSubrange(range, with: String(Int(next() % 900) + 10)) }
            paragraph.append(s)
            size += s.utf8.count + 1
            if paragraph.count >= 3 + Int(next() % 3) {
                paragraphs.append(paragraph.joined(separator: " "))
                paragraph = []
            }
        }
        if !paragraph.isEmpty { paragraphs.append(paragraph.joined(separator: " ")) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// Writes a JSONL corpus of about `megabytes` MB of article text.
    mutating func writeCorpus(path: String, language: String, megabytes: Double) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var written = 0
        var n = 0
        let target = Int(megabytes * 1_048_576)
        var buffer = Data()
        while written < target {
            let text = article(language: language, targetBytes: 3000 + Int(next() % 5000))
            let object: [String: Any] = [
                "id": "\(language)-\(n)", "lang": language, "outlet": "bench-\(n % 7)", "text": text,
            ]
            buffer.append(try JSONSerialization.data(withJSONObject: object))
            buffer.append(0x0A)
            written += text.utf8.count
            n += 1
            if buffer.count > 1 << 20 {
                handle.write(buffer)
                buffer.removeAll()
            }
        }
        handle.write(buffer)
    }
}
