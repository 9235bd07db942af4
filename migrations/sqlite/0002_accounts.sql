-- People, machine API keys and the audit log.

-- People who sign in: counter staff and commune leaders belong to a commune, administrators to a
-- province. Accounts are deactivated, never deleted: slips and the audit log refer to them.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 64),
    display_name        TEXT NOT NULL CHECK (display_name <> ''),
    role                TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'staff')),
    province_code       TEXT NOT NULL REFERENCES provinces (code),
    commune_code        TEXT REFERENCES communes (code),
    password_hash       TEXT NOT NULL,
    security_stamp      TEXT NOT NULL,      -- changes on password change or deactivation: old sessions end
    failed_sign_ins     INTEGER NOT NULL DEFAULT 0,
    locked_until        INTEGER,
    active              INTEGER NOT NULL DEFAULT 1,
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL,
    CHECK ((role = 'admin') = (commune_code IS NULL))
);

-- Counters a staff member may issue slips for.
CREATE TABLE staff_counters (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    counter_id INTEGER NOT NULL REFERENCES counters (id),
    PRIMARY KEY (user_id, counter_id)
) WITHOUT ROWID;

-- API keys are random 32-byte secrets shown once; only their SHA-256 is kept (a fast hash is right
-- for a high-entropy secret). Scope 'slips': create slips for the listed counters (the one-stop
-- software). Scope 'reports': read-only reports for one commune or a whole province (a BI tool).
CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    prefix        TEXT NOT NULL,
    secret_hash   BLOB NOT NULL UNIQUE,
    scope         TEXT NOT NULL CHECK (scope IN ('slips', 'reports')),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    commune_code  TEXT REFERENCES communes (code),
    created_by    INTEGER REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    revoked_at    INTEGER,
    revoked_by    INTEGER REFERENCES users (id),
    last_used_at  INTEGER
);

CREATE TABLE api_key_counters (
    api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
    counter_id INTEGER NOT NULL REFERENCES counters (id),
    PRIMARY KEY (api_key_id, counter_id)
) WITHOUT ROWID;

-- Privileged acts: who, when, what, on what, from where. Append-only.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor          TEXT NOT NULL,          -- 'user:3 admin.hanoi', 'apikey:2 Phần mềm Một cửa', 'cli'
    actor_user_id  INTEGER REFERENCES users (id),
    actor_key_id   INTEGER REFERENCES api_keys (id),
    province_code  TEXT,                   -- whose administrators may read the entry
    action         TEXT NOT NULL,          -- 'user.create', 'apikey.revoke', 'questionnaire.publish', …
    target         TEXT,
    details        TEXT,                   -- JSON
    remote_address TEXT                    -- staff and machines only; citizens are never logged
);
CREATE INDEX audit_log_by_province ON audit_log (province_code, at);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
