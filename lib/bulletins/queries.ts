import "server-only";
import { desc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bulletins, campaigns, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import type { BulletinData } from "./figures";

export type BulletinSummary = { id: number; title: string; campaignId: number; campaignTitle: string; generatedAt: Date; publishedAt: Date | null };

const summary = {
  id: bulletins.id,
  title: bulletins.title,
  campaignId: bulletins.campaignId,
  campaignTitle: campaigns.title,
  generatedAt: bulletins.generatedAt,
  publishedAt: bulletins.publishedAt,
};

/** Published bulletins, newest first: every signed-in user sees them on the home page. */
export async function getPublishedBulletins({ db }: { db: DbOrTx }): Promise<BulletinSummary[]> {
  return db
    .select(summary)
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .where(isNotNull(bulletins.publishedAt))
    .orderBy(desc(bulletins.publishedAt), desc(bulletins.id));
}

/** Every bulletin, drafts included, for the province administrator. */
export async function getBulletinsForAdmin({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<BulletinSummary[]> {
  assertPermission(actor, "bulletins.manage");
  return db
    .select(summary)
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .orderBy(desc(bulletins.generatedAt), desc(bulletins.id));
}

export type BulletinDetail = BulletinSummary & { data: BulletinData; generatedByName: string | null };

/** A published bulletin for anyone; one not yet published only for the province administrator. */
export async function getBulletinForActor({ db, actor, bulletinId }: { db: DbOrTx; actor: Actor; bulletinId: number }): Promise<BulletinDetail | null> {
  const [row] = await db
    .select({ ...summary, data: bulletins.data, generatedByName: users.name })
    .from(bulletins)
    .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
    .leftJoin(users, eq(users.id, bulletins.generatedBy))
    .where(eq(bulletins.id, bulletinId));
  if (!row || (!row.publishedAt && !may(actor.role, "bulletins.manage"))) return null;
  return { ...row, data: row.data as BulletinData };
}
