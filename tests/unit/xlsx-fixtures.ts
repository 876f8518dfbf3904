// Spreadsheet fixtures built by the tests themselves: what people send back, and what attackers send.
import * as codepage from "xlsx/dist/cpexcel.full.mjs";
import * as XLSX from "xlsx";
import { officialTableWorkbook, type OfficialRow } from "@/lib/xlsx/tables";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";

export type Person = { name: string; position: string; phone: string | number; email: string };

export function person(i: number): Person {
  return { name: `王${"一二三四五六七八九十"[i % 10]}明`, position: "信息中心主任", phone: `1380013${String(8000 + i).padStart(4, "0")}`, email: `admin${i}@example.com` };
}

/** A workbook as a person would type it: numbers stay numbers, formulas keep their cached value. */
export function xlsxFrom(sheets: { name: string; rows: unknown[][]; merges?: XLSX.Range[] }[], bookType: "xlsx" | "xls" = "xlsx"): Buffer {
  const workbook = XLSX.utils.book_new();
  for (const { name, rows, merges } of sheets) {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    if (merges) sheet["!merges"] = merges;
    XLSX.utils.book_append_sheet(workbook, sheet, name);
  }
  return XLSX.write(workbook, { type: "buffer", bookType }) as Buffer;
}

/** Notes as a campaign carries them, so the reader meets them under the table. */
const TEMPLATE_NOTES = ["各单位系统管理员仅限一名。"];

export function templateOf(rows: OfficialRow[], reportingUnitName = "石家庄市教育局"): Promise<Buffer> {
  return writeWorkbook(officialTableWorkbook({ reportingUnitName, fillerName: null, fillerPhone: null, rows, notes: TEMPLATE_NOTES }));
}

/** The downloaded template filled in: the person columns of each row whose unit `fill` answers for. */
export function fillTemplate(template: Buffer, fill: (unitName: string, index: number) => Partial<Person> | undefined): Buffer {
  const workbook = XLSX.read(template, { type: "buffer" });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  const range = XLSX.utils.decode_range(sheet["!ref"] ?? "A1");
  const header = [...Array(range.e.r + 1).keys()].find((r) => sheet[XLSX.utils.encode_cell({ r, c: 0 })]?.v === "单位名称") ?? -1;
  for (let r = header + 1, index = 0; r <= range.e.r; r++, index++) {
    const unitName = sheet[XLSX.utils.encode_cell({ r, c: 0 })]?.v;
    if (typeof unitName !== "string" || unitName.startsWith("填表说明")) break;
    const values = fill(unitName, index);
    if (!values) continue;
    (["name", "position", "phone", "email"] as const).forEach((key, i) => {
      const value = values[key];
      if (value !== undefined) sheet[XLSX.utils.encode_cell({ r, c: 2 + i })] = typeof value === "number" ? { t: "n", v: value } : { t: "s", v: value };
    });
  }
  return XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

/** Text in the code page Excel uses on Chinese Windows (GBK, read back as GB18030). */
export function gbk(text: string): Buffer {
  // Typed as a member of `cptable`, the converters are a named export of their own at run time.
  const { utils } = codepage as unknown as { utils: (typeof codepage.cptable)["utils"] };
  return Buffer.from(utils.encode(936, text, "buf") as Uint8Array);
}

/** An .xlsx with one more part: `size` bytes of zeros that compress to almost nothing. */
export function withExtraPart(xlsx: Buffer, size: number, { declare }: { declare?: number } = {}): Buffer {
  const zip = XLSX.CFB.read(xlsx, { type: "buffer" });
  XLSX.CFB.utils.cfb_add(zip, "xl/media/filler.bin", Buffer.alloc(size));
  const out = Buffer.from(XLSX.CFB.write(zip, { fileType: "zip", type: "buffer", compression: true }) as Buffer);
  if (declare === undefined) return out;
  // Lie about the inflated size in the central directory and the local header, as a crafted bomb does.
  const name = Buffer.from("xl/media/filler.bin");
  for (let at = out.length - 46; at >= 0; at--) {
    if (out.readUInt32LE(at) !== 0x02014b50 || !out.subarray(at + 46, at + 46 + name.length).equals(name)) continue;
    out.writeUInt32LE(declare, at + 24);
    out.writeUInt32LE(declare, out.readUInt32LE(at + 42) + 22);
    return out;
  }
  throw new Error("part not found");
}

/** What Office writes for a workbook with an open password: a compound file holding the encrypted package. */
export function encryptedWorkbook(): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(4096, 7));
  return Buffer.from(XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer);
}

/** A Windows executable's header (MZ … PE), as a renamed .exe starts. */
export const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from("PE\0\0"), Buffer.alloc(2048, 0x90)]);

export const HEADER = ["单位名称", "学校教育事业统计标识码（仅学校用户填写）", "姓名", "职务", "联系电话", "邮箱"];

/** The first sheet of a workbook as values, the way a person reads it. */
export function sheetValues(content: Buffer, sheetIndex = 0): unknown[][] {
  const workbook = XLSX.read(content, { type: "buffer" });
  return XLSX.utils.sheet_to_json(workbook.Sheets[workbook.SheetNames[sheetIndex]], { header: 1, defval: "" });
}
