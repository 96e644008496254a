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
/// | `entity` | each entity named: id, name, type, whether it is on the watch list and why, mentions, tone |
/// | `accusation` | each accusation attributed to an entity, or denial by it (`kind`), with its sub-frame, text and offsets |
/// | `cue` | each framing cue (not plain sentiment words) with its category, folded text, weights and modifiers |
/// | `history` | (v2) what an article's previous scoring was when a rescoring with another pack, text or engine replaced it |
///
/// v3 changes no table: it rewrites the outlet names stored before names were normalised on
/// ingest (see ``OutletName``), so that old and new articles of one outlet form one group.
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
        return migrator
    }

    /// The identifier of the newest migration: what a database is at after opening.
    public static let currentVersion = "v3-outlet-names"

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
}
