-- Typed codes are 50 bits: stored as plain SHA-256, a copy of the database (without the token key)
-- could be swept in 2^50 tries to open every unused slip. From now on code_hash is keyed with the
-- token key. The slips issued before are listed here and re-keyed by the service at start-up from
-- their stored seed (it holds the key, this SQL does not), so every printed code keeps working.
CREATE TABLE slip_codes_to_rekey (
    slip_id INTEGER PRIMARY KEY REFERENCES slips (id)
);
INSERT INTO slip_codes_to_rekey (slip_id) SELECT id FROM slips;
