-- Schema version 2: one-way tables of closed answers, counted at ingest BEFORE quasi-identifiers
-- are generalised for k-anonymity. Published closed-question tables come from these counts (and
-- go through disclosure control), while the responses table holds only k-anonymised rows.
-- value NULL counts respondents who gave no answer; a multiple-choice respondent counts once
-- per option ticked.
CREATE TABLE IF NOT EXISTS closed_counts (
    cohort TEXT NOT NULL, wave INTEGER NOT NULL, question_id TEXT NOT NULL,
    value TEXT, n INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS closed_counts_q ON closed_counts(question_id, cohort, wave);
