// 生成通报, for a task of any kind: the kind's own command counts the figures (the roster's here, the training's and
// the verification's in their own domains, which build on this module: lib/bulletins never imports a kind's domain) and this freezes them.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bulletins, type Campaign, type CampaignKind, campaigns } from "@/db/schema";
import { CAMPAIGN_KIND_LABELS } from "@/lib/campaigns/kinds";
import type { CommandContext } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import type { BulletinCampaign, StoredBulletinData } from "./figures";

type Counting<D extends StoredBulletinData> = {
  kind: CampaignKind;
  compute(db: DbOrTx, campaign: Campaign, now: Date): Promise<D>;
  /** What the audit row records of the figures. */
  detail(data: D): Record<string, unknown>;
};

/** Counts the figures of one of the actor's published tasks of `kind` as they stand now and saves them as a bulletin. */
export async function freezeBulletin<D extends StoredBulletinData>(
  { tx, actor, now, target }: CommandContext,
  { campaignId, title }: { campaignId: number; title: string },
  counting: Counting<D>,
): Promise<{ bulletinId: number }> {
  const [campaign] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, actor.unitId)));
  if (!campaign) throw notFound();
  if (campaign.status === "draft") throw new DomainError("该任务尚未发布，还没有可通报的报送情况。");
  if (campaign.kind !== counting.kind) throw new DomainError(`该任务是${CAMPAIGN_KIND_LABELS[campaign.kind]}任务，请在该任务的页面生成通报。`);
  const data = await counting.compute(tx, campaign, now);
  const [saved] = await tx
    .insert(bulletins)
    .values({ campaignId, title, data, generatedAt: now, generatedBy: actor.userId })
    .returning({ id: bulletins.id });
  target("bulletin", saved.id, { campaignId, ...counting.detail(data) });
  return { bulletinId: saved.id };
}

/** The notice as the bulletin quotes it. */
export function bulletinCampaign(campaign: Campaign): BulletinCampaign {
  return {
    id: campaign.id,
    title: campaign.title,
    docNumber: campaign.docNumber,
    issuer: campaign.issuer,
    deadline: campaign.deadline.toISOString(),
    salutation: salutationOf(campaign.body),
  };
}

/** The notice's 主送 line (its first paragraph, ending in a colon), which the bulletin is addressed to as well. */
function salutationOf(body: string): string | null {
  const first = body.trim().split(/\n/)[0]?.trim() ?? "";
  return /[：:]$/.test(first) && first.length <= 200 ? first : null;
}
