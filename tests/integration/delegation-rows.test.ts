import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { toReviewRows } from "@/components/review/types";
import type { Db } from "@/db/index";
import { rosterEntries, units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assignCommand, confirmCommand, returnRowCommand, takeBackCommand } from "@/lib/delegation/commands";
import { getReviewForActor } from "@/lib/review/queries";
import { saveRowCommand } from "@/lib/roster/commands";
import { readTableView } from "@/lib/roster/paging";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { submitCommand } from "@/lib/submissions/commands";
import { formatDateTime } from "@/lib/time";
import { actorFor, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, fillEveryRow, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, unitByCode, uploadScan } from "../support/actors";
import { DELEGATE_DEADLINE, handIn } from "../support/delegation";

const world = freshSeededDatabaseEachTest();

const QIAOXI = "130104";

const DEADLINE = DELEGATE_DEADLINE;
const LATER = new Date(NOW.getTime() + 60 * 60 * 1000);

/**
 * 石家庄's table with rows delegated to two counties: 长安区 collects its school, and has filled both rows and handed
 * them in (at NOW), the city confirming the county's own row an hour later; 桥西区 has not started on its row.
 */
async function delegatedTable(db: Db) {
  const submission = await submissionOf(db, SHIJIAZHUANG);
  const city = await actorFor(db, CITY_EMAIL);
  const county = await actorFor(db, COUNTY_EMAIL);
  const changan = await unitByCode(db, CHANGAN);
  const qiaoxi = await unitByCode(db, QIAOXI);
  const [school] = await db.select().from(units).where(and(eq(units.reportingParentId, changan.id), eq(units.kind, "school"), eq(units.active, true))).orderBy(units.id);
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city));
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [qiaoxi.id], ...DEADLINE }, city));
  await fillEveryRow(db, county, submission.id, "county");
  dataOf(await handIn(db, county, changan.id));
  dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id] }, city, LATER));
  return { submission, city, county, changan, qiaoxi, school };
}

/** The page of the table `view` asks for, searched, filtered and counted in SQL as the table page reads it. */
async function pageOf(db: Db, actor: Actor, submissionId: number, view = FIRST_PAGE) {
  const workspace = await getWorkspaceForActor({ db, actor, submissionId, view });
  if (!workspace) throw new Error("no workspace");
  return workspace.table;
}

describe("the city's table under 分派填报", () => {
  it("counts each delegation state over the whole table and filters by it on the server, as the delegate's table does for its rows", async () => {
    const { db } = world;
    const { submission, city, county, changan, qiaoxi, school } = await delegatedTable(db);
    const { total } = await pageOf(db, city, submission.id);

    const handedIn = await pageOf(db, city, submission.id, readTableView({ state: "submitted" }));
    expect(handedIn.counts).toMatchObject({ undelegated: total - 3, assigned: 1, submitted: 1, confirmed: 1, returned: 0 });
    expect(handedIn.counts.filled + handedIn.counts.empty).toBe(total);
    expect(handedIn).toMatchObject({ matched: 1, total });
    expect(handedIn.rows[0]).toMatchObject({ unitId: school.id, delegation: { delegateUnitName: changan.name, submittedByName: county.name, submittedAt: NOW, decidedAt: null } });
    expect((await pageOf(db, city, submission.id, readTableView({ state: "assigned" }))).rows.map((r) => [r.unitId, r.delegation?.delegateUnitName])).toEqual([[qiaoxi.id, qiaoxi.name]]);
    expect((await pageOf(db, city, submission.id, readTableView({ state: "confirmed" }))).rows.map((r) => [r.unitId, r.delegation?.decidedByName, r.delegation?.decidedAt])).toEqual([
      [changan.id, city.name, LATER],
    ]);
    const own = await pageOf(db, city, submission.id, readTableView({ state: "undelegated" }));
    expect(own.matched).toBe(total - 3);
    expect(own.rows.every((r) => r.delegation === null)).toBe(true);
    // A search within a state finds nothing outside it.
    expect((await pageOf(db, city, submission.id, readTableView({ state: "submitted", q: changan.name }))).matched).toBe(0);

    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: school.id, reason: "职务请写全称" }, city, LATER));
    const returned = await pageOf(db, city, submission.id, readTableView({ state: "returned" }));
    expect(returned.counts).toMatchObject({ submitted: 0, returned: 1 });
    expect(returned.rows.map((r) => [r.unitId, r.delegation?.returnReason, r.delegation?.decidedByName])).toEqual([[school.id, "职务请写全称", city.name]]);

    // The county sees its own rows only, counted the same way.
    const mine = await pageOf(db, county, submission.id);
    expect(mine.total).toBe(2);
    expect(mine.counts).toMatchObject({ undelegated: 0, assigned: 0, confirmed: 1, returned: 1 });
  });

  it("records the city's own change of a delegated row as the city's, and names the writer's unit on the row", async () => {
    const { db } = world;
    const { submission, city, county, school } = await delegatedTable(db);
    const before = (await pageOf(db, city, submission.id)).rows.find((r) => r.unitId === school.id)!;
    expect(before.entry).toMatchObject({ updatedByName: county.name, updatedByUnitName: county.unitName });

    // Handed in but not confirmed: the city corrects the row itself rather than returning it.
    const saved = dataOf(
      await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: before.entry!.email, schoolCode: school.schoolCode, position: "网络中心主任", expectedVersion: before.entry!.version }), city),
    );
    expect(saved.entry).toMatchObject({ updatedByName: city.name, updatedByUnitName: city.unitName });
    const [stored] = await db.select().from(rosterEntries).where(and(eq(rosterEntries.campaignId, submission.campaignId), eq(rosterEntries.unitId, school.id)));
    expect(stored).toMatchObject({ updatedBy: city.userId, position: "网络中心主任" });
    const after = (await pageOf(db, city, submission.id)).rows.find((r) => r.unitId === school.id)!;
    expect(after.entry).toMatchObject({ updatedByName: city.name, updatedByUnitName: city.unitName });
    expect(after.delegation?.state).toBe("submitted");
  });

  it("shows the reviewer who filled each row and, for a delegated one, who of the city confirmed it and when", async () => {
    const { db } = world;
    const { submission, city, county, changan, qiaoxi, school } = await delegatedTable(db);
    // The school's row is confirmed two hours in; 桥西区's row the city takes back and fills itself.
    const confirmedAt = new Date(LATER.getTime() + 60 * 60 * 1000);
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [school.id] }, city, confirmedAt));
    dataOf(await run(db, takeBackCommand, { submissionId: submission.id, unitIds: [qiaoxi.id] }, city));
    await fillEveryRow(db, city, submission.id);
    await saveHeader(db, city, submission.id);
    await uploadScan(db, city, submission.id);
    dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: (await submissionById(db, submission.id)).version }, city, confirmedAt));

    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const review = (await getReviewForActor({ db, actor: reviewer, submissionId: submission.id }))!;
    const rows = toReviewRows(review, review.table.rows);
    const byUnit = new Map(rows.map((r) => [r.unitId, r]));
    expect(byUnit.get(school.id)).toMatchObject({ filledBy: { name: county.name, unitName: county.unitName }, confirmedBy: { name: city.name, at: formatDateTime(confirmedAt) } });
    expect(byUnit.get(changan.id)).toMatchObject({ filledBy: { name: county.name, unitName: county.unitName }, confirmedBy: { name: city.name, at: formatDateTime(LATER) } });
    // The city's own rows, and one it took back: filled by the city, nobody to confirm.
    for (const unitId of [submission.unitId, qiaoxi.id]) expect(byUnit.get(unitId)).toMatchObject({ filledBy: { name: city.name, unitName: city.unitName }, confirmedBy: null });
  });
});
