import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { submissionEvents, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError } from "@/lib/core/errors";
import { ROLE_LABELS } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";
import type { LockedSubmission } from "./lock";
import { type SubmissionState, type Transition, transitionBlocker } from "./workflow";

/** The state change that left a submission where it is: the event that records it, and how a person reads it. */
function lastMove(submission: SubmissionState): { event: string; words: string } {
  if (submission.status === "approved") return { event: "approved", words: "审核通过" };
  if (submission.status === "returned") return { event: "returned", words: "退回" };
  if (submission.status === "draft") return { event: "withdrawn", words: "撤回" };
  return submission.reviewOpenedAt ? { event: "review.opened", words: "开始审核" } : { event: "submitted", words: "提交" };
}

/**
 * Refuses a transition that a state change made since the person's page was loaded has made impossible,
 * saying who did what and when: a reviewer's 「通过」 that beat the unit's 「撤回」, a colleague's 「提交」,
 * another reviewer's decision. A page at the current version is simply told why not (transitionBlocker).
 */
export async function assertNotOvertaken(
  tx: Tx,
  actor: Actor,
  submission: LockedSubmission,
  { transition, expectedVersion }: { transition: Transition; expectedVersion: number },
): Promise<void> {
  if (submission.version === expectedVersion || transitionBlocker(transition, submission) === null) return;
  const move = lastMove(submission);
  const [last] = await tx
    .select({ at: submissionEvents.at, actorId: submissionEvents.actorId, name: users.name, role: users.role })
    .from(submissionEvents)
    .leftJoin(users, eq(users.id, submissionEvents.actorId))
    .where(and(eq(submissionEvents.submissionId, submission.id), eq(submissionEvents.action, move.event)))
    .orderBy(desc(submissionEvents.at), desc(submissionEvents.id))
    .limit(1);
  const by = last ?? { at: submission.updatedAt, actorId: submission.updatedBy, name: submission.updatedByName, role: null };
  const at = formatDateTime(by.at);
  const detail = { reason: "stale", status: submission.status, expected: expectedVersion, actual: submission.version };
  if (by.actorId === actor.userId) throw new DomainError(`该报送已由您本人于 ${at} ${move.words}，您的操作未执行。请刷新页面查看最新状态。`, { detail });
  const who = [by.role && ROLE_LABELS[by.role], by.name ?? "其他用户"].filter(Boolean).join(" ");
  throw new DomainError(`该报送已由 ${who} 于 ${at} ${move.words}，您的操作未执行。请刷新页面查看最新状态。`, { detail });
}
