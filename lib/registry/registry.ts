// Writes to the reporting tree. Every registry command takes the registry lock first: tree changes
// are rare, and serialising them means a cycle check never reads a tree another move is changing
// (two row locks alone let "A under B" and "B under A" both pass their checks).
import { and, eq, ne, notInArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type Unit, units } from "@/db/schema";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { isUnitInSubtree } from "@/lib/units/tree";
import { isSchoolKind } from "./schemas";

export async function lockRegistry(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('baosong:units'))`);
}

/** The unit, row-locked until the transaction ends; 404 when it does not exist or lies outside the actor's scope. */
export async function lockUnit(tx: Tx, actor: Actor, unitId: number): Promise<Unit> {
  const [unit] = await tx
    .select()
    .from(units)
    .where(and(eq(units.id, unitId), sql`${units.id} in ${unitsInScope(actor)}`))
    .for("update");
  if (!unit) throw notFound();
  return unit;
}

/** True when `unitId` is `parentId` or one of its ancestors: reporting to it would close a loop. */
export function wouldCycle(tx: Tx, unitId: number, parentId: number): Promise<boolean> {
  return isUnitInSubtree({ db: tx, unitId: parentId, rootId: unitId });
}

/**
 * The unit a unit may report to: an active bureau of the actor's province (schools have no units below
 * them), and never the unit itself or one below it. Problems are field errors on `parentId`.
 */
export async function checkParent(tx: Tx, actor: Actor, parentId: number, unitId?: number): Promise<Unit> {
  const refuse = (message: string) => new DomainError("", { fieldErrors: { parentId: message }, detail: { parentId } });
  const [parent] = await tx
    .select()
    .from(units)
    .where(and(eq(units.id, parentId), sql`${units.id} in ${unitsInScope(actor)}`));
  if (!parent) throw refuse("上级单位不存在，请重新选择");
  if (!parent.active) throw refuse(`上级单位「${parent.name}」已停用，请选择启用中的单位`);
  if (isSchoolKind(parent.kind)) throw refuse(`「${parent.name}」是学校，学校下不能再设单位，请选择教育行政部门`);
  if (unitId !== undefined && (await wouldCycle(tx, unitId, parentId))) {
    throw refuse(`不能把单位移到它自己${parent.id === unitId ? "" : `的下级「${parent.name}」`}之下，这会使上报关系形成循环`);
  }
  return parent;
}

/** The next position among a parent's children, so a new or moved unit is listed last. */
export async function nextSortOrder(tx: Tx, parentId: number): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${units.sortOrder}), 0)::int + 1` })
    .from(units)
    .where(eq(units.reportingParentId, parentId));
  return row.next;
}

/** Unit codes (and school codes) are unique: a clash is a field error naming the unit that has it. */
export async function checkCodeFree(tx: Tx, code: string, exceptUnitId?: number): Promise<void> {
  const [taken] = await tx
    .select({ name: units.name })
    .from(units)
    .where(and(sql`(${units.code} = ${code} or ${units.schoolCode} = ${code})`, exceptUnitId ? ne(units.id, exceptUnitId) : undefined));
  if (taken) throw new DomainError("", { fieldErrors: { code: `代码 ${code} 已被「${taken.name}」使用，请核对` } });
}

/** 所在县区代码 must name a division that the registry knows (a bureau carries it). */
export async function isKnownDivision(tx: Tx, divisionCode: string): Promise<boolean> {
  const rows = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.divisionCode, divisionCode), notInArray(units.kind, ["school", "college"])))
    .limit(1);
  return rows.length > 0;
}
