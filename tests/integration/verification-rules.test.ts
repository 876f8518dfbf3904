// 数据核验's rules: snapshots built directly for the demo schools, clean but for one deliberate difference per rule;
// the run finds exactly those, with both values; a new snapshot closes what it fixed and keeps the answers on the rest;
// a tolerance edit changes what the next run finds.
import { and, eq, isNotNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { discrepancies, type ReferenceSource, referenceRecords, referenceSnapshots, units, verificationRules } from "@/db/schema";
import { runVerificationCommand, updateRuleCommand } from "@/lib/verification/rules/commands";
import { ensureRules } from "@/lib/verification/rules/defaults";
import { rerunAfterSnapshot } from "@/lib/verification/rules/engine";
import { getDiscrepanciesForProvince } from "@/lib/verification/rules/queries";
import { latestSnapshotIds } from "@/lib/verification/snapshots/latest";
import { actorFor, CITY_EMAIL, dataOf, freshSeededDatabaseEachTest, NOW, run } from "../support/actors";
import { publishedVerification, VERIFICATION_YEAR } from "../support/verification";

const t = freshSeededDatabaseEachTest();
const LATER = new Date(NOW.getTime() + 24 * 3600_000);

type Fields = Record<string, string | number | null>;
type School = { code: string; name: string; division: string };

let version = 0;
async function snapshot(db: Db, ownerUnitId: number, source: ReferenceSource, schoolYear: number, rows: [string, Fields][]) {
  version++;
  const [s] = await db
    .insert(referenceSnapshots)
    .values({ ownerUnitId, source, schoolYear, version, fileName: `${source}-${schoolYear}.xlsx`, fileHash: `hash-${version}`, records: rows.length })
    .returning();
  await db.insert(referenceRecords).values(rows.map(([schoolCode, fields], i) => ({ snapshotId: s.id, schoolCode, line: i + 2, fields: { schoolCode, ...fields } })));
  return s.id;
}

const STATISTICS: Fields = { students: 1000, fullTimeTeachers: 80, landArea: 50000, buildingArea: 30000, equipmentValue: 500, books: 10 };

/** Each source's lines for every school, with `change` applied to the named school (null: leave the school out). */
function lines(schools: School[], base: (s: School) => Fields, change: Record<string, Fields | null> = {}): [string, Fields][] {
  return schools.filter((s) => change[s.code] !== null).map((s) => [s.code, { ...base(s), ...change[s.code] }]);
}

async function world(db: Db) {
  const task = await publishedVerification(db);
  const owner = task.province.unitId;
  const schools = (await db.select({ code: units.schoolCode, name: units.name, division: units.divisionCode }).from(units).where(isNotNull(units.schoolCode))) as School[];
  const codes = (change: Record<string, Fields | null> = {}) => lines(schools, (s) => ({ name: s.name, divisionCode: s.division, status: "正常" }), change);
  const stats = (change: Record<string, Fields | null> = {}) => lines(schools, (s) => ({ name: s.name, ...STATISTICS }), change);
  const students = (change: Record<string, Fields | null> = {}) => lines(schools, (s) => ({ name: s.name, grade1: 340, grade2: 330, grade3: 330, enrolled: 1000 }), change);
  const teachers = (change: Record<string, Fields | null> = {}) => lines(schools, (s) => ({ name: s.name, staff: 100, fullTimeTeachers: 80 }), change);
  const y = VERIFICATION_YEAR;
  await snapshot(db, owner, "school_codes", y, codes({
    "3613010003": { status: "撤销" },
    "3613000001": { name: "河北省示例机电工程学校（分校）" },
    // Spelt otherwise but the same name: full-width brackets and spaces.
    "3613000002": { name: "河北省示例交通　职业技术学校" },
    "3613010002": { divisionCode: "130104" },
  }));
  const year = stats({ "3613040001": { equipmentValue: null }, "3613050001": { landArea: 70000 } });
  await snapshot(db, owner, "statistics", y, [...year, ["3613019999", { name: "名册外示例学校", ...STATISTICS }]]);
  await snapshot(db, owner, "statistics", y - 1, stats());
  await snapshot(db, owner, "students", y, students({ "3613020001": { enrolled: 1400 } }));
  await snapshot(db, owner, "teachers", y, teachers({ "3613010001": null, "3613030001": { fullTimeTeachers: 90 } }));
  return { ...task, owner, schools, codes, stats, students, teachers, year };
}

async function items(db: Db, campaignId: number) {
  const rows = await db
    .select({ code: units.code, key: discrepancies.key, severity: discrepancies.severity, state: discrepancies.state, left: discrepancies.leftValue, right: discrepancies.rightValue, ruleId: discrepancies.ruleId })
    .from(discrepancies)
    .innerJoin(units, eq(units.id, discrepancies.unitId))
    .where(eq(discrepancies.campaignId, campaignId));
  return rows.sort((a, b) => (a.code + a.key).localeCompare(b.code + b.key));
}

const EXPECTED = [
  { code: "13", key: "extra_in_source:statistics:3613019999", severity: "notice", left: null, right: "3613019999 名册外示例学校" },
  { code: "3613000001", key: "name_differs", severity: "notice", left: "河北省示例机电工程学校", right: "河北省示例机电工程学校（分校）" },
  { code: "3613010001", key: "missing_from_source:teachers", severity: "error", left: "石家庄市示例职业技术教育中心（3613010001）", right: null },
  { code: "3613010002", key: "county_differs", severity: "error", left: "长安区教育局（130102）", right: "130104" },
  { code: "3613010003", key: "voided_code", severity: "error", left: "3613010003", right: "撤销" },
  { code: "3613020001", key: "students_vs_statistics", severity: "notice", left: "1400", right: "1000" },
  { code: "3613030001", key: "teachers_vs_statistics", severity: "notice", left: "90", right: "80" },
  { code: "3613040001", key: "blank_indicator:statistics.equipmentValue", severity: "error", left: null, right: "不为空且大于零" },
  { code: "3613050001", key: "year_on_year:statistics.landArea", severity: "notice", left: "50000", right: "70000" },
];

describe("the verification rules", () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world(t.db);
  });

  it("finds exactly one item per deliberate difference, with both values and the rule's severity", async () => {
    const counts = dataOf(await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province));
    expect(counts).toEqual({ found: 9, opened: 9, updated: 0, closed: 0 });
    expect(await items(t.db, w.campaign.id)).toEqual(EXPECTED.map((e) => ({ ...e, state: "open", ruleId: expect.any(Number) })));
    // Each item's rule is the province's rule of that code.
    const rules = await t.db.select().from(verificationRules).where(eq(verificationRules.ownerUnitId, w.owner));
    for (const item of await items(t.db, w.campaign.id)) expect(item.key.startsWith(rules.find((r) => r.id === item.ruleId)!.code)).toBe(true);
  });

  it("re-run with nothing changed writes nothing", async () => {
    await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province);
    const before = await t.db.select().from(discrepancies);
    expect(dataOf(await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province, LATER))).toEqual({ found: 9, opened: 0, updated: 0, closed: 0 });
    expect(await t.db.select().from(discrepancies)).toEqual(before);
  });

  it("a new snapshot closes what it fixed, keeps answers where one value stayed, and reopens answers where both changed", async () => {
    await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province);
    const answer = (key: string) =>
      t.db.update(discrepancies).set({ state: "explained", explanation: "情况属实。", answeredAt: NOW }).where(and(eq(discrepancies.campaignId, w.campaign.id), eq(discrepancies.key, key)));
    await answer("students_vs_statistics");
    await answer("year_on_year:statistics.landArea");
    await answer("teachers_vs_statistics");
    // 学生系统 corrected; 事业统计 v2: 教师 81 (with 教师系统 95, both sides of the teachers item moved), the rest as before.
    await snapshot(t.db, w.owner, "students", VERIFICATION_YEAR, w.students());
    await snapshot(t.db, w.owner, "teachers", VERIFICATION_YEAR, w.teachers({ "3613010001": null, "3613030001": { fullTimeTeachers: 95 } }));
    const year = w.stats({ "3613040001": { equipmentValue: null }, "3613050001": { landArea: 70000 }, "3613030001": { fullTimeTeachers: 81 } });
    await snapshot(t.db, w.owner, "statistics", VERIFICATION_YEAR, [...year, ["3613019999", { name: "名册外示例学校", ...STATISTICS }]]);

    expect(dataOf(await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province, LATER))).toEqual({ found: 8, opened: 0, updated: 1, closed: 1 });
    const after = await items(t.db, w.campaign.id);
    expect(after.find((i) => i.key === "students_vs_statistics")).toMatchObject({ state: "closed", left: "1400", right: "1000" });
    expect(after.find((i) => i.key === "year_on_year:statistics.landArea")).toMatchObject({ state: "explained" });
    expect(after.find((i) => i.key === "teachers_vs_statistics")).toMatchObject({ state: "open", left: "95", right: "81" });
    const [closed] = await t.db.select().from(discrepancies).where(eq(discrepancies.key, "students_vs_statistics"));
    expect(closed.closedAt).toEqual(LATER);
    // It differs again: reopened.
    await snapshot(t.db, w.owner, "students", VERIFICATION_YEAR, w.students({ "3613020001": { enrolled: 1400 } }));
    await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province, LATER);
    const [reopened] = await t.db.select().from(discrepancies).where(eq(discrepancies.key, "students_vs_statistics"));
    expect(reopened).toMatchObject({ state: "open", closedAt: null });
  });

  it("a tolerance edit changes what the next run finds; a stale edit is refused", async () => {
    await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province);
    const rules = await t.db.transaction((tx) => ensureRules(tx, w.owner));
    const teachers = rules.find((r) => r.code === "teachers_vs_statistics")!;
    const edit = { ruleId: teachers.id, expectedVersion: teachers.version, name: teachers.name, severity: "notice", tolerancePercent: "20", enabled: true };
    expect(dataOf(await run(t.db, updateRuleCommand, edit, w.province))).toEqual({ ruleId: teachers.id, version: teachers.version + 1 });
    const [saved] = await t.db.select().from(verificationRules).where(eq(verificationRules.id, teachers.id));
    expect(saved.tolerance).toBe(0.2);
    expect(dataOf(await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province, LATER))).toMatchObject({ found: 8, closed: 1 });
    expect(await run(t.db, updateRuleCommand, edit, w.province)).toMatchObject({ ok: false, formError: expect.stringContaining("另一窗口") });
    // A rule that compares no counts takes no tolerance; a disabled rule's items close.
    const voided = rules.find((r) => r.code === "voided_code")!;
    expect(await run(t.db, updateRuleCommand, { ruleId: voided.id, expectedVersion: voided.version, name: voided.name, severity: "error", tolerancePercent: "5", enabled: true }, w.province)).toMatchObject({
      ok: false,
      fieldErrors: { tolerancePercent: expect.any(String) },
    });
    dataOf(await run(t.db, updateRuleCommand, { ruleId: voided.id, expectedVersion: voided.version, name: voided.name, severity: "error", tolerancePercent: "", enabled: false }, w.province));
    expect(dataOf(await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province, LATER))).toMatchObject({ found: 7, closed: 1 });
  });

  it("reads the latest version of each source for the year", async () => {
    const before = await latestSnapshotIds(t.db, w.owner, VERIFICATION_YEAR);
    const next = await snapshot(t.db, w.owner, "students", VERIFICATION_YEAR, w.students());
    expect(await latestSnapshotIds(t.db, w.owner, VERIFICATION_YEAR)).toEqual({ ...before, students: next });
    expect(Object.keys(await latestSnapshotIds(t.db, w.owner, VERIFICATION_YEAR - 1))).toEqual(["statistics"]);
  });

  it("a snapshot of the year before re-runs the task whose 同比 base it is", async () => {
    await snapshot(t.db, w.owner, "statistics", VERIFICATION_YEAR - 1, w.stats({ "3613050001": { landArea: 70000 } }));
    await t.db.transaction((tx) => rerunAfterSnapshot(tx, { ownerUnitId: w.owner, schoolYear: VERIFICATION_YEAR - 1, now: NOW }));
    expect((await items(t.db, w.campaign.id)).map((i) => i.key)).not.toContain("year_on_year:statistics.landArea");
    expect(await items(t.db, w.campaign.id)).toHaveLength(8);
  });

  it("the province's overview counts by rule, severity and city, filters, and pages the items", async () => {
    await run(t.db, runVerificationCommand, { campaignId: w.campaign.id }, w.province);
    const read = (filters: Parameters<typeof getDiscrepanciesForProvince>[0]["filters"]) => getDiscrepanciesForProvince({ db: t.db, actor: w.province, campaignId: w.campaign.id, filters });
    const all = (await read({ page: 1 }))!;
    expect(all.total).toBe(9);
    expect(all.byRule.reduce((n, c) => n + c.count, 0)).toBe(9);
    expect(all.byReportingUnit.find((u) => u.name === "石家庄市教育局")).toEqual({ name: "石家庄市教育局", schools: 3, errors: 3, notices: 0 });
    expect(all.byReportingUnit.at(-1)).toEqual({ name: "省级（名册外的学校）", schools: 1, errors: 0, notices: 1 });
    // 石家庄's items first, in registry order (its counties' schools before its own); the province's own item last.
    expect(all.lines.slice(0, 3).map((l) => l.schoolCode)).toEqual(["3613010002", "3613010003", "3613010001"]);
    expect(all.lines[0]).toMatchObject({ reportingUnit: "石家庄市教育局", unitName: "长安区示例职业中学", severity: "error", leftValue: "长安区教育局（130102）", rightValue: "130104" });
    expect(all.lines.at(-1)).toMatchObject({ reportingUnit: "省级", subject: "「教育事业统计」中的学校是否在名册中" });
    const errors = (await read({ severity: "error", page: 1 }))!;
    expect(errors.lines.map((l) => l.severity)).toEqual(Array(4).fill("error"));
    const voided = all.rules.find((r) => r.code === "voided_code")!;
    expect((await read({ ruleId: voided.id, page: 1 }))!.lines.map((l) => l.schoolCode)).toEqual(["3613010003"]);
    expect((await read({ state: "closed", page: 1 }))!.total).toBe(0);
    expect((await read({ page: 5 }))!.page).toBe(1);
    // Another unit's people have no such page.
    await expect(getDiscrepanciesForProvince({ db: t.db, actor: await actorFor(t.db, CITY_EMAIL), campaignId: w.campaign.id, filters: { page: 1 } })).rejects.toThrow();
  });
});
