-- The chain head was updated twice for every audit row. Inside one transaction each update leaves a row version
-- that no one can prune before commit, and each next update walks them all: 5,000 rows in one approval took
-- seconds, growing with the square. Now each row locks the head (FOR UPDATE: no new version; a REPEATABLE READ
-- writer that raced another still gets its serialization failure) and continues from the newest chained row it
-- sees, which includes the rows this transaction and this very statement wrote before it; the head is written
-- once per statement. The newest row is found through audit_log_seq_key whatever the statistics say (an
-- ANALYZE of an empty log would have the planner scan the table for every row), and without JIT, which the
-- disabled scan's cost would call for on every row.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET enable_seqscan = off SET jit = off AS $$
DECLARE
  head audit_chain_head;
  newest record;
BEGIN
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  SELECT seq, hash INTO newest FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  IF newest.seq IS NOT NULL AND newest.seq > head.seq THEN
    head.seq := newest.seq;
    head.hash := newest.hash;
  END IF;
  NEW.seq := head.seq + 1;
  NEW.hash := encode(sha256(convert_to(head.hash || audit_log_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET enable_seqscan = off SET jit = off AS $$
BEGIN
  UPDATE audit_chain_head h SET seq = a.seq, hash = a.hash
  FROM (SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1) a
  WHERE a.seq > h.seq;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_head AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_chain_head();
