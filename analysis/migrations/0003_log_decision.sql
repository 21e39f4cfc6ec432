-- Schema version 3: the anonymisation log says what was decided for each span: "redact" (the
-- recognizers' finding) or "redact (review)" (a reviewer added the span or the term).
ALTER TABLE anonymisation_log ADD COLUMN decision TEXT NOT NULL DEFAULT 'redact';
