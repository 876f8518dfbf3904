import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import type { Actor } from "@/lib/core/actor";

/** How the actor's account came to be: the approved table whose row named them their unit's administrator. */
export type IssuedAccount = { unitName: string; campaignId: number; campaignTitle: string; docNumber: string; reportingUnitName: string; approvedAt: Date };

/** The latest approval that issued the actor's account, or null for an account made any other way. */
export async function getIssuedAccountByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<IssuedAccount | null> {
  const row = await queryRow(
    db,
    { unitName: col.text, campaignId: col.int, campaignTitle: col.text, docNumber: col.text, reportingUnitName: col.text, approvedAt: col.instant },
    sql`
    select u.name as "unitName", c.id as "campaignId", c.title as "campaignTitle", c.doc_number as "docNumber", ru.name as "reportingUnitName",
           (select max(ev.at) from submission_events ev where ev.submission_id = s.id and ev.action = 'approved') as "approvedAt"
    from roster_entries e
    join submissions s on s.id = e.submission_id and s.status = 'approved'
    join campaigns c on c.id = e.campaign_id
    join units u on u.id = e.unit_id
    join units ru on ru.id = s.unit_id
    where e.issued_user_id = ${actor.userId}
    order by "approvedAt" desc, e.id desc
    limit 1`,
  );
  return row ?? null;
}
