-- On PostgreSQL this migration adds the triggers that tell every app server when API keys, provinces,
-- communes or counters change, so each can keep them in memory. A SQLite service is the only one on its
-- file and reads them in-process, so it keeps nothing and needs no trigger: the number is kept in step.
SELECT 1;
