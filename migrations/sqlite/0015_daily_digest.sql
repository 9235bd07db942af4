-- The leader's day in one message. A leader asks for it (daily_digest = 1) and gives an address for
-- the e-mail; each commune's digest of each day is written once (its primary key decides, whichever
-- app server gets there first), in the same transaction as its webhook and mail outbox rows.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN daily_digest INTEGER NOT NULL DEFAULT 0;

CREATE TABLE daily_digests (
    commune_code TEXT NOT NULL REFERENCES communes (code),
    day          TEXT NOT NULL,           -- YYYY-MM-DD in Vietnam time
    created_at   INTEGER NOT NULL,
    payload      TEXT NOT NULL,           -- the figures as sent (JSON)
    PRIMARY KEY (commune_code, day)
);

-- The webhook outbox carries digests too: a digest row has no response. SQLite cannot drop a NOT
-- NULL, so the table is rebuilt with the same rows and ids.
CREATE TABLE alert_outbox_rebuilt (
    id              INTEGER PRIMARY KEY,
    response_id     INTEGER UNIQUE REFERENCES responses (id),
    commune_code    TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    last_error      TEXT,
    kind            TEXT NOT NULL DEFAULT 'sipas.low-score'
);
INSERT INTO alert_outbox_rebuilt (id, response_id, commune_code, payload, created_at, attempts, next_attempt_at, delivered_at, last_error)
SELECT id, response_id, commune_code, payload, created_at, attempts, next_attempt_at, delivered_at, last_error FROM alert_outbox;
DROP TABLE alert_outbox;
ALTER TABLE alert_outbox_rebuilt RENAME TO alert_outbox;
CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- E-mail waiting to be sent over SMTP (at least once; Message-ID is fixed per message so a repeat
-- after a crash between sending and marking is recognisable).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
