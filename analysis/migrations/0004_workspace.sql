-- Schema version 4: the browser workspace (issue 11). Accounts (argon2 hashes only), sessions
-- (the SHA-256 of the cookie token, never the token), failed-login counts, memos, double-coding
-- assignments and redaction follow-up marks. Segments record who made them: "auto" (the segment
-- stage, replaced on each run) or "human" (a span a person coded; a re-run keeps it).
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('lead', 'coder', 'writer')),
    password_hash TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_sha256 TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    username TEXT PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0, last_failure_at TEXT,
    locked_until TEXT
);
CREATE TABLE IF NOT EXISTS memos (
    memo_id INTEGER PRIMARY KEY AUTOINCREMENT, segment_id TEXT NOT NULL,
    username TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assignments (
    segment_id TEXT NOT NULL, username TEXT NOT NULL, blind INTEGER NOT NULL DEFAULT 1,
    assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL, PRIMARY KEY (segment_id, username)
);
CREATE TABLE IF NOT EXISTS redaction_marks (
    mark_id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL,
    start INTEGER, "end" INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('words', 'never_quote')),
    username TEXT NOT NULL, created_at TEXT NOT NULL
);
ALTER TABLE segments ADD COLUMN origin TEXT NOT NULL DEFAULT 'auto';
CREATE INDEX IF NOT EXISTS codings_coder ON codings(coder, segment_id);
