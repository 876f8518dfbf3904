import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { type CampaignKind, campaignStatus, submissionStatus, submissions } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { isSubmissionVisible } from "@/lib/authz/scope";
import { DomainError, notFound } from "@/lib/core/errors";
import { formatDateTime } from "@/lib/time";
import { CLOSED_MESSAGE, editBlocker, isFillerOf, NOT_YOUR_TABLE_MESSAGE, type SubmissionState } from "./workflow";

export type LockedSubmission = SubmissionState & {
  id: number;
  campaignId: number;
  version: number;
  deadline: Date;
  campaignClosedAt: Date | null;
  fillerName: string | null;
  fillerPhone: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  updatedBy: number | null;
  updatedByName: string | null;
};

/**
 * How a write holds the submission row. Saves of single rows share it, so saves of different rows run
 * side by side (each row's own version guards it); everything that changes the submission itself —
 * submit, withdraw, review, the header, the scan, an import — holds it alone, so no row save slips in
 * under a submit, and a save that waited on one sees the submission as that left it.
 */
export type SubmissionLock = "share" | "exclusive";

/**
 * Loads and row-locks a submission for a write; the campaign row is share-locked so that closing
 * the campaign waits for writes in flight, and writes after it see it closed. Outside the actor's scope it does not exist (404);
 * inside it but not the actor's own table, the actor may look but not write. A submission of another kind of task (a
 * training task's 回执 for a roster command) is not found either: each kind's commands write their own.
 */
export async function lockSubmissionForWrite(
  tx: Tx,
  actor: Actor,
  submissionId: number,
  { as, lock = "exclusive", kind = "roster" }: { as: "filler" | "row writer" | "reviewer"; lock?: SubmissionLock; kind?: CampaignKind },
): Promise<LockedSubmission> {
  const submission = await queryRow(
    tx,
    {
      id: col.int,
      campaignId: col.int,
      unitId: col.int,
      status: col.oneOf(submissionStatus.enumValues),
      version: col.int,
      reviewOpenedAt: col.instantOrNull,
      campaignStatus: col.oneOf(campaignStatus.enumValues),
      deadline: col.instant,
      campaignClosedAt: col.instantOrNull,
      fillerName: col.textOrNull,
      fillerPhone: col.textOrNull,
      submittedAt: col.instantOrNull,
      updatedAt: col.instant,
      updatedBy: col.intOrNull,
      updatedByName: col.textOrNull,
    },
    sql`
    select s.id, s.campaign_id as "campaignId", s.unit_id as "unitId", s.status, s.version, s.review_opened_at as "reviewOpenedAt",
           c.status as "campaignStatus", c.deadline, c.closed_at as "campaignClosedAt", s.filler_name as "fillerName", s.filler_phone as "fillerPhone",
           s.submitted_at as "submittedAt", s.updated_at as "updatedAt", s.updated_by as "updatedBy", ub.name as "updatedByName"
    from submissions s
    join campaigns c on c.id = s.campaign_id and c.kind = ${kind}
    left join users ub on ub.id = s.updated_by
    where s.id = ${submissionId}
    for ${lock === "share" ? sql`share` : sql`update`} of s for share of c`,
  );
  if (!submission || !(await isSubmissionVisible(tx, actor, submission.unitId))) throw notFound();
  // A row writer may also be a delegate (分派填报): whether it holds the row is the row save's to check.
  if (as === "filler" && !isFillerOf(actor, submission)) {
    throw new DomainError(NOT_YOUR_TABLE_MESSAGE, { kind: "denied" });
  }
  if (submission.campaignStatus === "closed") throw new DomainError(CLOSED_MESSAGE);
  return submission;
}

/**
 * For a filler's writes to the table: locked, their own (or, for `as: "row writer"`, holding delegated rows of it), and
 * still open for editing.
 */
export async function lockEditableSubmission(
  tx: Tx,
  actor: Actor,
  submissionId: number,
  lock: SubmissionLock = "exclusive",
  as: "filler" | "row writer" = "filler",
): Promise<LockedSubmission> {
  const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as, lock });
  const blocked = editBlocker(submission);
  if (blocked) throw new DomainError(blocked);
  return submission;
}

/** Writes to a submission bump its version, so every other open copy becomes stale. Returns the new version. */
export async function updateSubmission(tx: Tx, { id, actorId, now, set = {} }: { id: number; actorId: number; now: Date; set?: Partial<typeof submissions.$inferInsert> }): Promise<number> {
  const [saved] = await tx
    .update(submissions)
    .set({ ...set, version: sql`${submissions.version} + 1`, updatedAt: now, updatedBy: actorId })
    .where(eq(submissions.id, id))
    .returning({ version: submissions.version });
  return saved.version;
}

/** Refuses a write based on a stale copy, naming who changed it and when; a change of the actor's own is never put down to someone else. */
export function assertVersion(
  current: { version: number; updatedAt: Date; updatedBy: number | null; updatedByName: string | null },
  expected: number | null,
  what: string,
  actorId: number,
): void {
  if (current.version === expected) return;
  const at = formatDateTime(current.updatedAt);
  const detail = { reason: "stale", expected, actual: current.version };
  if (current.updatedBy === actorId) throw new DomainError(`${what}已在另一窗口中修改（您本人于 ${at}），您的输入仍保留在页面上，请刷新后再试。`, { detail });
  const who = current.updatedByName ?? "其他用户";
  throw new DomainError(`${what}已被 ${who} 于 ${at} 修改，您的输入仍保留在页面上。请复制保存您的内容，刷新页面后再核对提交。`, { detail });
}
