// Scope, in one place: what a person may see is the subtree of their unit. A province role's unit is its
// province bureau, so its scope is that province; the ministry viewer's is 教育部, the root, so every
// province. Both are walked by lib/units/tree.ts rather than kept in a denormalised province column: a
// membership test walks up one unit's line (at most five rows, 部 → 校), a list walks down one subtree (a
// province is about a thirty-first of the national tree's 10,500 units), and a move in 单位管理 has nothing
// else to keep in step.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { isInSubtree, isUnitInSubtree, subtreeIds } from "@/lib/units/tree";

type Scoped = Pick<Actor, "role" | "unitId">;

/** True when `unitId` is the actor's unit or below it in the reporting tree. */
export async function isUnitInScope(db: DbOrTx, actor: Scoped, unitId: number): Promise<boolean> {
  // 三权分立: the auditor reads the audit log and no reporting data.
  if (actor.role === "auditor") return false;
  return isUnitInSubtree({ db, unitId, rootId: actor.unitId });
}

/** The ids of the units in the actor's scope (its unit's whole subtree), as a parenthesised query for `… in ${…}`. */
export function unitsInScope(actor: Scoped): SQL {
  return subtreeIds(actor.unitId);
}

/**
 * SQL true when the campaign whose publishing unit is `ownerUnitId` (a column or value) is followed by the
 * actor as an overseer: published by its own unit or one below it (a province its own, the ministry every province's).
 */
export function isCampaignInScope(actor: Scoped, ownerUnitId: SQL): SQL {
  return actor.role === "auditor" ? sql`false` : isInSubtree(ownerUnitId, actor.unitId);
}

/**
 * SQL true when the actor may read what a campaign published (its bulletins): the actor's unit lies in
 * the publishing unit's subtree (a school of that province), or the actor oversees it.
 */
export function isCampaignPublishedTo(actor: Scoped, ownerUnitId: SQL): SQL {
  return sql`(${isInSubtree(actor.unitId, ownerUnitId)} or ${isCampaignInScope(actor, ownerUnitId)})`;
}

/**
 * A submission is visible to whoever has its reporting unit in scope, and to the units it covers
 * (a county officer looks at its city's table, where it sees its own rows); only to roles that read
 * tables, though: its rows name people, and the ministry viewer and the security administrator see none.
 */
export async function isSubmissionVisible(db: DbOrTx, actor: Scoped, reportingUnitId: number): Promise<boolean> {
  if (!may(actor.role, "tasks.read")) return false;
  return (await isUnitInScope(db, actor, reportingUnitId)) || (await isUnitInScope(db, { role: "city_officer", unitId: reportingUnitId }, actor.unitId));
}

/** A table's milestones: they concern every unit the table covers. */
const TABLE_MILESTONES = ["submitted", "withdrawn", "returned", "approved", "account.issued"];

/** Delegation events about every delegate of the table at once: the internal deadline. */
const DELEGATES_MILESTONES = ["delegation.deadline_set"];

/**
 * SQL true when the timeline event `e` (a submission_events row) concerns the actor's units: one about a unit
 * in the actor's scope (its row saved, its administrator activated: `unitId`; rows imported, handed out, taken back,
 * confirmed: `unitIds`), one done by a person of those units (提交给市级, 撤回), one of the table's milestones, or, for a
 * delegate of the table, one addressed to all its delegates. For a county or school reading its city's table,
 * whose other rows, imports, header and scan are not its own.
 */
export function eventConcernsUnitsOf(actor: Scoped): SQL {
  const list = (actions: string[]) => sql.join(actions.map((a) => sql`${a}`), sql`, `);
  return sql`(e.action in (${list(TABLE_MILESTONES)})
    or (e.detail ? 'unitId' and (e.detail->>'unitId')::int in ${unitsInScope(actor)})
    or exists (
      select 1 from jsonb_array_elements_text(case when jsonb_typeof(e.detail->'unitIds') = 'array' then e.detail->'unitIds' else '[]'::jsonb end) x(id)
      where x.id::int in ${unitsInScope(actor)})
    or exists (select 1 from users eu where eu.id = e.actor_id and eu.unit_id in ${unitsInScope(actor)})
    or (e.action in (${list(DELEGATES_MILESTONES)})
        and exists (select 1 from delegations ed where ed.submission_id = e.submission_id and ed.delegate_unit_id = ${actor.unitId})))`;
}
