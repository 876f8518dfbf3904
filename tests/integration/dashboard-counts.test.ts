import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaignAssignments, rosterEntries, rosterChildCounts, submissions, unitChildCounts, units } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import { actorFor, CHANGAN, CITY_EMAIL, fillEveryRow, freshSeededDatabaseEachTest, NOW, SHIJIAZHUANG, submissionOf, TANGSHAN, unitByCode } from "../support/actors";

// The dashboard and 「提交」's readiness add up counts the writes keep (db/schema/counts.ts). After each kind of write
// those counts, every figure the dashboard shows and every table's rows must equal a recount from scratch.
const world = freshSeededDatabaseEachTest();
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;

/** The kept counts as they would be counted now from units and roster_entries, and as they are kept (zeros left out). */
async function keptAndRecounted(db: Db) {
  const [recounted] = await db.execute<{ children: unknown; rows: unknown }>(sql`select
    (select coalesce(json_agg(x order by x.parent_id), '[]') from (
      select reporting_parent_id as parent_id, count(*)::int as n from units where active and reporting_parent_id is not null group by 1) x) as children,
    (select coalesce(json_agg(x order by x.campaign_id, x.parent_id), '[]') from (
      select e.campaign_id, u.reporting_parent_id as parent_id, count(*)::int as n from roster_entries e join units u on u.id = e.unit_id
      where u.active and u.reporting_parent_id is not null group by 1, 2) x) as rows`);
  const children = (await db.select().from(unitChildCounts).orderBy(unitChildCounts.parentId)).filter((c) => c.activeChildren > 0).map((c) => ({ parent_id: c.parentId, n: c.activeChildren }));
  const rows = (await db.select().from(rosterChildCounts).orderBy(rosterChildCounts.campaignId, rosterChildCounts.parentId))
    .filter((r) => r.filled > 0)
    .map((r) => ({ campaign_id: r.campaignId, parent_id: r.parentId, n: r.filled }));
  return { kept: { children, rows }, recounted };
}

/** Each reporting unit's line, the totals and the chart, counted naively in JavaScript from the registry and the rows. */
async function naiveProvince(db: Db, campaignId: number) {
  const all = await db.select().from(units);
  const entries = await db.select({ unitId: rosterEntries.unitId }).from(rosterEntries).where(eq(rosterEntries.campaignId, campaignId));
  const filled = new Set(entries.map((e) => e.unitId));
  const activeSubtree = (id: number): number[] => [id, ...all.filter((u) => u.active && u.reportingParentId === id).flatMap((c) => activeSubtree(c.id))];
  const assigned = await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId));
  const reporting = assigned.map((a) => all.find((u) => u.id === a.unitId)!).filter((u) => u.active);
  const lines = reporting.map((u) => {
    const ids = activeSubtree(u.id);
    return { unitId: u.id, rowsExpected: ids.length, rowsFilled: ids.filter((id) => filled.has(id)).length };
  });
  const states = await db.select({ unitId: submissions.unitId, status: submissions.status }).from(submissions).where(eq(submissions.campaignId, campaignId));
  const statusOf = (id: number) => states.find((s) => s.unitId === id)?.status ?? "draft";
  return {
    lines: lines.sort((a, b) => a.unitId - b.unitId),
    rowsFilled: lines.reduce((n, l) => n + l.rowsFilled, 0),
    rowsExpected: lines.reduce((n, l) => n + l.rowsExpected, 0),
    figures: {
      expected: reporting.length,
      submitted: reporting.filter((u) => ["submitted", "returned", "approved"].includes(statusOf(u.id))).length,
      approved: reporting.filter((u) => statusOf(u.id) === "approved").length,
    },
  };
}

/** The city's lines: its own row, and each unit directly under it with that unit's active subtree. */
async function naiveCity(db: Db, campaignId: number, cityId: number) {
  const all = await db.select().from(units);
  const entries = await db.select({ unitId: rosterEntries.unitId }).from(rosterEntries).where(eq(rosterEntries.campaignId, campaignId));
  const filled = new Set(entries.map((e) => e.unitId));
  const activeSubtree = (id: number): number[] => [id, ...all.filter((u) => u.active && u.reportingParentId === id).flatMap((c) => activeSubtree(c.id))];
  const under = all.filter((u) => u.active && u.reportingParentId === cityId).map((u) => activeSubtree(u.id));
  return [{ unitId: cityId, rowsExpected: 1, rowsFilled: filled.has(cityId) ? 1 : 0 }, ...under.map((ids) => ({ unitId: ids[0], rowsExpected: ids.length, rowsFilled: ids.filter((id) => filled.has(id)).length }))].sort(
    (a, b) => a.unitId - b.unitId,
  );
}

async function expectExact(db: Db, step: string) {
  const { kept, recounted } = await keptAndRecounted(db);
  expect(kept, step).toEqual(recounted);

  const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
  const province = (await getDashboardByActor({ db, actor: await actorFor(db, ADMIN_EMAIL), campaignId, now: NOW }))!;
  const naive = await naiveProvince(db, campaignId);
  expect(province.lines.map((l) => ({ unitId: l.unitId, rowsExpected: l.rowsExpected, rowsFilled: l.rowsFilled })).sort((a, b) => a.unitId - b.unitId), step).toEqual(naive.lines);
  expect({ rowsFilled: province.totals.rowsFilled, rowsExpected: province.totals.rowsExpected, units: province.totals.units }, step).toEqual({
    rowsFilled: naive.rowsFilled,
    rowsExpected: naive.rowsExpected,
    units: naive.lines.length,
  });
  const bars = province.bars.reduce((sum, b) => ({ rowsFilled: sum.rowsFilled + b.rowsFilled, rowsExpected: sum.rowsExpected + b.rowsExpected, units: sum.units + b.units }), {
    rowsFilled: 0,
    rowsExpected: 0,
    units: 0,
  });
  expect(bars, step).toEqual({ rowsFilled: naive.rowsFilled, rowsExpected: naive.rowsExpected, units: naive.lines.length });
  const sjz = await unitByCode(db, SHIJIAZHUANG);
  expect(province.bars[0], step).toMatchObject({ label: sjz.name, ...pick(naive.lines.find((l) => l.unitId === sjz.id)!) });
  expect(province.figures, step).toMatchObject(naive.figures);

  // 「提交」's readiness counts every table's rows from the same kept counts.
  const tables = await db.select({ id: submissions.id, unitId: submissions.unitId }).from(submissions).where(eq(submissions.campaignId, campaignId));
  for (const line of naive.lines) {
    const readiness = await getReadinessBySubmission({ db, submissionId: tables.find((t) => t.unitId === line.unitId)!.id });
    expect({ unitId: line.unitId, rowsExpected: readiness.rowsExpected, rowsFilled: readiness.rowsFilled }, step).toEqual(line);
  }

  const city = (await getDashboardByActor({ db, actor: await actorFor(db, CITY_EMAIL), campaignId, now: NOW }))!;
  expect(city.lines.map((l) => ({ unitId: l.unitId, rowsExpected: l.rowsExpected, rowsFilled: l.rowsFilled })).sort((a, b) => a.unitId - b.unitId), step).toEqual(await naiveCity(db, campaignId, sjz.id));
  expect(city.reporting, step).toMatchObject(pick(naive.lines.find((l) => l.unitId === sjz.id)!));
}

const pick = (l: { rowsFilled: number; rowsExpected: number }) => ({ rowsFilled: l.rowsFilled, rowsExpected: l.rowsExpected });

async function addRows(db: Db, reportingCode: string, unitCodes: string[]) {
  const submission = await submissionOf(db, reportingCode);
  const found = await db.select().from(units).where(inArray(units.code, unitCodes));
  await db.insert(rosterEntries).values(
    found.map((u) => ({ campaignId: submission.campaignId, submissionId: submission.id, unitId: u.id, name: "王伟", position: "科长", phone: "13800138000", email: `${u.code}@example.com`, schoolCode: u.schoolCode })),
  );
}

describe("the dashboard's kept counts", () => {
  it("equal a recount after saves, imports, deactivations, moves, new schools, deletions and returns", async () => {
    const { db } = world;
    await expectExact(db, "seeded");

    const city = await submissionOf(db, SHIJIAZHUANG);
    await fillEveryRow(db, await actorFor(db, CITY_EMAIL), city.id);
    await expectExact(db, "the city saved every row of its table");

    const tangshanUnder = await db.select().from(units).where(eq(units.reportingParentId, (await unitByCode(db, TANGSHAN)).id));
    await addRows(db, TANGSHAN, [TANGSHAN, ...tangshanUnder.map((u) => u.code)]);
    await expectExact(db, "rows of several counties in one statement");

    await db.update(units).set({ active: false }).where(eq(units.code, CHANGAN));
    await expectExact(db, "a county with rows deactivated");
    await db.update(units).set({ active: true }).where(eq(units.code, CHANGAN));
    await expectExact(db, "and reactivated");

    const school = (await db.select().from(units).where(eq(units.reportingParentId, (await unitByCode(db, CHANGAN)).id)))[0];
    await db.update(units).set({ reportingParentId: tangshanUnder[0].id }).where(eq(units.id, school.id));
    await expectExact(db, "a school with its row moved to a county of another city");

    await db.insert(units).values([
      { code: "3699000001", name: "新建学校一", kind: "school", reportingParentId: (await unitByCode(db, CHANGAN)).id, schoolCode: "3699000001" },
      { code: "3699000002", name: "新建学校二", kind: "school", reportingParentId: tangshanUnder[1].id, schoolCode: "3699000002" },
      { code: "3699000003", name: "停用学校", kind: "school", reportingParentId: tangshanUnder[1].id, schoolCode: "3699000003", active: false },
    ]);
    await expectExact(db, "new schools added");
    await addRows(db, SHIJIAZHUANG, ["3699000001"]);
    await expectExact(db, "a new school's row");

    const [moved] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, (await unitByCode(db, "3699000001")).id));
    await db.update(rosterEntries).set({ unitId: (await unitByCode(db, "3699000002")).id }).where(eq(rosterEntries.id, moved.id));
    await expectExact(db, "a row handed to another unit");

    await db.delete(rosterEntries).where(inArray(rosterEntries.unitId, tangshanUnder.map((u) => u.id)));
    await expectExact(db, "rows deleted");
    await db.delete(units).where(eq(units.code, "3699000003"));
    await db.delete(units).where(eq(units.code, "3699000001"));
    await expectExact(db, "units deleted");

    await db.update(submissions).set({ status: "returned", submittedAt: NOW }).where(eq(submissions.id, city.id));
    await expectExact(db, "a submission returned");
  });

  it("stay exact when a unit moves while another transaction adds its row", async () => {
    const { db } = world;
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const school = (await db.select().from(units).where(eq(units.reportingParentId, (await unitByCode(db, CHANGAN)).id)))[0];
    const elsewhere = (await db.select().from(units).where(eq(units.reportingParentId, (await unitByCode(db, TANGSHAN)).id)))[0];
    let added!: () => void;
    const rowAdded = new Promise<void>((resolve) => (added = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const saving = db.transaction(async (tx) => {
      await tx.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: school.id, name: "王伟", position: "科长", phone: "13800138000", email: "a@example.com", schoolCode: school.schoolCode });
      added();
      await released;
    });
    await rowAdded;
    const moving = db.update(units).set({ reportingParentId: elsewhere.id }).where(eq(units.id, school.id)).execute();
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([saving, moving]);
    const { kept, recounted } = await keptAndRecounted(db);
    expect(kept).toEqual(recounted);
  });
});
