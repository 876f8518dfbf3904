import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Unit, units } from "@/db/schema";
import { changesOf } from "@/lib/audit/changes";
import { DomainError } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { importSchools } from "./import";
import { getHoldingsBelow, rehomeRows } from "./rehome";
import { checkCodeFree, checkParent, isKnownDivision, lockRegistry, lockUnit, nextSortOrder } from "./registry";
import { createUnitSchema, listImportSchema, isSchoolKind, moveUnitSchema, unitCodeProblem, unitIdSchema, updateUnitSchema } from "./schemas";


async function checkDivision(tx: Tx, divisionCode: string | null): Promise<void> {
  if (divisionCode && !(await isKnownDivision(tx, divisionCode)))
    throw new DomainError("", { fieldErrors: { divisionCode: `所在县区代码：${divisionCode} 不是单位库中的市或县（区）代码，请核对` } });
}

/** A school under its province bureau directly is province-affiliated (省属); anywhere else it is not. */
function affiliation(kind: Unit["kind"], parent: Unit): boolean {
  return isSchoolKind(kind) && parent.kind === "province_bureau";
}

export const createUnitCommand = defineCommand({
  name: "unit.create",
  permission: "units.manage",
  input: createUnitSchema,
  async run({ tx, actor, now, target }, input) {
    await lockRegistry(tx);
    const parent = await checkParent(tx, actor, input.parentId);
    await checkCodeFree(tx, input.code);
    await checkDivision(tx, input.divisionCode);
    const school = isSchoolKind(input.kind);
    const [unit] = await tx
      .insert(units)
      .values({
        code: input.code,
        name: input.name,
        kind: input.kind,
        reportingParentId: parent.id,
        divisionCode: input.divisionCode,
        schoolCode: school ? input.code : null,
        provinceAffiliated: affiliation(input.kind, parent),
        sortOrder: await nextSortOrder(tx, parent.id),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    target("unit", unit.id, { code: unit.code, name: unit.name, parentId: parent.id });
    return { unitId: unit.id };
  },
});

export const updateUnitCommand = defineCommand({
  name: "unit.update",
  permission: "units.manage",
  input: updateUnitSchema,
  async run({ tx, actor, now, target }, input) {
    await lockRegistry(tx);
    const unit = await lockUnit(tx, actor, input.unitId);
    const problem = unitCodeProblem(unit.kind, input.code);
    if (problem) throw new DomainError("", { fieldErrors: { code: problem } });
    if (input.code !== unit.code) await checkCodeFree(tx, input.code, unit.id);
    if (input.divisionCode !== unit.divisionCode) await checkDivision(tx, input.divisionCode);
    const changes = { name: input.name, code: input.code, divisionCode: input.divisionCode, schoolCode: isSchoolKind(unit.kind) ? input.code : null };
    const diff = changesOf(unit, changes);
    target("unit", unit.id, diff);
    if (diff.changed.length > 0) await tx.update(units).set({ ...changes, updatedAt: now }).where(eq(units.id, unit.id));
    return { unitId: unit.id };
  },
});

/**
 * Changes whom a unit reports to, taking its rows (and those below it) to the table that holds them now.
 * Refused when the new parent is the unit itself or below it, and while a table it leaves or joins is
 * submitted or approved.
 */
export const moveUnitCommand = defineCommand({
  name: "unit.move",
  permission: "units.manage",
  input: moveUnitSchema,
  async run({ tx, actor, now, target }, input) {
    await lockRegistry(tx);
    const unit = await lockUnit(tx, actor, input.unitId);
    if (unit.id === actor.unitId) throw new DomainError(`「${unit.name}」是本单位，不能移动。`);
    if (unit.reportingParentId === input.parentId) return { unitId: unit.id };
    const parent = await checkParent(tx, actor, input.parentId, unit.id);
    target("unit", unit.id, { from: unit.reportingParentId, to: parent.id });
    const before = await getHoldingsBelow(tx, unit);
    await tx
      .update(units)
      .set({ reportingParentId: parent.id, provinceAffiliated: affiliation(unit.kind, parent), sortOrder: await nextSortOrder(tx, parent.id), updatedAt: now })
      .where(eq(units.id, unit.id));
    const rehomed = await rehomeRows(tx, { unit, parent, before });
    target("unit", unit.id, { from: unit.reportingParentId, to: parent.id, rehomed });
    return { unitId: unit.id };
  },
});

/** A deactivated unit drops out of every table below its reporting unit; its history stays. */
export const deactivateUnitCommand = defineCommand({
  name: "unit.deactivate",
  permission: "units.manage",
  input: unitIdSchema,
  async run({ tx, actor, now, target }, input) {
    await lockRegistry(tx);
    const unit = await lockUnit(tx, actor, input.unitId);
    if (unit.id === actor.unitId) throw new DomainError(`「${unit.name}」是本单位，不能停用。`);
    target("unit", unit.id);
    if (!unit.active) return { unitId: unit.id };
    const [{ children }] = await queryRows(tx, { children: col.int }, sql`select count(*)::int as children from units where reporting_parent_id = ${unit.id} and active`);
    if (children > 0) throw new DomainError(`「${unit.name}」下还有 ${children} 个启用中的下级单位，请先将它们移到其他单位或停用后，再停用本单位。`);
    await tx.update(units).set({ active: false, updatedAt: now }).where(eq(units.id, unit.id));
    return { unitId: unit.id };
  },
});

export const reactivateUnitCommand = defineCommand({
  name: "unit.reactivate",
  permission: "units.manage",
  input: unitIdSchema,
  async run({ tx, actor, now, target }, input) {
    await lockRegistry(tx);
    const unit = await lockUnit(tx, actor, input.unitId);
    target("unit", unit.id);
    if (unit.active) return { unitId: unit.id };
    const [parent] = unit.reportingParentId ? await tx.select().from(units).where(eq(units.id, unit.reportingParentId)) : [];
    if (parent && !parent.active) throw new DomainError(`上级单位「${parent.name}」已停用，请先启用上级单位，或把本单位移到启用中的单位下。`);
    await tx.update(units).set({ active: true, updatedAt: now }).where(eq(units.id, unit.id));
    return { unitId: unit.id };
  },
});

/**
 * Removes a unit entered by mistake. Anything that already refers to it (a submitted or approved row,
 * a filled-in row, accounts, campaign assignments, units below it) keeps it: such a unit can only be deactivated.
 */
export const deleteUnitCommand = defineCommand({
  name: "unit.delete",
  permission: "units.manage",
  input: unitIdSchema,
  async run({ tx, actor, target }, input) {
    await lockRegistry(tx);
    const unit = await lockUnit(tx, actor, input.unitId);
    target("unit", unit.id, { code: unit.code, name: unit.name, parentId: unit.reportingParentId });
    const [uses] = await queryRows(
      tx,
      { reported: col.int, rows: col.int, children: col.int, accounts: col.int, assignments: col.int },
      sql`
      select
        (select count(*)::int from roster_entries e join submissions s on s.id = e.submission_id
          where e.unit_id = ${unit.id} and s.status in ('submitted', 'approved', 'returned')) as reported,
        (select count(*)::int from roster_entries where unit_id = ${unit.id}) as rows,
        (select count(*)::int from units where reporting_parent_id = ${unit.id}) as children,
        (select count(*)::int from users where unit_id = ${unit.id}) as accounts,
        (select count(*)::int from campaign_assignments where unit_id = ${unit.id}) as assignments`,
    );
    const onlyDeactivate = "只能停用";
    if (unit.id === actor.unitId) throw new DomainError(`「${unit.name}」是本单位，不能删除。`);
    if (uses.reported > 0) throw new DomainError(`「${unit.name}」已有已提交或已通过的报送记录，不能删除，${onlyDeactivate}。`);
    if (uses.rows > 0) throw new DomainError(`「${unit.name}」在报送表中已填写了管理员信息，不能删除，${onlyDeactivate}。`);
    if (uses.children > 0) throw new DomainError(`「${unit.name}」下还有 ${uses.children} 个下级单位，不能删除。请先移走下级单位，或${onlyDeactivate}本单位。`);
    if (uses.accounts > 0) throw new DomainError(`「${unit.name}」还有 ${uses.accounts} 个账号，不能删除，${onlyDeactivate}。`);
    if (uses.assignments > 0) throw new DomainError(`「${unit.name}」已被分配过报送任务，不能删除，${onlyDeactivate}。`);
    try {
      // A savepoint: a reference not counted above (an email sent about the unit) must not abort the transaction.
      await tx.transaction((sp) => sp.delete(units).where(eq(units.id, unit.id)));
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== "23503") throw error;
      throw new DomainError(`「${unit.name}」已有相关的邮件或操作记录，不能删除，${onlyDeactivate}。`);
    }
    return { unitId: unit.id };
  },
});

/** The school list from an .xlsx: `preview` checks every row and writes nothing; `commit` writes all rows or none. */
export const importSchoolsCommand = defineCommand({
  name: "unit.import_schools",
  permission: "units.manage",
  input: listImportSchema,
  async run(ctx, input) {
    await lockRegistry(ctx.tx);
    return importSchools(ctx, input);
  },
});
