-- Privacy signals (network and device hashes) are purged after the retention period. These
-- partial indexes hold only rows that still carry them, so the purge finds its work without a scan.
CREATE INDEX responses_with_signals ON responses (submitted_at) WHERE network_hash IS NOT NULL OR device_hash IS NOT NULL;
CREATE INDEX slips_with_network ON slips (issued_at) WHERE issue_network IS NOT NULL;
