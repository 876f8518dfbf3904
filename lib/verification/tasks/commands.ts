// The province's verification task itself; its rules, discrepancies and confirmations are the other areas'.
import { defineCommand } from "@/lib/core/command";
import { createVerificationCampaign } from "../lifecycle";
import { createVerificationSchema } from "./schemas";

/** 新建任务 of kind 数据核验: a draft checking one school year (the year before is its 同比 base). */
export const createVerificationCommand = defineCommand({
  name: "verification.create",
  permission: "verification.manage",
  input: createVerificationSchema,
  async run({ tx, actor, target }, input) {
    const campaign = await createVerificationCampaign(tx, { ...input, ownerUnitId: actor.unitId });
    target("campaign", campaign.id, { docNumber: campaign.docNumber, units: input.unitIds.length, schoolYear: input.schoolYear });
    return { campaignId: campaign.id };
  },
});
