import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";

/** What became of a submission after review: when it was approved, and whether every row's account is issued. */
export type SubmissionOutcome = { approvedAt: Date | null; accountsIssued: boolean };

export async function getOutcomeBySubmission({ db, submissionId }: { db: DbOrTx; submissionId: number }): Promise<SubmissionOutcome> {
  const row = await queryRow(
    db,
    { approvedAt: col.instantOrNull, accountsIssued: col.bool },
    sql`
    select (select max(e.at) from submission_events e where e.submission_id = s.id and e.action = 'approved') as "approvedAt",
           s.status = 'approved'
             and exists (select 1 from roster_entries r where r.submission_id = s.id)
             and not exists (select 1 from roster_entries r where r.submission_id = s.id and r.issued_user_id is null) as "accountsIssued"
    from submissions s where s.id = ${submissionId}`,
  );
  return row ?? { approvedAt: null, accountsIssued: false };
}
