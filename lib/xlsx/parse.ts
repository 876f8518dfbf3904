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
  /** The template's title: a sheet named or titled so is read before other sheets with a header (last year's copy). */
  title?: string;
  /** Lines outside the table that belong to the table as a whole, 「填报人：张三」: each field's labels. */
  headerLines?: Record<string, readonly string[]>;
};

/** A header line found in the sheet: its row number as Excel shows it, and the text after its label. */
export type HeaderLine = { line: number; text: string };

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
  /** Every sheet with a table header, in the workbook's order: more than one, and the person picks. */
  sheetsWithHeader: string[];
  /** The header lines found, by field; a field whose line is missing is left out. */
  headerLines: Partial<Record<string, HeaderLine>>;
  /** 0-based index of the header row, and the columns it maps. */
  headerRow: number;
  columns: Partial<Record<K, number>>;
  /** The heading of the file each mapped column was read from, as typed. */
  readFrom: Partial<Record<K, string>>;
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

export function parseTable<K extends string>(bytes: Buffer, spec: TableSpec<K>, { sheet: wanted }: { sheet?: string } = {}): ParsedTable<K> {
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
  const readLines = headerLineReader(spec.headerLines ?? {});

  const kind = inspectUpload(bytes);
  const { workbook, sheets } = readUpload(bytes, kind);
  const candidates = sheets.flatMap((sheet) => {
    const headerRow = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex(isHeaderRow);
    return headerRow >= 0 ? [{ sheet, headerRow }] : [];
  });
  const noHeader = `表头一行须有 ${required.map(heading).join("")} 这几列，请使用「下载模板」得到的表格。`;
  if (candidates.length === 0) throw new UploadRefusal(`没有找到表头。${noHeader}`);
  const found = wanted === undefined ? preferredSheet(candidates, spec.title) : candidates.find((c) => c.sheet.name === wanted);
  if (!found) {
    throw new UploadRefusal(
      sheets.some((s) => s.name === wanted) ? `工作表「${wanted}」中没有找到表头。${noHeader}` : `文件中没有工作表「${wanted}」，请重新选择文件后预览。`,
    );
  }
  const { sheet, headerRow } = found;
  const columns = columnsOfRow(sheet.rows[headerRow]);
  const missing = required.filter((k) => columns[k] === undefined);
  if (missing.length > 0) throw new UploadRefusal(`工作表「${sheet.name}」第 ${headerRow + 1} 行的表头缺少 ${missing.map(heading).join("")} 列，请补上后再导入。`);

  // The rows under the header, up to 「填表说明」; blank rows, repeated headers and header lines are skipped.
  const grid = withDataMergesFilled(sheet, headerRow);
  const headerLines: Partial<Record<string, HeaderLine>> = {};
  const takeLines = (r: number) => {
    const lines = readLines(grid[r]);
    for (const [key, text] of lines) headerLines[key] ??= { line: r + 1, text };
    return lines.length > 0;
  };
  for (let r = 0; r < headerRow; r++) takeLines(r);
  const rows: TableRow<K>[] = [];
  let at = headerRow + 1;
  for (; at < grid.length; at++) {
    const cells = grid[at];
    const first = cells.find((c) => typeof c !== "string" || c.trim() !== "");
    if (typeof first === "string" && normalizeLabel(first).startsWith("填表说明")) break;
    if (isHeaderRow(cells) || takeLines(at)) continue;

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
    rows.push({ line: at + 1, values, cellErrors, filled: (spec.filledBy ?? keys).some(has) });
  }
  // Below the notes too: a file may carry its 填报人 at the very bottom.
  for (; at < grid.length; at++) takeLines(at);
  if (sheet.truncated || rows.length > IMPORT_MAX_ROWS) throw new UploadRefusal(tooManyRowsMessage(sheet.truncated ? undefined : rows.length));
  if (!rows.some((r) => r.filled)) throw new UploadRefusal(spec.emptyMessage);

  return {
    kind,
    fileHash: sha256(bytes),
    workbook,
    sheetName: sheet.name,
    sheetsWithHeader: candidates.map((c) => c.sheet.name),
    headerLines,
    headerRow,
    columns,
    readFrom: Object.fromEntries(keys.flatMap((k) => (columns[k] === undefined ? [] : [[k, String(sheet.rows[headerRow][columns[k]])]]))) as Partial<Record<K, string>>,
    droppedHeadings: droppedHeadingsOf(sheet.rows[headerRow], columns),
    nextFreeColumn: sheet.rows.reduce((max, row) => Math.max(max, row.length), 0),
    rows,
  };
}

/**
 * Of the sheets with a header, the template's: named after its title (a sheet name is what the
 * download gives it, so it outranks a title row that a copied sheet keeps), else titled so; a name
 * or title that only contains it (「2020年单位系统管理员实名信息表」) comes after an exact one. Ties go to
 * the first, as a sheet without any title does.
 */
function preferredSheet<S extends { sheet: SheetGrid; headerRow: number }>(candidates: readonly S[], title: string | undefined): S {
  if (!title) return candidates[0];
  const wanted = normalizeLabel(title);
  const likeness = (text: string) => (text === wanted ? 2 : text.includes(wanted) ? 1 : 0);
  const rank = ({ sheet, headerRow }: S) => {
    const name = likeness(normalizeLabel(sheet.name));
    const titled = sheet.rows.slice(0, headerRow).flat().reduce<number>((best, cell) => Math.max(best, typeof cell === "string" ? likeness(normalizeLabel(cell)) : 0), 0);
    return name > 0 ? 2 + name : titled;
  };
  return candidates.reduce((best, c) => (rank(c) > rank(best) ? c : best));
}

/**
 * Reads a row as header lines: its first cell starts with a label, followed by 「：」 or nothing else
 * (the value then in the next cells). One row may hold several, 「填报人：张三　联系电话：0311-…」.
 */
function headerLineReader(labels: Record<string, readonly string[]>): (row: readonly Cell[]) => [key: string, text: string][] {
  const keyOf = new Map(Object.entries(labels).flatMap(([key, list]) => list.map((label) => [label, key] as const)));
  if (keyOf.size === 0) return () => [];
  // Longest first, so 「填报人联系电话」 is not read as 「填报人」 followed by text.
  const alternatives = [...keyOf.keys()].sort((a, b) => b.length - a.length).join("|");
  const starts = new RegExp(`^(?:${alternatives})(?::|$)`);
  const anywhere = new RegExp(`(?:^|\\s)(${alternatives})\\s*(?::|(?=\\s)|$)`, "g");
  return (row) => {
    const cells = row.flatMap((c) => (typeof c === "string" && c.trim() ? [c.normalize("NFKC").trim()] : []));
    if (cells.length === 0 || !starts.test(cells[0].replace(/\s+/g, ""))) return [];
    const text = cells.join(" ");
    const matches = [...text.matchAll(anywhere)];
    return matches.map((m, i) => [keyOf.get(m[1])!, text.slice(m.index + m[0].length, matches[i + 1]?.index ?? text.length).trim()]);
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
