-- Schema version 7: a person clears an answer flagged at ingest as holding a possible identifier
-- (meta "flagged_answers"), so it may be quoted. Every clearance is a row (history kept); it
-- counts only while the answer's anonymised text has the SHA-256 recorded here, so a re-ingest
-- that changes the text brings the flag back. No text is stored, only ids, who and when.
CREATE TABLE IF NOT EXISTS flag_clearances (
    clearance_id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    cleared_by TEXT NOT NULL,
    cleared_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS flag_clearances_answer ON flag_clearances(answer_id);
