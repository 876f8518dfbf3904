import "server-only";
// What the 回执 page shows each reader: a covered unit its own form, a reporting unit's filler every covered unit's
// 回执 with what still keeps it from 「提交回执」, the province every reporting unit's state and every substitution.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { registrationState, submissionStatus, trainingMode, unitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { isCampaignInScope } from "@/lib/authz/scope";
import { may } from "@/lib/core/policy";
import { maskContact } from "@/lib/privacy/mask";
import { isFillerOf } from "@/lib/submissions/workflow";
import { holdingSubmissions } from "@/lib/units/tree";
import { getCoveredUnit, getPhaseStandings, isSettled, type PhaseStanding, receiptGaps } from "./coverage";
import { type Administrator, getApprovedAdministrator } from "./prefill";
import { seatsLeft } from "@/lib/training/plan/seats";

const registrationColumns = {
  id: col.int,
  unitId: col.int,
  unitName: col.text,
  sessionId: col.int,
  sessionTitle: col.text,
  phaseId: col.int,
  name: col.text,
  position: col.text,
  phone: col.text,
  email: col.text,
  substituteReason: col.textOrNull,
  state: col.oneOf(registrationState.enumValues),
  version: col.int,
  returnReason: col.textOrNull,
};

export type Registration = {
  id: number;
  unitId: number;
  unitName: string;
  sessionId: number;
  sessionTitle: string;
  phaseId: number;
  name: string;
  position: string;
  phone: string;
  email: string;
  substituteReason: string | null;
  state: (typeof registrationState.enumValues)[number];
  version: number;
  /** Why the city last sent it back, while it is a draft again. */
  returnReason: string | null;
};

export type SessionChoice = { id: number; title: string; mode: (typeof trainingMode.enumValues)[number]; startsAt: Date; endsAt: Date; place: string | null; seatsLeft: number };
export type PhaseForm = { id: number; ordinal: number; title: string; sessions: SessionChoice[]; registration: Registration | null };
export type UnitForm = { unitId: number; unitName: string; administrator: Administrator | null; phases: PhaseForm[]; mayWrite: boolean };
export type CityTable = { rows: Registration[]; unregistered: string[]; confirmedCount: number };
export type ReceiptsSubmission = { id: number; unitId: number; unitName: string; status: (typeof submissionStatus.enumValues)[number]; version: number; deadline: Date; late: boolean; submittedAt: Date | null };

export type ReceiptsPage =
  | { view: "province"; campaign: { id: number; title: string }; reports: (ReceiptsSubmission & { settled: number; expected: number })[]; substitutions: Registration[] }
  | { view: "unit"; campaign: { id: number; title: string }; submission: ReceiptsSubmission; own: UnitForm | null; city: CityTable | null; isFiller: boolean; editable: boolean; missing: string[] };

/** The 回执 page of a training task for the actor, or null when the task is not one it takes part in or oversees. */
export async function getReceiptsPageForActor({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }): Promise<ReceiptsPage | null> {
  if (!may(actor.role, "training.read")) return null;
  const campaign = await queryRow(
    db,
    { id: col.int, title: col.text, oversees: col.bool },
    sql`select c.id, c.title, ${isCampaignInScope(actor, sql`c.owner_unit_id`)} as oversees
        from campaigns c where c.id = ${campaignId} and c.kind = 'training' and c.status <> 'draft'`,
  );
  if (!campaign) return null;
  const heading = { id: campaign.id, title: campaign.title };
  if (may(actor.role, "training.answer")) return campaign.oversees ? { view: "province", campaign: heading, ...(await provinceView(db, campaignId)) } : null;

  const [holding] = await queryRows(db, { submissionId: col.int }, sql`select h.submission_id as "submissionId" from ${holdingSubmissions(actor.unitId)} h where h.campaign_id = ${campaignId}`);
  if (!holding) return null;
  const submission = (await submissionsOf(db, sql`s.id = ${holding.submissionId}`))[0];
  const editable = submission.status === "draft" || submission.status === "returned";
  const isFiller = isFillerOf(actor, submission);
  const holder = { id: submission.id, unitId: submission.unitId, campaignId };
  const unit = await getCoveredUnit(db, holder, actor.unitId);
  const own = unit ? await unitForm(db, { campaignId, submissionId: submission.id, unit, mayWrite: editable }) : null;
  // What keeps 「提交回执」 back is the reporting unit's filler's to see.
  const standings = isFiller ? await getPhaseStandings(db, holder) : [];
  const city = isFiller && may(actor.role, "training.approve") ? await cityTable(db, holder, standings) : null;
  return { view: "unit", campaign: heading, submission, own, city, isFiller, editable, missing: receiptGaps(standings, submission.unitId) };
}

async function submissionsOf(db: DbOrTx, where: ReturnType<typeof sql>): Promise<ReceiptsSubmission[]> {
  return queryRows(
    db,
    { id: col.int, unitId: col.int, unitName: col.text, status: col.oneOf(submissionStatus.enumValues), version: col.int, deadline: col.instant, late: col.bool, submittedAt: col.instantOrNull },
    sql`select s.id, s.unit_id as "unitId", u.name as "unitName", s.status, s.version, c.deadline, s.late, s.submitted_at as "submittedAt"
        from submissions s join units u on u.id = s.unit_id join campaigns c on c.id = s.campaign_id
        where ${where} order by u.sort_order, u.code`,
  );
}

function registrationsWhere(where: ReturnType<typeof sql>): ReturnType<typeof sql> {
  return sql`
    select r.id, r.unit_id as "unitId", u.name as "unitName", r.session_id as "sessionId", ts.title as "sessionTitle", ts.phase_id as "phaseId",
           r.name, r.position, r.phone, r.email, r.substitute_reason as "substituteReason", r.state, r.version,
           case when r.state = 'draft' then (
             select e.detail->>'reason' from submission_events e
             where e.submission_id = r.submission_id and e.action = 'training.returned' and (e.detail->>'registrationId')::int = r.id
             order by e.id desc limit 1) end as "returnReason"
    from training_registrations r join units u on u.id = r.unit_id join training_sessions ts on ts.id = r.session_id
    where ${where}`;
}

async function unitForm(db: DbOrTx, { campaignId, submissionId, unit, mayWrite }: { campaignId: number; submissionId: number; unit: { id: number; name: string; kind: (typeof unitKind.enumValues)[number] }; mayWrite: boolean }): Promise<UnitForm> {
  const phases = await queryRows(db, { id: col.int, ordinal: col.int, title: col.text }, sql`select id, ordinal, title from training_phases where campaign_id = ${campaignId} order by ordinal`);
  const sessions = await queryRows(
    db,
    { id: col.int, phaseId: col.int, title: col.text, mode: col.oneOf(trainingMode.enumValues), startsAt: col.instant, endsAt: col.instant, place: col.textOrNull },
    sql`select id, phase_id as "phaseId", title, mode, starts_at as "startsAt", ends_at as "endsAt", place from training_sessions
        where campaign_id = ${campaignId} and not remedial and closed_at is null and ${unit.kind}::unit_kind = any(audience) order by starts_at, id`,
  );
  const registrations = await queryRows(db, registrationColumns, registrationsWhere(sql`r.submission_id = ${submissionId} and r.unit_id = ${unit.id} and not ts.remedial`));
  const seats = await seatCounts(db, sessions.map((s) => s.id), unit.id);
  return {
    unitId: unit.id,
    unitName: unit.name,
    administrator: (await getApprovedAdministrator(db, campaignId, unit.id)) ?? null,
    mayWrite,
    phases: phases
      .map((p) => ({
        ...p,
        sessions: sessions.filter((s) => s.phaseId === p.id).map((s) => ({ id: s.id, title: s.title, mode: s.mode, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, seatsLeft: seats.get(s.id) ?? 0 })),
        registration: registrations.find((r) => r.phaseId === p.id) ?? null,
      }))
      .filter((p) => p.sessions.length > 0 || p.registration),
  };
}

async function seatCounts(db: DbOrTx, sessionIds: number[], unitId: number): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const id of sessionIds) counts.set(id, await seatsLeft(db, id, unitId));
  return counts;
}

async function cityTable(db: DbOrTx, holder: { id: number; unitId: number }, standings: PhaseStanding[]): Promise<CityTable> {
  const rows = await queryRows(db, registrationColumns, registrationsWhere(sql`r.submission_id = ${holder.id} and not ts.remedial order by u.sort_order, u.code, ts.starts_at`));
  return {
    rows,
    unregistered: [...new Set(standings.filter((s) => s.state === null).map((s) => s.unitName))],
    confirmedCount: rows.filter((r) => r.state === "confirmed" && r.unitId !== holder.unitId).length,
  };
}

async function provinceView(db: DbOrTx, campaignId: number) {
  const reports = await submissionsOf(db, sql`s.campaign_id = ${campaignId}`);
  const withCounts = [];
  for (const report of reports) {
    const standings = await getPhaseStandings(db, { id: report.id, unitId: report.unitId, campaignId });
    withCounts.push({ ...report, settled: standings.filter((s) => isSettled(s, report.unitId)).length, expected: standings.length });
  }
  const substitutions = await queryRows(db, registrationColumns, registrationsWhere(sql`r.campaign_id = ${campaignId} and r.substitute_reason is not null order by u.sort_order, u.code`));
  // The province reads other units' people: their contacts masked, as on the roster tables (lib/privacy/mask.ts).
  return { reports: withCounts, substitutions: substitutions.map(maskContact) };
}
