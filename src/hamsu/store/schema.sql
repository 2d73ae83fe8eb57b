-- hamsu corpus store, schema version 2 (PRAGMA user_version = 2, PRAGMA application_id marks the
-- file as a hamsu corpus). One SQLite file, WAL mode, foreign keys on. Offsets are code-point
-- [start, end) ranges into documents.texts (a JSON array: one text, or two for a Persian/English
-- file pair), as in `hamsu align --format jsonl`. Migrations live in store/migrations.py, keyed
-- by user_version; this file is always the newest schema.

CREATE TABLE IF NOT EXISTS settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL          -- fold_version: the store/fold.py version units_fts was built with
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS documents (
    -- AUTOINCREMENT: ids are never reused, so a link to a deleted document cannot show another
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key      TEXT NOT NULL UNIQUE,   -- store/ingest.py document_key: the JSON-lines id, else the
                                         -- file it was read from (a record without an id: its
                                         -- content id). Same key, new content = replace
    ident        TEXT NOT NULL,          -- Document.id as read (the content id when none was given)
    content_hash TEXT NOT NULL,          -- sha256 of texts, blocks and metadata: same key and hash
                                         -- = already stored, "unchanged"
    source       TEXT NOT NULL,          -- where it was read from
    texts        TEXT NOT NULL,          -- JSON array of the original texts, untouched
    meta         TEXT NOT NULL DEFAULT '{}',  -- JSON object: format, url, title, date ... in order
    title        TEXT NOT NULL DEFAULT '',    -- the title given, else the first title block's text
    url          TEXT NOT NULL DEFAULT '',
    date         TEXT NOT NULL DEFAULT '',
    n_units      INTEGER NOT NULL DEFAULT 0,
    n_flags      INTEGER NOT NULL DEFAULT 0,
    ingested     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);

-- Every block the reader found, boilerplate included (kind = 'boilerplate', with its reason):
-- with sentences and units this accounts for every character of the input.
CREATE TABLE IF NOT EXISTS blocks (
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    lang    TEXT NOT NULL,       -- fa | en | other
    kind    TEXT NOT NULL,       -- title | paragraph | boilerplate
    source  INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    reason  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sentences (
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    lang    TEXT NOT NULL,       -- fa | en
    idx     INTEGER NOT NULL,    -- sentence id within its language (Unit.fa / Unit.en ids)
    text    TEXT,                -- Persian normalized; NULL when it is the original text at
                                 -- [start, end) unchanged (all English), which saves a copy
    source  INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    shifts  TEXT,                -- where text's characters came from in [start, end), as the
                                 -- normalizer kept it (records.offset_shifts, space-separated;
                                 -- '' the identity); NULL when text is NULL or it was not kept
    PRIMARY KEY (doc_id, lang, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS units (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,  -- rowid of units_fts; never reused
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,       -- position in the document's alignment
    fa       TEXT NOT NULL,          -- the unit's Persian sentences joined by a space ('' for a null side)
    en       TEXT NOT NULL,
    fa_ids   TEXT NOT NULL,          -- JSON arrays of sentence ids
    en_ids   TEXT NOT NULL,
    fa_spans TEXT NOT NULL,          -- JSON arrays of [start, end]
    en_spans TEXT NOT NULL,
    score    REAL NOT NULL,          -- the aligner's confidence
    n_flags  INTEGER NOT NULL DEFAULT 0,
    worst    TEXT NOT NULL DEFAULT '',   -- highest flag severity, '' when none
    dedup    TEXT NOT NULL,          -- store/ingest.py dedup_key: hash of the folded Persian and
                                     -- English text, equal for exact and near duplicates
    UNIQUE (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS units_dedup ON units(dedup);
CREATE INDEX IF NOT EXISTS units_score ON units(score);

-- Full-text search over folded text (store/fold.py): Persian with letter variants, diacritics,
-- digit scripts, half-spaces and plural suffixes folded; English lower case and stemmed. rowid =
-- units.id. The index keeps its own copy of the folded text: a contentless table would be
-- smaller, but deleting from it needs the exact folded text it was built with, and a fold that
-- changed since (a new stemmer rule) would then corrupt the index. settings.fold_version says
-- which fold built it; opening a store built with another rebuilds it (store/migrations.py).
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
    fa, en, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS flags (
    id        INTEGER PRIMARY KEY,
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,  -- position in Checked.flags (document-level flags first)
    unit_id   INTEGER REFERENCES units(id) ON DELETE CASCADE,   -- NULL for a document-level flag
    rule      TEXT NOT NULL,
    severity  TEXT NOT NULL,
    its_type  TEXT NOT NULL,
    message   TEXT NOT NULL,
    fa_spans  TEXT NOT NULL,     -- JSON arrays of [start, end] into the original text
    en_spans  TEXT NOT NULL,
    score     REAL NOT NULL,
    evidence  TEXT NOT NULL DEFAULT ''  -- what the check compared (Flag.evidence); '' in a store
                                        -- made before schema version 2
);
CREATE INDEX IF NOT EXISTS flags_doc ON flags(doc_id);
CREATE INDEX IF NOT EXISTS flags_unit ON flags(unit_id);
CREATE INDEX IF NOT EXISTS flags_rule ON flags(rule, severity);

-- The names of each unit: linked pairs, then names found on one side only (evidence fa_only or
-- en_only, the other side NULL), in the order of the unit's UnitNames.
CREATE TABLE IF NOT EXISTS names (
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,  -- position among the unit's names
    fa         TEXT,              -- NULL when only the English side names it
    en         TEXT,              -- NULL when only the Persian side names it
    fa_key     TEXT NOT NULL DEFAULT '',  -- folded Persian form (store/fold.py fold_fa)
    en_key     TEXT NOT NULL DEFAULT '',  -- names/translit.py latin_key: lower-case ASCII letters
    fa_start   INTEGER, fa_end INTEGER, fa_source INTEGER, fa_kind TEXT,  -- the Mention on each side
    en_start   INTEGER, en_end INTEGER, en_source INTEGER, en_kind TEXT,
    score      REAL NOT NULL,
    evidence   TEXT NOT NULL      -- gazetteer | dictionary | transliteration | document | fa_only | en_only
);
CREATE INDEX IF NOT EXISTS names_doc ON names(doc_id);
CREATE INDEX IF NOT EXISTS names_unit ON names(unit_id);
CREATE INDEX IF NOT EXISTS names_fa ON names(fa_key);
CREATE INDEX IF NOT EXISTS names_en ON names(en_key);

-- Each Persian word of a name ever stored, for finding Persian names from a Latin spelling
-- (store/search.py): its folded form, its form as shown, and its consonant-class skeleton
-- (names/translit.py skeleton_fa, as sorted letters) to pick candidates before scoring them.
-- Rows are never deleted with a document: a stale word only widens a query by a word no
-- unit holds.
CREATE TABLE IF NOT EXISTS name_terms (
    term  TEXT PRIMARY KEY,
    form  TEXT NOT NULL,
    skel  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_terms_skel ON name_terms(skel);
