-- Failed sign-ins, counted where they come from. A device or network that keeps failing is made to
-- wait (whatever the accounts it tries), and an account locks only for the network its failures came
-- from: a stranger elsewhere cannot lock its owner out. users.failed_sign_ins / locked_until remain
-- the account-wide cap for failures spread over many networks.
-- subject: 'device:<keyed hash>', 'network:<keyed hash>' or 'account:<user id>:<keyed network hash>'.
CREATE TABLE sign_in_failures (
    subject          TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    first_failure_at INTEGER NOT NULL,
    locked_until     INTEGER
);
CREATE INDEX sign_in_failures_by_age ON sign_in_failures (first_failure_at);
