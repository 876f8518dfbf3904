// Who a unit's 回执 is pre-filled with: its administrator in the roster task the training draws on, once that table is approved.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";

export type Administrator = { id: number; name: string; position: string; phone: string; email: string };

/** The unit's approved administrator for the training task `campaignId`, or undefined when its table is not approved (or has no row for it). */
export async function getApprovedAdministrator(db: DbOrTx, campaignId: number, unitId: number): Promise<Administrator | undefined> {
  return queryRow(
    db,
    { id: col.int, name: col.text, position: col.text, phone: col.text, email: col.text },
    sql`select e.id, e.name, e.position, e.phone, e.email
        from campaigns c
        join roster_entries e on e.campaign_id = c.source_campaign_id and e.unit_id = ${unitId}
        join submissions s on s.id = e.submission_id and s.status = 'approved'
        where c.id = ${campaignId}`,
  );
}
