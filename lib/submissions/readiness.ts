import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { activeSubtreeIds } from "@/lib/tree";
import type { Readiness } from "./workflow";

/** Counts what 「提交」 needs, straight from the database. */
export async function getReadinessBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<Readiness> {
  const [row] = await db.execute(sql`
    select
      (select count(*) from units u where u.id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as expected,
      (select count(*) from roster_entries e
        where e.campaign_id = s.campaign_id and e.unit_id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as valid,
      s.filler_name, s.filler_phone,
      exists (select 1 from submission_scans x where x.submission_id = s.id) as has_scan
    from submissions s where s.id = ${submissionId}`);
  return {
    rowsExpected: Number(row.expected),
    rowsValid: Number(row.valid),
    fillerName: (row.filler_name as string | null) ?? null,
    fillerPhone: (row.filler_phone as string | null) ?? null,
    hasScan: Boolean(row.has_scan),
  };
}
