// A training task is made as every task is (lib/campaigns/lifecycle.ts), drawing on a roster task of the same
// publisher for its participants, and starts with the notice's three phases, their dates 待定（另行通知）.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { type Campaign, campaigns, trainingPhases } from "@/db/schema";
import { type CampaignFields, createCampaign } from "@/lib/campaigns/lifecycle";
import { DomainError } from "@/lib/core/errors";

/** §三.2's three phases, in order. */
export const PHASE_TITLES = ["系统集中培训", "2020学年度业务数据采集", "系统全面应用及问题收集反馈"] as const;

/** Saves a training task as a draft with its three phases; `sourceCampaignId` is the roster task whose administrators attend. */
export async function createTrainingCampaign(
  tx: Tx,
  fields: CampaignFields & { ownerUnitId: number; unitIds: number[]; sourceCampaignId: number },
): Promise<Campaign> {
  const [source] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, fields.sourceCampaignId), eq(campaigns.ownerUnitId, fields.ownerUnitId), eq(campaigns.kind, "roster")));
  if (!source) throw new DomainError("", { fieldErrors: { sourceCampaignId: "参训人员来源：请选择本单位发布的管理员信息报送任务" } });
  const campaign = await createCampaign(tx, { ...fields, kind: "training" });
  await tx.insert(trainingPhases).values(PHASE_TITLES.map((title, i) => ({ campaignId: campaign.id, ordinal: i + 1, title })));
  return campaign;
}
