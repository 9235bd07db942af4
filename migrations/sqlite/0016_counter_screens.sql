-- A tablet or second monitor turned towards the citizen, paired with one counter by an administrator
-- without any staff password: a one-time pairing link (its hash here, valid for minutes) becomes a
-- device secret in the device's cookie (its hash here). Revoking the row unpairs the device.
CREATE TABLE counter_screens (
    id                 INTEGER PRIMARY KEY,
    counter_id         INTEGER NOT NULL REFERENCES counters (id),
    pairing_hash       BLOB UNIQUE,
    pairing_expires_at INTEGER,
    device_hash        BLOB UNIQUE,
    created_by_user_id INTEGER REFERENCES users (id),
    created_at         INTEGER NOT NULL,
    paired_at          INTEGER,
    revoked_at         INTEGER
);
CREATE INDEX counter_screens_by_counter ON counter_screens (counter_id);
