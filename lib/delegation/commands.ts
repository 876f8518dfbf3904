// 分派填报 (三级联动): the city hands rows of its table to its counties and schools, takes them back, confirms
// or returns what they hand in; a delegate hands its rows in (提交给市级) and may withdraw them until confirmed.
import { and, eq, gt, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, intArray, queryRow, queryRows } from "@/db/rows";
import { delegatedRows, delegations, unitKind, userStatus } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import type { z } from "zod";
import type { AuditAction } from "@/lib/core/audit-actions";
import { type CommandContext, defineCommand } from "@/lib/core/command";
import type { Permission } from "@/lib/core/policy";
import { DomainError, notFound } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getUsersOfUnit, recipientFields } from "@/lib/mail/recipients";
import { renderEmail } from "@/lib/mail/render";
import { recordEvent } from "@/lib/submissions/events";
import { commitImport, previewImport } from "@/lib/xlsx/pipeline";
import { type LockedSubmission, lockSubmissionForWrite } from "@/lib/submissions/lock";
import { activeSubtreeIds, subtree } from "@/lib/units/tree";
import { emailHolders, emailProblem } from "@/lib/users/invite";
import { formatDateTime } from "@/lib/time";
import { accountHeldMessage, delegateAccount, type DelegateWithAccount, inviteDelegateUser } from "./account";
import { type Decider, decidedBy, decidedRow, deadlineLimit, kindOf, lockCityDecider, lockCountyDecider } from "./decider";
import { lockDelegation, lockRowsOfSubmission, type LockedRow } from "./lock";
import { awaitsDecision, confirmedState, decisionsOn, handInLabel, ROW_DELEGATION_LABELS } from "./rules";
import { delegateMayWrite } from "@/lib/submissions/workflow";
import { contactsImport } from "./contacts";
import {
  assignSchema,
  assignSchoolsSchema,
  delegateUnitSchema,
  handInSchema,
  importContactsSchema,
  inviteDelegateSchema,
  previewContactsSchema,
  returnRowSchema,
  rowsSchema,
  setDeadlineSchema,
} from "./schemas";

/**
 * One rule of deciding on delegated rows, as two commands: the city's on its table, and a collecting county's on the
 * rows it handed on to its schools. Each is authorized by its own permission and finds its decider from the session.
 */
function decisionCommands<S extends z.ZodType<{ submissionId: number }>, R>(
  names: { city: AuditAction; county: AuditAction },
  input: S,
  decide: (ctx: CommandContext, decider: Decider, input: z.output<S>) => Promise<R>,
) {
  const as = (name: AuditAction, permission: Permission, lock: typeof lockCityDecider) =>
    defineCommand({ name, permission, input, run: async (ctx, parsed) => decide(ctx, await lock(ctx.tx, ctx.actor, parsed.submissionId), parsed) });
  return [as(names.city, "delegation.manage", lockCityDecider), as(names.county, "delegation.collect", lockCountyDecider)] as const;
}

/** The internal deadline comes before the decider's own: the city's before the campaign's, a school's before its county's. */
function assertDeadlineBefore(decider: Decider, deadline: Date): void {
  const limit = deadlineLimit(decider);
  if (deadline.getTime() > limit.at.getTime())
    throw new DomainError("", { fieldErrors: { deadlineDate: `下级截止时间应不晚于${limit.what}（${formatDateTime(limit.at)}），请提前。` } });
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
    const decider = await lockCityDecider(tx, actor, submissionId);
    const { submission } = decider;
    assertDeadlineBefore(decider, deadline);
    const targets = await rowsFor(tx, submission, unitIds, collectSchools);
    const held = await lockRowsOfSubmission(tx, submission.id, targets.map((t) => t.unitId));
    // A row the county already handed on to its school is still the county's, as far as the city is concerned.
    const holder = (row: LockedRow) => row.collector?.unitId ?? row.delegateUnitId;
    const elsewhere = targets.filter((t) => {
      const row = held.get(t.unitId);
      return row && holder(row) !== t.delegateUnitId;
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

/**
 * 分派给学校: a county collecting its schools hands the chosen schools' rows on to them, each school filling its own
 * by the county's deadline and handing it to the county (提交给县级).
 */
export const assignToSchoolsCommand = defineCommand({
  name: "delegation.assign_schools",
  permission: "delegation.collect",
  input: assignSchoolsSchema,
  async run({ tx, actor, now, target }, { submissionId, unitIds, deadline }) {
    const decider = await lockCountyDecider(tx, actor, submissionId);
    const collector = decider.collector!;
    const { submission } = decider;
    assertDeadlineBefore(decider, deadline);
    const rows = [...(await lockRowsOfSubmission(tx, submission.id, unitIds)).values()];
    // Only the schools' rows the county collects are its to hand on; its own row and any other unit's are not.
    const own = (r: LockedRow) => r.delegationId === collector.id;
    if (rows.length !== unitIds.length || rows.some((r) => r.unitId === collector.unitId || !(own(r) || r.collector?.delegationId === collector.id))) throw notFound();
    const confirmed = rows.filter((r) => own(r) && r.state === "confirmed");
    if (confirmed.length > 0) throw new DomainError(`${names(confirmed)}已由市级确认，不能再分派给学校。`);
    const fresh = rows.filter(own);
    if (fresh.length === 0) return { assigned: 0 };

    await tx
      .insert(delegations)
      .values(fresh.map((r) => ({ submissionId: submission.id, delegateUnitId: r.unitId, parentDelegationId: collector.id, deadline, createdAt: now, createdBy: actor.userId })));
    // Each school's row moves from the county's delegation to the school's own.
    await tx.execute(sql`
      update delegated_rows r set delegation_id = d.id, state = 'assigned', return_reason = null, decided_at = null, decided_by = null
      from delegations d
      where d.parent_delegation_id = ${collector.id} and d.delegate_unit_id = r.unit_id and r.id = any(${intArray(fresh.map((r) => r.id))})`);
    await bump(tx, fresh);
    await recordEvent(tx, {
      submissionId: submission.id,
      actorId: actor.userId,
      action: "delegation.assigned",
      at: now,
      detail: { rows: fresh.length, delegates: fresh.length, deadline, unitIds: fresh.map((r) => r.unitId), byUnitName: collector.unitName },
    });
    target("submission", submission.id, { rows: fresh.length, collectorUnitId: collector.unitId });
    return { assigned: fresh.length };
  },
});

/** Delegations left with no rows of their own nor schools under them are no delegates any more. */
async function dropEmptyDelegations(tx: Tx, submissionId: number): Promise<void> {
  const empty = (extra: SQL) => sql`
    delete from delegations d where d.submission_id = ${submissionId} and ${extra}
      and not exists (select 1 from delegated_rows r where r.delegation_id = d.id)
      and not exists (select 1 from delegations c where c.parent_delegation_id = d.id)`;
  // The schools' first, so that a county holding nothing but them goes too.
  await tx.execute(empty(sql`d.parent_delegation_id is not null`));
  await tx.execute(empty(sql`d.parent_delegation_id is null`));
}

/**
 * 收回: rows not yet confirmed go back to the decider: the city's to fill, or (for a county taking a school's row
 * back) the county's.
 */
async function takeBack({ tx, actor, now, target }: CommandContext, decider: Decider, unitIds: number[]) {
  const { submission, collector } = decider;
  const rows = decidedBy(decider, unitIds, await lockRowsOfSubmission(tx, submission.id, unitIds));
  if (rows.length === 0) throw new DomainError("所选的行没有分派给下级，无需收回。");
  const confirmed = rows.filter((r) => r.state === "confirmed" || r.state === confirmedState(kindOf(decider)));
  if (confirmed.length > 0) throw new DomainError(`${names(confirmed)}已确认，不能收回。${collector ? "如需修改，请退回学校。" : "如需修改，可以直接修改该行。"}`);
  const ids = rows.map((r) => r.id);
  if (collector) await tx.update(delegatedRows).set({ delegationId: collector.id, state: "assigned", returnReason: null, decidedAt: null, decidedBy: null }).where(inArray(delegatedRows.id, ids));
  else await tx.delete(delegatedRows).where(inArray(delegatedRows.id, ids));
  await dropEmptyDelegations(tx, submission.id);
  await bump(tx, rows);
  await recordEvent(tx, {
    submissionId: submission.id,
    actorId: actor.userId,
    action: "delegation.taken_back",
    at: now,
    detail: {
      rows: rows.length,
      unitNames: rows.slice(0, 20).map((r) => r.unitName),
      unitIds: rows.map((r) => r.unitId),
      delegateUnitIds: [...new Set(rows.map((r) => r.delegateUnitId))],
      ...(collector && { byUnitName: collector.unitName }),
    },
  });
  target("submission", submission.id, { rows: rows.length });
  return { takenBack: rows.length };
}

/** 收回 by the city; and by a county, a school's row back to the county that handed it on. */
export const [takeBackCommand, takeBackFromSchoolsCommand] = decisionCommands({ city: "delegation.take_back", county: "delegation.take_back_schools" }, rowsSchema, (ctx, decider, { unitIds }) =>
  takeBack(ctx, decider, unitIds),
);

/** The internal deadline, for every delegate of the decider at once: the city's, or a county's for its schools. */
async function setDeadline({ tx, actor, now, target }: CommandContext, decider: Decider, deadline: Date) {
  const { submission, collector } = decider;
  assertDeadlineBefore(decider, deadline);
  const mine = collector ? eq(delegations.parentDelegationId, collector.id) : and(eq(delegations.submissionId, submission.id), isNull(delegations.parentDelegationId));
  const changed = await tx
    .update(delegations)
    .set({ deadline, version: sql`${delegations.version} + 1` })
    .where(mine)
    .returning({ id: delegations.id });
  if (changed.length === 0)
    throw new DomainError(collector ? "您还没有分派给学校的行，分派时即可设置学校的截止时间。" : "本表还没有分派给下级的行，分派时即可设置下级截止时间。");
  // A school's deadline stays within its county's: the city moving a county's earlier moves its schools' too.
  if (!collector)
    await tx
      .update(delegations)
      .set({ deadline, version: sql`${delegations.version} + 1` })
      .where(and(eq(delegations.submissionId, submission.id), isNotNull(delegations.parentDelegationId), gt(delegations.deadline, deadline)));
  await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.deadline_set", at: now, detail: { deadline, ...(collector && { byUnitName: collector.unitName }) } });
  target("submission", submission.id, { deadline });
  return { delegations: changed.length };
}

/** The city's internal deadline; and the schools' a county sets, not later than its own. */
export const [setDeadlineCommand, setSchoolsDeadlineCommand] = decisionCommands(
  { city: "delegation.set_deadline", county: "delegation.set_schools_deadline" },
  setDeadlineSchema,
  (ctx, decider, { deadline }) => setDeadline(ctx, decider, deadline),
);

/** 确认: what was handed in becomes the decider's; its filler can no longer change it. */
async function confirm({ tx, actor, now, target }: CommandContext, decider: Decider, unitIds: number[]) {
  const { submission } = decider;
  const rows = decidedBy(decider, unitIds, await lockRowsOfSubmission(tx, submission.id, unitIds));
  const notHandedIn = rows.filter((r) => !awaitsDecision(kindOf(decider), decidedRow(r)));
  if (rows.length !== unitIds.length || notHandedIn.length > 0)
    throw new DomainError(`${notHandedIn.length > 0 ? names(notHandedIn) : "所选的部分行"}不是「${ROW_DELEGATION_LABELS.submitted}」的状态，不能确认。请刷新页面查看最新状态。`);
  await tx
    .update(delegatedRows)
    .set({ state: confirmedState(kindOf(decider)), returnReason: null, decidedAt: now, decidedBy: actor.userId })
    .where(inArray(delegatedRows.id, rows.map((r) => r.id)));
  await bump(tx, rows);
  await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "delegation.confirmed", at: now, detail: { rows: rows.length, unitNames: rows.slice(0, 20).map((r) => r.unitName), unitIds: rows.map((r) => r.unitId) } });
  target("submission", submission.id, { rows: rows.length });
  return { confirmed: rows.length };
}

/** 确认 by the city; and by a county, a school's row handed in to it (县级已确认), which it hands to the city with its own. */
export const [confirmCommand, confirmSchoolsCommand] = decisionCommands({ city: "delegation.confirm", county: "delegation.confirm_schools" }, rowsSchema, (ctx, decider, { unitIds }) =>
  confirm(ctx, decider, unitIds),
);

/** 退回: one row back to the unit that fills it, with the reason, emailed; it fills the row again and hands it in. */
async function returnOne({ tx, actor, now, target }: CommandContext, decider: Decider, { unitId, reason }: { unitId: number; reason: string }) {
  const { submission } = decider;
  const [row] = decidedBy(decider, [unitId], await lockRowsOfSubmission(tx, submission.id, [unitId]));
  if (!row) throw new DomainError("该行没有分派给下级，不能退回。");
  if (!decisionsOn(kindOf(decider), decidedRow(row)).return) {
    if (row.collector && !decider.collector && row.state !== "confirmed")
      throw new DomainError(`「${row.unitName}」由${row.collector.unitName}汇总，${row.collector.unitName}尚未提交给市级，不能退回。`);
    throw new DomainError(`「${row.unitName}」目前是「${ROW_DELEGATION_LABELS[row.state]}」，下级尚未提交，不能退回。`);
  }
  await tx.update(delegatedRows).set({ state: "returned", returnReason: reason, decidedAt: now, decidedBy: actor.userId }).where(eq(delegatedRows.id, row.id));
  // The school fills it again, and its county, which handed it in to the city, hands it in again.
  const reopened = [row.delegationId, ...(row.collector ? [row.collector.delegationId] : [])];
  await tx.update(delegations).set({ state: "filling", version: sql`${delegations.version} + 1` }).where(inArray(delegations.id, reopened));
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
}

/** 退回 by the city; and by a county, a school's row to the school. */
export const [returnRowCommand, returnSchoolRowCommand] = decisionCommands({ city: "delegation.return", county: "delegation.return_school" }, returnRowSchema, returnOne);

/**
 * 提交给市级 (a school under its county: 提交给县级): the delegate's rows, every one filled, go to the unit it hands in
 * to; they are locked for the delegate. A collecting county hands in the rows of its schools with its own, each first
 * confirmed by the county.
 */
export const handInCommand = defineCommand({
  name: "delegation.submit",
  permission: "delegation.hand_in",
  input: handInSchema,
  async run({ tx, actor, now, target }, { delegationId, expectedVersion }) {
    const delegation = await lockDelegation(tx, actor, delegationId, expectedVersion);
    const unconfirmed = delegation.rows.filter((r) => r.collected && r.state !== "accepted" && r.state !== "confirmed");
    if (unconfirmed.length > 0) throw new DomainError(`${names(unconfirmed)}由学校填报，您尚未确认，请确认后再${handInLabel("city")}。`);
    const open = delegation.rows.filter((r) => !r.collected && delegateMayWrite(r.state));
    const accepted = delegation.rows.filter((r) => r.state === "accepted");
    if (open.length + accepted.length === 0) throw new DomainError("您负责的各行都已提交，无需再次提交。");
    const empty = open.filter((r) => !r.filled);
    if (empty.length > 0) throw new DomainError(`${names(empty)}的管理员信息尚未填写，请填写后再提交。`);
    const handed = [...open, ...accepted];
    await tx.update(delegatedRows).set({ state: "submitted", returnReason: null }).where(inArray(delegatedRows.id, handed.map((r) => r.id)));
    const [saved] = await tx
      .update(delegations)
      .set({ state: "submitted", submittedAt: now, submittedBy: actor.userId, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.id, delegation.id))
      .returning({ version: delegations.version });
    // The schools' pages: their rows went on to the city with the county's.
    if (accepted.length > 0) await tx.update(delegations).set({ version: sql`${delegations.version} + 1` }).where(eq(delegations.parentDelegationId, delegation.id));
    await recordEvent(tx, { submissionId: delegation.submissionId, actorId: actor.userId, action: "delegation.submitted", at: now, detail: { unitName: actor.unitName, rows: handed.length } });
    target("delegation", delegation.id, { submissionId: delegation.submissionId, rows: handed.length });
    return { version: saved.version };
  },
});

/** 撤回: handed-in rows not yet confirmed come back to the delegate; a county's schools' rows to 县级已确认. */
export const withdrawHandInCommand = defineCommand({
  name: "delegation.withdraw",
  permission: "delegation.hand_in",
  input: handInSchema,
  async run({ tx, actor, now, target }, { delegationId, expectedVersion }) {
    const delegation = await lockDelegation(tx, actor, delegationId, expectedVersion);
    const waiting = delegation.rows.filter((r) => r.state === "submitted");
    const decider = delegation.deciderName;
    if (waiting.length === 0)
      throw new DomainError(
        delegation.rows.some((r) => !r.collected && (r.state === "confirmed" || r.state === "accepted"))
          ? `${decider}已确认您提交的信息，不能撤回。如需修改，请联系${decider}退回。`
          : "您还没有提交，无需撤回。",
      );
    const [own, collected] = [waiting.filter((r) => !r.collected), waiting.filter((r) => r.collected)];
    if (own.length > 0) await tx.update(delegatedRows).set({ state: "assigned" }).where(inArray(delegatedRows.id, own.map((r) => r.id)));
    if (collected.length > 0) await tx.update(delegatedRows).set({ state: "accepted" }).where(inArray(delegatedRows.id, collected.map((r) => r.id)));
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

/**
 * A decision changes what a delegate's open page may do: the versions of the rows' delegations move on, and of the
 * counties that collect them.
 */
async function bump(tx: Tx, rows: LockedRow[]): Promise<void> {
  const ids = [...new Set(rows.flatMap((r) => [r.delegationId, ...(r.collector ? [r.collector.delegationId] : [])]))];
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
