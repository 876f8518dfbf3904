// Turns an inspected upload into grids of cell text, one per sheet. Formulas are never read:
// a formula cell counts as the value Excel cached for it, or as an error when there is none.
import * as XLSX from "xlsx";
import { decodeText, parseCsv } from "./csv";
import { REFUSALS, UploadRefusal, type UploadKind } from "./guard";
import { MAX_SHEET_ROWS } from "./limits";
import { getCell, sheetFromRows, workbookFromSheets } from "./workbook";

/** A cell Excel shows as an error (#REF!, #DIV/0!, or a formula with no cached value). */
export type CellError = { error: string };
export type Cell = string | CellError;

export type SheetGrid = {
  name: string;
  rows: Cell[][];
  merges: XLSX.Range[];
  /** The sheet has more rows than were read (see MAX_SHEET_ROWS). */
  truncated: boolean;
};


const ERROR_TEXT: Record<number, string> = { 0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA" };

/** Each sheet's cell text, and the workbook (for handing back with an error column; built on demand for CSV). */
export function readUpload(bytes: Buffer, kind: UploadKind): { workbook(): XLSX.WorkBook; sheets: SheetGrid[] } {
  if (kind === "csv") {
    const rows = parseCsv(decodeText(bytes));
    const truncated = rows.length > MAX_SHEET_ROWS;
    if (truncated) rows.length = MAX_SHEET_ROWS;
    return { workbook: () => workbookFromSheets([{ name: "Sheet1", sheet: sheetFromRows(rows) }]), sheets: [{ name: "Sheet1", rows, merges: [], truncated }] };
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: "buffer", dense: true, cellFormula: false, cellHTML: false, cellNF: false, cellStyles: false, cellText: false, cellDates: false, sheetRows: MAX_SHEET_ROWS });
  } catch (error) {
    throw new UploadRefusal(/password|encrypt/i.test(String((error as Error).message)) ? REFUSALS.encrypted : REFUSALS.corrupt);
  }
  const sheets = workbook.SheetNames.map((name) => gridOf(name, workbook.Sheets[name]));
  return { workbook: () => workbook, sheets };
}

function gridOf(name: string, sheet: XLSX.WorkSheet | undefined): SheetGrid {
  if (!sheet?.["!ref"]) return { name, rows: [], merges: [], truncated: false };
  const range = XLSX.utils.decode_range(sheet["!ref"]);
  const full = sheet["!fullref"] ? XLSX.utils.decode_range(sheet["!fullref"]) : range;
  const rows: Cell[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: Cell[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(cellText(getCell(sheet, r, c)));
    rows.push(row);
  }
  return { name, rows, merges: sheet["!merges"] ?? [], truncated: full.e.r > range.e.r };
}

function cellText(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return "";
  switch (cell.t) {
    case "s":
      return String(cell.v ?? "");
    case "n": {
      const v = cell.v as number;
      // Phone numbers and codes typed as numbers: all digits, never 1.38E+10.
      return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
    }
    case "b":
      return cell.v ? "TRUE" : "FALSE";
    case "d":
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? "");
    case "e":
      return { error: typeof cell.v === "number" ? (ERROR_TEXT[cell.v] ?? "#ERROR") : "公式没有计算结果" };
    default:
      return "";
  }
}
