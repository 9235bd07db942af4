-- Integrity signals look back along a counter's recent responses.
CREATE INDEX responses_by_counter ON responses (counter_id, id);
