-- After a storage failure (disk full, read-only), /healthz writes and removes one row here that
-- needs fresh pages: success shows the database can grow again.
CREATE TABLE storage_probe (
    id     INTEGER PRIMARY KEY,
    filler BLOB NOT NULL
);
