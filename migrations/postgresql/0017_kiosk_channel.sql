-- Answers given on the counter's tablet in kiosk mode (citizens without a phone) are their own channel
-- (PostgreSQL twin of migrations/sqlite/0017_kiosk_channel.sql).
ALTER TABLE responses DROP CONSTRAINT responses_channel_check;
ALTER TABLE responses ADD CONSTRAINT responses_channel_check CHECK (channel IN ('slip', 'poster', 'kiosk'));

-- The kiosk's top-score burst looks at a counter's latest kiosk answers.
CREATE INDEX responses_kiosk_by_counter ON responses (counter_id, id) WHERE channel = 'kiosk';
