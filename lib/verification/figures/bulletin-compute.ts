import type { DbOrTx } from "@/db";
import type { Campaign } from "@/db/schema";
import { bulletinCampaign } from "@/lib/bulletins/freeze";
import type { VerificationBulletinData } from "./bulletin";
import { verificationFacts } from "./counts";
import { tallyVerification } from "./figures";

/** A verification task's bulletin: the figures of every reporting unit as they stand, ranked; the same as the 核验情况 page's. */
export async function computeVerificationBulletin(db: DbOrTx, campaign: Campaign, now: Date): Promise<VerificationBulletinData> {
  return { kind: "verification", campaign: bulletinCampaign(campaign), generatedAt: now.toISOString(), tally: tallyVerification(await verificationFacts(db, campaign.id)) };
}
