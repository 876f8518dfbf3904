-- The audit log's hash chain. Each row's hash is sha256(previous row's hash ‖ its canonical text), in the
-- order rows were written (`seq`). The chain's head sits in a one-row table that only the trigger writes
-- (SECURITY DEFINER): its row lock orders concurrent writers, and a REPEATABLE READ writer that raced
-- another gets a serialization failure (retried by the command runner) rather than forking the chain.
CREATE FUNCTION audit_log_canonical(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    a.seq, a.id, (extract(epoch FROM a.at) * 1000000)::bigint, a.user_id, a.role, a.unit_id, a.action,
    a.target_type, a.target_id, a.outcome, a.ip, a.request_id, a.detail
  )::text
$$;
--> statement-breakpoint
CREATE TABLE audit_chain_head (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), seq bigint NOT NULL, hash text NOT NULL);
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  previous text;
BEGIN
  UPDATE audit_chain_head SET seq = seq + 1 RETURNING seq, hash INTO NEW.seq, previous;
  NEW.hash := encode(sha256(convert_to(previous || audit_log_canonical(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET hash = NEW.hash;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Rows written before the chain existed are chained now, in id order (their commit order is long settled).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  previous text := '';
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    r.seq := n;
    r.hash := encode(sha256(convert_to(previous || audit_log_canonical(r), 'UTF8')), 'hex');
    UPDATE audit_log SET seq = r.seq, hash = r.hash WHERE id = r.id;
    previous := r.hash;
  END LOOP;
  INSERT INTO audit_chain_head (seq, hash) VALUES (n, previous);
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
