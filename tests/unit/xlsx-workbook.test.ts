import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/downloads/response";
import { parseCsv } from "@/lib/xlsx/csv";
import { fitColumnWidths, inert, withoutQuotePrefix, writeWorkbook } from "@/lib/xlsx/styled-workbook";
import { safeSheetName } from "@/lib/xlsx/workbook";

const DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"];

/** The XML of a part of a written .xlsx. */
function part(content: Buffer, path: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(content, { type: "buffer" }), path);
  if (!entry) throw new Error(`no ${path}`);
  return Buffer.from(entry.content as Uint8Array).toString("utf8");
}

async function readBack(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

describe("safe cells", () => {
  it("writes text that a spreadsheet would run with a leading apostrophe, as a shared-string text cell, never a formula", async () => {
    const content = await writeWorkbook([{ name: "名单", header: ["值"], rows: DANGEROUS.map((v) => [v]) }]);

    const xml = part(content, "/xl/worksheets/sheet1.xml");
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain('t="str"');
    const cells = xml.match(/<c [^>]*>/g) ?? [];
    expect(cells).toHaveLength(DANGEROUS.length + 1);
    for (const cell of cells) expect(cell).toContain('t="s"');

    const sheet = XLSX.read(content, { type: "buffer", cellFormula: true }).Sheets["名单"];
    DANGEROUS.forEach((value, i) => {
      const cell = sheet[XLSX.utils.encode_cell({ r: i + 1, c: 0 })];
      expect(cell).toMatchObject({ t: "s", v: `'${value}` });
      expect(cell.f).toBeUndefined();
      expect(withoutQuotePrefix(cell.v)).toBe(value);
    });
  });

  it("keeps the apostrophe when the workbook is saved again as CSV, so the CSV is inert too", async () => {
    const workbook = await readBack(await writeWorkbook([{ name: "名单", header: ["值"], rows: DANGEROUS.map((v) => [v]) }]));
    const csv = parseCsv(Buffer.from(await workbook.csv.writeBuffer()).toString("utf8"));
    // (An XML parser reads a CR in the text as a line feed; what matters is the apostrophe in front.)
    expect(csv.slice(1).map((r) => r[0].replace(/\n/g, "\r"))).toEqual(DANGEROUS.map((v) => `'${v}`));
  });

  it("leaves ordinary text alone, and takes off only the apostrophe it added", () => {
    for (const text of ["王伟", "0311-66005705", "1-2", "信息中心主任", "'引号开头", "a=b"]) {
      expect(inert(text)).toBe(text);
      expect(withoutQuotePrefix(text)).toBe(text);
    }
    expect(withoutQuotePrefix("'-1")).toBe("-1");
  });

  it("keeps numbers as numbers and leaves empty values out", async () => {
    const read = XLSX.read(await writeWorkbook([{ name: "s", rows: [["a", 3, null, "", undefined, "b"]] }]), { type: "buffer" }).Sheets.s;
    expect(read.A1).toMatchObject({ t: "s", v: "a" });
    expect(read.B1).toMatchObject({ t: "n", v: 3 });
    expect(read.C1).toBeUndefined();
    expect(read.F1).toMatchObject({ t: "s", v: "b" });
  });
});

describe("a sheet as printed", () => {
  it("has a bold centred merged title, a bold centred bordered header repeated on every page, bordered wrapped cells, A4 landscape fitted to the width", async () => {
    const content = await writeWorkbook([
      { name: "表", title: "单位系统管理员实名信息表", lines: ["填报人："], header: ["单位名称", "姓名", "联系电话"], rows: [["长安区教育局", "王伟", "0311-66005705"], ["合计", 1, null]], totalRow: true, notes: ["填表说明："], textColumns: [2] },
    ]);
    const sheet = (await readBack(content)).getWorksheet("表")!;

    expect(sheet.getCell("A1").isMerged && sheet.getCell("C1").master.address).toBe("A1");
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true });
    expect(sheet.getCell("A1").alignment).toMatchObject({ horizontal: "center" });
    for (const address of ["A3", "B3", "C3"]) {
      expect(sheet.getCell(address).font, address).toMatchObject({ bold: true });
      expect(sheet.getCell(address).alignment, address).toMatchObject({ horizontal: "center", wrapText: true });
      expect(sheet.getCell(address).border, address).toEqual({ top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } });
    }
    // Every cell of the table is bordered, the empty ones too; text columns keep their digits as typed.
    for (const address of ["A4", "C4", "C5"]) expect(sheet.getCell(address).border, address).toMatchObject({ top: { style: "thin" }, bottom: { style: "thin" } });
    expect(sheet.getCell("A4").alignment).toMatchObject({ wrapText: true });
    expect(sheet.getCell("C4").numFmt).toBe("@");
    expect(sheet.getCell("A4").font?.bold).toBeFalsy();
    expect(sheet.getCell("A5").font).toMatchObject({ bold: true });
    expect(sheet.getCell("A7").value).toBe("填表说明：");
    expect(sheet.getCell("A7").border?.top).toBeUndefined();

    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" });
  });

  it("counts a Chinese character as two columns, wraps a long heading rather than widening its column, and stays between 8 and 50", () => {
    expect(fitColumnWidths(["单位名称", "学校教育事业统计标识码（仅学校用户填写）", "序号", "x"], [["ab", "3613010001", 1, "x".repeat(80)]])).toEqual([10, 24, 8, 50]);
  });

  it("makes names Excel accepts", () => {
    expect(safeSheetName("石家庄市/教育局[汇总]")).toBe("石家庄市_教育局_汇总_");
    expect(safeSheetName("长".repeat(40))).toHaveLength(31);
  });
});

describe("contentDisposition", () => {
  it("sends the Chinese name per RFC 5987 with an ASCII fallback", () => {
    const name = "单位系统管理员实名信息表-石家庄市教育局-20250303.xlsx";
    const header = contentDisposition(name);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(header).toContain('filename="20250303.xlsx"');
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe(name);
  });

  it("escapes what RFC 5987 does not allow raw and what would end the quoted fallback", () => {
    const header = contentDisposition(`a"b'(1)*.xlsx`);
    expect(header).toContain(`filename*=UTF-8''a%22b%27%281%29%2A.xlsx`);
    expect(header).toContain('filename="a_b\'(1)*.xlsx"');
  });
});
