import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { rosterEntries, users } from "@/db/schema";
import { getIssuedAccountByActor } from "@/lib/accounts/queries";
import type { Actor } from "@/lib/core/actor";
import { saveRowCommand } from "@/lib/roster/commands";
import { getEventsBySubmission, getWorkspaceForActor } from "@/lib/roster/queries";
import { approveCommand, openReviewCommand } from "@/lib/review/commands";
import { submitCommand } from "@/lib/submissions/commands";
import { getOutcomeBySubmission } from "@/lib/submissions/queries";
import { currentStep, STEPS } from "@/lib/submissions/steps";
import { actorFor, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, fillEveryRow, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, unitByCode, uploadScan } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const LATER = new Date(NOW.getTime() + 2 * 60 * 60_000);
/** 辛集市: a table of three rows (its bureau and two schools). */
const XINJI = "130181";
/** A school of 长安区 (in 石家庄's table), and 正定县, a county of 石家庄 that is not 长安区. */
const CHANGAN_SCHOOL = "3613010002";
const ZHENGDING = "130123";

async function filler(db: Db, code: string): Promise<Actor> {
  const email = `filler-${code}@test.baosong.cn`;
  await db.insert(users).values({ email, name: "马丽", role: "city_officer", unitId: (await unitByCode(db, code)).id, status: "active", passwordHash: "x" });
  return actorFor(db, email);
}

/** 辛集's table filled, signed and submitted; approved at LATER when `approve`. */
async function xinjiTable(db: Db, { approve }: { approve: boolean }) {
  const { id } = await submissionOf(db, XINJI);
  const actor = await filler(db, XINJI);
  await fillEveryRow(db, actor, id, "xinji");
  await saveHeader(db, actor, id);
  await uploadScan(db, actor, id);
  dataOf(await run(db, submitCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version }, actor));
  if (approve) await approveAtLater(db, id);
  return id;
}

async function approveAtLater(db: Db, id: number) {
  const reviewer = await actorFor(db, REVIEWER_EMAIL);
  const { version } = dataOf(await run(db, openReviewCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version }, reviewer, LATER));
  dataOf(await run(db, approveCommand, { submissionId: id, expectedVersion: version }, reviewer, LATER));
}

async function stepOf(db: Db, submissionId: number) {
  const { status } = await submissionById(db, submissionId);
  return currentStep({ status, hasScan: true, ...(await getOutcomeBySubmission({ db, submissionId })) });
}

describe("after approval", () => {
  it("ticks 账号开通 once every row's account is issued, and knows when the table was approved", async () => {
    const { db } = world;
    const submitted = await xinjiTable(db, { approve: false });
    expect(await getOutcomeBySubmission({ db, submissionId: submitted })).toEqual({ approvedAt: null, accountsIssued: false });
    expect(STEPS[await stepOf(db, submitted)]).toBe("省级审核");

    await approveAtLater(db, submitted);
    expect(await getOutcomeBySubmission({ db, submissionId: submitted })).toEqual({ approvedAt: LATER, accountsIssued: true });
    expect(await stepOf(db, submitted)).toBe(STEPS.length);

    // An approved table whose rows have no accounts yet stands at 账号开通, not past it.
    await db.update(rosterEntries).set({ issuedUserId: null }).where(eq(rosterEntries.submissionId, submitted));
    expect(STEPS[await stepOf(db, submitted)]).toBe("账号开通");
  });

  it("tells the new administrator their unit and the approval that issued their account; others have none", async () => {
    const { db } = world;
    const id = await xinjiTable(db, { approve: true });
    const school = await unitByCode(db, "3613130002");
    const [entry] = await db.select().from(rosterEntries).where(and(eq(rosterEntries.submissionId, id), eq(rosterEntries.unitId, school.id)));
    const [issued] = await db.select().from(users).where(eq(users.id, entry.issuedUserId!));
    const administrator = await actorFor(db, issued.email);
    expect(administrator).toMatchObject({ unitId: school.id, role: "school_staff" });

    expect(await getIssuedAccountByActor({ db, actor: administrator })).toEqual({
      unitName: school.name,
      campaignId: entry.campaignId,
      campaignTitle: expect.stringContaining("全国中等职业学校管理信息系统"),
      docNumber: "冀教办函〔2021〕26号",
      reportingUnitName: "辛集市教育局",
      approvedAt: LATER,
    });
    expect(await getIssuedAccountByActor({ db, actor: await actorFor(db, CITY_EMAIL) })).toBeNull();
  });
});

describe("the timeline of a county reading its city's table", () => {
  it("holds only the events of its own units and the table's milestones; the city reads every event", async () => {
    const { db } = world;
    const city = await actorFor(db, CITY_EMAIL);
    const county = await actorFor(db, COUNTY_EMAIL);
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    for (const [i, code] of [CHANGAN, CHANGAN_SCHOOL, ZHENGDING].entries()) {
      const unit = await unitByCode(db, code);
      dataOf(await run(db, saveRowCommand, rowInput(id, unit.id, { email: `row${i}@example.com`, phone: `1380013800${i}`, schoolCode: unit.schoolCode ?? "" }), city));
    }
    await saveHeader(db, city, id);
    await uploadScan(db, city, id);

    const read = async (actor: Actor) => (await getWorkspaceForActor({ db, actor, submissionId: id, view: FIRST_PAGE }))!.events.events.map((e) => [e.action, e.detail.unitName ?? null]);
    expect(await read(county)).toEqual([
      ["row.saved", "长安区示例职业中学"],
      ["row.saved", "长安区教育局"],
    ]);
    expect(await read(city)).toEqual([
      ["scan.uploaded", null],
      ["header.saved", null],
      ["row.saved", "正定县教育局"],
      ["row.saved", "长安区示例职业中学"],
      ["row.saved", "长安区教育局"],
    ]);

    // The pages after the first keep to the same scope.
    const first = await getEventsBySubmission({ db, submissionId: id, onlyUnitsOf: county });
    const older = await getEventsBySubmission({ db, submissionId: id, before: first.events[0].id, onlyUnitsOf: county });
    expect(older.events.map((e) => e.detail.unitName)).toEqual(["长安区教育局"]);

    // Submitting concerns every unit of the table: the county reads it, but none of the other counties' rows.
    await fillEveryRow(db, city, id);
    await uploadScan(db, city, id);
    dataOf(await run(db, submitCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version }, city));
    expect(await read(county)).toEqual([
      ["submitted", null],
      ["row.saved", "长安区示例职业中学"],
      ["row.saved", "长安区教育局"],
    ]);
  });
});
