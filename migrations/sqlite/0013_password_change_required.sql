-- A password an administrator set (a new account's, or after a reset) is a temporary one: the person
-- must choose their own at the first sign-in before doing anything else.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
