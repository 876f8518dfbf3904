// Each reporting unit's submission as the figures of a task kind other than roster name it (a training task's 回执, a
// verification task's own confirmation): on time, late or missing, as the engine's tableFacts counts it.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type SubmissionStatus, submissionStatus } from "@/db/schema";
import { tableFacts } from "./figure-counts";

export type Receipt = "onTime" | "late" | "missing";

/** A reporting unit with its submission; times as ISO text (the bulletins store them). */
export type ReportingReceipt = { unitId: number; name: string; receipt: Receipt; status: SubmissionStatus | null; submittedAt: string | null };

/** Every active reporting unit of the campaign with its submission, in registry order. */
export async function reportingReceipts(db: DbOrTx, campaignId: number): Promise<ReportingReceipt[]> {
  const rows = await queryRows(
    db,
    { unitId: col.int, name: col.text, submitted: col.bool, late: col.bool, status: col.oneOf(submissionStatus.enumValues).nullable(), submittedAt: col.instantOrNull },
    sql`select t.reporting_id as "unitId", u.name, t.submitted, t.late, t.status, t.submitted_at as "submittedAt"
        from ${tableFacts(campaignId)} t join units u on u.id = t.reporting_id
        order by u.sort_order, u.id`,
  );
  return rows.map(({ submitted, late, submittedAt, ...r }) => ({ ...r, receipt: !submitted ? "missing" : late ? "late" : "onTime", submittedAt: submittedAt?.toISOString() ?? null }));
}
