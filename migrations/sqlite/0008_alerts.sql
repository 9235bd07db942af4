-- Low-score alerts to a commune's leaders. A row is written in the same transaction as the
-- response (so an acknowledged answer never loses its alert) and delivered later, with retries,
-- by the dispatcher. Delivered rows stay as the record of what was sent and when.
CREATE TABLE alert_outbox (
    id              INTEGER PRIMARY KEY,
    response_id     INTEGER NOT NULL UNIQUE REFERENCES responses (id),
    commune_code    TEXT NOT NULL,
    payload         TEXT NOT NULL,       -- the JSON body, fixed when the response is stored
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    last_error      TEXT
);
CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;
