// The administrator table as a kind of import: its columns, and what importing each row would do —
// match the unit, validate with the form's own schema, compare with what is stored. Pure: the
// preview shows it, the commit recomputes it.
import { ROW_FIELDS, type RowField, type RowValues, schoolCodeProblem } from "@/lib/roster/rules";
import { FIELD_LABELS, fillerSchema, HEADER_LABELS, rosterRowSchema } from "@/lib/roster/schemas";
import { TABLE_TITLE } from "@/lib/roster/template";
import { type MatchableUnit, unitMatcher } from "./match";
import type { HeaderLine, TableRow, TableSpec } from "./parse";
import type { ImportPlan, PreviewLine, PreviewRow, SeenVersions } from "./pipeline";

export type StoredEntry = RowValues & { version: number; updatedAt: Date; updatedByName: string | null };
export type ScopeUnit = MatchableUnit & { entry: StoredEntry | null };

export type RosterColumn = keyof typeof FIELD_LABELS;
export type RosterWrite = { line: number; unit: ScopeUnit; values: RowValues };
export type RosterPlan = ImportPlan<RosterColumn, RosterWrite> & { seen: SeenVersions };

/** 《单位系统管理员实名信息表》's columns as people type them; only 学校标识码 may be left out. */
export const ROSTER_TABLE: TableSpec<RosterColumn> = {
  columns: {
    unitName: [FIELD_LABELS.unitName, "单位", "单位全称", "填报单位"],
    schoolCode: ["学校标识码", FIELD_LABELS.schoolCode, "学校教育事业统计标识码", "教育事业统计标识码", "标识码"],
    name: [FIELD_LABELS.name, "管理员姓名", "系统管理员姓名"],
    position: [FIELD_LABELS.position, "职位"],
    phone: [FIELD_LABELS.phone, "电话", "手机", "手机号", "手机号码", "联系方式"],
    email: [FIELD_LABELS.email, "电子邮箱", "电子邮件", "邮箱地址", "email", "e-mail"],
  },
  required: ["unitName", "name", "position", "phone", "email"],
  // A unit named without an administrator is a template row left empty: nothing to write.
  filledBy: ["name", "position", "phone", "email"],
  emptyMessage: "表格中没有填写任何管理员信息，请填写姓名、职务、联系电话和邮箱后再导入。",
  title: TABLE_TITLE,
  headerLines: { fillerName: [HEADER_LABELS.fillerName], fillerPhone: [HEADER_LABELS.fillerPhone, "填报人联系电话", "填报人电话"] },
};

export type HeaderField = keyof typeof HEADER_LABELS;
const HEADER_FIELDS = Object.keys(HEADER_LABELS) as HeaderField[];

/**
 * What the file's 填报人 and 联系电话 lines would do to the table's header. A line that is missing,
 * blank or invalid is ignored, saying so: the rows still import, and the header stays as stored.
 */
export function planHeaderLines(found: Partial<Record<string, HeaderLine>>, stored: Record<HeaderField, string | null>): PreviewLine[] {
  return HEADER_FIELDS.map((key): PreviewLine => {
    const label = HEADER_LABELS[key];
    const was = stored[key];
    const line = found[key];
    const keep = was ? `保留本表原有的「${was}」` : "本表的这一项仍未填写，请在页面上填写";
    const base = { key, label, line: line?.line ?? null, text: line?.text ?? "", value: null };
    if (!line) return { ...base, status: "ignored", note: `文件中没有「${label}」一行，${keep}` };
    if (!line.text) return { ...base, status: "ignored", note: `文件中的「${label}」为空，已忽略，${keep}` };
    const parsed = fillerSchema.shape[key].safeParse(line.text);
    if (!parsed.success) return { ...base, status: "ignored", note: `已忽略（${parsed.error.issues[0].message}），${keep}` };
    if (parsed.data === was) return { ...base, value: parsed.data, status: "unchanged", note: "与本表一致" };
    return { ...base, value: parsed.data, status: "changed", note: was ? `将由「${was}」改为「${parsed.data}」` : `将填写为「${parsed.data}」` };
  });
}

/** The header fields an import writes: its lines that change them. */
export function headerWrites(lines: readonly PreviewLine[]): Partial<Record<HeaderField, string>> {
  return Object.fromEntries(lines.flatMap((l) => (l.status === "changed" && l.value !== null ? [[l.key, l.value]] : [])));
}

const SHORT_LABEL: Record<RosterColumn, string> = { ...FIELD_LABELS, schoolCode: "学校标识码" };

export function planRosterRows(
  rows: readonly TableRow<RosterColumn>[],
  context: { scope: readonly ScopeUnit[]; others: readonly MatchableUnit[]; scopeName: string },
): RosterPlan {
  const match = unitMatcher(context);
  const firstLineOfUnit = new Map<number, number>();
  const plan: RosterPlan = { rows: [], writes: [], seen: [] };

  for (const row of rows) {
    const preview: PreviewRow<RosterColumn> = { line: row.line, status: "blank", values: { ...row.values }, changes: [], errors: [], warnings: [] };
    plan.rows.push(preview);
    if (!row.filled) continue;

    const matched = match(row.values);
    if (matched.ok) {
      preview.values.unitName = matched.unit.name;
      const first = firstLineOfUnit.get(matched.unit.id);
      if (first === undefined) firstLineOfUnit.set(matched.unit.id, row.line);
      else preview.errors.push(`单位名称：「${matched.unit.name}」已在第 ${first} 行填写，每个单位只能有一名系统管理员，请只保留一行`);
    } else preview.errors.push(matched.message);

    for (const [column, error] of Object.entries(row.cellErrors) as [RosterColumn, string][]) {
      preview.errors.push(`${SHORT_LABEL[column]}：单元格是错误值「${error}」（公式无法计算），请直接填写内容`);
    }
    const parsed = rosterRowSchema.safeParse(row.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (!row.cellErrors[issue.path[0] as RosterColumn]) preview.errors.push(issue.message);
      }
    } else {
      preview.values = { ...preview.values, ...parsed.data, schoolCode: parsed.data.schoolCode ?? "" };
      const problem = matched.ok ? schoolCodeProblem(matched.unit.kind, parsed.data.schoolCode) : null;
      if (problem) preview.errors.push(problem);
    }

    if (preview.errors.length > 0 || !matched.ok || !parsed.success) {
      preview.status = "error";
      continue;
    }
    const unit = matched.unit;
    const stored = unit.entry;
    plan.seen.push([unit.id, stored?.version ?? null]);
    const changed: RowField[] = stored ? ROW_FIELDS.filter((f) => stored[f] !== parsed.data[f]) : [...ROW_FIELDS];
    preview.status = !stored ? "new" : changed.length > 0 ? "changed" : "unchanged";
    if (stored) preview.changes = changed.map((f) => `${SHORT_LABEL[f]}：${stored[f] || "（空）"} → ${parsed.data[f] || "（空）"}`);
    if (preview.status !== "unchanged") plan.writes.push({ line: row.line, unit, values: parsed.data });
  }
  return plan;
}
