import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";
import { isUnitInSubtree } from "@/lib/units/tree";

/** True when `unitId` is the actor's unit or below it in the reporting tree (anywhere, for province roles). */
export async function isUnitInScope(db: DbOrTx, actor: Pick<Actor, "role" | "unitId">, unitId: number): Promise<boolean> {
  // 三权分立: the auditor reads the audit log and no reporting data.
  if (actor.role === "auditor") return false;
  if (hasProvinceScope(actor.role)) {
    const rows = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    return rows.length > 0;
  }
  return isUnitInSubtree({ db, unitId, rootId: actor.unitId });
}

/**
 * A submission is visible to whoever has its reporting unit in scope, and to the units it covers
 * (a county officer looks at its city's table, where it sees its own rows).
 */
export async function isSubmissionVisible(db: DbOrTx, actor: Pick<Actor, "role" | "unitId">, reportingUnitId: number): Promise<boolean> {
  return (await isUnitInScope(db, actor, reportingUnitId)) || (await isUnitInScope(db, { role: "city_officer", unitId: reportingUnitId }, actor.unitId));
}
