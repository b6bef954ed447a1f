-- The audit log is append-only in the database too. UPDATE, DELETE and TRUNCATE of audit_log are
-- refused, except DELETE of entries older than 3 years inside a transaction that declared itself
-- the retention job (SET LOCAL kabinet.audit_retention = 'on'; see platform/audit/retention.ts).
-- This stops application bugs and careless SQL; an owner of the database can still disable the
-- trigger, which is why the hash chain and the signed checkpoints outside the database exist.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('kabinet.audit_retention', true) = 'on'
       AND OLD.occurred_at < now() - interval '3 years' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'Журнал аудита только дополняется: % запрещено', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Записи старше 3 лет удаляет только задача хранения platform.audit.retention.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
