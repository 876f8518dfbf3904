import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { activeSubtreeIds, registryKey } from "@/lib/units/tree";
import type { Readiness } from "./workflow";

/** How many of the unconfirmed delegated rows 「提交」 names. */
const UNCONFIRMED_NAMED = 10;

/** Counts what 「提交」 needs, straight from the database. */
export async function getReadinessBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<Readiness> {
  const row = await queryRow(
    db,
    {
      rowsExpected: col.int,
      rowsFilled: col.int,
      fillerName: col.textOrNull,
      fillerPhone: col.textOrNull,
      hasScan: col.bool,
      unconfirmedCount: col.int,
      unconfirmed: col.objects({ unitId: col.int, unitName: col.text }),
    },
    sql`
    select
      (select count(*) from units u where u.id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as "rowsExpected",
      (select count(*) from roster_entries e
        where e.campaign_id = s.campaign_id and e.unit_id in ${activeSubtreeIds(sql`(s.unit_id)`)}) as "rowsFilled",
      s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
      exists (select 1 from submission_scans x where x.submission_id = s.id) as "hasScan",
      (select count(*) from delegated_rows r where r.submission_id = s.id and r.state <> 'confirmed') as "unconfirmedCount",
      (select coalesce(jsonb_agg(jsonb_build_object('unitId', x.id, 'unitName', x.name)), '[]'::jsonb) from (
        select u.id, u.name from delegated_rows r join units u on u.id = r.unit_id
        where r.submission_id = s.id and r.state <> 'confirmed' order by ${registryKey("u")} limit ${UNCONFIRMED_NAMED}) x) as unconfirmed
    from submissions s where s.id = ${submissionId}`,
  );
  if (!row) throw new Error(`submission ${submissionId} not found`);
  return row;
}
