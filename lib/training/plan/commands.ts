// The province plans a training task (the task itself, its phases' dates, its sessions, their seats per reporting
// unit); a city splits its seats among its counties and schools.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { campaignAssignments, trainingPhases, trainingQuotas, trainingRegistrations, trainingSessions } from "@/db/schema";
import { assertNotClosed } from "@/lib/campaigns/lifecycle";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { isUnitInScope } from "@/lib/authz/scope";
import { assertVersion } from "@/lib/submissions/lock";
import { subtree } from "@/lib/units/tree";
import { createTrainingCampaign } from "../lifecycle";
import { notifyPhaseDates } from "./announce";
import { lastChangeOfSession, lockPhase, lockSession } from "./locks";
import { createSessionSchema, createTrainingSchema, phaseIdSchema, quotasSchema, sessionIdSchema, setPhaseDatesSchema, updateSessionSchema } from "./schemas";

/** 新建任务 of kind 系统应用培训: a draft with its three phases, drawing on one of the province's roster tasks. */
export const createTrainingCommand = defineCommand({
  name: "training.create",
  permission: "training.manage",
  input: createTrainingSchema,
  async run({ tx, actor, target }, input) {
    const campaign = await createTrainingCampaign(tx, { ...input, ownerUnitId: actor.unitId });
    target("campaign", campaign.id, { docNumber: campaign.docNumber, units: input.unitIds.length, sourceCampaignId: input.sourceCampaignId });
    return { campaignId: campaign.id };
  },
});

/** A phase's dates, or 待定 (both empty); a change takes back the announcement until it is announced again. */
export const setPhaseDatesCommand = defineCommand({
  name: "training.set_phase_dates",
  permission: "training.manage",
  input: setPhaseDatesSchema,
  async run({ tx, actor, target }, { phaseId, startsOn, endsOn }) {
    const { phase, campaign } = await lockPhase(tx, actor, phaseId);
    assertNotClosed(campaign);
    const changed = phase.startsOn !== startsOn || phase.endsOn !== endsOn;
    if (changed) await tx.update(trainingPhases).set({ startsOn, endsOn, announcedAt: null }).where(eq(trainingPhases.id, phaseId));
    target("training_phase", phaseId, { campaignId: campaign.id, startsOn, endsOn, previous: { startsOn: phase.startsOn, endsOn: phase.endsOn } });
    return { phaseId, changed };
  },
});

/** 发布日期通知: emails the phase's dates to every assigned unit's people, once per dates and person. */
export const announcePhaseCommand = defineCommand({
  name: "training.announce_phase",
  permission: "training.manage",
  input: phaseIdSchema,
  async run({ tx, actor, now, target }, { phaseId }) {
    const { phase, campaign } = await lockPhase(tx, actor, phaseId);
    assertNotClosed(campaign);
    if (campaign.status !== "published") throw new DomainError("任务尚未发布，各单位还看不到它：请先发布任务，再通知培训日期。");
    if (!phase.startsOn || !phase.endsOn) throw new DomainError(`「${phase.title}」的日期尚未确定，请先设定起止日期再通知。`);
    const queued = await notifyPhaseDates(tx, campaign, phase, now);
    await tx.update(trainingPhases).set({ announcedAt: now }).where(eq(trainingPhases.id, phaseId));
    target("training_phase", phaseId, { campaignId: campaign.id, startsOn: phase.startsOn, endsOn: phase.endsOn, queued });
    return { phaseId, queued };
  },
});

export const createSessionCommand = defineCommand({
  name: "training.create_session",
  permission: "training.manage",
  input: createSessionSchema,
  async run({ tx, actor, target }, { phaseId, ...session }) {
    const { campaign } = await lockPhase(tx, actor, phaseId);
    assertNotClosed(campaign);
    const [saved] = await tx
      .insert(trainingSessions)
      .values({ ...session, campaignId: campaign.id, phaseId })
      .returning({ id: trainingSessions.id, version: trainingSessions.version });
    target("training_session", saved.id, { campaignId: campaign.id, phaseId, title: session.title, capacity: session.capacity });
    return { sessionId: saved.id, version: saved.version };
  },
});

/** A session's details; its seats may not drop below what is given out or taken. */
export const updateSessionCommand = defineCommand({
  name: "training.update_session",
  permission: "training.manage",
  input: updateSessionSchema,
  async run({ tx, actor, target }, { sessionId, expectedVersion, ...session }) {
    const { session: current, campaign } = await lockSession(tx, actor, sessionId);
    assertNotClosed(campaign);
    if (current.closedAt) throw new DomainError("该场次已结束并关闭，不能再修改。");
    const change = await lastChangeOfSession(tx, sessionId);
    assertVersion({ version: current.version, updatedAt: change?.at ?? current.createdAt, updatedBy: change?.userId ?? null, updatedByName: change?.name ?? null }, expectedVersion, "该场次", actor.userId);
    // Seats the province gave its reporting units, and people registered: the capacity may not drop below either.
    const [{ given, taken }] = await queryRows(
      tx,
      { given: col.int, taken: col.int },
      sql`select coalesce((select sum(q.seats) from training_quotas q join units u on u.id = q.unit_id
                           where q.session_id = ${sessionId} and u.reporting_parent_id = ${campaign.ownerUnitId}), 0)::int as given,
                 (select count(*) from training_registrations r where r.session_id = ${sessionId})::int as taken`,
    );
    if (session.capacity < Math.max(given, taken))
      throw new DomainError("", { fieldErrors: { capacity: `名额：已分配 ${given} 个、已报名 ${taken} 人，不能少于 ${Math.max(given, taken)}` } });
    const [saved] = await tx
      .update(trainingSessions)
      .set({ ...session, version: sql`${trainingSessions.version} + 1` })
      .where(eq(trainingSessions.id, sessionId))
      .returning({ version: trainingSessions.version });
    target("training_session", sessionId, { campaignId: campaign.id, title: session.title, capacity: session.capacity });
    return { sessionId, version: saved.version };
  },
});

/** Only while nobody has registered for it; its quotas go with it. */
export const deleteSessionCommand = defineCommand({
  name: "training.delete_session",
  permission: "training.manage",
  input: sessionIdSchema,
  async run({ tx, actor, target }, { sessionId }) {
    const { session, campaign } = await lockSession(tx, actor, sessionId);
    assertNotClosed(campaign);
    const registered = await tx.$count(trainingRegistrations, eq(trainingRegistrations.sessionId, sessionId));
    if (registered > 0) throw new DomainError(`已有 ${registered} 个单位报送了该场次的回执，不能删除。如需调整，请修改场次信息并通知相关单位。`);
    await tx.delete(trainingQuotas).where(eq(trainingQuotas.sessionId, sessionId));
    await tx.delete(trainingSessions).where(eq(trainingSessions.id, sessionId));
    target("training_session", sessionId, { campaignId: campaign.id, title: session.title });
    return { sessionId };
  },
});

/** The province's seats per reporting unit (an assigned city or province-affiliated school) in one session. */
export const setQuotasCommand = defineCommand({
  name: "training.set_quotas",
  permission: "training.manage",
  input: quotasSchema,
  async run({ tx, actor, target }, { sessionId, quotas }) {
    const { session, campaign } = await lockSession(tx, actor, sessionId);
    assertNotClosed(campaign);
    const unitIds = quotas.map((q) => q.unitId);
    const assigned = unitIds.length
      ? await tx
          .select({ unitId: campaignAssignments.unitId })
          .from(campaignAssignments)
          .where(and(eq(campaignAssignments.campaignId, campaign.id), inArray(campaignAssignments.unitId, unitIds)))
      : [];
    if (assigned.length !== unitIds.length) throw new DomainError("名额只能分配给本任务的报送单位，请刷新页面后重试。");
    const total = quotas.reduce((sum, q) => sum + q.seats, 0);
    if (total > session.capacity)
      throw new DomainError(`各单位名额合计 ${total} 个，超过了该场次的 ${session.capacity} 个名额，请减少 ${total - session.capacity} 个。`);
    const seatsOf = new Map(quotas.map((q) => [q.unitId, q.seats]));
    const split = await queryRows(
      tx,
      { name: col.text, unitId: col.int, seats: col.int },
      sql`select u.name, t.root_id as "unitId", sum(q.seats)::int as seats
          from ${subtree({ roots: sql`(select unit_id from campaign_assignments where campaign_id = ${campaign.id})`, activeOnly: false })} t
          join training_quotas q on q.session_id = ${sessionId} and q.unit_id = t.id
          join units u on u.id = t.root_id
          where t.depth > 0 group by u.name, t.root_id`,
    );
    const under = split.find((s) => s.seats > (seatsOf.get(s.unitId) ?? 0));
    if (under) throw new DomainError(`${under.name}已向下分配 ${under.seats} 个名额，给它的名额不能少于 ${under.seats} 个；如需减少，请先请其调整分配。`);
    await replaceQuotas(tx, sessionId, sql`(select unit_id from campaign_assignments where campaign_id = ${campaign.id})`, quotas);
    target("training_session", sessionId, { campaignId: campaign.id, quotas: quotas.filter((q) => q.seats > 0), total });
    return { sessionId, total };
  },
});

/** A city gives some of its seats in a session to its counties and schools; the rest stay for any of its units. */
export const splitQuotaCommand = defineCommand({
  name: "training.split_quota",
  permission: "training.split_quota",
  input: quotasSchema,
  async run({ tx, actor, target }, { sessionId, quotas }) {
    const [session] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).for("update");
    if (!session) throw notFound();
    const [assignment] = await tx
      .select({ unitId: campaignAssignments.unitId })
      .from(campaignAssignments)
      .where(and(eq(campaignAssignments.campaignId, session.campaignId), eq(campaignAssignments.unitId, actor.unitId)));
    if (!assignment) throw notFound();
    for (const q of quotas) if (!(await isUnitInScope(tx, actor, q.unitId))) throw notFound();
    if (quotas.some((q) => q.unitId === actor.unitId)) throw new DomainError("请把名额分配给本市的县（区）教育局和学校，本单位的名额由省教育厅分配。");
    const [own] = await tx.select({ seats: trainingQuotas.seats }).from(trainingQuotas).where(and(eq(trainingQuotas.sessionId, sessionId), eq(trainingQuotas.unitId, actor.unitId)));
    const total = quotas.reduce((sum, q) => sum + q.seats, 0);
    if (!own) throw new DomainError("省教育厅尚未给本单位分配该场次的名额，分配后才能向下分配。");
    if (total > own.seats) throw new DomainError(`分配合计 ${total} 个，超过了本单位在该场次的 ${own.seats} 个名额，请减少 ${total - own.seats} 个。`);
    await replaceQuotas(tx, sessionId, sql`(select t.id from ${subtree({ roots: actor.unitId, activeOnly: false })} t where t.depth > 0)`, quotas);
    target("training_session", sessionId, { campaignId: session.campaignId, unitId: actor.unitId, quotas: quotas.filter((q) => q.seats > 0), total });
    return { sessionId, total };
  },
});

/** The quotas of `sessionId` among `among` become `quotas`; a 0 is no quota. */
async function replaceQuotas(tx: Tx, sessionId: number, among: SQL, quotas: { unitId: number; seats: number }[]) {
  await tx.delete(trainingQuotas).where(and(eq(trainingQuotas.sessionId, sessionId), sql`${trainingQuotas.unitId} in ${among}`));
  const given = quotas.filter((q) => q.seats > 0);
  if (given.length) await tx.insert(trainingQuotas).values(given.map((q) => ({ sessionId, ...q })));
}
