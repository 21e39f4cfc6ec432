-- Schema version 8: the workspace's interface. Memos can be edited (updated_at) and carry the
-- request key the page sent, so a memo sent twice with one key is stored once; request_keys
-- remembers the saves already done under a key (a double press stores once); answers_fts is a
-- full-text index (FTS5) over the anonymised answers, kept in step with them by triggers.
ALTER TABLE memos ADD COLUMN updated_at TEXT;
ALTER TABLE memos ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS memos_request ON memos(username, request_key)
    WHERE request_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS request_keys (
    username TEXT NOT NULL, request_key TEXT NOT NULL, result TEXT, created_at TEXT NOT NULL,
    PRIMARY KEY (username, request_key)
);
CREATE VIRTUAL TABLE IF NOT EXISTS answers_fts USING fts5(
    text, content='answers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS answers_fts_insert AFTER INSERT ON answers BEGIN
    INSERT INTO answers_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS answers_fts_delete AFTER DELETE ON answers BEGIN
    INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS answers_fts_update AFTER UPDATE OF text ON answers BEGIN
    INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO answers_fts(rowid, text) VALUES (new.rowid, new.text);
END;
INSERT INTO answers_fts(answers_fts) VALUES ('rebuild');
