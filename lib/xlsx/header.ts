// Finds the table's header row by its labels, wherever it is and however it is typed:
// full-width characters, spaces and line breaks inside cells, the long heading shortened, any order.
import { FIELD_LABELS } from "@/lib/roster/schemas";
import type { Cell } from "./read";

export type Column = keyof typeof FIELD_LABELS;
export type ColumnMap = Partial<Record<Column, number>>;

export const REQUIRED_COLUMNS: readonly Column[] = ["unitName", "name", "position", "phone", "email"];

// Compared after normalizeLabel, so no brackets or spaces here.
const ALIASES: Record<Column, readonly string[]> = {
  unitName: ["单位名称", "单位", "单位全称", "填报单位"],
  schoolCode: ["学校教育事业统计标识码", "教育事业统计标识码", "学校标识码", "标识码"],
  name: ["姓名", "管理员姓名", "系统管理员姓名"],
  position: ["职务", "职位"],
  phone: ["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"],
  email: ["邮箱", "电子邮箱", "电子邮件", "邮箱地址", "email", "e-mail"],
};
const COLUMN_OF = new Map(Object.entries(ALIASES).flatMap(([column, labels]) => labels.map((l) => [l, column as Column])));

/** 「学校教育事业统计 标识码（仅学校用\n户填写）」 → 「学校教育事业统计标识码」. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/\([^)]*\)?|\[[^\]]*\]?|【[^】]*】?/g, "")
    .replace(/[*:]/g, "")
    .toLowerCase();
}

export function columnOfLabel(cell: Cell): Column | undefined {
  return typeof cell === "string" && cell ? COLUMN_OF.get(normalizeLabel(cell)) : undefined;
}

/** The columns a row labels, first occurrence of each; a header names at least three. */
export function columnsOfRow(row: readonly Cell[]): ColumnMap {
  const columns: ColumnMap = {};
  row.forEach((cell, index) => {
    const column = columnOfLabel(cell);
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

export function isHeaderRow(row: readonly Cell[]): boolean {
  return Object.keys(columnsOfRow(row)).length >= 3;
}

export function findHeader(rows: readonly Cell[][], searchRows: number): { row: number; columns: ColumnMap } | null {
  for (let r = 0; r < Math.min(rows.length, searchRows); r++) {
    if (isHeaderRow(rows[r])) return { row: r, columns: columnsOfRow(rows[r]) };
  }
  return null;
}
