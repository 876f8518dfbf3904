import "server-only";
import type { DbOrTx } from "@/db";
import { type FiguresCampaign, figuresViewer } from "@/lib/campaigns/figures-viewer";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { suggestTrainingBulletinTitle } from "./bulletin";
import { coveredUnits, trainingFacts } from "./counts";
import { type AttendanceLine, lineOf, type ReportingLine, type TrainingTally, tallyTraining } from "./figures";

/** A unit covered by a reporting unit's 回执, with what its own people registered and attended. */
export type CoveredLine = AttendanceLine & { id: number; name: string; depth: number };

export type FiguresPage =
  | { scope: "province"; campaign: FiguresCampaign; tally: TrainingTally; bulletin: { defaultTitle: string } | null }
  | { scope: "reporting"; campaign: FiguresCampaign; tally: TrainingTally; line: ReportingLine; units: CoveredLine[] };

/**
 * 培训情况 of a published or closed training task, counted now as its bulletin counts it (lib/training/figures/counts.ts).
 * The province that runs it sees every reporting unit ranked (and, with bulletins.manage, may generate the 通报); a
 * reporting unit's own people (a city, a province-affiliated school) see their own line and the units their 回执 covers.
 * Null for anyone else (a county or school under a city, another province, a role without training.read).
 */
export async function getTrainingFiguresForActor({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<FiguresPage | null> {
  if (!may(actor.role, "training.read")) return null;
  const viewer = await figuresViewer(db, actor, campaignId, "training");
  if (!viewer) return null;
  const { campaign } = viewer;
  const facts = await trainingFacts(db, campaignId);
  if (viewer.scope === "province") {
    const bulletin = may(actor.role, "bulletins.manage") ? { defaultTitle: suggestTrainingBulletinTitle(campaign.title) } : null;
    return { scope: "province", campaign, tally: tallyTraining(facts), bulletin };
  }
  // Only the actor's own reporting unit: the others' figures reach it through the published 通报.
  const own = { ...facts, reporting: facts.reporting.filter((r) => r.unitId === actor.unitId) };
  const tally = tallyTraining(own);
  const cells = facts.cells.filter((c) => c.reportingId === actor.unitId);
  const units = (await coveredUnits(db, actor.unitId)).map(({ id, name, depth }) => ({ id, name, depth, ...lineOf(cells.filter((c) => c.unitId === id), facts.sessions) }));
  return { scope: "reporting", campaign, tally, line: tally.reporting[0], units };
}
