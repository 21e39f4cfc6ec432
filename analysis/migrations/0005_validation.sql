-- Schema version 5: the validation sample behind validated prevalence (issue 14).
-- validation_frame: every segment at the moment the sample was drawn, with its sampling unit
-- (the respondent), the unit's stratum (its top predicted code, or "(none)") and the machine's
-- predicted codes then (";"-joined). The estimator needs these frozen predictions for every
-- unit, because a later suggest run retrains on the reviewed sample.
-- validation_sample: the drawn segments, in queue order, with the seed and time of the draw.
-- Human decisions on them arrive as ordinary codings (source "human").
CREATE TABLE IF NOT EXISTS validation_frame (
    segment_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, stratum TEXT NOT NULL,
    predicted TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS validation_sample (
    segment_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, stratum TEXT NOT NULL,
    predicted TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL, seed INTEGER NOT NULL,
    drawn_at TEXT NOT NULL
);
