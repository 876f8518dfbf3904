// A reference snapshot's file read through its source's columns (lib/verification/sources.ts), and each row checked:
// the 10-digit 学校标识码 (once per file), the required text, counts and amounts, the 学年 when the file has one.
// Pure: the commands add what is stored (the province's code, the same file imported before).
import type { ReferenceSource } from "@/db/schema";
import type { TableRow, TableSpec } from "@/lib/xlsx/parse";
import type { ImportPlan, PreviewRow } from "@/lib/xlsx/pipeline";
import { SOURCES, type SourceField } from "../sources";
import { schoolYearLabel } from "../tasks/years";

/** A 学年/年度 column is optional; when present every row must name the chosen year. */
const YEAR_COLUMN = "schoolYear";
const YEAR_HEADINGS = ["学年", "年度", "学年度", "统计年度", "统计学年"] as const;

export type SnapshotFields = Record<string, string | number | null>;
export type SnapshotWrite = { line: number; schoolCode: string; fields: SnapshotFields };

/** What the import reads from a file of `source`: its columns by label or alias, in any order. */
export function snapshotSpec(source: ReferenceSource): TableSpec<string> {
  const { fields, label } = SOURCES[source];
  return {
    columns: { ...Object.fromEntries(fields.map((f) => [f.key, [f.label, ...(f.aliases ?? [])] as const])), [YEAR_COLUMN]: YEAR_HEADINGS },
    required: fields.filter((f) => f.required).map((f) => f.key),
    emptyMessage: `文件中没有任何学校的数据，请选择从${SOURCES[source].system}导出的「${label}」表格。`,
  };
}

const COUNT = /^\d+$/;
const AMOUNT = /^\d+(\.\d+)?$/;

/** A number as typed, thousands separators aside; null when blank (a blank indicator is the rules' 三无, not the file's error). */
function numberOf(field: SourceField, raw: string): { value: number | null } | { error: string } {
  const text = raw.replace(/,/g, "");
  if (text === "") return { value: null };
  if (field.type === "count" && !COUNT.test(text)) return { error: `${field.label}：须为不小于 0 的整数（文件中为「${raw}」）` };
  if (field.type === "amount" && !AMOUNT.test(text)) return { error: `${field.label}：须为不小于 0 的数字（文件中为「${raw}」）` };
  return { value: Number(text) };
}

/**
 * Each row's preview and the records a commit writes. `provinceCode` is the owning province's two-digit code (digits
 * 3–4 of its schools' codes); `imported` is the version this very file was imported as, when it was: then nothing is
 * written and every row shows 不变.
 */
export function planSnapshotRows(
  source: ReferenceSource,
  rows: readonly TableRow<string>[],
  { schoolYear, provinceCode, imported }: { schoolYear: number; provinceCode: string; imported: { version: number; when: string } | null },
): ImportPlan<string, SnapshotWrite> {
  const fields = SOURCES[source].fields;
  const linesOfCode = new Map<string, number[]>();
  for (const row of rows) {
    const code = row.values.schoolCode;
    if (code) linesOfCode.set(code, [...(linesOfCode.get(code) ?? []), row.line]);
  }

  const previews: PreviewRow<string>[] = [];
  const writes: SnapshotWrite[] = [];
  for (const row of rows) {
    const errors: string[] = [];
    const warnings: string[] = [];
    const stored: SnapshotFields = {};
    for (const field of fields) {
      const raw = row.values[field.key] ?? "";
      const cellError = row.cellErrors[field.key];
      if (cellError) {
        errors.push(`${field.label}：单元格为错误值「${cellError}」，请填写数值或文字`);
        continue;
      }
      if (field.type === "text") {
        if (raw === "" && field.required) errors.push(`${field.label}：请填写`);
        if (field.key !== "schoolCode") stored[field.key] = raw || null;
        continue;
      }
      const parsed = numberOf(field, raw);
      if ("error" in parsed) errors.push(parsed.error);
      else stored[field.key] = parsed.value;
    }

    const code = row.values.schoolCode ?? "";
    if (code !== "" && !/^\d{10}$/.test(code)) errors.push(`学校标识码：须为 10 位数字（文件中为「${code}」）`);
    else if (code !== "" && code.slice(2, 4) !== provinceCode) warnings.push(`学校标识码：第 3–4 位为「${code.slice(2, 4)}」，不是本省代码「${provinceCode}」，请核对`);
    const same = linesOfCode.get(code) ?? [];
    if (same.length > 1) errors.push(`学校标识码：「${code}」在文件中重复（第 ${same.join("、")} 行），每所学校只能有一行`);

    const year = row.values[YEAR_COLUMN] ?? "";
    const named = /\d{4}/.exec(year)?.[0];
    if (year !== "" && Number(named) !== schoolYear) errors.push(`学年：文件中为「${year}」，与所选的 ${schoolYearLabel(schoolYear)} 不符，请核对所选学年或文件`);

    const status = errors.length > 0 ? "error" : imported ? "unchanged" : "new";
    previews.push({ line: row.line, status, values: row.values, changes: [], errors, warnings });
    if (status === "new") writes.push({ line: row.line, schoolCode: code, fields: stored });
  }
  const notices = imported ? [`这个文件已于 ${imported.when} 导入为第 ${imported.version} 版，内容相同，再次导入不会有任何改变。`] : [];
  return { rows: previews, writes, notices };
}
