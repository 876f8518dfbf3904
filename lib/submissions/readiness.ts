import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { activeSubtreeIds, keptSubtreeCounts, registryKey } from "@/lib/units/tree";
import { type Readiness, type ScanState } from "./workflow";

/**
 * The table of `submissions s` as it prints — the header and every covered unit with its row — as one hash.
 * A scan keeps the hash of the table it shows; any write that changes what would print changes the hash,
 * whichever command made it (a save, an import, a row removed, a unit renamed), and a write that changes
 * nothing leaves it.
 */
const TABLE_FINGERPRINT = sql`md5(jsonb_build_array(s.filler_name, s.filler_phone, (
  select coalesce(jsonb_agg(jsonb_build_array(u.id, u.name, e.school_code, e.name, e.position, e.phone, e.email) order by u.id), '[]'::jsonb)
  from units u left join roster_entries e on e.campaign_id = s.campaign_id and e.unit_id = u.id
  where u.id in ${activeSubtreeIds(sql`(s.unit_id)`)}))::text)`;

/** The hash the scan uploaded now records. */
export async function getTableFingerprintBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<string> {
  const row = await queryRow(db, { fingerprint: col.text }, sql`select ${TABLE_FINGERPRINT} as fingerprint from submissions s where s.id = ${submissionId}`);
  if (!row) throw new Error(`submission ${submissionId} not found`);
  return row.fingerprint;
}

const SCAN_STATES = ["missing", "current", "outdated", "rejected"] as const satisfies readonly ScanState[];

/** How many of the unconfirmed delegated rows 「提交」 names. */
const UNCONFIRMED_NAMED = 10;

/** Counts what 「提交」 needs, straight from the database: the rows from the counts the writes keep, not a walk of the table. */
export async function getReadinessBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<Readiness> {
  const row = await queryRow(
    db,
    {
      rowsExpected: col.int, rowsFilled: col.int, fillerName: col.textOrNull, fillerPhone: col.textOrNull, scan: col.oneOf(SCAN_STATES),
      unconfirmedCount: col.int,
      unconfirmed: col.objects({ unitId: col.int, unitName: col.text }),
    },
    sql`
    with ${keptSubtreeCounts(sql`(select campaign_id from submissions where id = ${submissionId})`, sql`(select unit_id from submissions where id = ${submissionId})`)}
    select
      coalesce((select expected from counts), 0) as "rowsExpected",
      coalesce((select filled from counts), 0) as "rowsFilled",
      s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
      coalesce((
        select case when x.rejected_at is not null then 'rejected'
                    when x.table_fingerprint is distinct from ${TABLE_FINGERPRINT} then 'outdated'
                    else 'current' end
        from submission_scans x where x.submission_id = s.id
      ), 'missing') as scan,
      (select count(*) from delegated_rows r where r.submission_id = s.id and r.state <> 'confirmed') as "unconfirmedCount",
      (select coalesce(jsonb_agg(jsonb_build_object('unitId', x.id, 'unitName', x.name)), '[]'::jsonb) from (
        select u.id, u.name from delegated_rows r join units u on u.id = r.unit_id
        where r.submission_id = s.id and r.state <> 'confirmed' order by ${registryKey("u")} limit ${UNCONFIRMED_NAMED}) x) as unconfirmed
    from submissions s where s.id = ${submissionId}`,
  );
  if (!row) throw new Error(`submission ${submissionId} not found`);
  return row;
}
