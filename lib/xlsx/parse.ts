// From uploaded bytes to the rows of a table, for every import: which sheet, which header row, which
// columns, and each row's text. Columns the table does not have are dropped here, so whatever else a
// file holds never reaches validation, the preview or the database. Headers are found however they are
// typed: full-width characters, spaces and line breaks inside cells, a heading shortened, any order.
import { createHash } from "node:crypto";
import type * as XLSX from "xlsx";
import { inspectUpload, UploadRefusal, type UploadKind } from "./guard";
import { HEADER_SEARCH_ROWS, IMPORT_MAX_ROWS, tooManyRowsMessage } from "./limits";
import { type Cell, readUpload, type SheetGrid } from "./read";

/** Each column's headings: the first is the template's (and the preview's), the others what people also type. */
export type TableColumns<K extends string> = Record<K, readonly [string, ...string[]]>;

/** What a kind of import reads from a file. */
export type TableSpec<K extends string> = {
  columns: TableColumns<K>;
  /** Columns a file must have; the others may be left out (default: all). */
  required?: readonly K[];
  /** A row counts as filled when one of these has something in it (default: any column). */
  filledBy?: readonly K[];
  /** The refusal of a file without a single filled row. */
  emptyMessage: string;
};

export type TableRow<K extends string> = {
  /** The row number Excel shows. */
  line: number;
  /** Trimmed cell text; "" for an empty cell or an error value. */
  values: Record<K, string>;
  /** Columns whose cell is an error value, e.g. 「#REF!」. */
  cellErrors: Partial<Record<K, string>>;
  /** False for a row with nothing in the `filledBy` columns, e.g. a template row left empty. */
  filled: boolean;
};

export type ParsedTable<K extends string> = {
  kind: UploadKind;
  fileHash: string;
  /** The file as a workbook, to hand back with an error column. */
  workbook(): XLSX.WorkBook;
  sheetName: string;
  /** 0-based index of the header row, and the columns it maps. */
  headerRow: number;
  columns: Partial<Record<K, number>>;
  /** The headings of the header row that are not the table's columns (身份证号 …): never read, named in a warning. */
  droppedHeadings: string[];
  /** 0-based index of the first column to the right of everything in the sheet. */
  nextFreeColumn: number;
  rows: TableRow<K>[];
};

/** A header row names at least this many of the table's columns; fewer is a title or a data row. */
const HEADER_MIN_COLUMNS = 3;

/** 「学校教育事业统计 标识码（仅学校用\n户填写）」 → 「学校教育事业统计标识码」. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/\([^)]*\)?|\[[^\]]*\]?|【[^】]*】?/g, "")
    .replace(/[*:]/g, "")
    .toLowerCase();
}

/** The template's heading of each column, in order. */
export function headingsOf<K extends string>(columns: TableColumns<K>): string[] {
  return Object.values<readonly string[]>(columns).map((labels) => labels[0]);
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function parseTable<K extends string>(bytes: Buffer, spec: TableSpec<K>): ParsedTable<K> {
  const keys = Object.keys(spec.columns) as K[];
  const required = spec.required ?? keys;
  const heading = (k: K) => `「${spec.columns[k][0]}」`;
  const columnOf = new Map(keys.flatMap((k) => spec.columns[k].map((label) => [normalizeLabel(label), k] as const)));
  const columnsOfRow = (row: readonly Cell[]) => {
    const found: Partial<Record<K, number>> = {};
    row.forEach((cell, index) => {
      const key = typeof cell === "string" && cell ? columnOf.get(normalizeLabel(cell)) : undefined;
      if (key !== undefined && found[key] === undefined) found[key] = index;
    });
    return found;
  };
  const isHeaderRow = (row: readonly Cell[]) => Object.keys(columnsOfRow(row)).length >= Math.min(HEADER_MIN_COLUMNS, keys.length);

  const kind = inspectUpload(bytes);
  const { workbook, sheets } = readUpload(bytes, kind);
  let found: { sheet: SheetGrid; headerRow: number } | undefined;
  for (const sheet of sheets) {
    const headerRow = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex(isHeaderRow);
    if (headerRow >= 0) {
      found = { sheet, headerRow };
      break;
    }
  }
  if (!found) throw new UploadRefusal(`没有找到表头。表头一行须有 ${required.map(heading).join("")} 这几列，请使用「下载模板」得到的表格。`);
  const { sheet, headerRow } = found;
  const columns = columnsOfRow(sheet.rows[headerRow]);
  const missing = required.filter((k) => columns[k] === undefined);
  if (missing.length > 0) throw new UploadRefusal(`工作表「${sheet.name}」第 ${headerRow + 1} 行的表头缺少 ${missing.map(heading).join("")} 列，请补上后再导入。`);

  // The rows under the header, up to 「填表说明」; blank rows and repeated headers are skipped.
  const grid = withDataMergesFilled(sheet, headerRow);
  const rows: TableRow<K>[] = [];
  for (let r = headerRow + 1; r < grid.length; r++) {
    const cells = grid[r];
    const first = cells.find((c) => typeof c !== "string" || c.trim() !== "");
    if (typeof first === "string" && normalizeLabel(first).startsWith("填表说明")) break;
    if (isHeaderRow(cells)) continue;

    const values = {} as Record<K, string>;
    const cellErrors: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const index = columns[k];
      const cell: Cell = index === undefined ? "" : (cells[index] ?? "");
      values[k] = typeof cell === "string" ? cell.trim() : "";
      if (typeof cell !== "string") cellErrors[k] = cell.error;
    }
    const has = (k: K) => values[k] !== "" || cellErrors[k] !== undefined;
    if (!keys.some(has)) continue;
    rows.push({ line: r + 1, values, cellErrors, filled: (spec.filledBy ?? keys).some(has) });
  }
  if (sheet.truncated || rows.length > IMPORT_MAX_ROWS) throw new UploadRefusal(tooManyRowsMessage(sheet.truncated ? undefined : rows.length));
  if (!rows.some((r) => r.filled)) throw new UploadRefusal(spec.emptyMessage);

  return {
    kind,
    fileHash: sha256(bytes),
    workbook,
    sheetName: sheet.name,
    headerRow,
    columns,
    droppedHeadings: droppedHeadingsOf(sheet.rows[headerRow], columns),
    nextFreeColumn: sheet.rows.reduce((max, row) => Math.max(max, row.length), 0),
    rows,
  };
}

function droppedHeadingsOf(header: readonly Cell[], columns: Partial<Record<string, number>>): string[] {
  const read = new Set(Object.values(columns));
  return header.flatMap((cell, index) => (typeof cell === "string" && cell.trim() && !read.has(index) ? [cell.trim().replace(/\s+/g, " ")] : []));
}

/** A cell merged over several data rows holds its value in the top cell only; give it to each row. */
function withDataMergesFilled(sheet: SheetGrid, headerRow: number): Cell[][] {
  const merges = sheet.merges.filter((m) => m.s.r > headerRow);
  if (merges.length === 0) return sheet.rows;
  const grid = sheet.rows.map((row) => [...row]);
  for (const { s, e } of merges) {
    const value = grid[s.r]?.[s.c] ?? "";
    for (let r = s.r; r <= Math.min(e.r, grid.length - 1); r++) {
      for (let c = s.c; c <= e.c; c++) grid[r][c] = value;
    }
  }
  return grid;
}
