import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";

/** True when `unitId` is the actor's unit or below it in the reporting tree (anywhere, for province roles). */
export async function isUnitInScope(db: DbOrTx, actor: Pick<Actor, "role" | "unitId">, unitId: number): Promise<boolean> {
  // 三权分立: the auditor reads the audit log and no reporting data.
  if (actor.role === "auditor") return false;
  if (hasProvinceScope(actor.role)) {
    const rows = await db.execute(sql`select 1 from units where id = ${unitId}`);
    return rows.length > 0;
  }
  const rows = await db.execute(sql`
    with recursive up(id, parent) as (
      select id, reporting_parent_id from units where id = ${unitId}
      union all
      select u.id, u.reporting_parent_id from units u join up on u.id = up.parent
    )
    select 1 from up where id = ${actor.unitId} limit 1`);
  return rows.length > 0;
}

/**
 * A submission is visible to whoever has its reporting unit in scope, and to the units it covers
 * (a county officer looks at its city's table, where it sees its own rows).
 */
export async function isSubmissionVisible(db: DbOrTx, actor: Pick<Actor, "role" | "unitId">, reportingUnitId: number): Promise<boolean> {
  return (await isUnitInScope(db, actor, reportingUnitId)) || (await isUnitInScope(db, { role: "city_officer", unitId: reportingUnitId }, actor.unitId));
}

/** SQL for the ids of a unit's active subtree (itself included; nothing below an inactive unit), for use inside other queries. */
export function activeSubtreeIds(rootUnitId: number | SQL) {
  return sql`(
    with recursive down(id) as (
      select id from units where id = ${rootUnitId} and active
      union all
      select u.id from units u join down on u.reporting_parent_id = down.id where u.active
    )
    select id from down)`;
}
