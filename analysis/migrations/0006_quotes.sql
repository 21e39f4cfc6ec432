-- Schema version 6: report writers' quote picks. Every decision is a row (history kept); the
-- latest row per (answer, code) is the current pick. code_id NULL means "any code" (used for
-- never_quote, which keeps an answer out of every published output). trim_start/trim_end are
-- character offsets into the anonymised answer text (Python str indices).
CREATE TABLE IF NOT EXISTS quote_picks (
    pick_id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL, code_id TEXT, user TEXT NOT NULL,
    starred INTEGER NOT NULL DEFAULT 0, rank INTEGER,
    trim_start INTEGER, trim_end INTEGER,
    never_quote INTEGER NOT NULL DEFAULT 0,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quote_picks_answer ON quote_picks(answer_id, code_id);
