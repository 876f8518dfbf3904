import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { activeSubtreeIds } from "@/lib/authz/scope";
import type { Readiness } from "./workflow";

/** Counts what 「提交」 needs, straight from the database. */
export async function getReadinessBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<Readiness> {
  const row = await queryRow(
    db,
    { expected: col.int, filled: col.int, filler_name: col.textOrNull, filler_phone: col.textOrNull, has_scan: col.bool },
    sql`
    select
      (select count(*) from units u where u.id in ${activeSubtreeIds(sql`s.unit_id`)}) as expected,
      (select count(*) from roster_entries e
        where e.campaign_id = s.campaign_id and e.unit_id in ${activeSubtreeIds(sql`s.unit_id`)}) as filled,
      s.filler_name, s.filler_phone,
      exists (select 1 from submission_scans x where x.submission_id = s.id) as has_scan
    from submissions s where s.id = ${submissionId}`,
  );
  if (!row) throw new Error(`submission ${submissionId} not found`);
  return { rowsExpected: row.expected, rowsFilled: row.filled, fillerName: row.filler_name, fillerPhone: row.filler_phone, hasScan: row.has_scan };
}
