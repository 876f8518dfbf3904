import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { activeSubtreeIds } from "@/lib/units/tree";
import type { Readiness } from "./workflow";

/** Counts what 「提交」 needs, straight from the database. */
export async function getReadinessBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<Readiness> {
  const row = await queryRow(
    db,
    { rowsExpected: col.int, rowsFilled: col.int, fillerName: col.textOrNull, fillerPhone: col.textOrNull, hasScan: col.bool },
    sql`
    select
      (select count(*) from units u where u.id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as "rowsExpected",
      (select count(*) from roster_entries e
        where e.campaign_id = s.campaign_id and e.unit_id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as "rowsFilled",
      s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
      exists (select 1 from submission_scans x where x.submission_id = s.id) as "hasScan"
    from submissions s where s.id = ${submissionId}`,
  );
  if (!row) throw new Error(`submission ${submissionId} not found`);
  return row;
}
