// Which sheet of a workbook an import reads, and the 填报人 / 联系电话 lines around its table.
import { describe, expect, it } from "vitest";
import { planHeaderLines, ROSTER_TABLE } from "@/lib/xlsx/analyze";
import { UploadRefusal } from "@/lib/xlsx/guard";
import { parseTable } from "@/lib/xlsx/parse";
import { officialTableWorkbook } from "@/lib/xlsx/tables";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";
import { HEADER, person, xlsxFrom } from "./xlsx-fixtures";

const lastYear = person(1);
const thisYear = person(2);
const rowOf = (p: ReturnType<typeof person>) => ["石家庄市教育局", "", p.name, p.position, p.phone, p.email];
const namesOf = (bytes: Buffer, sheet?: string) => parseTable(bytes, ROSTER_TABLE, { sheet }).rows.map((r) => r.values.name);

function refusalOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof UploadRefusal) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("which sheet is read", () => {
  it("reads the sheet named after the template before last year's copy in front of it", () => {
    const bytes = xlsxFrom([
      { name: "2020年", rows: [["单位系统管理员实名信息表"], HEADER, rowOf(lastYear)] },
      { name: "说明", rows: [["请填写第三个工作表"]] },
      { name: "单位系统管理员实名信息表", rows: [["单位系统管理员实名信息表"], HEADER, rowOf(thisYear)] },
    ]);
    const parsed = parseTable(bytes, ROSTER_TABLE);
    expect(parsed.sheetName).toBe("单位系统管理员实名信息表");
    expect(parsed.sheetsWithHeader).toEqual(["2020年", "单位系统管理员实名信息表"]);
    expect(namesOf(bytes)).toEqual([thisYear.name]);
  });

  it("reads the sheet titled exactly as the template before one whose title only contains it", () => {
    const bytes = xlsxFrom([
      { name: "2020年", rows: [["2020年单位系统管理员实名信息表"], HEADER, rowOf(lastYear)] },
      { name: "2021年", rows: [["单位系统管理员 实名信息表"], ["填报人：张三"], HEADER, rowOf(thisYear)] },
    ]);
    expect(parseTable(bytes, ROSTER_TABLE).sheetName).toBe("2021年");
    expect(namesOf(bytes)).toEqual([thisYear.name]);
  });

  it("reads the first of several sheets that nothing tells apart, and lists them all", () => {
    const bytes = xlsxFrom([
      { name: "2020年", rows: [HEADER, rowOf(lastYear)] },
      { name: "2021年", rows: [HEADER, rowOf(thisYear)] },
    ]);
    const parsed = parseTable(bytes, ROSTER_TABLE);
    expect([parsed.sheetName, parsed.sheetsWithHeader]).toEqual(["2020年", ["2020年", "2021年"]]);
  });

  it("reads the sheet the person picked, and refuses a sheet without the header or one the file does not have", () => {
    const bytes = xlsxFrom([
      { name: "单位系统管理员实名信息表", rows: [HEADER, rowOf(thisYear)] },
      { name: "2020年", rows: [HEADER, rowOf(lastYear)] },
      { name: "说明", rows: [["请填写第一个工作表"]] },
    ]);
    expect(namesOf(bytes, "2020年")).toEqual([lastYear.name]);
    expect(parseTable(bytes, ROSTER_TABLE, { sheet: "2020年" }).sheetName).toBe("2020年");
    expect(refusalOf(() => parseTable(bytes, ROSTER_TABLE, { sheet: "说明" }))).toMatch(/^工作表「说明」中没有找到表头。表头一行须有/);
    expect(refusalOf(() => parseTable(bytes, ROSTER_TABLE, { sheet: "2019年" }))).toBe("文件中没有工作表「2019年」，请重新选择文件后预览。");
  });
});

describe("the 填报人 and 联系电话 lines", () => {
  it("reads them above the table of the downloaded template, rows pre-filled, without taking them for rows", async () => {
    const bytes = await writeWorkbook(
      officialTableWorkbook({
        reportingUnitName: "石家庄市教育局",
        fillerName: "刘海燕",
        fillerPhone: "0311-66005705",
        rows: [{ unitName: "石家庄市教育局", schoolCode: null, entry: { ...thisYear, phone: String(thisYear.phone), schoolCode: null } }],
        notes: ["各单位系统管理员仅限一名。"],
      }),
    );
    const parsed = parseTable(bytes, ROSTER_TABLE);
    expect(parsed.headerLines).toEqual({ fillerName: { line: 3, text: "刘海燕" }, fillerPhone: { line: 4, text: "0311-66005705" } });
    expect(parsed.rows.map((r) => [r.line, r.values.name])).toEqual([[6, thisYear.name]]);
  });

  it("reads them below the table, label and value in separate cells or both on one line, and never as rows", () => {
    const below = (lines: unknown[][]) =>
      parseTable(xlsxFrom([{ name: "s", rows: [["单位系统管理员实名信息表"], HEADER, rowOf(thisYear), [], ...lines, ["填表说明："], ["1. 由各地市汇总上报"]] }]), ROSTER_TABLE);

    const separate = below([["填报人：", "", "李 四"], ["联系电话", "13800138000"]]);
    expect(separate.headerLines).toEqual({ fillerName: { line: 5, text: "李 四" }, fillerPhone: { line: 6, text: "13800138000" } });
    expect(separate.rows.map((r) => r.line)).toEqual([3]);

    const oneLine = below([["填报人：王五　　联系电话：１３９００１３９０００"]]);
    expect(oneLine.headerLines).toEqual({ fillerName: { line: 5, text: "王五" }, fillerPhone: { line: 5, text: "13900139000" } });
    expect(oneLine.rows).toHaveLength(1);

    // After the notes, where some put them at the very bottom; 「填报人联系电话」 is the phone, not a name.
    const bottom = parseTable(xlsxFrom([{ name: "s", rows: [HEADER, rowOf(thisYear), ["填表说明："], ["1. 仅限一名"], ["填报人联系电话：13900139000"]] }]), ROSTER_TABLE);
    expect(bottom.headerLines).toEqual({ fillerPhone: { line: 5, text: "13900139000" } });
  });

  it("takes a valid line, and ignores a blank, invalid or missing one, saying what stays", () => {
    const stored = { fillerName: "刘海燕", fillerPhone: null };
    const read = (fillerName?: string, fillerPhone?: string) =>
      planHeaderLines(
        {
          ...(fillerName !== undefined && { fillerName: { line: 3, text: fillerName } }),
          ...(fillerPhone !== undefined && { fillerPhone: { line: 4, text: fillerPhone } }),
        },
        stored,
      ).map((l) => [l.label, l.status, l.value, l.note]);

    expect(read("张三", "0311 6600 5705")).toEqual([
      ["填报人", "changed", "张三", "将由「刘海燕」改为「张三」"],
      ["联系电话", "changed", "0311-66005705", "将填写为「0311-66005705」"],
    ]);
    expect(read("刘海燕", "")).toEqual([
      ["填报人", "unchanged", "刘海燕", "与本表一致"],
      ["联系电话", "ignored", null, "文件中的「联系电话」为空，已忽略，本表的这一项仍未填写，请在页面上填写"],
    ]);
    const [name, phone] = read(undefined, "1380013800");
    expect(name).toEqual(["填报人", "ignored", null, "文件中没有「填报人」一行，保留本表原有的「刘海燕」"]);
    expect(phone.slice(0, 3)).toEqual(["联系电话", "ignored", null]);
    expect(phone[3]).toMatch(/^已忽略（联系电话：手机号应为 11 位数字.*），本表的这一项仍未填写，请在页面上填写$/);
  });
});
