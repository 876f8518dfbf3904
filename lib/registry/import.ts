// The school list from an .xlsx (学校名称, 学校标识码, 所在县区代码, 隶属单位, 是否省属) as a kind of
// import: every row is checked against the registry and the rest of the file before anything is
// written, and a commit writes all rows in the command's transaction or, with a single row in error, none.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Unit, type UnitKind, units } from "@/db/schema";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { type CommandContext } from "@/lib/core/command";
import { normalizeSchoolCode, schoolCodeWarnings } from "@/lib/roster/rules";
import { looseName } from "@/lib/xlsx/match";
import { headingsOf, type TableRow, type TableSpec } from "@/lib/xlsx/parse";
import { commitImport, type ImportKind, type ImportOutcome, type ImportPlan, previewImport, type PreviewRow } from "@/lib/xlsx/pipeline";
import { wouldCycle } from "./registry";
import { isSchoolKind, type ListImportInput, unitNameSchema } from "./schemas";

type SchoolColumn = "name" | "schoolCode" | "divisionCode" | "parent" | "affiliated";

export const SCHOOL_TABLE: TableSpec<SchoolColumn> = {
  columns: {
    name: ["学校名称", "名称", "学校"],
    schoolCode: ["学校标识码", "学校教育事业统计标识码", "教育事业统计标识码", "标识码"],
    divisionCode: ["所在县区代码", "县区代码", "所在县区", "行政区划代码"],
    parent: ["隶属单位", "上级单位", "上报单位", "主管单位"],
    affiliated: ["是否省属", "省属"],
  },
  emptyMessage: "表头下面没有学校，请每所学校填写一行后再导入。",
};

export const SCHOOL_HEADINGS = headingsOf(SCHOOL_TABLE.columns);

export type RegistryUnit = Pick<Unit, "id" | "code" | "name" | "kind" | "reportingParentId" | "divisionCode" | "schoolCode" | "provinceAffiliated" | "active">;

/** One planned write: a new school, or the fields of an existing one that change. */
export type SchoolWrite = {
  line: number;
  existing: RegistryUnit | null;
  values: { name: string; schoolCode: string; divisionCode: string | null; parentId: number; provinceAffiliated: boolean; kind: UnitKind };
};

const FIELD_NAMES: Record<"name" | "divisionCode" | "parentId", string> = { name: "学校名称", divisionCode: "所在县区代码", parentId: "隶属单位" };

/**
 * Pure: what each row would do given the registry. Rows are matched to existing schools by
 * 学校标识码 (an update); a code used twice in the file, a 隶属单位 the registry does not have,
 * or anything malformed is an error on the row.
 */
export function planSchools(rows: readonly TableRow<SchoolColumn>[], registry: readonly RegistryUnit[]): ImportPlan<SchoolColumn, SchoolWrite> {
  const byId = new Map(registry.map((u) => [u.id, u]));
  const bureaus = registry.filter((u) => !isSchoolKind(u.kind));
  const province = bureaus.find((u) => u.kind === "province_bureau");
  const bySchoolCode = new Map(registry.filter((u) => u.schoolCode).map((u) => [u.schoolCode as string, u]));
  const byCode = new Map(registry.map((u) => [u.code, u]));
  const divisions = new Set(bureaus.map((u) => u.divisionCode).filter(Boolean));
  const linesOfCode = new Map<string, number[]>();
  for (const row of rows) {
    const code = normalizeSchoolCode(row.values.schoolCode);
    if (code.ok) linesOfCode.set(code.value, [...(linesOfCode.get(code.value) ?? []), row.line]);
  }

  const previewRows: PreviewRow<SchoolColumn>[] = [];
  const writes: SchoolWrite[] = [];
  for (const row of rows) {
    const errors: string[] = [];
    const warnings: string[] = [];
    const v = row.values;
    for (const [column, error] of Object.entries(row.cellErrors)) errors.push(`${SCHOOL_TABLE.columns[column as SchoolColumn][0]}：单元格是错误值 ${error}，请改为文字`);

    const name = unitNameSchema.safeParse(v.name);
    if (!name.success) errors.push(name.error.issues[0].message.replace(/^单位名称/, "学校名称"));

    const code = normalizeSchoolCode(v.schoolCode);
    if (!code.ok) errors.push(`学校标识码：${code.message}`);
    else {
      warnings.push(...schoolCodeWarnings(code.value).map((w) => `学校标识码：${w}`));
      const lines = linesOfCode.get(code.value) ?? [];
      if (lines.length > 1) errors.push(`学校标识码：${code.value} 在第 ${lines.join("、")} 行重复出现，每所学校只能填一行`);
    }

    const divisionCode = v.divisionCode.normalize("NFKC").replace(/\s+/g, "") || null;
    if (divisionCode && !divisions.has(divisionCode)) errors.push(`所在县区代码：${divisionCode} 不是单位库中的市或县（区）代码，请核对`);

    const affiliatedText = v.affiliated.normalize("NFKC").trim();
    const affiliated = ["是", "省属"].includes(affiliatedText) ? true : ["否", ""].includes(affiliatedText) ? false : null;
    if (affiliated === null) errors.push("是否省属：请填写「是」或「否」");

    const parent = resolveParent(v.parent, { registry, byCode, province });
    if (!parent.ok) errors.push(parent.message);
    else if (affiliated === true && parent.unit && parent.unit.id !== province?.id) errors.push(`隶属单位：省属学校直接隶属于省教育厅，「${parent.unit.name}」不是省教育厅；如不是省属学校，请把「是否省属」改为「否」`);
    else if (affiliated === false && !parent.unit) errors.push("隶属单位：请填写学校所隶属的市或县（区）教育局的名称或代码");
    else if (affiliated === false && parent.unit?.kind === "province_bureau") errors.push("隶属单位：直接隶属于省教育厅的是省属学校，请把「是否省属」改为「是」，或填写所隶属的教育局");
    const parentUnit = parent.ok ? (parent.unit ?? (affiliated ? province : undefined)) : undefined;

    const existing = code.ok ? (bySchoolCode.get(code.value) ?? null) : null;
    const taken = code.ok && !existing ? byCode.get(code.value) : undefined;
    if (taken && code.ok) errors.push(`学校标识码：${code.value} 已是「${taken.name}」的单位代码，请核对`);

    const shown = {
      name: name.success ? name.data : v.name,
      schoolCode: code.ok ? code.value : v.schoolCode,
      divisionCode: divisionCode ?? "",
      parent: parentUnit?.name ?? v.parent,
      affiliated: affiliated === null ? v.affiliated : affiliated ? "是" : "否",
    };
    if (errors.length > 0 || !name.success || !code.ok || !parentUnit || affiliated === null) {
      previewRows.push({ line: row.line, values: shown, status: "error", changes: [], errors, warnings });
      continue;
    }

    const values = {
      name: name.data,
      schoolCode: code.value,
      divisionCode,
      parentId: parentUnit.id,
      provinceAffiliated: affiliated,
      kind: existing?.kind ?? (code.value.startsWith("41") ? "college" : "school"),
    } satisfies SchoolWrite["values"];
    if (!existing) {
      const namesake = registry.find((u) => isSchoolKind(u.kind) && looseName(u.name) === looseName(values.name));
      if (namesake) warnings.push(`学校名称：单位库中已有同名学校（标识码 ${namesake.schoolCode}），请确认不是同一所学校`);
      previewRows.push({ line: row.line, values: shown, status: "new", changes: [], errors, warnings });
      writes.push({ line: row.line, existing: null, values });
      continue;
    }
    const before = { name: existing.name, divisionCode: existing.divisionCode, parentId: existing.reportingParentId as number };
    const changes = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[])
      .filter((k) => before[k] !== values[k])
      .map((k) => {
        const show = (value: string | number | null) => (k === "parentId" ? (byId.get(value as number)?.name ?? "") : (value ?? "（空）"));
        return `${FIELD_NAMES[k]}：${show(before[k])} → ${show(values[k])}`;
      });
    if (!existing.active) warnings.push("该学校在单位库中已停用，导入只更新信息，不会重新启用");
    previewRows.push({ line: row.line, values: shown, status: changes.length > 0 ? "changed" : "unchanged", changes, errors, warnings });
    if (changes.length > 0) writes.push({ line: row.line, existing, values });
  }
  return { rows: previewRows, writes };
}

type ParentMatch = { ok: true; unit: RegistryUnit | undefined } | { ok: false; message: string };

/** 隶属单位 by unit code, exact name, or name without spaces and brackets; only bureaus can have schools. */
function resolveParent(raw: string, { registry, byCode, province }: { registry: readonly RegistryUnit[]; byCode: Map<string, RegistryUnit>; province: RegistryUnit | undefined }): ParentMatch {
  const text = raw.normalize("NFKC").trim();
  if (!text) return { ok: true, unit: undefined };
  const byExactCode = byCode.get(text.toUpperCase());
  const found = byExactCode ? [byExactCode] : registry.filter((u) => u.name === text || looseName(u.name) === looseName(text));
  const unit = found.length === 1 ? found[0] : text === "省教育厅" ? province : undefined;
  if (found.length > 1) return { ok: false, message: `隶属单位：单位库中有 ${found.length} 个单位叫「${text}」，请改填单位代码` };
  if (!unit) return { ok: false, message: `隶属单位：单位库中没有「${text}」，请核对名称或代码，或先在「单位管理」中新增该单位` };
  if (isSchoolKind(unit.kind)) return { ok: false, message: `隶属单位：「${unit.name}」是学校，学校不能隶属于学校，请填写教育局` };
  if (!unit.active) return { ok: false, message: `隶属单位：「${unit.name}」已停用，请填写启用中的单位` };
  return { ok: true, unit };
}

/** The school list as a kind of import, against the actor's province; the caller holds the registry lock. */
const schoolImport = (actor: Actor): ImportKind<SchoolColumn, SchoolWrite> => ({
  ...SCHOOL_TABLE,
  target: (step) => ({ type: "unit_import", id: step }),
  async plan(tx, rows) {
    const registry = await tx
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        kind: units.kind,
        reportingParentId: units.reportingParentId,
        divisionCode: units.divisionCode,
        schoolCode: units.schoolCode,
        provinceAffiliated: units.provinceAffiliated,
        active: units.active,
      })
      .from(units)
      .where(sql`${units.id} in ${unitsInScope(actor)}`);
    const plan = planSchools(rows, registry);
    await refuseLoops(tx, plan);
    return plan;
  },
  write: ({ tx, now }, plan) => applySchoolWrites(tx, plan.writes, now),
});

/** `preview` checks every row and writes nothing; `commit` writes the previewed file's rows, all or none. */
export function importSchools(ctx: CommandContext, input: ListImportInput): Promise<ImportOutcome> {
  const kind = schoolImport(ctx.actor);
  return input.mode === "preview" ? previewImport(ctx, kind, input) : commitImport(ctx, kind, input);
}

/** The registry never holds a loop: a school moved under a unit that reports to it is refused (checked in SQL). */
async function refuseLoops(tx: Tx, plan: ImportPlan<SchoolColumn, SchoolWrite>): Promise<void> {
  for (const write of [...plan.writes]) {
    if (!write.existing || write.existing.reportingParentId === write.values.parentId) continue;
    if (!(await wouldCycle(tx, write.existing.id, write.values.parentId))) continue;
    const row = plan.rows.find((r) => r.line === write.line) as PreviewRow<SchoolColumn>;
    row.status = "error";
    row.errors.push("隶属单位：该单位位于这所学校之下，学校不能隶属于自己的下级，这会使上报关系形成循环");
    plan.writes.splice(plan.writes.indexOf(write), 1);
  }
}

async function applySchoolWrites(tx: Tx, writes: SchoolWrite[], now: Date): Promise<void> {
  const last = new Map<number, number>();
  const lasts = await queryRows(tx, { parent: col.int, last: col.int }, sql`select reporting_parent_id as parent, max(sort_order)::int as last from units where reporting_parent_id is not null group by 1`);
  for (const row of lasts) last.set(row.parent, row.last);
  const position = (parentId: number) => {
    const next = (last.get(parentId) ?? 0) + 1;
    last.set(parentId, next);
    return next;
  };
  const inserts = writes
    .filter((w) => !w.existing)
    .map(({ values: v }) => ({
      code: v.schoolCode,
      schoolCode: v.schoolCode,
      name: v.name,
      kind: v.kind,
      reportingParentId: v.parentId,
      divisionCode: v.divisionCode,
      provinceAffiliated: v.provinceAffiliated,
      sortOrder: position(v.parentId),
      createdAt: now,
      updatedAt: now,
    }));
  for (let i = 0; i < inserts.length; i += 500) await tx.insert(units).values(inserts.slice(i, i + 500));
  for (const { existing, values: v } of writes) {
    if (!existing) continue;
    const moved = existing.reportingParentId !== v.parentId;
    await tx
      .update(units)
      .set({
        name: v.name,
        divisionCode: v.divisionCode,
        reportingParentId: v.parentId,
        provinceAffiliated: v.provinceAffiliated,
        ...(moved ? { sortOrder: position(v.parentId) } : {}),
        updatedAt: now,
      })
      .where(eq(units.id, existing.id));
  }
}
