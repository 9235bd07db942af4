-- Answers given on the counter's tablet in kiosk mode (citizens without a phone) are their own channel.
--
-- Widening a CHECK constraint the way SQLite documents for constraint-only changes
-- (https://sqlite.org/lang_altertable.html, "making other kinds of table schema changes"): the stored
-- CREATE TABLE text is edited in place. Every existing row satisfies the wider rule, so nothing has to
-- be rewritten: rebuilding the table would copy every response (millions at national scale), and the
-- rebuild cannot run in the migration transaction anyway (dropping `responses` counts the alert
-- outbox's references as violations that the rename does not undo).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (channel IN (''slip'', ''poster''))', 'CHECK (channel IN (''slip'', ''poster'', ''kiosk''))')
WHERE type = 'table' AND name = 'responses';
PRAGMA writable_schema = OFF;

-- Fails the migration (and so the whole run) if the text above was not found and replaced.
CREATE TEMP TABLE migration_0017_guard (responses_accept_kiosk INTEGER CHECK (responses_accept_kiosk = 1));
INSERT INTO migration_0017_guard
SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'responses' AND sql LIKE '%CHECK (channel IN (''slip'', ''poster'', ''kiosk''))%';
DROP TABLE migration_0017_guard;

-- The kiosk's top-score burst looks at a counter's latest kiosk answers; an index makes that a short
-- backwards read. Creating it also moves the schema cookie on, so every other connection re-reads
-- the edited schema (the connection that ran this is not reused: see Migrator.Apply).
CREATE INDEX responses_kiosk_by_counter ON responses (counter_id, id) WHERE channel = 'kiosk';
