import GRDB

/// The store's schema, built by versioned migrations. A database created by an older Framewatch
/// is upgraded in place when it is opened; a migration never runs twice (GRDB records each one
/// in `grdb_migrations`).
///
/// Tables (one row per stored article in `article`; the others hang off it and are deleted with
/// it):
///
/// | table | rows |
/// |---|---|
/// | `article` | id, outlet, url, published (as given) and its day/week/month keys, language, text and its SHA-256, the pack's name/version/hash, the engine, the frame label and pole scores, tone, tone toward Russia and Azerbaijan, counts, the full report JSON, when it was scored |
/// | `subframe` | each sub-frame's score |
/// | `target` | tone and mentions per target (`russia`, `azerbaijan`) |
/// | `entity` | each entity named: id, name, type, whether it is on the watch list and why, mentions, tone, and (v6) whether the gazetteer lists it |
/// | `accusation` | each accusation attributed to an entity, or denial by it (`kind`), with its sub-frame, text and offsets |
/// | `cue` | each framing cue (not plain sentiment words) with its category, folded text, weights and modifiers |
/// | `history` | (v2) what an article's previous scoring was when a rescoring with another pack, text or engine replaced it |
///
/// v3 changes no table: it rewrites the outlet names stored before names were normalised on
/// ingest (see ``OutletName``), so that old and new articles of one outlet form one group. v4
/// does the same again for the invisible format characters (a byte-order mark, a zero-width
/// space, bidi controls) that the normal form drops since. v5 re-reads every stored `published`
/// value into its day, week and month: a store written before a format was read (ISO 8601's
/// basic form `20250615`, Russian and Azerbaijani month names) kept those articles undated, and
/// one written before the reader was made strict had dated `-2025-06-15` and `15 Decimal 2025`.
/// v6 adds `entity.listed` (1, or 0 for a person the gazetteer does not list, reported with
/// `"listed": false`); rows stored before it are gazetteer entities, so it defaults to 1.
public enum Schema {
    /// Every migration, oldest first.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-articles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article (
                      id TEXT PRIMARY KEY NOT NULL,
                      outlet TEXT, url TEXT, published TEXT,
                      day TEXT, week TEXT, month TEXT,
                      lang TEXT NOT NULL,
                      text TEXT NOT NULL,
                      text_hash TEXT NOT NULL,
                      lexicon_name TEXT NOT NULL, lexicon_version TEXT NOT NULL, lexicon_hash TEXT NOT NULL,
                      engine TEXT NOT NULL,
                      frame TEXT NOT NULL,
                      anti_russian REAL NOT NULL, conciliatory REAL NOT NULL,
                      sentiment REAL NOT NULL,
                      tone_russia REAL, tone_azerbaijan REAL,
                      sentences INTEGER NOT NULL, characters INTEGER NOT NULL,
                      report TEXT NOT NULL,
                      scored_at TEXT NOT NULL
                    );
                    CREATE TABLE subframe (
                      article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                      subframe TEXT NOT NULL, score REAL NOT NULL,
                      PRIMARY KEY (article_id, subframe)
                    );
                    CREATE TABLE target (
                      article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                      target TEXT NOT NULL, tone REAL NOT NULL, mentions INTEGER NOT NULL,
                      PRIMARY KEY (article_id, target)
                    );
                    CREATE TABLE entity (
                      article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                      entity_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
                      flagged INTEGER NOT NULL, flag_reason TEXT,
                      mentions INTEGER NOT NULL, tone REAL NOT NULL,
                      PRIMARY KEY (article_id, entity_id)
                    );
                    CREATE TABLE accusation (
                      article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                      entity_id TEXT NOT NULL, kind TEXT NOT NULL, subframe TEXT,
                      text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
                    );
                    CREATE TABLE cue (
                      article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                      sentence INTEGER NOT NULL, category TEXT NOT NULL,
                      text TEXT NOT NULL, key TEXT NOT NULL,
                      weight REAL NOT NULL, base_weight REAL NOT NULL,
                      start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                      modifiers TEXT NOT NULL
                    );
                    CREATE INDEX subframe_article ON subframe(article_id);
                    CREATE INDEX entity_article ON entity(article_id);
                    CREATE INDEX accusation_article ON accusation(article_id);
                    CREATE INDEX cue_article ON cue(article_id);
                    """)
        }
        // v2: rescoring keeps what it replaced, and the trend queries get their indexes.
        migrator.registerMigration("v2-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE history (
                      article_id TEXT NOT NULL,
                      replaced_at TEXT NOT NULL,
                      lexicon_name TEXT NOT NULL, lexicon_version TEXT NOT NULL, lexicon_hash TEXT NOT NULL,
                      engine TEXT NOT NULL, text_hash TEXT NOT NULL,
                      frame TEXT NOT NULL, anti_russian REAL NOT NULL, conciliatory REAL NOT NULL,
                      tone_russia REAL,
                      scored_at TEXT NOT NULL
                    );
                    CREATE INDEX history_article ON history(article_id);
                    CREATE INDEX article_week ON article(week);
                    CREATE INDEX article_day ON article(day);
                    CREATE INDEX article_outlet ON article(outlet);
                    CREATE INDEX entity_id ON entity(entity_id);
                    CREATE INDEX cue_category ON cue(category);
                    """)
        }
        // v3: outlet names stored raw ("  APA ", "Oxu\n.az") take their normalised spelling.
        migrator.registerMigration("v3-outlet-names") { db in try normalizeOutletNames(db) }
        // v4: the normal form also drops invisible format characters ("\u{FEFF}Oxu.az\u{200B}").
        migrator.registerMigration("v4-outlet-format-characters") { db in try normalizeOutletNames(db) }
        // v5: dates the reader now reads (or no longer reads) take their day, week and month.
        // When ``PublishedDate`` learns another format, register another migration that calls
        // `redatePublished` again: an article saved unchanged is not rewritten, so its date
        // columns are only ever refreshed here.
        migrator.registerMigration("v5-published-dates") { db in try redatePublished(db) }
        // v6: people the gazetteer does not list are reported ("listed": false) since engine
        // 0.1.0 with pack 1.42.0; every entity stored before was the gazetteer's.
        migrator.registerMigration("v6-entity-listed") { db in
            try db.execute(sql: "ALTER TABLE entity ADD COLUMN listed INTEGER NOT NULL DEFAULT 1")
        }
        return migrator
    }

    /// The identifier of the newest migration: what a database is at after opening.
    public static let currentVersion = "v6-entity-listed"

    /// Rewrites every stored outlet name that is not in ``OutletName``'s normal form. Only the
    /// distinct names are read (a store has a few hundred outlets, not one per article).
    static func normalizeOutletNames(_ db: Database) throws {
        let names = try String.fetchAll(db, sql: "SELECT DISTINCT outlet FROM article WHERE outlet IS NOT NULL")
        for name in names {
            let normalized = OutletName.normalized(name)
            guard normalized != name else { continue }
            try db.execute(sql: "UPDATE article SET outlet = ? WHERE outlet = ?", arguments: [normalized, name])
        }
    }

    /// Recomputes `day`, `week` and `month` from each stored `published` value with today's
    /// ``PublishedDate`` reader, and writes the rows whose keys change (a value now read, or one
    /// no longer accepted, which becomes undated). Each distinct value is read once.
    static func redatePublished(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT DISTINCT published, day, week, month FROM article WHERE published IS NOT NULL")
        for row in rows {
            let published: String = row["published"]
            let date = PublishedDate(parsing: published)
            let keys: [String?] = [date?.dayKey, date?.weekKey, date?.monthKey]
            let stored: [String?] = [row["day"], row["week"], row["month"]]
            guard keys != stored else { continue }
            try db.execute(
                sql: """
                    UPDATE article SET day = ?, week = ?, month = ?
                    WHERE published = ? AND day IS ? AND week IS ? AND month IS ?
                    """,
                arguments: [keys[0], keys[1], keys[2], published, stored[0], stored[1], stored[2]])
        }
    }
}
