-- Schema version 1: the canonical tables of DESIGN.md. Only anonymised text is ever stored.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    question_id TEXT PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS responses (
    response_id TEXT PRIMARY KEY, source TEXT NOT NULL, cohort TEXT NOT NULL,
    wave INTEGER NOT NULL DEFAULT 1, kind TEXT NOT NULL DEFAULT 'survey', submitted TEXT
);
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES responses(response_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL, text TEXT NOT NULL, lang TEXT
);
CREATE INDEX IF NOT EXISTS answers_response ON answers(response_id);
CREATE TABLE IF NOT EXISTS segments (
    segment_id TEXT PRIMARY KEY,
    answer_id TEXT NOT NULL,  -- no cascade: ids are stable, so a re-ingest keeps segments
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_answer ON segments(answer_id);
-- Every decision is a row; the latest row per (segment, code, coder) is the current one,
-- so a person's earlier decisions stay as history.
CREATE TABLE IF NOT EXISTS codings (
    coding_id INTEGER PRIMARY KEY AUTOINCREMENT,
    segment_id TEXT NOT NULL, code_id TEXT NOT NULL, coder TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('human','rules','similarity','classifier','topic')),
    confidence REAL,
    status TEXT NOT NULL CHECK (status IN ('suggested','accepted','rejected')),
    evidence TEXT, decided_at TEXT
);
CREATE INDEX IF NOT EXISTS codings_segment ON codings(segment_id, code_id);
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL, model TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
CREATE TABLE IF NOT EXISTS anonymisation_log (
    log_id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL, response_id TEXT NOT NULL, question_id TEXT NOT NULL,
    label TEXT NOT NULL, recognizer TEXT NOT NULL, score REAL NOT NULL, reason TEXT,
    placeholder TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS topics (
    topic_id INTEGER PRIMARY KEY, label TEXT NOT NULL, size INTEGER NOT NULL,
    top_words TEXT NOT NULL, best_code_id TEXT, best_code_similarity REAL,
    candidate_new_code INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS topic_assignments (
    answer_id TEXT PRIMARY KEY, topic_id INTEGER NOT NULL, x REAL, y REAL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, stage TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT, toolkit_version TEXT NOT NULL
);
