// The one way the portal writes a workbook. SheetJS's community build cannot write styles, so files
// are written with exceljs (SheetJS still reads uploads). Every sheet prints from Excel or WPS like the
// notice's attachment: a bold centred title, a bold centred header repeated on every page, borders,
// wrapped text, A4 landscape fitted to the page width. Free of Next imports, so tests and the
// benchmark use it directly.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "@/lib/core/actor";
import type { Download } from "@/lib/downloads/audited";
import { formatDateTime } from "@/lib/time";
import { safeSheetName } from "./workbook";

export type CellValue = string | number | null | undefined;

export type SheetSpec = {
  name: string;
  /** The first row: bold, centred, merged across the table. */
  title?: string;
  /** Lines under the title, each merged across the table (填报单位（盖章）, the export's watermark). */
  lines?: readonly string[];
  /** Bold, centred and bordered, repeated at the top of every printed page. Without one, `rows` are plain cells. */
  header?: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** The last row is a total (合计): bold. */
  totalRow?: boolean;
  /** Lines after the table and a blank row (填表说明). */
  notes?: readonly string[];
  /** Widths in characters (a CJK character counts as two); fitted to the content when left out. */
  widths?: readonly number[];
  /** Columns stored as text, so Excel keeps the leading 0 of 0311-… and all ten digits of a code. */
  textColumns?: readonly number[];
  /** A filter on the header, for lists people sort and search. */
  filter?: boolean;
};

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const FONT = { name: "宋体", size: 11 };
const THIN = { style: "thin" } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LINE_HEIGHT = 15;
const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
const LINE_STYLE: Partial<ExcelJS.Style> = { font: FONT, alignment: { horizontal: "left", vertical: "middle", wrapText: true } };
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { ...FONT, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: BORDER };

/**
 * Text a spreadsheet would take for a formula or a command (「=」「+」「-」「@」, tab, CR) gets a leading
 * apostrophe (OWASP's advice on CSV injection). A cell's quotePrefix style would be lost when the file is
 * saved again as CSV; the apostrophe is part of the text and stays, so the CSV is inert too.
 */
export function inert(text: string): string {
  return QUOTED_START.test(text) ? `'${text}` : text;
}

/** What `inert` wrote, as it was typed: how the import reads the files the portal hands out. */
export function withoutQuotePrefix(text: string): string {
  return text.startsWith("'") && QUOTED_START.test(text.slice(1)) ? text.slice(1) : text;
}

const QUOTED_START = /^[=+\-@\t\r]/;

/** The line every export of people's data carries above its header: who exported it, and when (Beijing time). */
export function exportWatermark(actor: Pick<Actor, "name" | "unitName" | "email">, now: Date): string {
  return `导出人：${actor.name}（${actor.unitName}，${actor.email}）　导出时间：${formatDateTime(now)}　本表含个人信息，仅限工作使用，请勿外传`;
}

/**
 * The workbook's bytes. exceljs's streaming writer commits each row as it goes and deflates with Node's
 * zlib: a 20,000-row roster is written in a fraction of the in-memory writer's time and memory.
 */
export async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  for (const spec of sheets) addSheet(workbook, spec);
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** A workbook as a download's body: written only once the download's audit row is committed. */
export function xlsxBody(sheets: readonly SheetSpec[]): Pick<Download, "contentType" | "body"> {
  return { contentType: XLSX_MIME, body: () => writeWorkbook(sheets) };
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec): void {
  const { header, rows } = spec;
  const widths = spec.widths ?? fitColumnWidths(header, rows);
  const span = Math.max(widths.length, 1);
  const lineWidth = widths.reduce((sum, w) => sum + w, 0);
  // 1-based, as Excel numbers rows.
  const headerRow = (spec.title ? 1 : 0) + (spec.lines?.length ?? 0) + 1;
  const sheet = workbook.addWorksheet(safeSheetName(spec.name), {
    properties: { defaultRowHeight: LINE_HEIGHT },
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(header ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
    views: header ? [{ state: "frozen", ySplit: headerRow }] : [],
    ...(header && spec.filter && rows.length > 0 ? { autoFilter: { from: { row: headerRow, column: 1 }, to: { row: headerRow + rows.length, column: header.length } } } : {}),
  });
  sheet.columns = widths.map((width) => ({ width }));

  // A line merged across the table: Excel does not fit a merged row's height, so it is set from the text's length.
  const mergedLine = (text: string, style: Partial<ExcelJS.Style>, height = LINE_HEIGHT * Math.max(1, Math.ceil(displayWidth(text) / lineWidth))) => {
    const row = sheet.addRow([inert(text)]);
    if (span > 1) sheet.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).style = style;
    row.height = height;
    row.commit();
  };
  if (spec.title) mergedLine(spec.title, TITLE_STYLE, 30);
  for (const line of spec.lines ?? []) mergedLine(line, LINE_STYLE);

  if (header) {
    const row = sheet.addRow(header.map(inert));
    for (let c = 1; c <= header.length; c++) row.getCell(c).style = HEADER_STYLE;
    row.commit();
  }
  // One style object per kind of cell: exceljs adds a style to the file once per object, not once per cell.
  const columns = rows.reduce((max, r) => Math.max(max, r.length), header?.length ?? 0);
  const textColumns = new Set(spec.textColumns);
  const styleOf = (bold: boolean) =>
    Array.from({ length: columns }, (_, c): Partial<ExcelJS.Style> => ({
      font: bold ? { ...FONT, bold: true } : FONT,
      alignment: { vertical: "middle", wrapText: true },
      ...(header ? { border: BORDER } : {}),
      ...(textColumns.has(c) ? { numFmt: "@" } : {}),
    }));
  const styles = { plain: styleOf(false), total: styleOf(true) };
  rows.forEach((values, i) => {
    const row = sheet.addRow(values.map((v) => (typeof v === "string" ? inert(v) : (v ?? null))));
    const rowStyles = spec.totalRow && i === rows.length - 1 ? styles.total : styles.plain;
    // A table's empty cells are bordered too: the blank template is printed and filled in by hand.
    for (let c = 0; c < (header ? columns : values.length); c++) row.getCell(c + 1).style = rowStyles[c];
    row.commit();
  });
  if (spec.notes?.length) {
    sheet.addRow([]).commit();
    for (const note of spec.notes) mergedLine(note, LINE_STYLE);
  }
  sheet.commit();
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
/** A long heading wraps onto two lines rather than widening its column. */
const MAX_HEADER_WIDTH = 24;

/** The display width of each column's widest cell (plus a margin), between 8 and 50. */
export function fitColumnWidths(header: readonly string[] | undefined, rows: readonly (readonly CellValue[])[]): number[] {
  const widths: number[] = (header ?? []).map((h) => Math.min(MAX_HEADER_WIDTH, displayWidth(h) + 2));
  for (const row of rows) {
    row.forEach((value, c) => {
      const width = displayWidth(value == null ? "" : String(value)) + 2;
      if (width > (widths[c] ?? 0)) widths[c] = width;
    });
  }
  return Array.from(widths, (w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w ?? 0)));
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return width;
}
