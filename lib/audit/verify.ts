import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";

export type ChainCheck =
  | { intact: true; rows: number }
  | { intact: false; rows: number; seq: number | null; id: number | null; problem: string };

/**
 * Walks the audit log's hash chain in one pass: every row must follow the one before it (seq + 1) and
 * carry sha256(previous hash ‖ its canonical text); the last row must be the chain's head, so rows cut
 * off the end show too. Returns the first row that breaks it.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainCheck> {
  const counted = await queryRow(db, { rows: col.int }, sql`select count(*)::int as rows from audit_log`);
  const rows = counted?.rows ?? 0;
  const broken = await queryRow(
    db,
    { seq: col.intOrNull, id: col.int, gap: col.bool },
    sql`
    select c.seq, c.id, (c.seq is null or c.seq <> c.previous_seq + 1) as gap
    from (
      select a.seq, a.id, a.hash, audit_log_canonical(a) as canonical,
             lag(a.hash, 1, '') over w as previous_hash, lag(a.seq, 1, 0::bigint) over w as previous_seq
      from audit_log a window w as (order by a.seq nulls first, a.id)
    ) c
    where c.seq is null or c.seq <> c.previous_seq + 1
       or c.hash is distinct from encode(sha256(convert_to(c.previous_hash || c.canonical, 'UTF8')), 'hex')
    order by c.seq nulls first, c.id
    limit 1`,
  );
  if (broken) {
    const problem = broken.seq === null ? "has no place in the chain" : broken.gap ? "does not follow the row before it (a row is missing or was added out of order)" : "does not match its hash (it was changed)";
    return { intact: false, rows, seq: broken.seq, id: broken.id, problem };
  }
  const head = await queryRow(
    db,
    { matches: col.bool },
    sql`select h.seq = coalesce(max(a.seq), 0) and h.hash = coalesce((select hash from audit_log order by seq desc limit 1), '') as matches
        from audit_chain_head h left join audit_log a on true group by h.seq, h.hash`,
  );
  if (!head?.matches) return { intact: false, rows, seq: null, id: null, problem: "the chain's last rows are missing (the head is ahead of the log)" };
  return { intact: true, rows };
}
