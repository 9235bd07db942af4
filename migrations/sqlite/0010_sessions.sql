-- Sign-in sessions kept on the server: a session cookie is honoured only while its row is open, so
-- signing out ends it for good (a copy of the cookie is worthless afterwards), and deactivating an
-- account, resetting its password or changing its role closes all of its rows. expires_at is an
-- absolute end that the cookie's sliding renewal never passes.
CREATE TABLE user_sessions (
    id           TEXT PRIMARY KEY,        -- 128 random bits, base64url; named by the (encrypted) cookie
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    ended_reason TEXT                     -- 'signout', 'password-change', 'password-reset', 'account-change', 'expired'
);
CREATE INDEX user_sessions_open_by_user ON user_sessions (user_id) WHERE ended_at IS NULL;
