import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { col, queryRows } from "@/db/rows";
import { campaignAssignments, campaigns, discrepancies, referenceSnapshots, submissions, units, verificationTasks } from "@/db/schema";
import { seedDemoTraining } from "@/db/seed/training";
import { DEMO_DISCREPANCIES, seedDemoVerification } from "@/db/seed/verification";
import { DEADLINE, freshSeededDatabaseEachTest, NOW } from "../support/actors";

const world = freshSeededDatabaseEachTest();

/** Each school's open items in the task, as 学校标识码 → keys. */
async function itemsBySchool(campaignId: number) {
  const rows = await queryRows(
    world.db,
    { schoolCode: col.text, key: col.text },
    sql`select u.school_code as "schoolCode", d.key from discrepancies d join units u on u.id = d.unit_id
        where d.campaign_id = ${campaignId} and d.state = 'open' order by u.school_code, d.key`,
  );
  const by: Record<string, string[]> = {};
  for (const r of rows) (by[r.schoolCode] ??= []).push(r.key);
  return by;
}

describe("the demo's 数据核验", () => {
  it("is a published 2021 verification task on the roster task's units, its reference data imported and its rules run", async () => {
    const { db } = world;
    // After the training task, as the launcher seeds it: both carry the notice's doc number.
    await seedDemoTraining(db, { now: NOW });
    expect(await seedDemoVerification(db, { now: NOW })).toEqual({ created: true, items: 4 });
    const all = await db.select().from(campaigns).orderBy(campaigns.id);
    const roster = all.find((c) => c.kind === "roster")!;
    const task = all.find((c) => c.kind === "verification")!;
    expect(task).toMatchObject({ status: "published", docNumber: roster.docNumber, ownerUnitId: roster.ownerUnitId });
    expect(task.deadline.getTime()).toBe(DEADLINE.getTime() + 7 * 24 * 3600_000);
    expect(await db.select({ schoolYear: verificationTasks.schoolYear }).from(verificationTasks).where(eq(verificationTasks.campaignId, task.id))).toEqual([{ schoolYear: 2021 }]);
    const unitsOf = async (campaignId: number) =>
      (await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId))).map((a) => a.unitId).sort();
    expect(await unitsOf(task.id)).toEqual(await unitsOf(roster.id));
    expect(await db.$count(submissions, eq(submissions.campaignId, task.id))).toBe((await unitsOf(roster.id)).length);

    const snapshots = await db.select().from(referenceSnapshots).orderBy(referenceSnapshots.source, referenceSnapshots.schoolYear);
    expect(snapshots.map((s) => [s.source, s.schoolYear, s.version])).toEqual([
      ["school_codes", 2021, 1],
      ["statistics", 2020, 1],
      ["statistics", 2021, 1],
      ["students", 2021, 1],
    ]);
    const schools = await db.$count(units, sql`${units.kind} in ('school', 'college') and ${units.schoolCode} is not null`);
    expect(snapshots.map((s) => s.records)).toEqual([schools, schools, schools, schools - 1]);

    // Exactly the deliberate differences: 石家庄's 长安区示例职业中学 and the province-affiliated 河北省示例机电工程学校.
    expect(await itemsBySchool(task.id)).toEqual({
      [DEMO_DISCREPANCIES.provincial.schoolCode]: [...DEMO_DISCREPANCIES.provincial.keys],
      [DEMO_DISCREPANCIES.changan.schoolCode]: [...DEMO_DISCREPANCIES.changan.keys],
    });
    const items = await db.select().from(discrepancies).where(eq(discrepancies.campaignId, task.id)).orderBy(discrepancies.key);
    expect(items.map((d) => [d.key, d.severity])).toEqual([
      ["blank_indicator:statistics.equipmentValue", "error"],
      ["missing_from_source:students", "error"],
      ["name_differs", "notice"],
      ["students_vs_statistics", "notice"],
    ]);
    const students = items.find((d) => d.key === "students_vs_statistics")!;
    expect(Number(students.leftValue) / Number(students.rightValue)).toBeCloseTo(0.6, 2);
    expect(items.find((d) => d.key === "name_differs")).toMatchObject({ leftValue: "长安区示例职业中学", rightValue: "石家庄市长安区示例职业中学" });
  });

  it("is made once: a second run imports nothing new and finds the same items", async () => {
    const { db } = world;
    await seedDemoVerification(db, { now: NOW });
    const before = await db.select().from(discrepancies).orderBy(discrepancies.id);
    expect(await seedDemoVerification(db, { now: new Date(NOW.getTime() + 3600_000) })).toEqual({ created: false, items: 4 });
    expect(await db.$count(campaigns, eq(campaigns.kind, "verification"))).toBe(1);
    expect(await db.$count(referenceSnapshots)).toBe(4);
    expect(await db.select().from(discrepancies).orderBy(discrepancies.id)).toEqual(before);
  });
});
