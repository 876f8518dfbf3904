// A campaign's life: drafted with its reporting units, published (which opens one submission per
// unit and tells them), closed and reopened. The commands call these; so does the seed, so the
// seeded 2021 campaign is made exactly as the province makes one in the portal.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type Campaign, type CampaignContact, type CampaignKind, campaignAssignments, campaigns, submissions, units } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { REOPEN_TO_EDIT_MESSAGE } from "@/lib/submissions/workflow";
import { notifyPublished } from "./notify";

export type CampaignFields = {
  title: string;
  docNumber: string;
  issuer: string;
  body: string;
  contacts: CampaignContact[];
  tableNotes: string[];
  deadline: Date;
  reminderOffsets: number[];
};

export type NoticeFields = Pick<CampaignFields, "title" | "docNumber" | "issuer" | "body" | "contacts" | "tableNotes">;

/**
 * Saves a new campaign of `ownerUnitId` (the publishing province bureau) as a draft (草稿) with the units that are to
 * report; a roster task unless another kind is named (lib/training/lifecycle.ts makes training tasks through it).
 */
export async function createCampaign(
  tx: Tx,
  fields: CampaignFields & { ownerUnitId: number; unitIds: number[]; kind?: CampaignKind; sourceCampaignId?: number | null },
): Promise<Campaign> {
  const { unitIds, ...values } = fields;
  await assertDocNumberFree(tx, values, null);
  const [campaign] = await tx
    .insert(campaigns)
    .values({ ...values, status: "draft" })
    .returning();
  await replaceAssignments(tx, campaign, unitIds);
  return campaign;
}

/**
 * Loads and row-locks a campaign of `ownerUnitId` for a change; every change to one campaign happens one at a
 * time. Another publisher's campaign is not found, as if it did not exist.
 */
export async function lockCampaign(tx: Tx, campaignId: number, ownerUnitId: number): Promise<Campaign> {
  const [campaign] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, ownerUnitId)))
    .for("update");
  if (!campaign) throw notFound();
  return campaign;
}

/** Closed campaigns are frozen, for the province as for the units. */
export function assertNotClosed(campaign: Campaign): void {
  if (campaign.status === "closed") throw new DomainError(REOPEN_TO_EDIT_MESSAGE);
}

/**
 * 文号 names one document of its publisher: two campaigns of one province and kind with the same number would be
 * two notices nobody can tell apart. One notice may ask for several kinds of task (冀教办函〔2021〕26号 asks for the
 * administrators and for the training). Another province's numbers are its own (and none of this one's business).
 */
export async function assertDocNumberFree(
  tx: Tx,
  { docNumber, ownerUnitId, kind = "roster" }: { docNumber: string; ownerUnitId: number; kind?: CampaignKind },
  exceptCampaignId: number | null,
): Promise<void> {
  // No unique key on doc_number: serialize concurrent saves of the same number instead.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`baosong:campaign-doc:${ownerUnitId}:${kind}:${docNumber}`}))`);
  const [other] = await tx
    .select({ id: campaigns.id, title: campaigns.title })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.docNumber, docNumber),
        eq(campaigns.ownerUnitId, ownerUnitId),
        eq(campaigns.kind, kind),
        exceptCampaignId === null ? undefined : sql`${campaigns.id} <> ${exceptCampaignId}`,
      ),
    );
  if (other) throw new DomainError("", { fieldErrors: { docNumber: `文号：已被任务「${other.title}」使用，请核对` } });
}

/**
 * The units that report a campaign: those that report straight to its publishing province bureau (the
 * city-level units and the province-affiliated schools), active. A unit further down reports inside its city's table.
 */
async function assertReportingUnits(tx: Tx, ownerUnitId: number, unitIds: number[]): Promise<void> {
  if (unitIds.length === 0) return;
  const found = await tx
    .select({ id: units.id, name: units.name, active: units.active, topLevel: sql<boolean>`${units.reportingParentId} = ${ownerUnitId}` })
    .from(units)
    .where(inArray(units.id, unitIds));
  const problem =
    found.length < unitIds.length
      ? "所选单位不存在，请刷新页面后重新选择"
      : found.filter((u) => !u.active).map((u) => `「${u.name}」已停用，请取消选择`)[0] ??
        found.filter((u) => !u.topLevel).map((u) => `「${u.name}」不直接向省教育厅报送，其信息由所属市级单位汇总填报`)[0];
  if (problem) throw new DomainError("", { fieldErrors: { unitIds: `报送单位：${problem}` } });
}

/** Sets a draft's reporting units to exactly `unitIds`. Published campaigns keep theirs: units already hold submissions. */
export async function replaceAssignments(tx: Tx, { id: campaignId, ownerUnitId }: Pick<Campaign, "id" | "ownerUnitId">, unitIds: number[]): Promise<void> {
  await assertReportingUnits(tx, ownerUnitId, unitIds);
  await tx
    .delete(campaignAssignments)
    .where(and(eq(campaignAssignments.campaignId, campaignId), unitIds.length > 0 ? notInArray(campaignAssignments.unitId, unitIds) : undefined));
  if (unitIds.length > 0)
    await tx
      .insert(campaignAssignments)
      .values(unitIds.map((unitId) => ({ campaignId, unitId })))
      .onConflictDoNothing();
}

/**
 * 发布: opens one draft submission per reporting unit, shows the campaign in their 「我的任务」 and
 * queues the notice email to their active users — all in the caller's transaction. Returns the emails queued.
 * The demo's seed publishes its later tasks with `notify: false`: it runs before the portal has an address to link to,
 * and its users find the tasks on 我的任务.
 */
export async function publishCampaign(tx: Tx, campaignId: number, ownerUnitId: number, now: Date, { notify = true }: { notify?: boolean } = {}): Promise<{ units: number; emails: number }> {
  const campaign = await lockCampaign(tx, campaignId, ownerUnitId);
  if (campaign.status !== "draft") throw new DomainError(campaign.status === "published" ? "该任务已经发布，无需重复发布。" : REOPEN_TO_EDIT_MESSAGE);
  if (campaign.deadline <= now) throw new DomainError("截止时间已过，请先在「截止时间与提醒」中修改截止时间，再发布。");

  const assigned = await tx
    .select({ id: campaignAssignments.id, unitId: campaignAssignments.unitId, name: units.name, active: units.active })
    .from(campaignAssignments)
    .innerJoin(units, eq(units.id, campaignAssignments.unitId))
    .where(eq(campaignAssignments.campaignId, campaignId));
  if (assigned.length === 0) throw new DomainError("尚未选择报送单位，请先选择报送单位，再发布。");
  const inactive = assigned.find((a) => !a.active);
  if (inactive) throw new DomainError(`报送单位「${inactive.name}」已停用，请在报送单位中取消选择后再发布。`);

  await tx
    .insert(submissions)
    .values(assigned.map((a) => ({ assignmentId: a.id, campaignId, unitId: a.unitId, status: "draft" as const })))
    .onConflictDoNothing();
  const [published] = await tx
    .update(campaigns)
    .set({ status: "published", publishedAt: now })
    .where(eq(campaigns.id, campaignId))
    .returning();
  const emails = notify ? await notifyPublished(tx, published, now) : 0;
  return { units: assigned.length, emails };
}

/** 结束: no more edits, submissions or reminders until reopened. */
export async function closeCampaign(tx: Tx, campaignId: number, ownerUnitId: number, now: Date): Promise<void> {
  const campaign = await lockCampaign(tx, campaignId, ownerUnitId);
  if (campaign.status !== "published") throw new DomainError(campaign.status === "closed" ? "该任务已经结束。" : "草稿尚未发布，无需结束。");
  await tx.update(campaigns).set({ status: "closed", closedAt: now }).where(eq(campaigns.id, campaignId));
}

/** 重新开启: units may edit and submit again (after the deadline, as 逾期). */
export async function reopenCampaign(tx: Tx, campaignId: number, ownerUnitId: number): Promise<void> {
  const campaign = await lockCampaign(tx, campaignId, ownerUnitId);
  if (campaign.status !== "closed") throw new DomainError("只有已结束的任务可以重新开启。");
  await tx.update(campaigns).set({ status: "published", closedAt: null }).where(eq(campaigns.id, campaignId));
}
