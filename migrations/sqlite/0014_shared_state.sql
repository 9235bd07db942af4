-- State that several app servers on one database must share. A single SQLite service keeps the
-- same things in its own memory and data folder (faster, and nobody else reads them), so on SQLite
-- these tables stay empty; they exist on both engines so the schemas match and a copy carries over.

-- Report versions: bumped in the transaction of every write that changes a commune's figures, read
-- before a cached report is served, so a report on server B includes what server A just stored.
CREATE TABLE report_versions (
    commune_code  TEXT PRIMARY KEY,
    province_code TEXT NOT NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX report_versions_by_province ON report_versions (province_code);

-- The slip-token and network keys when Sipas:Keys:* are not configured: generated once by the first
-- server (as the key files are on SQLite), so a slip issued on one server is answered on another.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

-- ASP.NET Core data-protection keys (session and antiforgery cookies): a leader signed in on one
-- server is signed in on all.
CREATE TABLE data_protection_keys (
    friendly_name TEXT PRIMARY KEY,
    xml           TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

-- Abuse limits counted across servers: hits per limit key (a keyed hash, never an address) per minute.
CREATE TABLE rate_limit_windows (
    limit_key    TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (limit_key, window_start)
);
CREATE INDEX rate_limit_windows_by_age ON rate_limit_windows (window_start);

-- Jobs that must run on one server at a time (the retention purge): a lease with an end, renewed by its holder.
CREATE TABLE job_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
