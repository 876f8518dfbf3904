import "server-only";
import type { DbOrTx } from "@/db";
import { type FiguresCampaign, figuresViewer } from "@/lib/campaigns/figures-viewer";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { suggestVerificationBulletinTitle } from "./bulletin";
import { verificationFacts } from "./counts";
import { type ReportingLine, type SchoolLine, schoolLines, tallyVerification, type VerificationTally } from "./figures";

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
  const viewer = await figuresViewer(db, actor, campaignId, "verification");
  if (!viewer) return null;
  const { campaign } = viewer;
  const facts = await verificationFacts(db, campaignId);
  if (viewer.scope === "province") {
    const bulletin = may(actor.role, "bulletins.manage") ? { defaultTitle: suggestVerificationBulletinTitle(campaign.title) } : null;
    return { scope: "province", campaign, tally: tallyVerification(facts), bulletin };
  }
  // Only the actor's own reporting unit: the others' figures reach it through the published 通报.
  const own = { ...facts, reporting: facts.reporting.filter((r) => r.unitId === actor.unitId), schools: facts.schools.filter((s) => s.reportingId === actor.unitId) };
  const tally = tallyVerification(own);
  return { scope: "reporting", campaign, tally, line: tally.reporting[0], schools: schoolLines(own) };
}
