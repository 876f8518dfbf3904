// Which units a reporting unit's 回执 covers (itself and its active subtree, as its roster table does: a unit reporting
// on its own, like 辛集, is not covered by its administrative city's), and where each stands per phase.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { registrationState, unitKind } from "@/db/schema";
import { activeSubtreeIds, holdingSubmissions, subtree } from "@/lib/units/tree";

type Holder = { id: number; unitId: number; campaignId: number };

const MISSING_SHOWN = 5;

/** The covered units of `submission` in registry order, as a derived table (id, path). */
function coveredUnits(submission: Holder) {
  return sql`(
    select t.id, t.path from ${subtree({ roots: submission.unitId, activeOnly: true, ordered: true })} t
    join ${holdingSubmissions(activeSubtreeIds(submission.unitId))} h on h.unit_id = t.id and h.campaign_id = ${submission.campaignId}
    where h.submission_id = ${submission.id})`;
}

export type CoveredUnit = { id: number; name: string; kind: (typeof unitKind.enumValues)[number] };

/** The unit when `submission` covers it, else undefined. */
export async function getCoveredUnit(db: DbOrTx, submission: Holder, unitId: number): Promise<CoveredUnit | undefined> {
  const [unit] = await queryRows(
    db,
    { id: col.int, name: col.text, kind: col.oneOf(unitKind.enumValues) },
    sql`select u.id, u.name, u.kind from ${coveredUnits(submission)} c join units u on u.id = c.id where u.id = ${unitId}`,
  );
  return unit;
}

export type PhaseStanding = {
  unitId: number;
  unitName: string;
  phaseOrdinal: number;
  phaseTitle: string;
  state: (typeof registrationState.enumValues)[number] | null;
};

/**
 * Each covered unit and each phase with (non-补训) sessions for its kind: the state of its registration there, if any.
 * In registry order, phase by phase.
 */
export async function getPhaseStandings(db: DbOrTx, submission: Holder): Promise<PhaseStanding[]> {
  return queryRows(
    db,
    { unitId: col.int, unitName: col.text, phaseOrdinal: col.int, phaseTitle: col.text, state: col.oneOf(registrationState.enumValues).nullable() },
    sql`
    select u.id as "unitId", u.name as "unitName", p.ordinal as "phaseOrdinal", p.title as "phaseTitle",
           (select r.state from training_registrations r join training_sessions rs on rs.id = r.session_id
            where r.unit_id = u.id and rs.phase_id = p.id and not rs.remedial limit 1) as state
    from ${coveredUnits(submission)} c
    join units u on u.id = c.id
    join training_phases p on p.campaign_id = ${submission.campaignId}
    where exists (select 1 from training_sessions s where s.phase_id = p.id and not s.remedial and u.kind = any(s.audience))
    order by c.path, p.ordinal`,
  );
}

/** A registration that counts for 「提交回执」: approved by the city, or confirmed by the reporting unit for its own row. */
export function isSettled(standing: Pick<PhaseStanding, "unitId" | "state">, reportingUnitId: number): boolean {
  if (standing.state === "approved") return true;
  return standing.unitId === reportingUnitId && standing.state === "confirmed";
}

/** What still keeps the 回执 from 「提交回执」, one sentence per unit and phase (the first few, then how many more). */
export function receiptGaps(standings: PhaseStanding[], reportingUnitId: number): string[] {
  const open = standings.filter((s) => !isSettled(s, reportingUnitId));
  const sentences = open.slice(0, MISSING_SHOWN).map((s) => `「${s.unitName}」${s.phaseTitle}${gapWord(s.state)}`);
  if (open.length > MISSING_SHOWN) sentences.push(`另有 ${open.length - MISSING_SHOWN} 项未完成`);
  return sentences;
}

function gapWord(state: PhaseStanding["state"]): string {
  if (state === null) return "尚未报名";
  if (state === "draft") return "尚未确认";
  return "待市级审核";
}
