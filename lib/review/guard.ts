import type { Tx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { DomainError } from "@/lib/core/errors";
import { assertVersion, type LockedSubmission, lockSubmissionForWrite } from "@/lib/submissions/lock";
import { assertNotOvertaken } from "@/lib/submissions/overtaken";
import { transitionBlocker } from "@/lib/submissions/workflow";

export const SELF_REVIEW_MESSAGE = "不能审核本单位的报送，请由其他审核员审核。";

/** Reviewers never review their own unit's table. */
export function isOwnUnit(actor: Pick<Actor, "unitId">, submission: { unitId: number }): boolean {
  return actor.unitId === submission.unitId;
}

/**
 * Locks a submission for a review decision. Of two reviewers acting at once the second waits for the
 * first, then is told who did what instead of applying anything twice (see assertNotOvertaken).
 */
export async function lockForReview(
  tx: Tx,
  actor: Actor,
  { submissionId, expectedVersion, transition }: { submissionId: number; expectedVersion: number; transition: "approve" | "return" | "open" },
): Promise<LockedSubmission> {
  const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as: "reviewer" });
  if (isOwnUnit(actor, submission)) throw new DomainError(SELF_REVIEW_MESSAGE, { kind: "denied" });
  // Opening is allowed exactly when approving would be: the submission is waiting for review.
  const checked = transition === "open" ? "approve" : transition;
  await assertNotOvertaken(tx, actor, submission, { transition: checked, expectedVersion });
  const blocked = transitionBlocker(checked, submission);
  if (blocked) throw new DomainError(transition === "open" && submission.status !== "submitted" ? "只有待审核的报送可以开始审核。" : blocked);
  if (transition === "open") {
    // A second 「开始审核」 changes nothing, whatever version the page had.
    if (!submission.reviewOpenedAt) assertVersion(submission, expectedVersion, "本报送", actor.userId);
    return submission;
  }
  if (!submission.reviewOpenedAt) throw new DomainError("请先点击「开始审核」，再通过或退回。");
  assertVersion(submission, expectedVersion, "本报送", actor.userId);
  return submission;
}
