import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { isCampaignInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { hasOversightScope } from "@/lib/core/roles";
import { suggestVerificationBulletinTitle } from "./bulletin";
import { verificationFacts } from "./counts";
import { type ReportingLine, type SchoolLine, schoolLines, tallyVerification, type VerificationTally } from "./figures";

type FiguresCampaign = { id: number; title: string; docNumber: string };

export type FiguresPage =
  | { scope: "province"; campaign: FiguresCampaign; tally: VerificationTally; bulletin: { defaultTitle: string } | null }
  | { scope: "reporting"; campaign: FiguresCampaign; tally: VerificationTally; line: ReportingLine; schools: SchoolLine[] };

/**
 * 核验情况 of a published or closed verification task, counted now as its bulletin counts it (./counts.ts). The
 * province that runs it sees every reporting unit ranked, the items by rule and the schools not yet confirmed (and,
 * with bulletins.manage, may generate the 通报); a reporting unit's own people (a city, a province-affiliated school)
 * see their own line and their schools. Null for anyone else (a county or school under a city, another province).
 */
export async function getVerificationFiguresForActor({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<FiguresPage | null> {
  if (!may(actor.role, "verification.read")) return null;
  const campaign = await queryRow(
    db,
    { id: col.int, title: col.text, docNumber: col.text, overseen: col.bool, reports: col.bool },
    sql`select c.id, c.title, c.doc_number as "docNumber",
          ${hasOversightScope(actor.role) ? isCampaignInScope(actor, sql`c.owner_unit_id`) : sql`false`} as overseen,
          exists (select 1 from submissions s where s.campaign_id = c.id and s.unit_id = ${actor.unitId}) as reports
        from campaigns c where c.id = ${campaignId} and c.kind = 'verification' and c.status <> 'draft'`,
  );
  if (!campaign || (!campaign.overseen && !campaign.reports)) return null;
  const shown = { id: campaign.id, title: campaign.title, docNumber: campaign.docNumber };
  const facts = await verificationFacts(db, campaignId);
  if (campaign.overseen) {
    const bulletin = may(actor.role, "bulletins.manage") ? { defaultTitle: suggestVerificationBulletinTitle(campaign.title) } : null;
    return { scope: "province", campaign: shown, tally: tallyVerification(facts), bulletin };
  }
  // Only the actor's own reporting unit: the others' figures reach it through the published 通报.
  const own = { ...facts, reporting: facts.reporting.filter((r) => r.unitId === actor.unitId), schools: facts.schools.filter((s) => s.reportingId === actor.unitId) };
  const tally = tallyVerification(own);
  return { scope: "reporting", campaign: shown, tally, line: tally.reporting[0], schools: schoolLines(own) };
}
