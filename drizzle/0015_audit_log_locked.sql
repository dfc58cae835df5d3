-- The audit log stays append-only even for the role that owns it: its triggers fire in every replication mode,
-- and, where the migrating role may create event triggers (a superuser), DDL that would disable, drop or alter
-- them or the table is refused. A deployment whose application role is no superuser gets the same effect from
-- not owning audit_log (see the README).
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_ddl() RETURNS event_trigger AS $$
DECLARE
  obj record;
BEGIN
  FOR obj IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    -- By oid, so a renamed audit_log or guard function is still recognised; by name for triggers and rules on it.
    IF obj.objid = (SELECT tgrelid FROM pg_trigger WHERE tgname = 'audit_log_no_update_delete')
       OR obj.object_identity LIKE '% on public.audit_log'
       OR obj.objid = (SELECT tgfoid FROM pg_trigger WHERE tgname = 'audit_log_no_update_delete') THEN
      RAISE EXCEPTION 'audit_log is append-only (% refused)', obj.command_tag USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_drop() RETURNS event_trigger AS $$
DECLARE
  obj record;
BEGIN
  FOR obj IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
    IF obj.object_identity = 'public.audit_log' OR obj.object_identity LIKE '% on public.audit_log'
       OR obj.object_identity LIKE 'public.audit_log_refuse_change()' THEN
      RAISE EXCEPTION 'audit_log is append-only (DROP % refused)', obj.object_identity USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    DROP EVENT TRIGGER IF EXISTS audit_log_no_ddl;
    CREATE EVENT TRIGGER audit_log_no_ddl ON ddl_command_end
      WHEN TAG IN ('ALTER TABLE', 'CREATE TRIGGER', 'CREATE RULE', 'ALTER TRIGGER', 'CREATE FUNCTION', 'ALTER FUNCTION')
      EXECUTE FUNCTION audit_log_refuse_ddl();
    ALTER EVENT TRIGGER audit_log_no_ddl ENABLE ALWAYS;
    DROP EVENT TRIGGER IF EXISTS audit_log_no_drop;
    CREATE EVENT TRIGGER audit_log_no_drop ON sql_drop EXECUTE FUNCTION audit_log_refuse_drop();
    ALTER EVENT TRIGGER audit_log_no_drop ENABLE ALWAYS;
  END IF;
END;
$$;
