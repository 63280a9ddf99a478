"""On PostgreSQL, refuse in the database itself every change to the audit log but sealing
(ADR 0002, addendum of 2026-12-07).

Triggers refuse, whoever asks (the application's role, the owner, a superuser typing SQL):
- UPDATE of an event, except filling an empty seal once (chain_position, previous_hash, key_id and
  hash from empty to set) with every other column unchanged: the one write sealing makes;
- DELETE and TRUNCATE of events;
- DELETE and TRUNCATE of the chain head, and moving it back.
Only the table's owner or a superuser can drop or disable a trigger, so the application's role,
which owns nothing (docs/contexts/audit.md, "Database roles"), cannot get round it. SQLite has no
roles: whoever can open its file can rewrite it, so there the keyed seals are the protection.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GUARD_SQL = """
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.chain_position IS NOT NULL
           AND to_jsonb(NEW) - ARRAY['chain_position', 'previous_hash', 'key_id', 'hash']
               = to_jsonb(OLD) - ARRAY['chain_position', 'previous_hash', 'key_id', 'hash']
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id = OLD.id AND NEW.last_position >= OLD.last_position THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the audit chain head only moves forward: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_guard BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();
"""

UNGUARD_SQL = """
DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_auditchainhead;
DROP TRIGGER IF EXISTS audit_head_guard ON audit_auditchainhead;
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_event_guard ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_head_guard();
DROP FUNCTION IF EXISTS audit_event_guard();
"""


def guard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL, params=None)


def unguard(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_reseal_with_key")]

    operations = [migrations.RunPython(guard, unguard)]
