// 分派填报 (三级联动): the city hands rows of its table to its counties and schools, takes them back, confirms
// or returns what they hand in; a delegate hands its rows in (提交给市级) and may withdraw them until confirmed.
import { eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, intArray, queryRow, queryRows } from "@/db/rows";
import { delegatedRows, delegations, unitKind, userStatus } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getUsersOfUnit, recipientFields } from "@/lib/mail/recipients";
import { renderEmail } from "@/lib/mail/render";
import { recordEvent } from "@/lib/submissions/events";
import { commitImport, previewImport } from "@/lib/xlsx/pipeline";
import { type LockedSubmission, lockEditableSubmission, lockSubmissionForWrite } from "@/lib/submissions/lock";
import { activeSubtreeIds, subtree } from "@/lib/units/tree";
import { emailHolders, emailProblem } from "@/lib/users/invite";
import { formatDateTime } from "@/lib/time";
import { accountHeldMessage, delegateAccount, type DelegateWithAccount, inviteDelegateUser } from "./account";
import { lockDelegation, lockRowsOfSubmission, type LockedRow } from "./lock";
import { ROW_DELEGATION_LABELS } from "./rules";
import { contactsImport } from "./contacts";
import {
  assignSchema,
  delegateUnitSchema,
  handInSchema,
  importContactsSchema,
  inviteDelegateSchema,
  previewContactsSchema,
  returnRowSchema,
  rowsSchema,
  setDeadlineSchema,
} from "./schemas";

/** The city's internal deadline comes before the campaign's: the city needs the time to check and stamp. */
function assertDeadlineBefore(submission: LockedSubmission, deadline: Date): void {
  if (deadline.getTime() > submission.deadline.getTime())
    throw new DomainError("", { fieldErrors: { deadlineDate: `下级截止时间应不晚于任务截止时间（${formatDateTime(submission.deadline)}），请提前。` } });
}

/** A list of unit names for a message, shortened past a handful. */
function names(list: { unitName: string }[]): string {
  const shown = list.slice(0, 5).map((r) => `「${r.unitName}」`).join("、");
  return list.length > 5 ? `${shown}等 ${list.length} 个单位` : shown;
}

type Target = { unitId: number; unitName: string; delegateUnitId: number };

/**
 * Which rows the chosen units fill: a county its own row (and, collecting, its active schools'), a school its own.
 * Only counties and schools of the city's own table; its bureau's row stays the city's.
 */
async function rowsFor(tx: Tx, submission: LockedSubmission, unitIds: number[], collectSchools: boolean): Promise<Target[]> {
  const chosen = await queryRows(
    tx,
    { id: col.int, name: col.text, kind: col.text },
    sql`select id, name, kind from units
        where id = any(${intArray(unitIds)}) and id in ${activeSubtreeIds(submission.unitId)} and id <> ${submission.unitId}
          and kind in ('county_bureau', 'school')`,
  );
  if (chosen.length !== unitIds.length) throw new DomainError("所选单位中有不属于本表的单位，或不是县（区）教育局或学校。请刷新页面后重新选择。");
  const targets: Target[] = chosen.map((u) => ({ unitId: u.id, unitName: u.name, delegateUnitId: u.id }));
  const counties = chosen.filter((u) => u.kind === "county_bureau").map((u) => u.id);
  if (collectSchools && counties.length > 0) {
    const schools = await queryRows(
      tx,
      { unitId: col.int, unitName: col.text, delegateUnitId: col.int },
      sql`select u.id as "unitId", u.name as "unitName", t.root_id as "delegateUnitId"
          from ${subtree({ roots: sql`(select unnest(${intArray(counties)}))`, activeOnly: true })} t
          join units u on u.id = t.id
          where u.kind = 'school'`,
    );
    // A school chosen on its own and under a collecting county is its county's to collect.
    const collected = new Set(schools.map((s) => s.unitId));
    return [...targets.filter((t) => !collected.has(t.unitId)), ...schools];
  }
  return targets;
}

/** 分派: the chosen counties (collecting their schools or not) and schools fill their rows by the internal deadline. */
export const assignCommand = defineCommand({
  name: "delegation.assign",
  permission: "delegation.manage",
  input: assignSchema,
  async run({ tx, actor, now, target }, { submissionId, unitIds, collectSchools, deadline }) {
    const submission = await lockEditableSubmission(tx, actor, submissionId);
    assertDeadlineBefore(submission, deadline);
    const targets = await rowsFor(tx, submission, unitIds, collectSchools);
    const held = await lockRowsOfSubmission(tx, submission.id, targets.map((t) => t.unitId));
    const elsewhere = targets.filter((t) => {
      const row = held.get(t.unitId);
      return row && row.delegateUnitId !== t.delegateUnitId;
    });
    if (elsewhere.length > 0)
      throw new DomainError(`${names(elsewhere.map((t) => ({ unitName: `${t.unitName}（已分派给${held.get(t.unitId)!.delegateUnitName}）` })))}已分派给其他单位，请先收回后再分派。`);
    const fresh = targets.filter((t) => !held.has(t.unitId));
    if (fresh.length === 0) return { assigned: 0 };

    const delegateIds = [...new Set(fresh.map((t) => t.delegateUnitId))];
    // One delegation per delegate unit: a county given more rows later keeps its one 提交 for all of them.
    const saved = await tx
      .insert(delegations)
      .values(delegateIds.map((delegateUnitId) => ({ submissionId: submission.id, delegateUnitId, deadline, createdAt: now, createdBy: actor.userId })))
      .onConflictDoUpdate({
        target: [delegations.submissionId, delegations.delegateUnitId],
        set: { deadline, state: "filling", version: sql`${delegations.version} + 1` },
      })
      .returning({ id: delegations.id, delegateUnitId: delegations.delegateUnitId });
    const delegationOf = new Map(saved.map((d) => [d.delegateUnitId, d.id]));
    await tx.insert(delegatedRows).values(fresh.map((t) => ({ delegationId: delegationOf.get(t.delegateUnitId)!, submissionId: submission.id, unitId: t.unitId })));
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.assigned", at: now, detail: { rows: fresh.length, delegates: delegateIds.length, deadline, unitIds: fresh.map((t) => t.unitId) } });
    target("submission", submission.id, { rows: fresh.length, delegates: delegateIds.length, collectSchools });
    return { assigned: fresh.length };
  },
});

/** 收回: rows not yet confirmed go back to the city; a delegate left with no rows is no delegate any more. */
export const takeBackCommand = defineCommand({
  name: "delegation.take_back",
  permission: "delegation.manage",
  input: rowsSchema,
  async run({ tx, actor, now, target }, { submissionId, unitIds }) {
    const submission = await lockEditableSubmission(tx, actor, submissionId);
    const rows = [...(await lockRowsOfSubmission(tx, submission.id, unitIds)).values()];
    if (rows.length === 0) throw new DomainError("所选的行没有分派给下级，无需收回。");
    const confirmed = rows.filter((r) => r.state === "confirmed");
    if (confirmed.length > 0) throw new DomainError(`${names(confirmed)}已确认，不能收回。如需修改，可以直接修改该行。`);
    await tx.delete(delegatedRows).where(inArray(delegatedRows.id, rows.map((r) => r.id)));
    await tx.execute(sql`
      delete from delegations d where d.submission_id = ${submission.id} and not exists (select 1 from delegated_rows r where r.delegation_id = d.id)`);
    await bump(tx, rows);
    await recordEvent(tx, {
      submissionId: submission.id,
      actorId: actor.userId,
      action: "delegation.taken_back",
      at: now,
      detail: { rows: rows.length, unitNames: rows.slice(0, 20).map((r) => r.unitName), unitIds: rows.map((r) => r.unitId), delegateUnitIds: [...new Set(rows.map((r) => r.delegateUnitId))] },
    });
    target("submission", submission.id, { rows: rows.length });
    return { takenBack: rows.length };
  },
});

/** The internal deadline, for every delegate of the table at once. */
export const setDeadlineCommand = defineCommand({
  name: "delegation.set_deadline",
  permission: "delegation.manage",
  input: setDeadlineSchema,
  async run({ tx, actor, now, target }, { submissionId, deadline }) {
    const submission = await lockEditableSubmission(tx, actor, submissionId);
    assertDeadlineBefore(submission, deadline);
    const changed = await tx
      .update(delegations)
      .set({ deadline, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.submissionId, submission.id))
      .returning({ id: delegations.id });
    if (changed.length === 0) throw new DomainError("本表还没有分派给下级的行，分派时即可设置下级截止时间。");
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.deadline_set", at: now, detail: { deadline } });
    target("submission", submission.id, { deadline });
    return { delegations: changed.length };
  },
});

/** 确认: what the delegates handed in becomes the city's; the delegate can no longer change it. */
export const confirmCommand = defineCommand({
  name: "delegation.confirm",
  permission: "delegation.manage",
  input: rowsSchema,
  async run({ tx, actor, now, target }, { submissionId, unitIds }) {
    const submission = await lockEditableSubmission(tx, actor, submissionId);
    const rows = [...(await lockRowsOfSubmission(tx, submission.id, unitIds)).values()];
    const notHandedIn = rows.filter((r) => r.state !== "submitted");
    if (rows.length !== unitIds.length || notHandedIn.length > 0)
      throw new DomainError(`${notHandedIn.length > 0 ? names(notHandedIn) : "所选的部分行"}不是「${ROW_DELEGATION_LABELS.submitted}」的状态，不能确认。请刷新页面查看最新状态。`);
    await tx
      .update(delegatedRows)
      .set({ state: "confirmed", returnReason: null, decidedAt: now, decidedBy: actor.userId })
      .where(inArray(delegatedRows.id, rows.map((r) => r.id)));
    await bump(tx, rows);
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.confirmed", at: now, detail: { rows: rows.length, unitNames: rows.slice(0, 20).map((r) => r.unitName), unitIds: rows.map((r) => r.unitId) } });
    target("submission", submission.id, { rows: rows.length });
    return { confirmed: rows.length };
  },
});

/** 退回: one row back to its delegate with the reason, emailed; the delegate fills it again and hands it in. */
export const returnRowCommand = defineCommand({
  name: "delegation.return",
  permission: "delegation.manage",
  input: returnRowSchema,
  async run({ tx, actor, now, target }, { submissionId, unitId, reason }) {
    const submission = await lockEditableSubmission(tx, actor, submissionId);
    const row = (await lockRowsOfSubmission(tx, submission.id, [unitId])).get(unitId);
    if (!row) throw new DomainError("该行没有分派给下级，不能退回。");
    if (row.state !== "submitted" && row.state !== "confirmed")
      throw new DomainError(`「${row.unitName}」目前是「${ROW_DELEGATION_LABELS[row.state]}」，下级尚未提交，不能退回。`);
    await tx.update(delegatedRows).set({ state: "returned", returnReason: reason, decidedAt: now, decidedBy: actor.userId }).where(eq(delegatedRows.id, row.id));
    await tx.update(delegations).set({ state: "filling", version: sql`${delegations.version} + 1` }).where(eq(delegations.id, row.delegationId));
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.returned", at: now, detail: { unitId, unitName: row.unitName, reason } });
    // The delegate's people, who fill the row again; not the person named on a row, who has no say in it.
    const recipients = await getUsersOfUnit({ db: tx, unitId: row.delegateUnitId });
    await enqueueEmails(
      tx,
      recipients.map((to) => ({
        ...renderEmail({
          subject: `【${actor.unitName}】「${row.unitName}」的管理员信息被退回，请修改后重新提交`,
          greeting: `${to.name}同志：`,
          paragraphs: [`${actor.unitName} ${actor.name} 于 ${formatDateTime(now)} 退回了「${row.unitName}」的管理员信息。`, `退回原因：${reason}`, "请登录平台修改该行后重新提交。"],
          action: { label: "登录平台修改", url: `${env().APP_URL}/submissions/${submission.id}` },
        }),
        ...recipientFields(submission.campaignId, to),
        kind: "delegation_returned",
        at: now,
      })),
    );
    target("delegated_row", row.id, { submissionId: submission.id, unitId });
    return { returned: 1 };
  },
});

/** 提交给市级: the delegate's rows, every one filled, go to the city to check; they are locked for the delegate. */
export const handInCommand = defineCommand({
  name: "delegation.submit",
  permission: "delegation.hand_in",
  input: handInSchema,
  async run({ tx, actor, now, target }, { delegationId, expectedVersion }) {
    const delegation = await lockDelegation(tx, actor, delegationId, expectedVersion);
    const open = delegation.rows.filter((r) => r.state === "assigned" || r.state === "returned");
    if (open.length === 0) throw new DomainError("您负责的各行都已提交，无需再次提交。");
    const empty = open.filter((r) => !r.filled);
    if (empty.length > 0) throw new DomainError(`${names(empty)}的管理员信息尚未填写，请填写后再提交。`);
    await tx.update(delegatedRows).set({ state: "submitted", returnReason: null }).where(inArray(delegatedRows.id, open.map((r) => r.id)));
    const [saved] = await tx
      .update(delegations)
      .set({ state: "submitted", submittedAt: now, submittedBy: actor.userId, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.id, delegation.id))
      .returning({ version: delegations.version });
    await recordEvent(tx, { submissionId: delegation.submissionId, actorId: actor.userId, action: "delegation.submitted", at: now, detail: { unitName: actor.unitName, rows: open.length } });
    target("delegation", delegation.id, { submissionId: delegation.submissionId, rows: open.length });
    return { version: saved.version };
  },
});

/** 撤回: handed-in rows the city has not yet confirmed come back to the delegate. */
export const withdrawHandInCommand = defineCommand({
  name: "delegation.withdraw",
  permission: "delegation.hand_in",
  input: handInSchema,
  async run({ tx, actor, now, target }, { delegationId, expectedVersion }) {
    const delegation = await lockDelegation(tx, actor, delegationId, expectedVersion);
    const waiting = delegation.rows.filter((r) => r.state === "submitted");
    if (waiting.length === 0)
      throw new DomainError(delegation.rows.some((r) => r.state === "confirmed") ? "市级已确认您提交的信息，不能撤回。如需修改，请联系市级退回。" : "您还没有提交，无需撤回。");
    await tx.update(delegatedRows).set({ state: "assigned" }).where(inArray(delegatedRows.id, waiting.map((r) => r.id)));
    const [saved] = await tx
      .update(delegations)
      .set({ state: "filling", version: sql`${delegations.version} + 1` })
      .where(eq(delegations.id, delegation.id))
      .returning({ version: delegations.version });
    await recordEvent(tx, { submissionId: delegation.submissionId, actorId: actor.userId, action: "delegation.withdrawn", at: now, detail: { unitName: actor.unitName, rows: waiting.length } });
    target("delegation", delegation.id, { submissionId: delegation.submissionId, rows: waiting.length });
    return { version: saved.version };
  },
});

/** A decision of the city's changes what a delegate's open page may do: its delegations' versions move on. */
async function bump(tx: Tx, rows: LockedRow[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.delegationId))];
  await tx
    .update(delegations)
    .set({ version: sql`${delegations.version} + 1` })
    .where(inArray(delegations.id, ids));
}

// Accounts for delegates: a county or school without an active account is invited by its city, with the activation
// email the province's invitations send.

/** A delegate unit of the city's table, with the account it has (the newest, if several), row-locked for the change. */
async function delegateUnit(tx: Tx, submissionId: number, unitId: number): Promise<DelegateWithAccount> {
  const unit = await queryRow(
    tx,
    { id: col.int, name: col.text, kind: col.oneOf(unitKind.enumValues), userId: col.intOrNull, userName: col.textOrNull, userStatus: col.oneOf(userStatus.enumValues).nullable() },
    sql`select u.id, u.name, u.kind, a.id as "userId", a.name as "userName", a.status as "userStatus"
        from delegations d join units u on u.id = d.delegate_unit_id
        left join lateral ${delegateAccount(sql`u.id`)} a on true
        where d.submission_id = ${submissionId} and d.delegate_unit_id = ${unitId}
        for share of d`,
  );
  if (!unit) throw notFound();
  return unit;
}

/** 开通填报账号: the delegate unit's 填报员, invited with an activation link (no password is ever emailed). */
export const inviteDelegateCommand = defineCommand({
  name: "delegation.invite",
  permission: "delegation.manage",
  input: inviteDelegateSchema,
  async run({ tx, actor, now, target }, { submissionId, unitId, name, phone, email }) {
    const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as: "filler", lock: "share" });
    const unit = await delegateUnit(tx, submission.id, unitId);
    const held = accountHeldMessage(unit);
    if (held) throw new DomainError(held);
    const problem = emailProblem(email, (await emailHolders(tx, email)).get(email));
    if (problem.email) throw new DomainError("", { fieldErrors: problem });
    const userId = await inviteDelegateUser(tx, unit, { name, phone, email }, { actorId: actor.userId, now });
    if (!userId) throw new DomainError("", { fieldErrors: emailProblem(email, { name: "", unitName: "其他单位" }) });
    target("user", userId, { submissionId: submission.id, unitId: unit.id, role: ROLE_BY_UNIT_KIND[unit.kind] });
    return { userId };
  },
});

/** 重新发送激活邮件 to a delegate's invited account: a new link, the old one no longer opens. */
export const resendDelegateActivationCommand = defineCommand({
  name: "delegation.resend_activation",
  permission: "delegation.manage",
  input: delegateUnitSchema,
  async run({ tx, actor, now, target }, { submissionId, unitId }) {
    const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as: "filler", lock: "share" });
    const unit = await delegateUnit(tx, submission.id, unitId);
    if (!unit.userId) throw new DomainError(`「${unit.name}」还没有填报账号，请先开通。`);
    if (unit.userStatus === "active") throw new DomainError(`「${unit.name}」的填报账号（${unit.userName}）已激活，无需重新发送。`);
    await sendActivation(tx, { userId: unit.userId, actorId: actor.userId, now });
    target("user", unit.userId, { submissionId: submission.id, unitId: unit.id });
    return { userId: unit.userId };
  },
});

/** 导入联系人: the delegates' contacts from an .xlsx, checked row by row; nobody is invited. */
export const previewContactsCommand = defineCommand({
  name: "delegation.preview_import_contacts",
  permission: "delegation.manage",
  input: previewContactsSchema,
  async run(ctx, { submissionId, ...request }) {
    const submission = await lockSubmissionForWrite(ctx.tx, ctx.actor, submissionId, { as: "filler", lock: "share" });
    return previewImport(ctx, contactsImport(submission.id), request);
  },
});

/** Opens the account of every delegate the previewed file names, each with its activation email, or of none. */
export const importContactsCommand = defineCommand({
  name: "delegation.import_contacts",
  permission: "delegation.manage",
  input: importContactsSchema,
  async run(ctx, { submissionId, ...request }) {
    const submission = await lockSubmissionForWrite(ctx.tx, ctx.actor, submissionId, { as: "filler", lock: "share" });
    return commitImport(ctx, contactsImport(submission.id), request);
  },
});
