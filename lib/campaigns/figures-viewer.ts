import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import type { CampaignKind } from "@/db/schema";
import { isCampaignInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { hasOversightScope } from "@/lib/core/roles";

export type FiguresCampaign = { id: number; title: string; docNumber: string };

/**
 * How the actor sees the figures page of a published or closed task of `kind` (training, verification): as the province
 * that runs it (every reporting unit), as one of its reporting units (its own line), or not at all (null). The kind's
 * query checks its read permission first.
 */
export async function figuresViewer(db: DbOrTx, actor: Actor, campaignId: number, kind: Exclude<CampaignKind, "roster">): Promise<{ scope: "province" | "reporting"; campaign: FiguresCampaign } | null> {
  const row = await queryRow(
    db,
    { id: col.int, title: col.text, docNumber: col.text, overseen: col.bool, reports: col.bool },
    sql`select c.id, c.title, c.doc_number as "docNumber",
          ${hasOversightScope(actor.role) ? isCampaignInScope(actor, sql`c.owner_unit_id`) : sql`false`} as overseen,
          exists (select 1 from submissions s where s.campaign_id = c.id and s.unit_id = ${actor.unitId}) as reports
        from campaigns c where c.id = ${campaignId} and c.kind = ${kind} and c.status <> 'draft'`,
  );
  if (!row || (!row.overseen && !row.reports)) return null;
  return { scope: row.overseen ? "province" : "reporting", campaign: { id: row.id, title: row.title, docNumber: row.docNumber } };
}
