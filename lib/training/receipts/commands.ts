// 培训回执: each covered unit registers its person for a session of each phase (pre-filled with its approved
// administrator, or a substitute with a reason), confirms it; the city approves or returns its units' 回执 and submits
// them as its submission of the training task, which the engine's deadline and reminders follow like any other.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { registrationState, trainingRegistrations } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { isUnitInScope } from "@/lib/authz/scope";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getUsersOfUnit, recipientFields } from "@/lib/mail/recipients";
import { renderEmail } from "@/lib/mail/render";
import { recordEvent } from "@/lib/submissions/events";
import { assertVersion, type LockedSubmission, lockSubmissionForWrite, updateSubmission } from "@/lib/submissions/lock";
import { editBlocker, TRANSITIONS, transitionBlocker } from "@/lib/submissions/workflow";
import { formatDateTime } from "@/lib/time";
import { type CoveredUnit, getCoveredUnit, getPhaseStandings, receiptGaps } from "./coverage";
import { getApprovedAdministrator } from "./prefill";
import { approveSchema, receiptsTransitionSchema, registerSchema, registrationSchema, returnRegistrationSchema } from "./schemas";
import { seatUse } from "@/lib/training/plan/seats";

export const ONLY_THE_UNIT_MESSAGE = "培训回执由参训单位本身填写和确认，您可以查看但不能修改。";

/** The 回执's submission, locked, still open for changes. */
async function lockOpenReceipts(tx: Tx, actor: Actor, submissionId: number, as: "filler" | "row writer", lock: "share" | "exclusive"): Promise<LockedSubmission> {
  const submission = await lockSubmissionForWrite(tx, actor, submissionId, { as, lock, kind: "training" });
  const blocked = editBlocker(submission);
  if (blocked) throw new DomainError(blocked.replace("表格", "培训回执"));
  return submission;
}

/** A unit the 回执 covers and the actor may see (else 404); only the unit itself writes its registrations. */
async function ownCoveredUnit(tx: Tx, actor: Actor, submission: LockedSubmission, unitId: number): Promise<CoveredUnit> {
  const unit = await getCoveredUnit(tx, submission, unitId);
  if (!unit || !(await isUnitInScope(tx, actor, unitId))) throw notFound();
  if (actor.unitId !== unitId) throw new DomainError(ONLY_THE_UNIT_MESSAGE, { kind: "denied" });
  return unit;
}

type LockedRegistration = {
  id: number;
  unitId: number;
  unitName: string;
  state: "draft" | "confirmed" | "approved";
  version: number;
  updatedAt: Date;
  updatedBy: number | null;
  updatedByName: string | null;
};

/** A registration of the submission, row-locked; another submission's or none at all is not found. */
async function lockRegistration(tx: Tx, submissionId: number, registrationId: number): Promise<LockedRegistration> {
  const registration = await queryRow(
    tx,
    { id: col.int, unitId: col.int, unitName: col.text, state: col.oneOf(registrationState.enumValues), version: col.int, updatedAt: col.instant, updatedBy: col.intOrNull, updatedByName: col.textOrNull },
    sql`select r.id, r.unit_id as "unitId", u.name as "unitName", r.state, r.version, r.updated_at as "updatedAt", r.updated_by as "updatedBy", ub.name as "updatedByName"
        from training_registrations r join units u on u.id = r.unit_id left join users ub on ub.id = r.updated_by
        where r.id = ${registrationId} and r.submission_id = ${submissionId}
        for update of r`,
  );
  if (!registration) throw notFound();
  return registration;
}

/** The 回执's submission and one registration of it, locked, at the version the page showed. */
async function lockShownRegistration(
  tx: Tx,
  actor: Actor,
  input: { submissionId: number; registrationId: number; expectedVersion: number | null },
  { as, lock, what }: { as: "filler" | "row writer"; lock: "share" | "exclusive"; what: (unitName: string) => string },
) {
  const submission = await lockOpenReceipts(tx, actor, input.submissionId, as, lock);
  const registration = await lockRegistration(tx, submission.id, input.registrationId);
  if (as === "row writer") await ownCoveredUnit(tx, actor, submission, registration.unitId);
  assertVersion(registration, input.expectedVersion, what(registration.unitName), actor.userId);
  return { submission, registration };
}

/** Locks the session (so two registrations for its last seat count one after the other) and checks the unit may take it. */
async function takeSeat(tx: Tx, { campaignId, sessionId, unit }: { campaignId: number; sessionId: number; unit: CoveredUnit }) {
  const session = await queryRow(
    tx,
    { id: col.int, phaseId: col.int, title: col.text, remedial: col.bool, closed: col.bool, fits: col.bool },
    sql`select id, phase_id as "phaseId", title, remedial, closed_at is not null as closed, ${unit.kind}::unit_kind = any(audience) as fits
        from training_sessions where id = ${sessionId} and campaign_id = ${campaignId} for update`,
  );
  if (!session) throw new DomainError("", { fieldErrors: { sessionId: "培训场次：该场次不存在，请刷新页面后重新选择" } });
  if (session.remedial) throw new DomainError("", { fieldErrors: { sessionId: "培训场次：补训场次由省级安排，不能自行报名" } });
  if (session.closed) throw new DomainError("", { fieldErrors: { sessionId: "培训场次：该场次已结束，请选择其他场次" } });
  if (!session.fits) throw new DomainError("", { fieldErrors: { sessionId: `培训场次：该场次不面向「${unit.name}」这类单位，请选择其他场次` } });
  const use = await seatUse(tx, sessionId, unit.id);
  if (use.taken >= use.capacity) throw new DomainError(`该场次名额已满（共 ${use.capacity} 个），请选择其他场次。`);
  if (use.quota && use.quota.used >= use.quota.seats) {
    const whose = use.quota.unitId === unit.id ? "本单位" : "本地区";
    throw new DomainError(`${whose}在该场次的名额已用完（共 ${use.quota.seats} 个），请选择其他场次或联系市级教育部门。`);
  }
  return session;
}

/** 报名: the unit's person for a session, replacing its choice of another session of the same phase. Saved as 草稿. */
export const registerCommand = defineCommand({
  name: "training.register",
  permission: "training.register",
  input: registerSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockOpenReceipts(tx, actor, input.submissionId, "row writer", "share");
    const unit = await ownCoveredUnit(tx, actor, submission, input.unitId);
    const session = await takeSeat(tx, { campaignId: submission.campaignId, sessionId: input.sessionId, unit });

    const existing = await queryRow(
      tx,
      { id: col.int },
      sql`select r.id from training_registrations r join training_sessions s on s.id = r.session_id
          where r.unit_id = ${unit.id} and s.phase_id = ${session.phaseId} and not s.remedial`,
    );
    const current = existing && (await lockRegistration(tx, submission.id, existing.id));
    if (current) {
      assertVersion(current, input.expectedVersion, "本单位的培训回执", actor.userId);
      if (current.state === "approved") throw new DomainError("该回执已由市级审核通过，不能修改。如需更换，请联系市级退回。");
    } else if (input.expectedVersion !== null) {
      throw new DomainError("本单位的培训回执已被撤销或更换场次，请刷新页面后再试。", { detail: { reason: "stale" } });
    }

    const administrator = await getApprovedAdministrator(tx, submission.campaignId, unit.id);
    const person = input.person ?? administrator;
    if (!person) throw new DomainError("本单位没有审核通过的系统管理员信息，请选择「更换参训人员」，填写参训人员并说明原因。");
    const values = {
      sessionId: session.id,
      name: person.name,
      position: person.position,
      phone: person.phone,
      email: person.email,
      rosterEntryId: input.person ? null : administrator!.id,
      substituteReason: input.person ? input.substituteReason : null,
      state: "draft" as const,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    const [saved] = current
      ? await tx
          .update(trainingRegistrations)
          .set({ ...values, version: sql`${trainingRegistrations.version} + 1` })
          .where(eq(trainingRegistrations.id, current.id))
          .returning()
      : await tx.insert(trainingRegistrations).values({ ...values, campaignId: submission.campaignId, submissionId: submission.id, unitId: unit.id }).returning();
    await recordEvent(tx, {
      submissionId: submission.id,
      actorId: actor.userId,
      action: "training.registered",
      at: now,
      detail: { unitId: unit.id, unitName: unit.name, sessionTitle: session.title, substitute: input.person !== null },
    });
    target("training_registration", saved.id, { sessionId: session.id, unitId: unit.id, substitute: input.person !== null });
    return { registrationId: saved.id, version: saved.version };
  },
});

/** 确认: the unit stands by its 回执; the city then approves it (the reporting unit's own is final once confirmed). */
export const confirmRegistrationCommand = defineCommand({
  name: "training.confirm_registration",
  permission: "training.register",
  input: registrationSchema,
  async run({ tx, actor, now, target }, input) {
    const { submission, registration } = await lockShownRegistration(tx, actor, input, { as: "row writer", lock: "share", what: () => "本单位的培训回执" });
    if (registration.state !== "draft") throw new DomainError("该回执已确认，无需重复确认。");
    const version = await setState(tx, registration.id, { state: "confirmed", now, actorId: actor.userId });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "training.confirmed", at: now, detail: { unitId: registration.unitId, unitName: registration.unitName } });
    target("training_registration", registration.id);
    return { version };
  },
});

async function setState(tx: Tx, id: number, { state, now, actorId }: { state: "draft" | "confirmed" | "approved"; now: Date; actorId: number }): Promise<number> {
  const [saved] = await tx
    .update(trainingRegistrations)
    .set({ state, updatedAt: now, updatedBy: actorId, version: sql`${trainingRegistrations.version} + 1` })
    .where(eq(trainingRegistrations.id, id))
    .returning({ version: trainingRegistrations.version });
  return saved.version;
}

/** The city's decisions hold its submission alone: no unit's change slips in under them. */
const CITY_DECISION = { as: "filler", lock: "exclusive", what: (unitName: string) => `「${unitName}」的培训回执` } as const;

async function oneConfirmed(tx: Tx, actor: Actor, input: { submissionId: number; registrationId: number; expectedVersion: number | null }) {
  const { submission, registration } = await lockShownRegistration(tx, actor, input, CITY_DECISION);
  if (registration.unitId === submission.unitId) throw new DomainError("本单位自己的回执确认后即可，无需审核。");
  if (registration.state !== "confirmed") throw new DomainError(registration.state === "approved" ? "该回执已审核通过。" : "该单位尚未确认回执，确认后才能审核。");
  return { submission, ids: [registration.id] };
}

/** Every confirmed 回执 of the city's units (not its own, which needs none). */
async function everyConfirmed(tx: Tx, actor: Actor, submissionId: number) {
  const submission = await lockOpenReceipts(tx, actor, submissionId, "filler", "exclusive");
  const rows = await tx
    .select({ id: trainingRegistrations.id })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.submissionId, submission.id), eq(trainingRegistrations.state, "confirmed"), ne(trainingRegistrations.unitId, submission.unitId)))
    .for("update");
  if (rows.length === 0) throw new DomainError("没有待审核的回执：各单位确认回执后才能审核。");
  return { submission, ids: rows.map((r) => r.id) };
}

/** 审核通过 (one) or 全部审核通过 (every confirmed 回执 of the city's units). */
export const approveRegistrationsCommand = defineCommand({
  name: "training.approve_registrations",
  permission: "training.approve",
  input: approveSchema,
  async run({ tx, actor, now, target }, input) {
    const { submission, ids } = input.registrationId === undefined ? await everyConfirmed(tx, actor, input.submissionId) : await oneConfirmed(tx, actor, { ...input, registrationId: input.registrationId, expectedVersion: input.expectedVersion ?? null });
    await tx
      .update(trainingRegistrations)
      .set({ state: "approved", updatedAt: now, updatedBy: actor.userId, version: sql`${trainingRegistrations.version} + 1` })
      .where(inArray(trainingRegistrations.id, ids));
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "training.approved", at: now, detail: { registrationIds: ids, count: ids.length } });
    target("submission", submission.id, { registrationIds: ids });
    return { approved: ids.length };
  },
});

/** 退回: back to the unit as 草稿, with the reason it is told. */
export const returnRegistrationCommand = defineCommand({
  name: "training.return_registration",
  permission: "training.approve",
  input: returnRegistrationSchema,
  async run({ tx, actor, now, target }, input) {
    const { submission, registration } = await lockShownRegistration(tx, actor, input, CITY_DECISION);
    if (registration.unitId === submission.unitId) throw new DomainError("本单位自己的回执无需退回，可直接修改。");
    if (registration.state === "draft") throw new DomainError("该回执尚未确认，无需退回。");
    const version = await setState(tx, registration.id, { state: "draft", now, actorId: actor.userId });
    await recordEvent(tx, {
      submissionId: submission.id,
      actorId: actor.userId,
      action: "training.returned",
      at: now,
      detail: { unitId: registration.unitId, unitName: registration.unitName, registrationId: registration.id, reason: input.reason },
    });
    // The unit's own people, who fill it again.
    const recipients = await getUsersOfUnit({ db: tx, unitId: registration.unitId });
    await enqueueEmails(
      tx,
      recipients.map((to) => ({
        ...renderEmail({
          subject: `【${actor.unitName}】「${registration.unitName}」的培训回执被退回，请修改后重新确认`,
          greeting: `${to.name}同志：`,
          paragraphs: [`${actor.unitName} ${actor.name} 于 ${formatDateTime(now)} 退回了「${registration.unitName}」的培训回执。`, `退回原因：${input.reason}`, "请登录平台修改回执后重新确认。"],
          action: { label: "登录平台修改", url: `${env().APP_URL}/training/${submission.campaignId}/receipts` },
        }),
        ...recipientFields(submission.campaignId, to),
        kind: "training_returned",
        dedupeKey: `training-returned:${registration.id}:${version}:${to.address}`,
        at: now,
      })),
    );
    target("training_registration", registration.id, { reason: input.reason });
    return { version };
  },
});

/** 「提交回执」: once every covered unit's 回执 is settled for every phase it attends; late past the deadline. */
export const submitReceiptsCommand = defineCommand({
  name: "training.submit_receipts",
  permission: "training.register",
  input: receiptsTransitionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler", kind: "training" });
    if (submission.status === "submitted" && submission.submittedAt) throw new DomainError(`培训回执已于 ${formatDateTime(submission.submittedAt)} 提交，无需重复提交。`);
    const blocked = transitionBlocker("submit", submission);
    if (blocked) throw new DomainError(blocked);
    assertVersion(submission, input.expectedVersion, "本单位的培训回执", actor.userId);
    const missing = receiptGaps(await getPhaseStandings(tx, submission), submission.unitId);
    if (missing.length > 0) throw new DomainError(`暂不能提交：${missing.join("；")}。`, { detail: { missing } });
    const late = now > submission.deadline;
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.submit.to, submittedAt: now, late, reviewOpenedAt: null, returnReason: null } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "submitted", at: now, detail: { late } });
    target("submission", submission.id, { late });
    return { version, late };
  },
});

/** 「撤回」: back to draft until the province opens it. */
export const withdrawReceiptsCommand = defineCommand({
  name: "training.withdraw_receipts",
  permission: "training.register",
  input: receiptsTransitionSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler", kind: "training" });
    const blocked = transitionBlocker("withdraw", submission);
    if (blocked) throw new DomainError(blocked);
    assertVersion(submission, input.expectedVersion, "本单位的培训回执", actor.userId);
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: { status: TRANSITIONS.withdraw.to, submittedAt: null, late: false } });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "withdrawn", at: now });
    target("submission", submission.id);
    return { version };
  },
});
