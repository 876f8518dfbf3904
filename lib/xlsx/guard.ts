// Decides what an uploaded file is before any parser sees it, and refuses what it must not parse:
// too large, not a spreadsheet, encrypted, carrying macros, corrupt, or a zip that inflates far beyond its size.
// SheetJS inflates zip entries without a limit, so the sizes are checked here, declared and real.
import { inflateRawSync } from "node:zlib";
import * as XLSX from "xlsx";
import { IMPORT_MAX_BYTES, IMPORT_MAX_INFLATED_BYTES, MAX_SHEET_ROWS, TOO_LARGE_MESSAGE, tooManyRowsMessage } from "./limits";

export type UploadKind = "xlsx" | "xls" | "csv";

/** A file the import will not read; the message says what to do. */
export class UploadRefusal extends Error {}

export const REFUSALS = {
  empty: "文件是空的，请重新选择要导入的表格。",
  tooLarge: TOO_LARGE_MESSAGE,
  notSpreadsheet: "该文件不是 Excel 或 CSV 表格。请选择 .xlsx、.xls 或 .csv 文件（可在 Excel 或 WPS 中用「另存为」保存成这些格式）。",
  corrupt: "文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开确认无误后重新保存，再导入。",
  encrypted: "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后重新保存，再导入。",
  inflated: "文件解压后过大（超过 50 MB，或超过文件本身的 20 倍），不是正常的表格，已拒绝导入。请只保留需要导入的工作表后重新保存。",
  macros: "文件包含宏，为安全起见不能导入。请在 Excel 或 WPS 中「另存为」不含宏的 .xlsx 文件后再导入。",
} as const;

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An .xlsx has a few dozen parts; thousands would only make the parser slow. */
const MAX_ZIP_ENTRIES = 2000;
/** Inflating to more than this many times the file's size is a zip bomb's mark, once the parts add up to more than a few MB. */
const MAX_INFLATION_RATIO = 20;
const RATIO_CHECKED_ABOVE_BYTES = 4 * 1024 * 1024;

/** What kind of spreadsheet the bytes are, by their content (the file name is not trusted). */
export function inspectUpload(bytes: Buffer): UploadKind {
  if (bytes.length === 0) throw new UploadRefusal(REFUSALS.empty);
  if (bytes.length > IMPORT_MAX_BYTES) throw new UploadRefusal(REFUSALS.tooLarge);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL) {
    checkZip(bytes);
    return "xlsx";
  }
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) return checkCfb(bytes);
  if (looksLikeText(bytes)) return "csv";
  throw new UploadRefusal(REFUSALS.notSpreadsheet);
}

type ZipEntry = { name: string; flags: number; method: number; compressedSize: number; size: number; offset: number };

function checkZip(bytes: Buffer): void {
  const entries = centralDirectory(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !(names.has("xl/workbook.xml") || names.has("xl/workbook.bin"))) {
    throw new UploadRefusal(REFUSALS.notSpreadsheet);
  }
  if (entries.some((e) => e.flags & 0x41)) throw new UploadRefusal(REFUSALS.encrypted);
  // .xlsm / .xltm / .xlam keep their VBA in a vbaProject part, whatever the file is called.
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) throw new UploadRefusal(REFUSALS.macros);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (tooInflated(declared, bytes.length)) throw new UploadRefusal(REFUSALS.inflated);
  // The declared sizes may lie: inflate each part with its declared size as the ceiling.
  for (const entry of entries) {
    const part = inflateWithin(bytes, entry);
    // A sheet too long to import is refused here, before SheetJS spends seconds reading all of it.
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) && rowsWithValues(part) > MAX_SHEET_ROWS) throw new UploadRefusal(tooManyRowsMessage());
  }
}

/** The <row> elements of a worksheet's XML that hold a value (rows with only formatting do not count). */
function rowsWithValues(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf("<row"); at >= 0 && count <= MAX_SHEET_ROWS; ) {
    const end = xml.indexOf("</row>", at);
    const next = xml.indexOf("<row", at + 4);
    const stop = end < 0 ? xml.length : end;
    if (next < 0 || next > stop) {
      const row = xml.subarray(at, stop);
      if (row.includes("<v>") || row.includes("<is>")) count++;
    }
    at = next;
  }
  return count;
}

/** The entries listed in the zip's central directory (ZIP64 included). */
function centralDirectory(bytes: Buffer): ZipEntry[] {
  const end = findEnd(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new UploadRefusal(REFUSALS.corrupt);
    const end64 = safeNumber(bytes.readBigUInt64LE(locator + 8));
    if (end64 + 56 > bytes.length || bytes.readUInt32LE(end64) !== ZIP64_END) throw new UploadRefusal(REFUSALS.corrupt);
    count = safeNumber(bytes.readBigUInt64LE(end64 + 32));
    offset = safeNumber(bytes.readBigUInt64LE(end64 + 48));
  }
  if (count > MAX_ZIP_ENTRIES) throw new UploadRefusal(REFUSALS.notSpreadsheet);

  const entries: ZipEntry[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ZIP_CENTRAL) throw new UploadRefusal(REFUSALS.corrupt);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > bytes.length) throw new UploadRefusal(REFUSALS.corrupt);
    const entry: ZipEntry = {
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === ZIP_END) return at;
  }
  throw new UploadRefusal(REFUSALS.corrupt);
}

/** Sizes and offset that did not fit 32 bits are in the ZIP64 extra field, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new UploadRefusal(REFUSALS.corrupt);
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    at += 4 + length;
  }
}

function inflateWithin(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== ZIP_LOCAL) throw new UploadRefusal(REFUSALS.corrupt);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new UploadRefusal(REFUSALS.corrupt);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw new UploadRefusal(REFUSALS.corrupt);
    return bytes.subarray(start, end);
  }
  if (entry.method !== 8) throw new UploadRefusal(REFUSALS.corrupt);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const overflow = error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw new UploadRefusal(overflow ? REFUSALS.inflated : REFUSALS.corrupt);
  }
  if (inflated.length !== entry.size) throw new UploadRefusal(REFUSALS.corrupt);
  return inflated;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new UploadRefusal(REFUSALS.corrupt);
  return Number(value);
}

/** A compound file: a legacy .xls, or an encrypted .xlsx (which Office wraps in one). */
function checkCfb(bytes: Buffer): UploadKind {
  let paths: string[];
  try {
    paths = XLSX.CFB.read(bytes, { type: "buffer" }).FullPaths;
  } catch {
    throw new UploadRefusal(REFUSALS.corrupt);
  }
  const names = new Set(paths.map((p) => p.replace(/\/$/, "").split("/").pop()?.toLowerCase()));
  if (names.has("encryptioninfo") || names.has("encryptedpackage")) throw new UploadRefusal(REFUSALS.encrypted);
  if (names.has("_vba_project_cur") || names.has("vba")) throw new UploadRefusal(REFUSALS.macros);
  if (names.has("workbook") || names.has("book")) return "xls";
  throw new UploadRefusal(REFUSALS.notSpreadsheet);
}

function tooInflated(inflated: number, size: number): boolean {
  return inflated > IMPORT_MAX_INFLATED_BYTES || (inflated > RATIO_CHECKED_ABOVE_BYTES && inflated > MAX_INFLATION_RATIO * size);
}

/** Text has no NUL bytes (UTF-16 aside, which starts with its byte-order mark) and does not open like a web page. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  if (head.includes(0)) return false;
  return !/^\s*</.test(head.toString("latin1", 0, 64));
}
