-- Citizens' responses and the per-day aggregates reports read.

-- One response per slip, enforced here: UNIQUE (slip_id) plus ON CONFLICT in the writer.
CREATE TABLE responses (
    id                       INTEGER PRIMARY KEY,
    slip_id                  INTEGER NOT NULL UNIQUE REFERENCES slips (id),
    commune_code             TEXT NOT NULL REFERENCES communes (code),
    counter_id               INTEGER NOT NULL REFERENCES counters (id),
    staff_id                 INTEGER REFERENCES users (id),
    field                    TEXT,               -- from the slip, or chosen by the citizen when the form asks
    procedure_code           TEXT,
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_versions (id),
    channel                  TEXT NOT NULL CHECK (channel IN ('slip', 'poster')),
    day                      TEXT NOT NULL,      -- Vietnamese calendar day of submitted_at
    opened_at                INTEGER,
    submitted_at             INTEGER NOT NULL,
    answers                  TEXT NOT NULL CHECK (answers NOT GLOB '*[^0-5]*'),   -- a digit per item in version order, '0' = blank
    expectations             TEXT CHECK (expectations IS NULL OR expectations NOT GLOB '*[^0-9]*'),
    demographics             TEXT,               -- JSON: question id -> option id
    comment                  TEXT,
    body_hash                BLOB NOT NULL,      -- what was submitted: tells a repeat from a different answer
    idempotency_key          TEXT,
    source                   TEXT NOT NULL CHECK (source IN ('form', 'api')),
    network_hash             BLOB,               -- keyed hash of the network prefix; purged after the retention period
    device_hash              BLOB,               -- keyed hash of network + user agent; purged likewise
    user_agent_family        TEXT,
    flags                    INTEGER NOT NULL DEFAULT 0   -- integrity signals, a bit each; never a reason to delete
);
CREATE INDEX responses_by_commune_day ON responses (commune_code, day);
CREATE INDEX responses_by_device ON responses (device_hash, submitted_at) WHERE device_hash IS NOT NULL;

-- Answers are evidence: they are never edited or deleted. Only the privacy signals may be purged.
CREATE TRIGGER responses_keep_answers BEFORE UPDATE OF slip_id, commune_code, counter_id, questionnaire_version_id, channel, day,
    submitted_at, answers, expectations, demographics, comment, body_hash ON responses
BEGIN SELECT RAISE(ABORT, 'responses are immutable'); END;
CREATE TRIGGER responses_are_kept BEFORE DELETE ON responses
BEGIN SELECT RAISE(ABORT, 'responses are never deleted'); END;

-- Per-day answer counts, updated in the same transaction as each response. dimension '' is the
-- commune total; 'counter', 'staff', 'field', 'procedure' break it down. counts holds how often
-- each item got each answer 1..5, sparse (see Domain/Statistics/AnswerCounts.cs).
CREATE TABLE daily_stats (
    commune_code             TEXT NOT NULL,
    dimension                TEXT NOT NULL,
    day                      TEXT NOT NULL,
    questionnaire_version_id INTEGER NOT NULL,
    channel                  TEXT NOT NULL,
    flags                    INTEGER NOT NULL,   -- the responses' integrity signals (0: none), so reports can leave them out
    dimension_key            TEXT NOT NULL,
    responses                INTEGER NOT NULL,
    counts                   BLOB NOT NULL,
    PRIMARY KEY (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key)
) WITHOUT ROWID;

-- Commune totals per Vietnamese calendar month, kept in the same transactions as the daily rows:
-- a quarter or a year is then a handful of rows per commune (rankings read a province in
-- milliseconds); days outside whole months still come from the daily tables.
CREATE TABLE monthly_stats (
    commune_code             TEXT NOT NULL,
    month                    TEXT NOT NULL,      -- 'YYYY-MM'
    questionnaire_version_id INTEGER NOT NULL,
    channel                  TEXT NOT NULL,
    flags                    INTEGER NOT NULL,
    responses                INTEGER NOT NULL,
    counts                   BLOB NOT NULL,
    PRIMARY KEY (commune_code, month, questionnaire_version_id, channel, flags)
) WITHOUT ROWID;

CREATE TABLE monthly_slip_stats (
    commune_code TEXT NOT NULL,
    month        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    issued       INTEGER NOT NULL,
    PRIMARY KEY (commune_code, month, channel)
) WITHOUT ROWID;

-- A published version that slips were issued with can never change: a new wording is a new version.
CREATE TRIGGER questionnaire_versions_in_use_are_immutable BEFORE UPDATE OF definition, questionnaire_id, version ON questionnaire_versions
WHEN OLD.status <> 'draft' AND EXISTS (SELECT 1 FROM slips WHERE questionnaire_version_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a published questionnaire version in use cannot change; publish a new version'); END;
