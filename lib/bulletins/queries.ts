import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bulletins, campaigns, users } from "@/db/schema";
import { isCampaignPublishedTo } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import type { BulletinData, KindBulletinData, StoredBulletinData } from "./figures";

export type BulletinSummary = { id: number; title: string; campaignId: number; campaignTitle: string; generatedAt: Date; publishedAt: Date | null };

const summary = {
  id: bulletins.id,
  title: bulletins.title,
  campaignId: bulletins.campaignId,
  campaignTitle: campaigns.title,
  generatedAt: bulletins.generatedAt,
  publishedAt: bulletins.publishedAt,
};

/** Published bulletins of the campaigns published to the actor, newest first: shown on the home page. */
export async function getPublishedBulletins({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<BulletinSummary[]> {
  return db
    .select(summary)
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .where(and(isNotNull(bulletins.publishedAt), isCampaignPublishedTo(actor, sql`${campaigns.ownerUnitId}`)))
    .orderBy(desc(bulletins.publishedAt), desc(bulletins.id));
}

/** Every bulletin of the province's campaigns, drafts included, for the province administrator. */
export async function getBulletinsForAdmin({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<BulletinSummary[]> {
  assertPermission(actor, "bulletins.manage");
  return db
    .select(summary)
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .where(eq(campaigns.ownerUnitId, actor.unitId))
    .orderBy(desc(bulletins.generatedAt), desc(bulletins.id));
}

/**
 * `data` is a roster bulletin's, or another kind's (tagged with it); null for a roster bulletin generated before its
 * figures were counted on both bases: it cannot be shown as they are now defined.
 */
export type BulletinDetail = BulletinSummary & { data: StoredBulletinData | null; generatedByName: string | null };

/** A published bulletin for whom its campaign was published to; one not yet published only for its province's administrator. */
export async function getBulletinForActor({ db, actor, bulletinId }: { db: DbOrTx; actor: Actor; bulletinId: number }): Promise<BulletinDetail | null> {
  const [row] = await db
    .select({ ...summary, data: bulletins.data, generatedByName: users.name, ownerUnitId: campaigns.ownerUnitId })
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .leftJoin(users, eq(users.id, bulletins.generatedBy))
    .where(and(eq(bulletins.id, bulletinId), isCampaignPublishedTo(actor, sql`${campaigns.ownerUnitId}`)));
  if (!row || (!row.publishedAt && !(may(actor.role, "bulletins.manage") && row.ownerUnitId === actor.unitId))) return null;
  const data = "kind" in row.data ? (row.data as KindBulletinData) : "overview" in row.data ? (row.data as BulletinData) : null;
  return { ...row, data };
}
