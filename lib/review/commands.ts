import { and, eq, inArray } from "drizzle-orm";
import { rosterEntries, submissionScans, units } from "@/db/schema";
import { issueAccounts } from "@/lib/accounts/issuance";
import { DomainError } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { recordEvent } from "@/lib/submissions/events";
import { updateSubmission } from "@/lib/submissions/lock";
import { TRANSITIONS } from "@/lib/submissions/workflow";
import { notifyApproved, notifyReturned } from "./emails";
import { lockForReview } from "./guard";
import { returnSchema, reviewDecisionSchema } from "./schemas";


/**
 * 「开始审核」: from here on the unit can no longer withdraw. An explicit, audited action (never a side
 * effect of opening the page), so a reviewer who only looks leaves the unit free to withdraw.
 */
export const openReviewCommand = defineCommand({
  name: "review.open",
  permission: "review.decide",
  input: reviewDecisionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockForReview(tx, actor, { ...input, transition: "open" });
    target("submission", submission.id);
    if (submission.reviewOpenedAt) return { version: submission.version };
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { reviewOpenedAt: now } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "review.opened", at: now });
    return { version };
  },
});

/** 「通过」: approves the whole table and, in the same transaction, issues every row's account and tells the filler. */
export const approveCommand = defineCommand({
  name: "review.approve",
  permission: "review.decide",
  input: reviewDecisionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockForReview(tx, actor, { ...input, transition: "approve" });
    target("submission", submission.id);
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.approve.to } });
    const accounts = await issueAccounts(tx, { submissionId: submission.id, actor, now });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "approved", at: now });
    if (accounts.issued > 0) await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "account.issued", at: now, detail: accounts });
    await notifyApproved(tx, { submission, actor, now }, accounts);
    target("submission", submission.id, { accounts });
    return { version, accounts };
  },
});

/**
 * 「退回」: back to the unit with an overall reason and any row's own reason (the last 「提交」 cleared the earlier ones),
 * and, when the reviewer asks for it, with the scan set aside so that 「提交」 waits for a new one. The filler is emailed the reasons.
 */
export const returnCommand = defineCommand({
  name: "review.return",
  permission: "review.decide",
  input: returnSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockForReview(tx, actor, { ...input, transition: "return" });
    target("submission", submission.id);
    const unitIds = input.rowReasons.map((r) => r.unitId);
    if (new Set(unitIds).size !== unitIds.length) throw new DomainError("同一行只能填写一条退回原因，请刷新页面后重试。");
    const rows = unitIds.length
      ? await tx
          .select({ unitId: rosterEntries.unitId, unitName: units.name })
          .from(rosterEntries)
          .innerJoin(units, eq(units.id, rosterEntries.unitId))
          .where(and(eq(rosterEntries.submissionId, submission.id), inArray(rosterEntries.unitId, unitIds)))
      : [];
    if (rows.length !== unitIds.length) throw new DomainError("退回原因所在的行不属于本报送，请刷新页面后重试。");

    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.return.to, returnReason: input.reason } });
    const unitName = new Map(rows.map((r) => [r.unitId, r.unitName]));
    for (const row of input.rowReasons) {
      await tx
        .update(rosterEntries)
        .set({ returnReason: row.reason })
        .where(and(eq(rosterEntries.submissionId, submission.id), eq(rosterEntries.unitId, row.unitId)));
    }
    if (input.requireNewScan) await tx.update(submissionScans).set({ rejectedAt: now }).where(eq(submissionScans.submissionId, submission.id));
    const rowReasons = input.rowReasons.map((r) => ({ unitId: r.unitId, unitName: unitName.get(r.unitId)!, reason: r.reason }));
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "returned", at: now, detail: { reason: input.reason, rowReasons, requireNewScan: input.requireNewScan } });
    await notifyReturned(tx, { submission, actor, now }, { reason: input.reason, rowReasons, requireNewScan: input.requireNewScan });
    target("submission", submission.id, { reason: input.reason, rows: rowReasons.length, requireNewScan: input.requireNewScan });
    return { version };
  },
});
