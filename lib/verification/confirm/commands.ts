import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { discrepancies, submissions, units, verificationConfirmations } from "@/db/schema";
import { isUnitInScope } from "@/lib/authz/scope";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getUsersOfUnit, recipientFields } from "@/lib/mail/recipients";
import { recordEvent } from "@/lib/submissions/events";
import { assertVersion, lockSubmissionForWrite, updateSubmission } from "@/lib/submissions/lock";
import { TRANSITIONS, transitionBlocker } from "@/lib/submissions/workflow";
import { formatDateTime } from "@/lib/time";
import { ancestors, isUnitInSubtree, subtreeIds } from "@/lib/units/tree";
import { assertDiscrepancyVersion, lockDiscrepancy } from "../answers/discrepancy";
import { isSettled } from "../answers/rules";
import { returnedEmail } from "./emails";
import { childrenOf, confirmationOf, reportingSubmissionOf, waitingOn } from "./levels";
import { approveSchema, confirmSchema, returnItemSchema } from "./schemas";

/**
 * 确认 of the actor's own level: a school once each of its items is answered as required, a county or city once every
 * unit below it has confirmed. The reporting unit's (a city's, a province-affiliated school's) confirmation submits its
 * submission. Held exclusively, so no answer below slips in under it.
 */
export const confirmCommand = defineCommand({
  name: "verification.confirm",
  permission: "verification.confirm",
  input: confirmSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "row writer", kind: "verification" });
    if (!(await isUnitInSubtree({ db: tx, unitId: actor.unitId, rootId: submission.unitId }))) throw notFound();
    if (submission.campaignStatus !== "published") throw new DomainError("本任务尚未发布。");
    const confirmed = await confirmationOf(tx, submission.campaignId, actor.unitId);
    if (confirmed) throw new DomainError(`本单位已于 ${formatDateTime(confirmed.confirmedAt)} 确认（${confirmed.confirmedByName ?? "其他用户"}），无需重复确认。`);

    const [unit] = await tx.select({ kind: units.kind }).from(units).where(eq(units.id, actor.unitId));
    if (unit.kind === "school" || unit.kind === "college") {
      const items = await tx.select({ severity: discrepancies.severity, state: discrepancies.state }).from(discrepancies).for("update").where(and(eq(discrepancies.campaignId, submission.campaignId), eq(discrepancies.unitId, actor.unitId)));
      const unsettled = items.filter((d) => !isSettled(d.severity, d.state)).length;
      if (unsettled > 0) throw new DomainError(`还有 ${unsettled} 项问题未按要求处理（错误须在源系统更正，提示须更正或作情况说明），处理后再确认。`);
    } else {
      const children = await childrenOf(tx, submission.campaignId, actor.unitId);
      const { waiting, total } = waitingOn(children);
      if (waiting > 0) {
        const named = children.filter((c) => !c.confirmedAt).slice(0, 5).map((c) => `「${c.name}」`).join("、");
        throw new DomainError(`等待下级确认 ${waiting} / ${total}：${named}${waiting > 5 ? "等" : ""}尚未确认。`);
      }
    }

    await tx.insert(verificationConfirmations).values({ campaignId: submission.campaignId, unitId: actor.unitId, confirmedAt: now, confirmedBy: actor.userId });
    if (submission.unitId !== actor.unitId) {
      target("unit", actor.unitId, { campaignId: submission.campaignId });
      return { submitted: false };
    }
    const blocked = transitionBlocker("submit", submission);
    if (blocked) throw new DomainError(blocked);
    const late = now > submission.deadline;
    await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.submit.to, submittedAt: now, late, reviewOpenedAt: null, returnReason: null } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "submitted", at: now, detail: { late } });
    target("submission", submission.id, { late });
    return { submitted: true };
  },
});

/**
 * The province's 确认 of a reporting unit that has confirmed: it approves that unit's submission. With the last one
 * approved, the province's own confirmation is recorded.
 */
export const approveCommand = defineCommand({
  name: "verification.approve",
  permission: "verification.approve",
  input: approveSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "reviewer", kind: "verification" });
    if (submission.status === "draft" || submission.status === "returned") throw new DomainError("该单位尚未确认核验结果，等待下级确认后才能确认。");
    const blocked = transitionBlocker("approve", submission);
    if (blocked) throw new DomainError(submission.status === "approved" ? "该单位的核验结果已确认，无需重复确认。" : blocked);
    assertVersion(submission, input.expectedVersion, "该单位的核验结果", actor.userId);
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.approve.to } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "approved", at: now });
    const pending = await tx.$count(submissions, and(eq(submissions.campaignId, submission.campaignId), ne(submissions.status, "approved")));
    if (pending === 0) await tx.insert(verificationConfirmations).values({ campaignId: submission.campaignId, unitId: actor.unitId, confirmedAt: now, confirmedBy: actor.userId }).onConflictDoNothing();
    target("submission", submission.id);
    return { version, allApproved: pending === 0 };
  },
});

/**
 * 退回 an answered item from a level above its school: the item goes back to the school with the reason, and the
 * confirmations from the school up to the returning level are removed (the reporting unit's too, which returns its
 * submission). Not once a level above the returning one has confirmed, nor once the province has.
 */
export const returnCommand = defineCommand({
  name: "verification.return",
  permission: "verification.return",
  input: returnItemSchema,
  async run({ tx, actor, now, target }, input) {
    const item = await lockDiscrepancy(tx, input.discrepancyId, async (d) => d.unitId !== actor.unitId && (await isUnitInScope(tx, actor, d.unitId)));
    const reporting = await reportingSubmissionOf(tx, item.campaignId, item.unitId);
    if (!reporting) throw notFound();
    const submission = await lockSubmissionForWrite(tx, actor, reporting.id, { as: "reviewer", kind: "verification" });
    if (submission.status === "approved") throw new DomainError("该单位的核验结果已由省级确认，不能退回。");
    const above = await queryRow(
      tx,
      { name: col.text },
      sql`select u.name from verification_confirmations c join units u on u.id = c.unit_id
          where c.campaign_id = ${item.campaignId} and c.unit_id in (select a.id from ${ancestors(actor.unitId)} a where a.depth > 0)
          limit 1`,
    );
    if (above) throw new DomainError(`「${above.name}」已确认核验结果，本级不能再退回。如需退回，请联系上级。`);
    assertDiscrepancyVersion(item, input.expectedVersion, actor.userId);
    if (item.state !== "corrected" && item.state !== "explained") throw new DomainError("只有学校已答复的问题可以退回。");

    await tx
      .update(discrepancies)
      .set({ state: "returned", returnReason: input.reason, returnedAt: now, returnedBy: actor.userId, version: sql`${discrepancies.version} + 1` })
      .where(eq(discrepancies.id, item.id));
    const chain = await queryRows(tx, { id: col.int }, sql`select a.id from ${ancestors(item.unitId)} a where a.id in ${subtreeIds(actor.unitId)}`);
    const removed = await tx
      .delete(verificationConfirmations)
      .where(and(eq(verificationConfirmations.campaignId, item.campaignId), inArray(verificationConfirmations.unitId, chain.map((c) => c.id))))
      .returning({ unitId: verificationConfirmations.unitId });
    if (removed.some((r) => r.unitId === submission.unitId)) {
      await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.return.to, returnReason: input.reason } });
      await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "returned", at: now, detail: { reason: input.reason, discrepancyId: item.id } });
    }
    const notified = await notifyReturn(tx, { ...item, reason: input.reason, returnedBy: actor.unitId, now });
    target("discrepancy", item.id, { unconfirmed: removed.map((r) => r.unitId), notified });
    return { version: item.version + 1 };
  },
});

/** The school's users hear of the return, inside the transaction; one email per return and address. */
async function notifyReturn(tx: Tx, item: { id: number; campaignId: number; unitId: number; version: number; reason: string; returnedBy: number; now: Date }): Promise<number> {
  const about = await queryRow(
    tx,
    { campaignTitle: col.text, ruleName: col.text, subject: col.text, returnedBy: col.text },
    sql`select c.title as "campaignTitle", r.name as "ruleName", d.subject, u.name as "returnedBy"
        from discrepancies d join campaigns c on c.id = d.campaign_id join verification_rules r on r.id = d.rule_id, units u
        where d.id = ${item.id} and u.id = ${item.returnedBy}`,
  );
  if (!about) return 0;
  const recipients = await getUsersOfUnit({ db: tx, unitId: item.unitId });
  await enqueueEmails(
    tx,
    recipients.map((to) => ({
      ...returnedEmail(to, { ...about, campaignId: item.campaignId, unitId: item.unitId, reason: item.reason }),
      ...recipientFields(item.campaignId, to),
      kind: "verification.item_returned",
      dedupeKey: `verification-item-returned:${item.id}:${item.version + 1}:${to.address}`,
      at: item.now,
    })),
  );
  return recipients.length;
}
