import type { DbOrTx } from "@/db";
import type { Campaign } from "@/db/schema";
import { bulletinCampaign } from "@/lib/bulletins/freeze";
import type { TrainingBulletinData } from "./bulletin";
import { trainingFacts } from "./counts";
import { tallyTraining } from "./figures";

/** A training task's bulletin: the figures of every reporting unit as they stand, ranked; the same as the 培训情况 page's. */
export async function computeTrainingBulletin(db: DbOrTx, campaign: Campaign, now: Date): Promise<TrainingBulletinData> {
  return { kind: "training", campaign: bulletinCampaign(campaign), generatedAt: now.toISOString(), tally: tallyTraining(await trainingFacts(db, campaign.id)) };
}
