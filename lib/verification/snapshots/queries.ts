import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type Campaign, campaigns, type ReferenceSource, referenceSnapshots, users, verificationTasks } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { latestSnapshotIds } from "./latest";

export type SnapshotView = {
  id: number;
  source: ReferenceSource;
  schoolYear: number;
  version: number;
  records: number;
  fileName: string;
  importedAt: Date;
  importedByName: string | null;
};

const snapshotColumns = {
  id: referenceSnapshots.id,
  source: referenceSnapshots.source,
  schoolYear: referenceSnapshots.schoolYear,
  version: referenceSnapshots.version,
  records: referenceSnapshots.records,
  fileName: referenceSnapshots.fileName,
  importedAt: referenceSnapshots.importedAt,
  importedByName: users.name,
};

/** Every snapshot of the province's, newest school year first, then by source and version (newest first). */
export async function getSnapshotsForAdmin({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<SnapshotView[]> {
  assertPermission(actor, "verification.manage");
  return db
    .select(snapshotColumns)
    .from(referenceSnapshots)
    .leftJoin(users, eq(users.id, referenceSnapshots.importedBy))
    .where(eq(referenceSnapshots.ownerUnitId, actor.unitId))
    .orderBy(desc(referenceSnapshots.schoolYear), asc(referenceSnapshots.source), desc(referenceSnapshots.version));
}


export type VerificationTaskOverview = {
  campaign: Campaign;
  schoolYear: number;
  /** The latest snapshot of each source for the task's year and the year before (its 同比 base). */
  snapshots: Record<number, Partial<Record<ReferenceSource, SnapshotView>>>;
};

/** One of the province's verification tasks (drafts too), with the snapshots its rules read; null when not its own. */
export async function getVerificationTaskForAdmin({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<VerificationTaskOverview | null> {
  assertPermission(actor, "verification.manage");
  const [found] = await db
    .select({ campaign: campaigns, schoolYear: verificationTasks.schoolYear })
    .from(campaigns)
    .innerJoin(verificationTasks, eq(verificationTasks.campaignId, campaigns.id))
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, actor.unitId), eq(campaigns.kind, "verification")));
  if (!found) return null;
  const snapshots: VerificationTaskOverview["snapshots"] = {};
  for (const year of [found.schoolYear, found.schoolYear - 1]) {
    const ids = Object.values(await latestSnapshotIds(db, actor.unitId, year));
    const rows = ids.length === 0 ? [] : await db.select(snapshotColumns).from(referenceSnapshots).leftJoin(users, eq(users.id, referenceSnapshots.importedBy)).where(inArray(referenceSnapshots.id, ids));
    snapshots[year] = Object.fromEntries(rows.map((r) => [r.source, r]));
  }
  return { ...found, snapshots };
}
