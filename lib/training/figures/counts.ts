// How the figures of lib/training/figures.ts are counted: the 培训情况 page and the training bulletin both count
// through here. A 回执's on time, late or missing is the engine's (tableFacts), as for any task.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { trainingMode, type UnitKind, unitKind } from "@/db/schema";
import { reportingReceipts } from "@/lib/campaigns/reporting-receipts";
import { subtree } from "@/lib/units/tree";
import type { TrainingFacts } from "./figures";

const ATTENDANCE_ROW = { registered: col.int, present: col.int, absent: col.int, remedied: col.int };

/** A training task's facts, province-wide: every active reporting unit's 回执, every session, attendance per unit and session. */
export async function trainingFacts(db: DbOrTx, campaignId: number): Promise<TrainingFacts> {
  const reporting = await reportingReceipts(db, campaignId);
  const sessions = await queryRows(
    db,
    { id: col.int, phaseId: col.int, phaseOrdinal: col.int, phaseTitle: col.text, title: col.text, mode: col.oneOf(trainingMode.enumValues), startsAt: col.instant, remedial: col.bool },
    sql`select s.id, s.phase_id as "phaseId", p.ordinal as "phaseOrdinal", p.title as "phaseTitle", s.title, s.mode, s.starts_at as "startsAt", s.remedial
        from training_sessions s join training_phases p on p.id = s.phase_id
        where s.campaign_id = ${campaignId}
        order by p.ordinal, s.remedial, s.starts_at, s.id`,
  );
  // Drafts are pre-filled suggestions, not yet anyone's registration. 补训完成 is counted on the absent registration.
  const cells = await queryRows(
    db,
    { reportingId: col.int, unitId: col.int, sessionId: col.int, ...ATTENDANCE_ROW },
    sql`select s.unit_id as "reportingId", r.unit_id as "unitId", r.session_id as "sessionId",
               count(*)::int as registered,
               (count(*) filter (where r.attendance = 'present'))::int as present,
               (count(*) filter (where r.attendance = 'absent'))::int as absent,
               (count(*) filter (where r.attendance = 'absent' and exists (
                 select 1 from training_registrations m where m.remedial_of = r.id and m.attendance = 'present' and m.state <> 'draft')))::int as remedied
        from training_registrations r join submissions s on s.id = r.submission_id
        where r.campaign_id = ${campaignId} and r.state <> 'draft'
        group by s.unit_id, r.unit_id, r.session_id`,
  );
  return {
    reporting,
    sessions: sessions.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })),
    cells,
  };
}

export type CoveredUnit = { id: number; name: string; kind: UnitKind; depth: number };

/** The active units a reporting unit's 回执 covers (itself, its counties and schools), in tree order. */
export async function coveredUnits(db: DbOrTx, reportingId: number): Promise<CoveredUnit[]> {
  return queryRows(
    db,
    { id: col.int, name: col.text, kind: col.oneOf(unitKind.enumValues), depth: col.int },
    sql`select c.id, u.name, u.kind, c.depth from ${subtree({ roots: reportingId, activeOnly: true, ordered: true })} c
        join units u on u.id = c.id order by c.path`,
  );
}
