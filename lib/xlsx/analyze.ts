// What an import would do, row by row: match the unit, validate with the form's own schema,
// compare with what is stored. Pure: the preview shows it, the commit recomputes it.
import { ROW_FIELDS, type RowField, type RowValues, schoolCodeProblem } from "@/lib/roster/rules";
import { FIELD_LABELS, rosterRowSchema } from "@/lib/roster/schemas";
import type { Column } from "./header";
import { type MatchableUnit, unitMatcher } from "./match";
import type { ImportRow, ParsedImport } from "./parse";

export type StoredEntry = RowValues & { version: number; updatedAt: Date; updatedByName: string | null };
export type ScopeUnit = MatchableUnit & { entry: StoredEntry | null };

export type RowStatus = "new" | "changed" | "unchanged" | "blank" | "error";

export type PreviewRow = {
  line: number;
  unitName: string;
  status: RowStatus;
  changed: RowField[];
  values: Record<RowField, string>;
  errors: string[];
};

export type ImportAnalysis = {
  rows: PreviewRow[];
  /** Every error, 「第 12 行 联系电话：……」, in row order. */
  errors: string[];
  counts: Record<RowStatus, number>;
  /** The rows that would be written. */
  writes: { line: number; unit: ScopeUnit; values: RowValues }[];
  /** The version of each matched unit's row as it was compared (null: no row yet), to detect changes made since. */
  seen: [unitId: number, version: number | null][];
};

const SHORT_LABEL: Record<Column, string> = { ...FIELD_LABELS, schoolCode: "学校标识码" };

export function analyzeImport(parsed: ParsedImport, context: { scope: readonly ScopeUnit[]; others: readonly MatchableUnit[]; scopeName: string }): ImportAnalysis {
  const match = unitMatcher(context);
  const firstLineOfUnit = new Map<number, number>();
  const analysis: ImportAnalysis = { rows: [], errors: [], counts: { new: 0, changed: 0, unchanged: 0, blank: 0, error: 0 }, writes: [], seen: [] };

  for (const row of parsed.rows) {
    const preview = analyzeRow(row, match, firstLineOfUnit, analysis);
    analysis.rows.push(preview);
    analysis.counts[preview.status]++;
    analysis.errors.push(...preview.errors.map((e) => `第 ${row.line} 行 ${e}`));
  }
  return analysis;
}

function analyzeRow(row: ImportRow, match: ReturnType<typeof unitMatcher<ScopeUnit>>, firstLineOfUnit: Map<number, number>, analysis: ImportAnalysis): PreviewRow {
  const raw = { name: row.values.name, position: row.values.position, phone: row.values.phone, email: row.values.email, schoolCode: row.values.schoolCode };
  const preview: PreviewRow = { line: row.line, unitName: row.values.unitName.trim(), status: "blank", changed: [], values: raw, errors: [] };
  // A unit named without an administrator is a template row left empty: nothing to write.
  if (!row.filled) return preview;

  const matched = match(row.values);
  if (matched.ok) {
    preview.unitName = matched.unit.name;
    const first = firstLineOfUnit.get(matched.unit.id);
    if (first === undefined) firstLineOfUnit.set(matched.unit.id, row.line);
    else preview.errors.push(`单位名称：「${matched.unit.name}」已在第 ${first} 行填写，每个单位只能有一名系统管理员，请只保留一行`);
  } else preview.errors.push(matched.message);

  for (const [column, error] of Object.entries(row.cellErrors) as [Column, string][]) {
    preview.errors.push(`${SHORT_LABEL[column]}：单元格是错误值「${error}」（公式无法计算），请直接填写内容`);
  }
  const parsed = rosterRowSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (!row.cellErrors[issue.path[0] as Column]) preview.errors.push(issue.message);
    }
  } else {
    preview.values = { ...parsed.data, schoolCode: parsed.data.schoolCode ?? "" };
    const problem = matched.ok ? schoolCodeProblem(matched.unit.kind, parsed.data.schoolCode) : null;
    if (problem) preview.errors.push(problem);
  }

  if (preview.errors.length > 0 || !matched.ok || !parsed.success) {
    preview.status = "error";
    return preview;
  }
  const unit = matched.unit;
  const stored = unit.entry;
  analysis.seen.push([unit.id, stored?.version ?? null]);
  preview.changed = stored ? ROW_FIELDS.filter((f) => stored[f] !== parsed.data[f]) : [...ROW_FIELDS];
  preview.status = !stored ? "new" : preview.changed.length > 0 ? "changed" : "unchanged";
  if (preview.status !== "unchanged") analysis.writes.push({ line: row.line, unit, values: parsed.data });
  return preview;
}
