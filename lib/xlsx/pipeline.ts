// The one import flow, for every kind of list the portal takes from Excel (the administrator table,
// the school list, the invitation list): read the upload, find its columns, check every row against
// what is stored, show the preview, and commit only the file that was previewed, all rows or none.
// A kind supplies its columns, its check of the rows and its write; nothing else differs.
import type * as XLSX from "xlsx";
import type { Tx } from "@/db";
import type { CommandContext } from "@/lib/core/command";
import { DomainError } from "@/lib/core/errors";
import { UploadRefusal } from "./guard";
import { headingsOf, type ParsedTable, parseTable, type TableRow, type TableSpec } from "./parse";
import { setCell } from "./workbook";

export type RowStatus = "new" | "changed" | "unchanged" | "blank" | "error";

/** What an import would do with one row. */
export type PreviewRow<K extends string = string> = {
  /** The row number Excel shows. */
  line: number;
  status: RowStatus;
  /** The row as it would be stored once it parses (the registry's unit name, the phone normalised), as typed when it does not. */
  values: Record<K, string>;
  /** What the row changes in what is stored, 「职务：科长 → 副局长」. */
  changes: string[];
  errors: string[];
  /** Allowed, but worth a second look. */
  warnings: string[];
};

/** The version of each stored row a preview compared against (null: none yet), for kinds whose rows carry one. */
export type SeenVersions = [id: number, version: number | null][];

/** What an import would do with a header line of the file (「填报人：张三」): take it, or say why not. */
export type PreviewLine = {
  /** The field of the table's header it fills. */
  key: string;
  label: string;
  /** The row number Excel shows; null when the file has no such line. */
  line: number | null;
  text: string;
  /** The text as it would be stored; null when it is ignored. */
  value: string | null;
  status: "changed" | "unchanged" | "ignored";
  /** 「将由「李四」改为「张三」」, 「已忽略：……」. */
  note: string;
};

/** A kind's check of the rows: each row's preview and what a commit would write. */
export type ImportPlan<K extends string, W> = {
  rows: PreviewRow<K>[];
  writes: W[];
  seen?: SeenVersions;
  /** The header lines, for kinds that read them, and the version of the stored header they were compared against. */
  lines?: PreviewLine[];
  seenHeader?: number;
  /** What the kind says about the file as a whole (「该文件已导入为第 2 版」). */
  notices?: string[];
};

/** What a commit sends back besides the file: what the preview read and compared against. */
export type CommitRequest = { file: File; sheet?: string; fileHash: string; seen: SeenVersions; seenHeader?: number };

/** What the person sees before and after committing; the same for every kind. */
export type ImportOutcome<K extends string = string> = {
  committed: boolean;
  fileName: string;
  /** Sent back with the file to commit it: a commit of any other file is refused. */
  fileHash: string;
  sheetName: string;
  /** Every sheet with a table header; with more than one, the person may pick another and preview again. */
  sheetsWithHeader: string[];
  /** The preview's columns, in the table's order, and the heading of the file each was read from (null: not in the file). */
  headings: { key: K; label: string; readFrom: string | null }[];
  rows: PreviewRow<K>[];
  counts: Record<RowStatus, number>;
  /** Every error, 「第 12 行 联系电话：……」, in row order. */
  errors: string[];
  /** Sent back with the commit, which refuses rows changed since. */
  seen: SeenVersions;
  /** Columns of the file that are not the table's (身份证号 …): dropped unread, so no personal data beyond the table's is taken in. */
  droppedColumns: string[];
  lines: PreviewLine[];
  /** Sent back with the commit, which refuses to change a header changed since. */
  seenHeader: number | null;
  notices: string[];
};

export type ImportStep = "preview" | "commit";

export type ImportKind<K extends string, W> = TableSpec<K> & {
  /** What the audit row names as the import's target. */
  target(step: ImportStep): { type: string; id: string | number };
  /** Checks every row against what is stored, in the command's transaction; writes nothing. */
  plan(tx: Tx, rows: TableRow<K>[], headerLines: ParsedTable<K>["headerLines"]): Promise<ImportPlan<K, W>>;
  /** Writes the plan of a file without errors. `seen` and `seenHeader` are what the preview compared against. */
  write(ctx: CommandContext, plan: ImportPlan<K, W>, request: { fileName: string; seen: SeenVersions; seenHeader?: number; counts: Record<RowStatus, number> }): Promise<void>;
};

export const FILE_CHANGED_MESSAGE = "这个文件与预览时的文件不同。请重新选择文件，核对预览后再导入。";

/** Reads the upload and shows what importing it would do. Writes nothing. */
export async function previewImport<K extends string, W>(ctx: CommandContext, kind: ImportKind<K, W>, request: { file: File; sheet?: string }): Promise<ImportOutcome<K>> {
  const { file } = request;
  const { table, plan } = await readAndPlan(ctx, kind, request, "preview");
  const outcome = outcomeOf(kind, file, table, plan, false);
  const detail = { fileHash: table.fileHash, sheet: table.sheetName, rows: table.rows.length, errors: outcome.errors.length, droppedColumns: outcome.droppedColumns };
  auditTarget(ctx, kind, "preview", file, detail);
  return outcome;
}

/**
 * Writes what the preview showed, in the command's transaction, or nothing. The file is read and
 * checked again here: nothing the browser says about its rows is trusted, only which file and
 * sheet it previewed (the file's hash, the sheet's name) and the versions it saw.
 */
export async function commitImport<K extends string, W>(ctx: CommandContext, kind: ImportKind<K, W>, request: CommitRequest): Promise<ImportOutcome<K>> {
  const { table, plan } = await readAndPlan(ctx, kind, request, "commit");
  if (table.fileHash !== request.fileHash) throw new DomainError(FILE_CHANGED_MESSAGE);
  if (plan.rows.some((r) => r.status === "error")) throw refuseRows(plan.rows);
  const outcome = outcomeOf(kind, request.file, table, plan, true);
  await kind.write(ctx, plan, { fileName: request.file.name, seen: request.seen, seenHeader: request.seenHeader, counts: outcome.counts });
  const { new: created, changed: updated, unchanged } = outcome.counts;
  const header = outcome.lines.filter((l) => l.status === "changed").map((l) => l.label);
  auditTarget(ctx, kind, "commit", request.file, { fileHash: table.fileHash, sheet: table.sheetName, created, updated, unchanged, ...(header.length > 0 && { header }) });
  return outcome;
}

/** The uploaded workbook with 错误说明 beside each row that has errors; throws DomainError for a refused file. */
export async function errorReportOf<K extends string, W>(tx: Tx, kind: ImportKind<K, W>, request: { file: File; sheet?: string }): Promise<{ workbook: XLSX.WorkBook; errorRows: number }> {
  const { table, plan } = await parseAndPlan(tx, kind, request);
  const workbook = table.workbook();
  const sheet = workbook.Sheets[table.sheetName];
  const put = (r: number, text: string) => setCell(sheet, r, table.nextFreeColumn, { t: "s", v: text });
  put(table.headerRow, ERROR_COLUMN_LABEL);
  const wrong = plan.rows.filter((r) => r.errors.length > 0);
  for (const row of wrong) put(row.line - 1, row.errors.join("；"));
  return { workbook, errorRows: wrong.length };
}

export const ERROR_COLUMN_LABEL = "错误说明";

export function countStatuses(rows: readonly PreviewRow[]): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, blank: 0, error: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** Every error of the rows, 「第 12 行 联系电话：……」, in row order. */
export function errorList(rows: readonly PreviewRow[]): string[] {
  return rows.flatMap((r) => r.errors.map((e) => `第 ${r.line} 行 ${e}`));
}

/** A file with errors is refused whole: the file field says how many, each wrong row says what. */
export function refuseRows(rows: readonly PreviewRow[]): DomainError {
  const failed = rows.filter((r) => r.status === "error");
  const errors = failed.reduce((n, r) => n + r.errors.length, 0);
  return new DomainError("", {
    fieldErrors: {
      file: `文件中有 ${errors} 处错误，未导入任何内容。请修正后重新预览。`,
      ...Object.fromEntries(failed.map((r) => [`line.${r.line}`, `第 ${r.line} 行 ${r.errors.join("；")}`])),
    },
    detail: { errors, errorRows: failed.map((r) => r.line) },
  });
}

async function readAndPlan<K extends string, W>(ctx: CommandContext, kind: ImportKind<K, W>, request: { file: File; sheet?: string }, step: ImportStep) {
  // Named first, so a refused file is audited against the import it was meant for.
  auditTarget(ctx, kind, step, request.file, {});
  return parseAndPlan(ctx.tx, kind, request);
}

/** Parses the upload (a refusal is shown next to the file field) and checks its rows. */
async function parseAndPlan<K extends string, W>(tx: Tx, kind: ImportKind<K, W>, { file, sheet }: { file: File; sheet?: string }): Promise<{ table: ParsedTable<K>; plan: ImportPlan<K, W> }> {
  let table: ParsedTable<K>;
  try {
    table = parseTable(Buffer.from(await file.arrayBuffer()), kind, { sheet });
  } catch (error) {
    if (error instanceof UploadRefusal) throw new DomainError("", { fieldErrors: { file: error.message }, detail: { refusal: error.message } });
    throw error;
  }
  return { table, plan: await kind.plan(tx, table.rows, table.headerLines) };
}

function outcomeOf<K extends string, W>(kind: ImportKind<K, W>, file: File, table: ParsedTable<K>, plan: ImportPlan<K, W>, committed: boolean): ImportOutcome<K> {
  const keys = Object.keys(kind.columns) as K[];
  const labels = headingsOf(kind.columns);
  return {
    committed,
    fileName: file.name,
    fileHash: table.fileHash,
    sheetName: table.sheetName,
    sheetsWithHeader: table.sheetsWithHeader,
    headings: keys.map((key, i) => ({ key, label: labels[i], readFrom: table.readFrom[key] ?? null })),
    rows: plan.rows,
    counts: countStatuses(plan.rows),
    errors: errorList(plan.rows),
    seen: plan.seen ?? [],
    droppedColumns: table.droppedHeadings,
    lines: plan.lines ?? [],
    seenHeader: plan.seenHeader ?? null,
    notices: plan.notices ?? [],
  };
}

function auditTarget<K extends string, W>(ctx: CommandContext, kind: ImportKind<K, W>, step: ImportStep, file: File, detail: Record<string, unknown>): void {
  const { type, id } = kind.target(step);
  ctx.target(type, id, { fileName: file.name.slice(0, 200), ...detail });
}
