// A verification task is made as every task is (lib/campaigns/lifecycle.ts), with the school year it checks.
import type { Tx } from "@/db";
import { type Campaign, verificationTasks } from "@/db/schema";
import { type CampaignFields, createCampaign } from "@/lib/campaigns/lifecycle";

/** Saves a verification task as a draft, checking `schoolYear` (the year before is its 同比 base). */
export async function createVerificationCampaign(tx: Tx, fields: CampaignFields & { ownerUnitId: number; unitIds: number[]; schoolYear: number }): Promise<Campaign> {
  const { schoolYear, ...campaignFields } = fields;
  const campaign = await createCampaign(tx, { ...campaignFields, kind: "verification" });
  await tx.insert(verificationTasks).values({ campaignId: campaign.id, schoolYear });
  return campaign;
}
