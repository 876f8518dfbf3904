import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/downloads/response";
import { fitColumnWidths, safeSheetName, sheetFromRows, tableSheet, workbookFromSheets, writeXlsx } from "@/lib/xlsx/workbook";

const DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"];

/** The XML of a part of a written .xlsx. */
function part(content: Buffer, path: string): string {
  const entry = XLSX.CFB.find(XLSX.CFB.read(content, { type: "buffer" }), path);
  if (!entry) throw new Error(`no ${path}`);
  return Buffer.from(entry.content as Uint8Array).toString("utf8");
}

describe("safe cells", () => {
  it("writes every string that looks like a formula as a shared-string text cell, never as a formula", () => {
    const content = writeXlsx(workbookFromSheets([{ name: "名单", sheet: tableSheet(["值"], DANGEROUS.map((v) => [v])) }]));

    const xml = part(content, "/xl/worksheets/sheet1.xml");
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain('t="str"');
    const cells = xml.match(/<c [^>]*>/g) ?? [];
    expect(cells).toHaveLength(DANGEROUS.length + 1);
    for (const cell of cells) expect(cell).toContain('t="s"');

    const sheet = XLSX.read(content, { type: "buffer", cellFormula: true }).Sheets["名单"];
    DANGEROUS.forEach((value, i) => {
      const cell = sheet[XLSX.utils.encode_cell({ r: i + 1, c: 0 })];
      expect(cell).toMatchObject({ t: "s", v: value });
      expect(cell.f).toBeUndefined();
    });
  });

  it("keeps numbers as numbers and leaves empty values out", () => {
    const sheet = sheetFromRows([["a", 3, null, "", undefined, "b"]]);
    const read = XLSX.read(writeXlsx(workbookFromSheets([{ name: "s", sheet }])), { type: "buffer" }).Sheets.s;
    expect(read.A1).toMatchObject({ t: "s", v: "a" });
    expect(read.B1).toMatchObject({ t: "n", v: 3 });
    expect(read.C1).toBeUndefined();
    expect(read.F1).toMatchObject({ t: "s", v: "b" });
  });
});

describe("column widths and sheet names", () => {
  it("counts a Chinese character as two columns and stays between 6 and 50", () => {
    expect(fitColumnWidths([["单位名称", "ab", "x".repeat(80)]])).toEqual([10, 6, 50]);
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
