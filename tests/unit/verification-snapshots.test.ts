// 参考数据: a source's file read by its headers (label or alias, any order, extra columns ignored, missing required ones
// named), and each row checked (学校标识码, duplicates, blanks, counts, amounts, 学年, the province's digits).
import { describe, expect, it } from "vitest";
import { UploadRefusal } from "@/lib/xlsx/guard";
import { parseTable } from "@/lib/xlsx/parse";
import type { ReferenceSource } from "@/db/schema";
import { planSnapshotRows, snapshotSpec } from "@/lib/verification/snapshots/rows";
import { xlsxFrom } from "./xlsx-fixtures";

const STATS_HEADER = ["学校标识码", "学校名称", "在校生数", "专任教师数", "占地面积", "校舍建筑面积", "教学仪器设备总值", "图书"];
const row = (code: string, name = "长安区示例职业中学", ...figures: string[]) => [code, name, ...(figures.length ? figures : ["1200", "80", "52000.5", "31000", "860.25", "12.6"])];

function plan(rows: unknown[][], { source = "statistics" as ReferenceSource, schoolYear = 2021, imported = null as { version: number; when: string } | null } = {}) {
  const table = parseTable(xlsxFrom([{ name: "Sheet1", rows }]), snapshotSpec(source));
  return { table, plan: planSnapshotRows(source, table.rows, { schoolYear, provinceCode: "13", imported }) };
}

describe("reading a snapshot's columns", () => {
  it("maps headers by label or alias in any order, and lists the columns it ignores", () => {
    const { table, plan: p } = plan([
      ["备注", "图书（万册）", "在校学生数", "机构名称", "学校代码", "专任教师", "占地面积（平方米）", "校舍建筑面积", "教学仪器设备资产总值"],
      ["随便", "12.6", "1200", "长安区示例职业中学", "3613010002", "80", "52000", "31000", "860"],
    ]);
    expect(table.readFrom).toMatchObject({ schoolCode: "学校代码", name: "机构名称", students: "在校学生数", books: "图书（万册）", equipmentValue: "教学仪器设备资产总值" });
    expect(table.droppedHeadings).toEqual(["备注"]);
    expect(p.rows[0]).toMatchObject({ status: "new", errors: [], warnings: [] });
    expect(p.writes).toEqual([
      { line: 2, schoolCode: "3613010002", fields: { name: "长安区示例职业中学", students: 1200, fullTimeTeachers: 80, landArea: 52000, buildingArea: 31000, equipmentValue: 860, books: 12.6 } },
    ]);
  });

  it("refuses a file missing required columns with one error naming them all", () => {
    const read = () => plan([["学校标识码", "学校名称", "在校生数", "图书"], row("3613010002").slice(0, 4)]);
    expect(read).toThrow(UploadRefusal);
    expect(read).toThrow(/缺少 「专任教师数」「占地面积」「校舍建筑面积」「教学仪器设备总值」 列/);
  });

  it("leaves an optional column out (举办者, 办学类型 of the code registry)", () => {
    const { table, plan: p } = plan([["学校标识码", "学校名称", "驻地区划代码", "状态"], ["3613010002", "长安区示例职业中学", "130102", "正常"]], { source: "school_codes" });
    expect(table.readFrom.sponsor).toBeUndefined();
    expect(p.writes[0].fields).toEqual({ name: "长安区示例职业中学", divisionCode: "130102", sponsor: null, schoolType: null, status: "正常" });
  });
});

describe("checking a snapshot's rows", () => {
  it("refuses malformed and duplicated 学校标识码, naming the lines", () => {
    const { plan: p } = plan([STATS_HEADER, row("361301000"), row("36130100AB"), row("3613010002"), row("3613010002"), row("")]);
    const errors = p.rows.map((r) => r.errors);
    expect(errors[0]).toEqual(["学校标识码：须为 10 位数字（文件中为「361301000」）"]);
    expect(errors[1][0]).toMatch(/须为 10 位数字/);
    expect(errors[2]).toEqual(["学校标识码：「3613010002」在文件中重复（第 4、5 行），每所学校只能有一行"]);
    expect(errors[3]).toEqual(errors[2]);
    expect(errors[4]).toEqual(["学校标识码：请填写"]);
    expect(p.writes).toEqual([]);
  });

  it("refuses blank required text, counts that are not whole non-negative numbers, amounts that are not non-negative numbers", () => {
    const { plan: p } = plan([STATS_HEADER, row("3613010002", "", "12.5", "-3", "abc", "31000", "860", "1")]);
    expect(p.rows[0].errors).toEqual([
      "学校名称：请填写",
      "在校生数：须为不小于 0 的整数（文件中为「12.5」）",
      "专任教师数：须为不小于 0 的整数（文件中为「-3」）",
      "占地面积：须为不小于 0 的数字（文件中为「abc」）",
    ]);
  });

  it("keeps a blank indicator as empty (the rules' 三无), not a row error", () => {
    const { plan: p } = plan([STATS_HEADER, row("3613010002", "长安区示例职业中学", "1200", "80", "52000", "31000", "", "12")]);
    expect(p.rows[0].errors).toEqual([]);
    expect(p.writes[0].fields.equipmentValue).toBeNull();
  });

  it("refuses rows of a 学年 other than the chosen one", () => {
    const { plan: p } = plan([[...STATS_HEADER, "学年"], [...row("3613010002"), "2021学年"], [...row("3613010003"), "2020-2021学年"], [...row("3613010004"), ""]]);
    expect(p.rows.map((r) => r.status)).toEqual(["new", "error", "new"]);
    expect(p.rows[1].errors).toEqual(["学年：文件中为「2020-2021学年」，与所选的 2021学年 不符，请核对所选学年或文件"]);
  });

  it("warns, without refusing, when digits 3–4 are not the province's", () => {
    const { plan: p } = plan([STATS_HEADER, row("3611010002"), row("3613010002")]);
    expect(p.rows[0]).toMatchObject({ status: "new", errors: [], warnings: ["学校标识码：第 3–4 位为「11」，不是本省代码「13」，请核对"] });
    expect(p.rows[1].warnings).toEqual([]);
  });

  it("writes nothing for a file imported before, and says which version it is", () => {
    const { plan: p } = plan([STATS_HEADER, row("3613010002")], { imported: { version: 2, when: "2021年11月26日 17:00" } });
    expect(p.rows[0].status).toBe("unchanged");
    expect(p.writes).toEqual([]);
    expect(p.notices).toEqual(["这个文件已于 2021年11月26日 17:00 导入为第 2 版，内容相同，再次导入不会有任何改变。"]);
  });
});
