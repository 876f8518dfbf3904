import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Campaign, campaignAssignments, campaigns, type TrainingPhase, type TrainingSession, trainingPhases, trainingQuotas, trainingSessions, type UnitKind, unitKind, units } from "@/db/schema";
import { type CampaignDetail, getCampaignByIdForActor, getCampaignForAdmin } from "@/lib/campaigns/queries";
import type { Actor } from "@/lib/core/actor";
import { assertPermission, may } from "@/lib/core/policy";
import { subtree } from "@/lib/units/tree";
import { formatPhaseDates, phaseLabel, UNDECIDED } from "./dates";
import { seatsLeft } from "./seats";

export type SessionView = TrainingSession & { registered: number; ownSeats: number | null };
export type PhaseView = TrainingPhase & { sessions: SessionView[] };

/** With `unit` (a unit taking part), each session also says how many seats that unit may still take. */
async function phasesWithSessions(db: DbOrTx, campaignId: number, unit: Actor | null): Promise<PhaseView[]> {
  const phases = await db.select().from(trainingPhases).where(eq(trainingPhases.campaignId, campaignId)).orderBy(asc(trainingPhases.ordinal));
  const sessions = await db
    .select()
    .from(trainingSessions)
    .where(eq(trainingSessions.campaignId, campaignId))
    .orderBy(asc(trainingSessions.startsAt), asc(trainingSessions.id));
  const counts = await queryRows(
    db,
    { sessionId: col.int, n: col.int },
    sql`select r.session_id as "sessionId", count(*)::int as n from training_registrations r where r.campaign_id = ${campaignId} group by r.session_id`,
  );
  const registered = new Map(counts.map((c) => [c.sessionId, c.n]));
  const views: SessionView[] = [];
  for (const s of sessions) {
    const ownSeats = unit ? await seatsLeft(db, s.id, unit.unitId) : null;
    views.push({ ...s, registered: registered.get(s.id) ?? 0, ownSeats });
  }
  return phases.map((p) => ({ ...p, sessions: views.filter((s) => s.phaseId === p.id) }));
}

export type TrainingOverview = { campaign: CampaignDetail; phases: PhaseView[]; manages: boolean; splits: boolean };

/**
 * A training task's overview for whoever may read it: a unit sees it when its unit or one above it is assigned
 * (as 我的任务 lists it), the province its own tasks once published. Null otherwise, or when the task is a roster task.
 */
export async function getTrainingOverviewForActor({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<TrainingOverview | null> {
  if (!may(actor.role, "training.read")) return null;
  const campaign = await getCampaignByIdForActor({ db, actor, campaignId });
  if (!campaign || campaign.kind !== "training") return null;
  const manages = may(actor.role, "training.manage") && (await getCampaignForAdmin({ db, actor, campaignId })) !== null;
  const phases = await phasesWithSessions(db, campaignId, campaign.submissionId ? actor : null);
  // Dates not yet announced are still 待定 for the units; the province sees what it has set.
  const shown = manages ? phases : phases.map((p) => (p.announcedAt ? p : { ...p, startsOn: null, endsOn: null }));
  return { campaign, phases: shown, manages, splits: may(actor.role, "training.split_quota") && campaign.ownTable };
}

export type ReportingUnit = { id: number; name: string; kind: UnitKind };
export type TrainingPlan = {
  campaign: Campaign;
  phases: PhaseView[];
  units: ReportingUnit[];
  /** sessionId → unitId → seats the province gave. */
  quotas: Record<number, Record<number, number>>;
};

/** The province's plan of one of its training tasks (drafts too): phases, sessions, the reporting units and their seats. */
export async function getTrainingPlanForAdmin({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<TrainingPlan | null> {
  assertPermission(actor, "training.manage");
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, actor.unitId), eq(campaigns.kind, "training")));
  if (!campaign) return null;
  const reporting = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(campaignAssignments)
    .innerJoin(units, eq(units.id, campaignAssignments.unitId))
    .where(eq(campaignAssignments.campaignId, campaignId))
    .orderBy(sql`${units.kind} <> 'city_bureau'`, asc(units.sortOrder), asc(units.id));
  const phases = await phasesWithSessions(db, campaignId, null);
  return { campaign, phases, units: reporting, quotas: await quotasOf(db, phases, reporting.map((u) => u.id)) };
}

async function quotasOf(db: DbOrTx, phases: PhaseView[], unitIds: number[]): Promise<Record<number, Record<number, number>>> {
  const sessionIds = phases.flatMap((p) => p.sessions.map((s) => s.id));
  const out: Record<number, Record<number, number>> = Object.fromEntries(sessionIds.map((id) => [id, {}]));
  if (!sessionIds.length || !unitIds.length) return out;
  const rows = await db
    .select()
    .from(trainingQuotas)
    .where(and(inArray(trainingQuotas.sessionId, sessionIds), inArray(trainingQuotas.unitId, unitIds)));
  for (const q of rows) out[q.sessionId][q.unitId] = q.seats;
  return out;
}

export type SeatSplit = {
  campaign: CampaignDetail;
  phases: PhaseView[];
  /** The city's counties and schools, in registry order. */
  units: ReportingUnit[];
  /** sessionId → the seats the province gave the city (absent: none). */
  citySeats: Record<number, number>;
  /** sessionId → unitId → seats the city gave. */
  quotas: Record<number, Record<number, number>>;
};

/** A city's seats in each session of a training task assigned to it, and how it has split them. */
export async function getSeatSplitForCity({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<SeatSplit | null> {
  assertPermission(actor, "training.split_quota");
  const overview = await getTrainingOverviewForActor({ db, actor, campaignId });
  if (!overview?.splits) return null;
  const below = await queryRows(
    db,
    { id: col.int, name: col.text, kind: col.oneOf(unitKind.enumValues) },
    sql`select u.id, u.name, u.kind from ${subtree({ roots: actor.unitId, activeOnly: true, ordered: true })} t join units u on u.id = t.id
        where t.depth > 0 order by t.path`,
  );
  const withCity = await quotasOf(db, overview.phases, [actor.unitId, ...below.map((u) => u.id)]);
  const citySeats: Record<number, number> = {};
  for (const [sessionId, byUnit] of Object.entries(withCity)) {
    if (byUnit[actor.unitId] !== undefined) citySeats[Number(sessionId)] = byUnit[actor.unitId];
    delete byUnit[actor.unitId];
  }
  return { campaign: overview.campaign, phases: overview.phases, units: below, citySeats, quotas: withCity };
}

/**
 * For 我的任务: per training task, the phase that comes next (the first not over by `today`, a Beijing date) as
 * 「第一阶段 系统集中培训：2021年12月6日—12月10日」, or 待定 while its dates are unannounced. The ids are the actor's own
 * tasks (getTasksByActor); what it reads is what every assigned unit was told.
 */
export async function getNextPhaseByCampaigns({ db, campaignIds, today }: { db: DbOrTx; campaignIds: number[]; today: string }): Promise<Map<number, string>> {
  if (!campaignIds.length) return new Map();
  const phases = await db
    .select()
    .from(trainingPhases)
    .where(and(inArray(trainingPhases.campaignId, campaignIds), sql`(${trainingPhases.endsOn} is null or ${trainingPhases.endsOn} >= ${today} or ${trainingPhases.announcedAt} is null)`))
    .orderBy(asc(trainingPhases.campaignId), asc(trainingPhases.ordinal));
  const next = new Map<number, string>();
  for (const p of phases) {
    if (next.has(p.campaignId)) continue;
    const dates = p.announcedAt ? formatPhaseDates(p.startsOn, p.endsOn) : UNDECIDED;
    next.set(p.campaignId, `${phaseLabel(p.ordinal)} ${p.title}：${dates}`);
  }
  return next;
}
