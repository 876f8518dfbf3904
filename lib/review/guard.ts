import type { Tx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { DomainError } from "@/lib/core/errors";
import { getLatestEventBySubmission } from "@/lib/roster/queries";
import { assertVersion, type LockedSubmission, lockSubmissionForWrite } from "@/lib/submissions/lock";
import { transitionBlocker } from "@/lib/submissions/workflow";
import { formatDateTime } from "@/lib/time";

export const SELF_REVIEW_MESSAGE = "不能审核本单位的报送，请由其他审核员审核。";

/** The state changes that make another reviewer's decision moot, and the event that records each. */
const DECISIONS: Partial<Record<LockedSubmission["status"], { event: string; words: string }>> = {
  approved: { event: "approved", words: "审核通过" },
  returned: { event: "returned", words: "退回" },
  draft: { event: "withdrawn", words: "撤回" },
};

/** Reviewers never review their own unit's table. */
export function isOwnUnit(actor: Pick<Actor, "unitId">, submission: { unitId: number }): boolean {
  return actor.unitId === submission.unitId;
}

/**
 * Locks a submission for a review decision. Of two reviewers acting at once the second waits for the
 * first, then is told who did what instead of applying anything twice.
 */
export async function lockForReview(
  tx: Tx,
  actor: Actor,
  { submissionId, expectedVersion, transition }: { submissionId: number; expectedVersion: number; transition: "approve" | "return" | "open" },
): Promise<LockedSubmission> {
  const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as: "reviewer" });
  if (isOwnUnit(actor, submission)) throw new DomainError(SELF_REVIEW_MESSAGE, { kind: "denied" });
  const decision = DECISIONS[submission.status];
  if (decision && submission.version !== expectedVersion) {
    const last = await getLatestEventBySubmission({ db: tx, submissionId: submission.id, action: decision.event });
    const who = last?.actorName ?? submission.updatedByName ?? "其他用户";
    throw new DomainError(`该报送已由 ${who} 于 ${formatDateTime(last?.at ?? submission.updatedAt)} ${decision.words}，您的操作未执行。请刷新页面查看最新状态。`, {
      detail: { reason: "stale", status: submission.status, expected: expectedVersion, actual: submission.version },
    });
  }
  // Opening is allowed exactly when approving would be: the submission is waiting for review.
  const blocked = transitionBlocker(transition === "open" ? "approve" : transition, submission);
  if (blocked) throw new DomainError(transition === "open" && submission.status !== "submitted" ? "只有待审核的报送可以开始审核。" : blocked);
  if (transition === "open") {
    // A second 「开始审核」 changes nothing, whatever version the page had.
    if (!submission.reviewOpenedAt) assertVersion(submission, expectedVersion, "本报送");
    return submission;
  }
  if (!submission.reviewOpenedAt) throw new DomainError("请先点击「开始审核」，再通过或退回。");
  assertVersion(submission, expectedVersion, "本报送");
  return submission;
}
