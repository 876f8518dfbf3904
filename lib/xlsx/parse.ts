// From uploaded bytes to the rows of the administrator table: which sheet, which header row,
// which columns, and each row's text. Columns the table does not have are dropped here, so
// whatever else a file holds never reaches validation, the preview or the database.
import { createHash } from "node:crypto";
import type * as XLSX from "xlsx";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { inspectUpload, UploadRefusal, type UploadKind } from "./guard";
import { type Column, type ColumnMap, findHeader, isHeaderRow, normalizeLabel, REQUIRED_COLUMNS } from "./header";
import { HEADER_SEARCH_ROWS, IMPORT_MAX_ROWS, tooManyRowsMessage } from "./limits";
import { type Cell, readUpload, type SheetGrid } from "./read";

export const COLUMNS = Object.keys(FIELD_LABELS) as Column[];
const PERSON_COLUMNS: readonly Column[] = ["name", "position", "phone", "email"];

export type ImportRow = {
  /** The row number Excel shows. */
  line: number;
  values: Record<Column, string>;
  /** Columns whose cell is an error value, e.g. 「#REF!」. */
  cellErrors: Partial<Record<Column, string>>;
  /** False for a row that names a unit but no administrator (a template row left empty). */
  filled: boolean;
};

export type ParsedImport = {
  kind: UploadKind;
  fileHash: string;
  /** The file as a workbook, to hand back with an error column. */
  workbook(): XLSX.WorkBook;
  sheetName: string;
  /** 0-based index of the header row, and the columns it maps. */
  headerRow: number;
  columns: ColumnMap;
  /** 0-based index of the first column to the right of everything in the sheet. */
  nextFreeColumn: number;
  rows: ImportRow[];
};

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function parseImport(bytes: Buffer): ParsedImport {
  const kind = inspectUpload(bytes);
  const { workbook, sheets } = readUpload(bytes, kind);
  const found = sheets.map((sheet) => ({ sheet, header: findHeader(sheet.rows, HEADER_SEARCH_ROWS) })).find((s) => s.header);
  if (!found?.header) {
    throw new UploadRefusal(`没有找到表头。请使用「下载模板」得到的表格：表头一行须有 ${REQUIRED_COLUMNS.map((c) => FIELD_LABELS[c]).join("、")} 这几列。`);
  }
  const { sheet, header } = found;
  const missing = REQUIRED_COLUMNS.filter((c) => header.columns[c] === undefined);
  if (missing.length > 0) {
    throw new UploadRefusal(`工作表「${sheet.name}」第 ${header.row + 1} 行的表头缺少 ${missing.map((c) => `「${FIELD_LABELS[c]}」`).join("")} 列，请补上后再导入。`);
  }

  const rows = tableRows(sheet, header.row, header.columns);
  if (sheet.truncated || rows.length > IMPORT_MAX_ROWS) throw new UploadRefusal(tooManyRowsMessage(sheet.truncated ? undefined : rows.length));
  if (!rows.some((r) => r.filled)) throw new UploadRefusal("表格中没有填写任何管理员信息，请填写姓名、职务、联系电话和邮箱后再导入。");

  return {
    kind,
    fileHash: sha256(bytes),
    workbook,
    sheetName: sheet.name,
    headerRow: header.row,
    columns: header.columns,
    nextFreeColumn: sheet.rows.reduce((max, row) => Math.max(max, row.length), 0),
    rows,
  };
}

/** The rows under the header, up to 「填表说明」; blank rows and repeated headers are skipped. */
function tableRows(sheet: SheetGrid, headerRow: number, columns: ColumnMap): ImportRow[] {
  const grid = withDataMergesFilled(sheet, headerRow);
  const rows: ImportRow[] = [];
  for (let r = headerRow + 1; r < grid.length; r++) {
    const cells = grid[r];
    const first = cells.find((c) => typeof c !== "string" || c.trim() !== "");
    if (typeof first === "string" && normalizeLabel(first).startsWith("填表说明")) break;
    if (isHeaderRow(cells)) continue;

    const values = {} as Record<Column, string>;
    const cellErrors: ImportRow["cellErrors"] = {};
    for (const column of COLUMNS) {
      const index = columns[column];
      const cell: Cell = index === undefined ? "" : (cells[index] ?? "");
      if (typeof cell === "string") values[column] = cell;
      else {
        values[column] = "";
        cellErrors[column] = cell.error;
      }
    }
    const has = (c: Column) => values[c].trim() !== "" || cellErrors[c] !== undefined;
    if (!COLUMNS.some(has)) continue;
    rows.push({ line: r + 1, values, cellErrors, filled: PERSON_COLUMNS.some(has) });
  }
  return rows;
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
