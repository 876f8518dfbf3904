import { eq } from "drizzle-orm";
import { rosterEntries } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { transitionSchema } from "./schemas";
import { formatDateTime } from "@/lib/time";
import { recordEvent } from "./events";
import { assertVersion, lockSubmissionForWrite, updateSubmission } from "./lock";
import { assertNotOvertaken } from "./overtaken";
import { getReadinessBySubmission } from "./readiness";
import { snapshotRows } from "./snapshots";
import { submitBlockers, TRANSITIONS, transitionBlocker } from "./workflow";

/** 「提交」: freezes the table, records the time, and marks it 逾期 when past the deadline. */
export const submitCommand = defineCommand({
  name: "submission.submit",
  permission: "roster.fill",
  input: transitionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler" });
    await assertNotOvertaken(tx, actor, submission, { transition: "submit", expectedVersion: input.expectedVersion });
    if (submission.status === "submitted" && submission.submittedAt)
      throw new DomainError(`该报送已于 ${formatDateTime(submission.submittedAt)} 提交，无需重复提交。`);
    const blocked = transitionBlocker("submit", submission);
    if (blocked) throw new DomainError(blocked);
    assertVersion(submission, input.expectedVersion, "本报送", actor.userId);
    const missing = submitBlockers(await getReadinessBySubmission({ db: tx, submissionId: submission.id }));
    if (missing.length > 0) throw new DomainError(`暂不能提交：${missing.join("；")}。`);

    const late = now > submission.deadline;
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.submit.to, submittedAt: now, late, reviewOpenedAt: null, returnReason: null } });
    // A 「退回」's reasons were for the round before; the reviewer still finds them on the timeline.
    await tx.update(rosterEntries).set({ returnReason: null }).where(eq(rosterEntries.submissionId, submission.id));
    const round = await snapshotRows(tx, submission.id, now);
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "submitted", at: now, detail: { late, round } });
    target("submission", submission.id, { late });
    return { version, late };
  },
});

/** 「撤回」: back to draft, allowed until a reviewer opens the submission. */
export const withdrawCommand = defineCommand({
  name: "submission.withdraw",
  permission: "roster.fill",
  input: transitionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler" });
    await assertNotOvertaken(tx, actor, submission, { transition: "withdraw", expectedVersion: input.expectedVersion });
    const blocked = transitionBlocker("withdraw", submission);
    if (blocked) throw new DomainError(blocked);
    assertVersion(submission, input.expectedVersion, "本报送", actor.userId);
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.withdraw.to, submittedAt: null, late: false } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "withdrawn", at: now });
    target("submission", submission.id);
    return { version };
  },
});
