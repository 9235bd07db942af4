-- Survey slips: one slip is one transaction and at most one response.

-- Poster mode: a fixed QR on the counter's wall hands each visitor a fresh, unverified slip.
ALTER TABLE counters ADD COLUMN poster_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE counters ADD COLUMN poster_seed BLOB;

-- Tokens are never stored: token = HMAC(server key, seed), kept here only as SHA-256, so a copy of
-- the database alone cannot be turned into survey links. The same goes for the typeable code.
CREATE TABLE slips (
    id                       INTEGER PRIMARY KEY,
    token_hash               BLOB NOT NULL UNIQUE,
    code_hash                BLOB NOT NULL UNIQUE,
    seed                     BLOB NOT NULL,
    commune_code             TEXT NOT NULL REFERENCES communes (code),
    counter_id               INTEGER NOT NULL REFERENCES counters (id),
    staff_id                 INTEGER REFERENCES users (id),
    procedure_code           TEXT CHECK (procedure_code IS NULL OR procedure_code GLOB '[0-9].[0-9][0-9][0-9][0-9][0-9][0-9]'),
    field                    TEXT,
    dossier_code             TEXT,               -- "mã hồ sơ": for linking only, never shown to the public
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_versions (id),
    channel                  TEXT NOT NULL DEFAULT 'slip' CHECK (channel IN ('slip', 'poster')),
    batch_id                 INTEGER,            -- id of the first slip of a printed sheet
    issued_at                INTEGER NOT NULL,
    expires_at               INTEGER NOT NULL,
    issued_by_user_id        INTEGER REFERENCES users (id),
    issued_by_key_id         INTEGER REFERENCES api_keys (id),
    issue_network            BLOB,               -- keyed hash of the printing network's prefix (integrity signal)
    opened_at                INTEGER,
    revoked_at               INTEGER,
    revoked_by               TEXT
);
CREATE INDEX slips_by_counter_and_time ON slips (counter_id, issued_at);
CREATE INDEX slips_by_dossier ON slips (dossier_code) WHERE dossier_code IS NOT NULL;

-- Slips issued per Vietnamese day: the response-rate denominator, kept in the issuing transaction.
-- dimension '' is the commune total; 'counter', 'staff', 'field', 'procedure' break it down.
CREATE TABLE daily_slip_stats (
    commune_code  TEXT NOT NULL,
    dimension     TEXT NOT NULL,
    day           TEXT NOT NULL,
    channel       TEXT NOT NULL,
    dimension_key TEXT NOT NULL,
    issued        INTEGER NOT NULL,
    PRIMARY KEY (commune_code, dimension, day, channel, dimension_key)
) WITHOUT ROWID;
