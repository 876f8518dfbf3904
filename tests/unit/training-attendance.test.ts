// 培训签到: matching lines to registrations, and reading the 签到表 and the meeting export whatever their column order.
import { describe, expect, it } from "vitest";
import { UploadRefusal } from "@/lib/xlsx/guard";
import { parseTable } from "@/lib/xlsx/parse";
import { detectFormat, parseAttendanceTime, parseMinutes } from "@/lib/training/attendance/formats";
import { FORMAT_SPECS, planAttendanceLines } from "@/lib/training/attendance/lines";
import { attendanceMatcher, type Registrant } from "@/lib/training/attendance/match";
import { xlsxFrom } from "./xlsx-fixtures";

const REGISTRANTS: Registrant[] = [
  { id: 1, name: "王伟芳", phone: "13910000000", unitName: "石家庄市教育局" },
  { id: 2, name: "李伟娜", phone: "13910000001", unitName: "长安区教育局" },
  { id: 3, name: "张敏", phone: "13910000002", unitName: "长安区示例职业中学" },
  { id: 4, name: "张敏", phone: "13910000003", unitName: "桥西区示例职业中学" },
];
const SESSION_START = new Date("2021-11-26T01:00:00Z"); // 09:00 Beijing

describe("matching a line to a registration", () => {
  const match = attendanceMatcher(REGISTRANTS);

  it("matches by phone first, whatever the name says, in any spelling of the number", () => {
    expect(match({ name: "王芳", phone: "139 1000 0001", unitName: null })).toEqual({ match: "matched", registrationId: 2, by: "phone" });
    expect(match({ name: "某某", phone: "+86 13910000000", unitName: "随便写的单位" })).toMatchObject({ registrationId: 1 });
  });

  it("then by name and a unit one contains the other of", () => {
    expect(match({ name: "李 伟娜", phone: null, unitName: "石家庄市长安区教育局" })).toEqual({ match: "matched", registrationId: 2, by: "name" });
    expect(match({ name: "张敏", phone: "13800000000", unitName: "长安区示例职业中学" })).toMatchObject({ match: "matched", registrationId: 3 });
    expect(match({ name: "张敏", phone: null, unitName: "长安区" })).toMatchObject({ registrationId: 3 });
  });

  it("two candidates are ambiguous, none unmatched", () => {
    expect(match({ name: "张敏", phone: null, unitName: "示例职业中学" })).toEqual({ match: "ambiguous", candidates: [3, 4] });
    expect(match({ name: "张敏", phone: null, unitName: null })).toEqual({ match: "ambiguous", candidates: [3, 4] });
    expect(match({ name: "赵强", phone: "13700000000", unitName: "长安区教育局" })).toEqual({ match: "unmatched" });
    expect(match({ name: "王伟芳", phone: null, unitName: "长安区教育局" })).toEqual({ match: "unmatched" });
  });

  it("a phone two registrants share falls back to name and unit", () => {
    const shared = attendanceMatcher([...REGISTRANTS, { id: 5, name: "刘洋", phone: "13910000000", unitName: "新华区教育局" }]);
    expect(shared({ name: "刘洋", phone: "13910000000", unitName: "新华区教育局" })).toEqual({ match: "matched", registrationId: 5, by: "name" });
    expect(shared({ name: "陈静", phone: "13910000000", unitName: null })).toEqual({ match: "unmatched" });
  });
});

function plan(rows: unknown[][]) {
  const bytes = xlsxFrom([{ name: "签到表", rows }]);
  const format = detectFormat(bytes);
  const table = parseTable(bytes, FORMAT_SPECS[format]);
  return { format, plan: planAttendanceLines(format, table.rows as never, { registrants: REGISTRANTS, sessionStartsAt: SESSION_START }) };
}

describe("reading a 签到表", () => {
  it("reads columns by heading, in any order, under a title row", () => {
    const { format, plan: p } = plan([
      ["系统集中培训签到表"],
      ["签到时间", "联系电话", "单位", "姓名", "序号"],
      ["09:05", "13910000000", "石家庄市教育局", "王伟芳", 1],
      ["2021/11/26 9:10", "", "长安区教育局", "李伟娜", 2],
      ["", "13700000000", "新华区教育局", "赵强", 3],
    ]);
    expect(format).toBe("sign_in");
    expect(p.rows.map((r) => r.status)).toEqual(["new", "new", "new"]);
    expect(p.writes.map((w) => [w.name, w.phone, w.outcome.match, w.joinedAt?.toISOString() ?? null])).toEqual([
      ["王伟芳", "13910000000", "matched", "2021-11-26T01:05:00.000Z"],
      ["李伟娜", null, "matched", "2021-11-26T01:10:00.000Z"],
      ["赵强", "13700000000", "unmatched", null],
    ]);
    expect(p.rows[2].warnings[0]).toContain("未找到对应的报名人员");
  });

  it("names the missing columns", () => {
    const bytes = xlsxFrom([{ name: "Sheet1", rows: [["序号", "姓名", "签到时间", "备注"], [1, "王伟芳", "09:00", ""]] }]);
    const format = detectFormat(bytes);
    expect(format).toBe("sign_in");
    expect(() => parseTable(bytes, FORMAT_SPECS[format])).toThrow(UploadRefusal);
    expect(() => parseTable(bytes, FORMAT_SPECS[format])).toThrow(/缺少 「单位」「联系电话」 列/);
  });

  it("makes duplicated phones, missing names, bad phones and bad times row errors, writing nothing of them", () => {
    const { plan: p } = plan([
      ["姓名", "单位", "联系电话", "签到时间"],
      ["王伟芳", "石家庄市教育局", "13910000000", "09:00"],
      ["王芳", "石家庄市教育局", "139-1000-0000", "09:01"],
      ["", "长安区教育局", "13910000001", "09:02"],
      ["张敏", "长安区示例职业中学", "1391000", "09:03"],
      ["李伟娜", "长安区教育局", "13910000001", "明天上午"],
      ["李伟娜", "长安区教育局", "13910000009", "25:00"],
    ]);
    expect(p.rows.map((r) => r.status)).toEqual(["new", "error", "error", "error", "error", "error"]);
    expect(p.rows[1].errors[0]).toBe("联系电话：与第 2 行的号码相同，每人只能有一行，请删除重复的行");
    expect(p.rows[2].errors).toContain("姓名：请填写");
    expect(p.rows[3].errors[0]).toMatch(/^联系电话：/);
    expect(p.rows[4].errors).toContain("签到时间：无法识别「明天上午」，请填写如「2021-11-26 09:00」的时间");
    expect(p.rows[5].errors[0]).toMatch(/^签到时间：无法识别「25:00」/);
  });
});

describe("reading a meeting export", () => {
  it("is told by its headers and reads joined, left and minutes in any order", () => {
    const { format, plan: p } = plan([
      ["参会时长(分钟)", "离会时间", "用户名", "入会时间", "手机号"],
      ["95", "2021-11-26 10:40", "王伟芳", "2021-11-26 09:05", "13910000000"],
      ["", "2021-11-26 10:00:00", "张敏", "2021-11-26 09:30:00", ""],
      ["1小时5分钟", "2021-11-26 10:10", "访客", "2021-11-26 09:05", "13700000000"],
    ]);
    expect(format).toBe("meeting");
    expect(p.writes.map((w) => [w.name, w.durationMinutes, w.outcome.match])).toEqual([
      ["王伟芳", 95, "matched"],
      ["张敏", 30, "ambiguous"],
      ["访客", 65, "unmatched"],
    ]);
  });

  it("refuses a left time before the joined one, and a missing one", () => {
    const { plan: p } = plan([
      ["用户名", "手机号", "入会时间", "离会时间", "参会时长"],
      ["王伟芳", "13910000000", "2021-11-26 10:00", "2021-11-26 09:00", "60"],
      ["李伟娜", "13910000001", "2021-11-26 10:00", "", "60"],
    ]);
    expect(p.rows[0].errors).toEqual(["离会时间：早于入会时间，请核对"]);
    expect(p.rows[1].errors).toEqual(["离会时间：请填写"]);
    expect(p.writes).toEqual([]);
  });

  it("names the missing columns of a meeting export", () => {
    const bytes = xlsxFrom([{ name: "Sheet1", rows: [["用户名", "手机号", "入会时间"], ["王伟芳", "13910000000", "09:00"]] }]);
    expect(detectFormat(bytes)).toBe("meeting");
    expect(() => parseTable(bytes, FORMAT_SPECS.meeting)).toThrow(/缺少 「离会时间」「参会时长（分钟）」 列/);
  });
});

describe("times and minutes", () => {
  it("reads Beijing times as typed and Excel's date numbers", () => {
    expect(parseAttendanceTime("2021年11月26日 9:05", SESSION_START)?.toISOString()).toBe("2021-11-26T01:05:00.000Z");
    expect(parseAttendanceTime("44526.375", SESSION_START)?.toISOString()).toBe("2021-11-26T01:00:00.000Z");
    expect(parseAttendanceTime("0.5", SESSION_START)?.toISOString()).toBe("2021-11-26T04:00:00.000Z");
    expect(parseAttendanceTime("2021-02-30 09:00", SESSION_START)).toBeNull();
    expect(parseAttendanceTime("123", SESSION_START)).toBeNull();
  });

  it("reads minutes as exports write them", () => {
    expect([parseMinutes("95"), parseMinutes("95.6"), parseMinutes("1小时35分"), parseMinutes("35分钟"), parseMinutes("很久")]).toEqual([95, 96, 95, 35, null]);
  });
});
