import { and, eq } from "drizzle-orm";
import { bulletins, campaigns } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { formatDateTime } from "@/lib/time";
import { computeBulletin } from "./compute";
import { freezeBulletin } from "./freeze";
import { generateBulletinSchema, publishBulletinSchema } from "./schemas";

/** 生成通报 of a roster task: the figures as they stand now, frozen into the bulletin; later edits never change it. */
export const generateBulletinCommand = defineCommand({
  name: "bulletin.generate",
  permission: "bulletins.manage",
  input: generateBulletinSchema,
  async run(ctx, input) {
    return freezeBulletin(ctx, input, {
      kind: "roster",
      compute: computeBulletin,
      detail: (data) => ({ expected: data.reportingUnits.total.expected, submitted: data.reportingUnits.total.submitted }),
    });
  },
});

/** 发布: the bulletin appears on every user's home page. */
export const publishBulletinCommand = defineCommand({
  name: "bulletin.publish",
  permission: "bulletins.manage",
  input: publishBulletinSchema,
  async run({ tx, actor, now, target }, { bulletinId }) {
    const [bulletin] = await tx
      .select({ id: bulletins.id, campaignId: bulletins.campaignId, publishedAt: bulletins.publishedAt })
      .from(bulletins)
      .innerJoin(campaigns, eq(campaigns.id, bulletins.campaignId))
      .where(and(eq(bulletins.id, bulletinId), eq(campaigns.ownerUnitId, actor.unitId)))
      .for("update", { of: bulletins });
    if (!bulletin) throw notFound();
    if (bulletin.publishedAt) throw new DomainError(`该通报已于 ${formatDateTime(bulletin.publishedAt)} 发布。`);
    await tx.update(bulletins).set({ publishedAt: now }).where(eq(bulletins.id, bulletinId));
    target("bulletin", bulletinId, { campaignId: bulletin.campaignId });
    return { bulletinId };
  },
});
