-- App servers keep API keys, provinces, communes and counters in memory (ReferenceCache): they are read on
-- nearly every request and change rarely. Every statement that changes them tells every app server, when it
-- commits, to forget what it kept (NOTIFY is delivered at commit; one per transaction and table at most).
-- A key's last_used_at, written once a minute while it is used, changes nothing kept and notifies no one.
CREATE FUNCTION notify_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sipas_reference', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER provinces_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON provinces
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed();
CREATE TRIGGER communes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed();
CREATE TRIGGER counters_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON counters
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed();
CREATE TRIGGER api_key_counters_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_key_counters
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed();
CREATE TRIGGER api_keys_changed AFTER INSERT OR DELETE OR TRUNCATE
    OR UPDATE OF name, scope, province_code, commune_code, secret_hash, revoked_at ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_changed();
