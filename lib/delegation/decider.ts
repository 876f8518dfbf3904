// Who decides on delegated rows: the city on every row of its table; a county that collects its schools on the rows
// it handed on to them (a school fills its own row and hands it to the county, 提交给县级).
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { delegationState } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { type LockedSubmission, lockEditableSubmission } from "@/lib/submissions/lock";
import type { LockedRow } from "./lock";
import type { DecidedRow, DeciderKind } from "./rules";

export type Decider = {
  submission: LockedSubmission;
  /** The collecting county's own delegation, when the county decides; null when the city does. */
  collector: { id: number; unitId: number; unitName: string; deadline: Date } | null;
};

/** The city's filler, on its open table. */
export async function lockCityDecider(tx: Tx, actor: Actor, submissionId: number): Promise<Decider> {
  return { submission: await lockEditableSubmission(tx, actor, submissionId), collector: null };
}

/**
 * A county delegate of the open table, its delegation locked for the change. A unit that is no such delegate finds
 * nothing; once the county has handed in (提交给市级) it decides nothing until it withdraws.
 */
export async function lockCountyDecider(tx: Tx, actor: Actor, submissionId: number): Promise<Decider> {
  const submission = await lockEditableSubmission(tx, actor, submissionId, "share", "row writer");
  const collector = await queryRow(
    tx,
    { id: col.int, unitId: col.int, unitName: col.text, deadline: col.instant, state: col.oneOf(delegationState.enumValues) },
    sql`select d.id, d.delegate_unit_id as "unitId", u.name as "unitName", d.deadline, d.state
        from delegations d join units u on u.id = d.delegate_unit_id
        where d.submission_id = ${submission.id} and d.delegate_unit_id = ${actor.unitId} and d.parent_delegation_id is null and u.kind = 'county_bureau'
        for update of d`,
  );
  if (!collector) throw notFound();
  if (collector.state === "submitted") throw new DomainError("您已提交给市级，不能再调整学校的行。如需调整，请先撤回。");
  return { submission, collector: { id: collector.id, unitId: collector.unitId, unitName: collector.unitName, deadline: collector.deadline } };
}

/**
 * The rows this decider decides on: the city every delegated row, a county only those it handed on to its schools.
 * A row outside them is another unit's: not found.
 */
export function decidedBy(decider: Decider, unitIds: number[], locked: Map<number, LockedRow>): LockedRow[] {
  const rows = [...locked.values()];
  const collectorId = decider.collector?.id;
  if (collectorId !== undefined && (rows.length !== unitIds.length || rows.some((r) => r.collector?.delegationId !== collectorId))) throw notFound();
  return rows;
}

/** Which decider this is, for the rules of lib/delegation/rules.ts. */
export const kindOf = (decider: Decider): DeciderKind => (decider.collector ? "county" : "city");

/** A locked row as the rules read it. */
export const decidedRow = (row: LockedRow): DecidedRow => ({ state: row.state, collectorHandedIn: row.collector && row.collector.state === "submitted" });

/** The latest deadline this decider may give: the campaign's for the city, the county's own for its schools. */
export function deadlineLimit(decider: Decider): { at: Date; what: string } {
  return decider.collector ? { at: decider.collector.deadline, what: "市级规定的本单位截止时间" } : { at: decider.submission.deadline, what: "任务截止时间" };
}
